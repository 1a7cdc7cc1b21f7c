"""Forms of the certification path: the competency framework, recognition evidence, assessments
(with the rubric of the programme's competencies) and replica sessions. They validate only; the
views hand `service_data()` to certification.services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from actions.forms import DATE_INPUT, DocumentField
from mieux.forms import ServiceModelForm
from partners.models import Institution

from .. import selectors
from ..choices import AssessmentKind
from ..models import Competency, RecognitionEvidence
from ..services import RUBRIC_MAX_LEVEL

LANGUAGE_CODES = ("en", "fr", "es")


class CompetencyForm(ServiceModelForm):
    """One competency of the framework, named in at least one language."""

    class Meta:
        model = Competency
        fields = [
            "name_en",
            "name_fr",
            "name_es",
            "description_en",
            "description_fr",
            "description_es",
            "position",
        ]
        widgets = {f"description_{code}": forms.Textarea(attrs={"rows": 3}) for code in LANGUAGE_CODES}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].help_text = _("Competencies are listed in this order.")

    def clean(self):
        cleaned = super().clean()
        if not any((cleaned.get(f"name_{code}") or "").strip() for code in LANGUAGE_CODES):
            self.add_error("name_en", _("Give the name in at least one language."))
        return cleaned


class RecognitionForm(ServiceModelForm):
    """Enabling-environment evidence: how the scheme is recognised, with its document."""

    document = DocumentField(label=_("Document"))

    class Meta:
        model = RecognitionEvidence
        fields = ["kind", "title", "reference", "recognised_on", "institution", "document"]
        widgets = {"recognised_on": DATE_INPUT}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["institution"]
        field.queryset = Institution.objects.order_by("name", "id")
        field.help_text = _("The body that recognised the scheme, when it is one the platform knows.")

    def service_data(self) -> dict:
        data = super().service_data()
        if not data.get("document"):
            data.pop("document", None)
        return data


LEVEL_CHOICES = [("", "—")] + [(level, str(level)) for level in range(RUBRIC_MAX_LEVEL + 1)]
PORTFOLIO_CHOICES = [
    ("", "—"),
    ("yes", pgettext_lazy("portfolio", "Accepted")),
    ("no", pgettext_lazy("portfolio", "Not accepted")),
]


class AssessmentForm(forms.Form):
    """An assessor's result. A practical assessment is scored on the rubric (one level 0–4 per
    competency, the score is computed) or given a score; a portfolio review is accepted or not."""

    kind = forms.ChoiceField(label=_("Kind"), choices=AssessmentKind.choices)
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DATE_INPUT)
    score = forms.DecimalField(
        label=_("Score (%)"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=1,
        help_text=_("Leave empty for a practical assessment scored on the rubric, or a portfolio review."),
    )
    portfolio_accepted = forms.TypedChoiceField(
        label=_("Portfolio"),
        choices=PORTFOLIO_CHOICES,
        required=False,
        coerce=lambda value: value == "yes",
        empty_value=None,
        help_text=_("For a portfolio review."),
    )
    replica_session = forms.ModelChoiceField(
        label=_("Replica session observed"),
        queryset=None,
        required=False,
        help_text=_("For a supervised delivery."),
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = DocumentField(label=_("Evidence"))

    def __init__(self, *args, enrolment, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolment = enrolment
        self.fields["replica_session"].queryset = enrolment.replica_sessions.order_by("-held_on", "-id")
        self.competencies = list(selectors.programme_competencies(enrolment.programme))
        for competency in self.competencies:
            self.fields[self.rubric_field_name(competency)] = forms.TypedChoiceField(
                label=str(competency),
                choices=LEVEL_CHOICES,
                required=False,
                coerce=int,
                empty_value=None,
                help_text=_("Level 0 (not shown) to %(max)s (mastered).") % {"max": RUBRIC_MAX_LEVEL},
            )

    @staticmethod
    def rubric_field_name(competency) -> str:
        return f"rubric_{competency.pk}"

    def rubric_fields(self):
        return [self[self.rubric_field_name(competency)] for competency in self.competencies]

    def main_fields(self):
        return [field for field in self.visible_fields() if not field.name.startswith("rubric_")]

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        levels = {
            competency.pk: cleaned.get(self.rubric_field_name(competency)) for competency in self.competencies
        }
        given = {pk: level for pk, level in levels.items() if level is not None}
        if kind == AssessmentKind.PRACTICAL and given:
            for competency in self.competencies:
                if levels[competency.pk] is None and not self.has_error(self.rubric_field_name(competency)):
                    self.add_error(self.rubric_field_name(competency), _("Score every competency."))
        cleaned["rubric"] = given if kind == AssessmentKind.PRACTICAL else {}
        return cleaned

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "assessed_on": data["assessed_on"],
            "score": None if data["kind"] == AssessmentKind.PRACTICAL and data["rubric"] else data["score"],
            "rubric": data["rubric"],
            "portfolio_accepted": data["portfolio_accepted"],
            "replica_session": data["replica_session"],
            "comment": data["comment"].strip(),
            "evidence": data["evidence"] or None,
        }


class ReplicaSessionForm(forms.Form):
    """A session the candidate delivered to colleagues. For a MIEUX+ activity the participant count
    and rating come from its participations; otherwise they are entered here."""

    title = forms.CharField(label=_("Title"), max_length=255)
    held_on = forms.DateField(label=_("Held on"), widget=DATE_INPUT)
    supervised = forms.BooleanField(label=_("Supervised or co-delivered"), required=False)
    activity = forms.ModelChoiceField(
        label=_("MIEUX+ activity"),
        queryset=None,
        required=False,
        help_text=_("When the session was an activity of the programme's Actions."),
    )
    colleagues_trained = forms.IntegerField(
        label=_("Colleagues trained"), required=False, min_value=0, max_value=100000
    )
    average_rating = forms.DecimalField(
        label=_("Participants' rating (1–5)"),
        required=False,
        min_value=1,
        max_value=5,
        max_digits=3,
        decimal_places=1,
    )

    def __init__(self, *args, enrolment, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["activity"]
        field.queryset = selectors.programme_activities(enrolment.programme)
        field.label_from_instance = lambda activity: f"{activity.action.code} · {activity}"
        field.empty_label = _("Not a MIEUX+ activity")

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("activity") is None
            and cleaned.get("colleagues_trained") is None
            and not self.has_error("colleagues_trained")
        ):
            self.add_error(
                "colleagues_trained", _("Say how many colleagues took part (or choose the activity).")
            )
        return cleaned

    def service_data(self) -> dict:
        data = self.cleaned_data
        from_activity = data["activity"] is not None
        return {
            "title": data["title"].strip(),
            "held_on": data["held_on"],
            "supervised": data["supervised"],
            "activity": data["activity"],
            "colleagues_trained": 0 if from_activity else data["colleagues_trained"],
            "average_rating": None if from_activity else data["average_rating"],
        }
