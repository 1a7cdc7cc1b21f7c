"""Fields entered in English, French and Spanish (django-modeltranslation adds name_en/_fr/_es)."""

from modeltranslation.translator import TranslationOptions, register

from .models import CoordinationMechanism, Institution


@register(Institution)
class InstitutionTranslation(TranslationOptions):
    fields = ("name",)
    # A name may be known in its original language only; the others fall back (see settings).
    required_languages = ()


@register(CoordinationMechanism)
class CoordinationMechanismTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ()
