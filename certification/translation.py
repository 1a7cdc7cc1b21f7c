from modeltranslation.translator import TranslationOptions, register

from .models import CertificationProgramme, Competency


@register(CertificationProgramme)
class CertificationProgrammeTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ()


@register(Competency)
class CompetencyTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ()
