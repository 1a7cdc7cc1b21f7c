from django import forms
from django.utils.translation import gettext_lazy as _

from mieux.forms import ServiceModelForm

from .models import SPOKEN_LANGUAGE_CODES, CoordinationMechanism, Department, Expert, Institution, Person


class NameInSomeLanguageFormMixin:
    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"name_{code}") for code in ("en", "fr", "es")):
            self.add_error("name_en", _("Give the name in at least one language."))
        return cleaned


class InstitutionForm(NameInSomeLanguageFormMixin, ServiceModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Institution
        fields = [
            "name_en",
            "name_fr",
            "name_es",
            "acronym",
            "type",
            "country",
            "parent",
            "capacity_development_kind",
            "website",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Institution.objects.for_user(user).order_by("name_en")


class DepartmentForm(ServiceModelForm):
    class Meta:
        model = Department
        fields = ["institution", "kind", "name"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = Institution.objects.for_user(user).order_by("name_en")


class LanguagesField(forms.CharField):
    """Languages typed as "en, fr, es"; stored as a list of codes."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value)
        codes = [code.strip().lower() for code in text.replace(";", ",").split(",") if code.strip()]
        unknown = sorted(set(codes) - SPOKEN_LANGUAGE_CODES)
        if unknown:
            raise forms.ValidationError(
                _("Unknown language code(s): %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return codes


class PersonForm(ServiceModelForm):
    languages = LanguagesField(
        label=_("Languages"),
        required=False,
        max_length=200,
        help_text=_("Codes separated by commas, e.g. en, fr."),
    )

    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "gender",
            "position",
            "institution",
            "department",
            "email",
            "languages",
            "consent_to_contact",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = Institution.objects.for_user(user).order_by("name_en")
        self.fields["department"].queryset = Department.objects.for_user(user).select_related("institution")


class CoordinationMechanismForm(NameInSomeLanguageFormMixin, ServiceModelForm):
    class Meta:
        model = CoordinationMechanism
        fields = [
            "name_en",
            "name_fr",
            "name_es",
            "country",
            "description_en",
            "description_fr",
            "description_es",
            "established_on",
            "members",
        ]
        widgets = {"established_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = Institution.objects.for_user(user).order_by("name_en")


class ExpertiseAreasField(forms.CharField):
    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value)
        return [code.strip().upper() for code in text.split(",") if code.strip()]


class ExpertForm(ServiceModelForm):
    expertise_areas = ExpertiseAreasField(
        label=_("Expertise areas"),
        required=False,
        max_length=400,
        help_text=_("Thematic area codes separated by commas, e.g. IMT, LM."),
    )

    class Meta:
        model = Expert
        fields = ["person", "member_state", "expertise_areas", "roster_status", "nominating_focal_point"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.for_user(user).select_related("institution")
        self.fields["person"].queryset = people
        self.fields["nominating_focal_point"].queryset = people
