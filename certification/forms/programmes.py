from django import forms
from django.utils.translation import gettext_lazy as _

from actions.choices import ActionType
from actions.models import Action
from mieux.forms import ServiceModelForm
from partners.models import Person

from .. import selectors
from ..models import CertificationProgramme


class NominationForm(forms.Form):
    """An HR or training-unit officer puts one of their institution's officials forward."""

    person = forms.ModelChoiceField(label=_("Official"), queryset=Person.objects.none())
    motivation = forms.CharField(
        label=_("Why this official"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The official's role in the institution and how they will pass the skills on."),
    )

    def __init__(self, *args, user, programme, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        field.queryset = selectors.nominable_people(user, programme)
        field.label_from_instance = self.person_label
        field.empty_label = _("Choose an official")

    @staticmethod
    def person_label(person) -> str:
        parts = [str(person)]
        if person.position:
            parts.append(person.position)
        parts.append(person.institution.acronym or str(person.institution))
        return " · ".join(parts)

    def service_data(self) -> dict:
        return {"person": self.cleaned_data["person"], "motivation": self.cleaned_data["motivation"].strip()}


class ProgrammeForm(ServiceModelForm):
    """Programme staff set up a certification programme and the holistic Actions that run it."""

    actions = forms.ModelMultipleChoiceField(
        label=_("Actions"),
        queryset=Action.objects.none(),
        required=False,
        help_text=_("The holistic capacity development Actions in which the programme runs."),
    )

    class Meta:
        model = CertificationProgramme
        fields = [
            "name_en",
            "name_fr",
            "name_es",
            "kind",
            "description_en",
            "description_fr",
            "description_es",
            "actions",
            "accepts_nominations",
        ]
        widgets = {
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "description_es": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = (
            Action.objects.for_user(user).filter(type=ActionType.HOLISTIC).order_by("code")
        )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"name_{code}") for code in ("en", "fr", "es")):
            self.add_error("name_en", _("Give the name in at least one language."))
        return cleaned

    def service_data(self) -> dict:
        data = super().service_data()
        data["actions"] = list(data.get("actions") or [])
        return data
