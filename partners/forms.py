from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from mieux.forms import ServiceModelForm
from mieux.roles import Role

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


# --- Portal accounts ----------------------------------------------------------------------------


def invitation_language_for(person: Person) -> str:
    """The language an invitation to this person speaks unless staff choose: the first of the
    person's languages the platform has, else the platform's default."""
    available = {code for code, _name in settings.LANGUAGES}
    return next((code for code in person.languages or [] if code in available), settings.LANGUAGE_CODE)


class InvitationForm(forms.Form):
    """Staff invite a person to the portal: the role the account will have and the language of the
    e-mail and of the account. Experts only for people on the roster (partners.accounts checks too)."""

    role = forms.ChoiceField(label=_("Role"))
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args, person: Person, **kwargs):
        kwargs.setdefault("initial", {"language": invitation_language_for(person)})
        super().__init__(*args, **kwargs)
        offered = {Role.FOCAL_POINT, Role.HR_OFFICER, Role.TRAINING_OFFICER, Role.OFFICIAL}
        if hasattr(person, "expert_profile"):
            offered.add(Role.EXPERT)
        self.fields["role"].choices = [(value, label) for value, label in Role.choices if value in offered]


class AccountStatusForm(forms.Form):
    """Why an account is deactivated or reactivated; kept in the audit trail."""

    reason = forms.CharField(label=_("Reason"), max_length=500, required=False, strip=True)


class InvitationAcceptForm(forms.Form):
    """The invitee's name as the platform shows it and the password they choose. The password rules
    are checked by partners.accounts.invitation_accept, whose refusals appear under `password`."""

    full_name = forms.CharField(label=_("Full name"), max_length=200, strip=True)
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        password, again = cleaned.get("password"), cleaned.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", _("The two passwords are not the same."))
        return cleaned
