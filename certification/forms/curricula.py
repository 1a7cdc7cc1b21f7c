"""Forms of the institution's curriculum, its modules, and an official's learning record and career
steps. They validate and offer only what the user may pick; the services re-check and save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mieux.forms import ServiceModelForm
from partners.choices import InstitutionType
from partners.models import Institution, Person

from ..models import (
    CareerStep,
    CertificationProgramme,
    Credential,
    Curriculum,
    CurriculumModule,
    LearningRecord,
)
from ..permissions import is_programme_officer

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RowlessForm(ServiceModelForm):
    """Validates the fields only: the row (its institution, curriculum or official, and values the
    service fills in, such as a module's title) is completed and validated by the service."""

    def _post_clean(self):
        pass


class CurriculumForm(RowlessForm):
    """Programme staff choose the institution of a new curriculum; a training unit opens its own."""

    class Meta:
        model = Curriculum
        fields = ["institution", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk or not is_programme_officer(user):
            # The institution is fixed: the curriculum's own, or the training officer's.
            del self.fields["institution"]
        else:
            field = self.fields["institution"]
            field.queryset = (
                Institution.objects.for_user(user)
                .exclude(type=InstitutionType.MEMBER_STATE_ADMINISTRATION)
                .filter(curriculum__isnull=True)
                .order_by("acronym", "id")
            )
            field.empty_label = _("Choose an institution")


class ModuleForm(RowlessForm):
    trainers = forms.ModelMultipleChoiceField(
        label=_("In-house trainers"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Officials of the institution who deliver this module to colleagues."),
    )

    class Meta:
        model = CurriculumModule
        fields = [
            "title",
            "provider_kind",
            "provider",
            "programme",
            "hours",
            "refresher_months",
            "trainers",
            "is_active",
        ]

    def __init__(self, *args, user=None, curriculum=None, **kwargs):
        super().__init__(*args, **kwargs)
        curriculum = curriculum or self.instance.curriculum
        self.fields["trainers"].queryset = (
            Person.objects.for_user(user)
            .filter(institution_id=curriculum.institution_id)
            .order_by("last_name", "first_name", "id")
        )
        self.fields["programme"].queryset = CertificationProgramme.objects.for_user(user).order_by("name")
        self.fields["programme"].help_text = _("The certification programme this module belongs to, if any.")

    def service_data(self) -> dict:
        data = super().service_data()
        data["trainers"] = list(data.get("trainers") or [])
        data["provider"] = (data.get("provider") or "").strip()
        return data


def _credentials_of(user, person):
    return (
        Credential.objects.for_user(user)
        .filter(person=person)
        .select_related("programme")
        .order_by("-issued_on", "-id")
    )


class LearningRecordForm(RowlessForm):
    """A module of the institution's curriculum (its title, provider and refresh date are taken from
    it) or a training from anywhere else, typed in."""

    class Meta:
        model = LearningRecord
        fields = ["module", "title", "provider", "completed_on", "refresh_by", "credential"]
        widgets = {"completed_on": DATE_INPUT, "refresh_by": DATE_INPUT}
        help_texts = {
            "refresh_by": _("Leave empty to take it from the module's refresher period."),
        }

    def __init__(self, *args, user=None, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = (
            CurriculumModule.objects.for_user(user)
            .filter(curriculum__institution_id=person.institution_id)
            .order_by("title", "id")
        )
        self.fields["module"].empty_label = _("Not in the curriculum")
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Required for a training outside the curriculum.")
        self.fields["credential"].queryset = _credentials_of(user, person)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("module") and not (cleaned.get("title") or "").strip():
            self.add_error("title", _("Give the title of a training outside the curriculum."))
        return cleaned


class CareerStepForm(RowlessForm):
    class Meta:
        model = CareerStep
        fields = ["change", "description", "effective_on", "credential"]
        widgets = {"effective_on": DATE_INPUT}

    def __init__(self, *args, user=None, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["credential"].queryset = _credentials_of(user, person)
        self.fields["credential"].help_text = _("The certification that brought this change, if any.")
