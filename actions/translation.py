"""Fields entered in English, French and Spanish. An Action described only in its original
language shows that text in the other two (fallback order in settings)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Action, GlobalCompactObjective, ProgrammePhase, PurposeCode, ThematicArea


@register(ThematicArea)
class ThematicAreaTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ()


@register(GlobalCompactObjective)
class GlobalCompactObjectiveTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ()


@register(PurposeCode)
class PurposeCodeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ()


@register(ProgrammePhase)
class ProgrammePhaseTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ()


@register(Action)
class ActionTranslation(TranslationOptions):
    fields = ("title", "summary", "objectives")
    required_languages = ()
