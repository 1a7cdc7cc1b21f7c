from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from actions.choices import ActionType
from actions.forms import FieldsetsMixin
from actions.models import Action, Activity
from mieux.forms import ServiceModelForm
from partners.choices import InstitutionType
from partners.models import Institution, Person

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


class ProgrammeForm(FieldsetsMixin, ServiceModelForm):
    """Programme staff set up a certification programme: its names, the holistic Actions that run
    it, the co-signing institution, and the rules with their thresholds. The service checks that the
    mandatory modules are activities of the chosen Actions."""

    actions = forms.ModelMultipleChoiceField(
        label=_("Actions"),
        queryset=Action.objects.none(),
        required=False,
        help_text=_("The holistic capacity development Actions in which the programme runs."),
    )
    mandatory_activities = forms.ModelMultipleChoiceField(
        label=_("Mandatory modules"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Activities of the chosen Actions every candidate must attend."),
    )

    fieldsets = (
        (
            _("Programme"),
            ("name_en", "name_fr", "name_es", "kind", "description_en", "description_fr", "description_es"),
        ),
        (_("Issuers and Actions"), ("co_signer", "actions", "mandatory_activities", "accepts_nominations")),
        (
            _("Rules"),
            (
                "min_attendance_percent",
                "knowledge_test_threshold",
                "practical_threshold",
                "replica_sessions_required",
                "replica_min_rating",
                "portfolio_required",
                "validity_months",
            ),
        ),
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
            "co_signer",
            "actions",
            "mandatory_activities",
            "accepts_nominations",
            "min_attendance_percent",
            "knowledge_test_threshold",
            "practical_threshold",
            "replica_sessions_required",
            "replica_min_rating",
            "portfolio_required",
            "validity_months",
        ]
        widgets = {
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "description_es": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        holistic = Action.objects.for_user(user).filter(type=ActionType.HOLISTIC).order_by("code")
        self.fields["actions"].queryset = holistic
        modules = self.fields["mandatory_activities"]
        modules.queryset = (
            Activity.objects.filter(action__in=holistic.values("pk"))
            .select_related("action")
            .order_by("action__code", "sequence", "id")
        )
        modules.label_from_instance = lambda activity: f"{activity.action.code} · {activity}"
        co_signer = self.fields["co_signer"]
        # Capacity development institutions first: they are the expected co-signers.
        co_signer.queryset = Institution.objects.annotate(
            capacity_first=Case(
                When(type=InstitutionType.CAPACITY_DEVELOPMENT_INSTITUTION, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        ).order_by("capacity_first", "name", "id")
        co_signer.label_from_instance = self.institution_label
        co_signer.empty_label = _("No co-signer")

    @staticmethod
    def institution_label(institution) -> str:
        label = f"{institution} ({institution.acronym})" if institution.acronym else str(institution)
        if institution.type == InstitutionType.CAPACITY_DEVELOPMENT_INSTITUTION:
            label += " · " + str(InstitutionType.CAPACITY_DEVELOPMENT_INSTITUTION.label)
        return label

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"name_{code}") for code in ("en", "fr", "es")):
            self.add_error("name_en", _("Give the name in at least one language."))
        return cleaned

    def service_data(self) -> dict:
        data = super().service_data()
        data["actions"] = list(data.get("actions") or [])
        data["mandatory_activities"] = list(data.get("mandatory_activities") or [])
        return data
