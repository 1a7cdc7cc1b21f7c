from modeltranslation.translator import TranslationOptions, register

from .models import CertificationProgramme


@register(CertificationProgramme)
class CertificationProgrammeTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ()
