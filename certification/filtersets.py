"""One FilterSet per model, used by both the API lists and the pages."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from mieux.filtersets import BaseFilterSet, IdFilter, StrictBooleanFilter

from .choices import (
    AssessmentKind,
    CareerChangeKind,
    CredentialKind,
    CredentialStatus,
    EnrolmentStatus,
    ModuleProvider,
)
from .models import (
    Assessment,
    CareerStep,
    CertificationProgramme,
    Competency,
    Credential,
    Curriculum,
    CurriculumModule,
    Enrolment,
    LearningRecord,
    ReplicaSession,
)


class CertificationProgrammeFilterSet(BaseFilterSet):
    search_fields = ("name_en", "name_fr", "name_es", "description_en", "description_fr", "description_es")

    kind = django_filters.ChoiceFilter(label=_("Credential"), choices=CredentialKind.choices)
    accepts_nominations = StrictBooleanFilter(label=_("Open for nominations"))
    action = IdFilter(label=_("Action (id)"), field_name="actions", distinct=True)
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"), fields=(("name", "name"),), field_labels={"name": _("Name")}
    )

    class Meta:
        model = CertificationProgramme
        fields = ["q", "kind", "accepts_nominations", "action"]


class EnrolmentFilterSet(BaseFilterSet):
    search_fields = ("person__first_name", "person__last_name", "programme__name_en", "institution__acronym")

    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=EnrolmentStatus.choices)
    programme = IdFilter(label=_("Programme (id)"), field_name="programme_id")
    institution = IdFilter(label=_("Institution (id)"), field_name="institution_id")
    person = IdFilter(label=_("Official (id)"), field_name="person_id")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("nominated_on", "nominated"), ("status", "status")),
        field_labels={"nominated_on": _("Nominated on"), "status": _("Status")},
    )

    class Meta:
        model = Enrolment
        fields = ["q", "status", "programme", "institution", "person"]


class AssessmentFilterSet(BaseFilterSet):
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=AssessmentKind.choices)
    enrolment = IdFilter(label=_("Enrolment (id)"), field_name="enrolment_id")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("assessed_on", "assessed"),),
        field_labels={"assessed_on": _("Assessed on")},
    )

    class Meta:
        model = Assessment
        fields = ["kind", "enrolment"]


class ReplicaSessionFilterSet(BaseFilterSet):
    search_fields = ("title", "trainer__first_name", "trainer__last_name")

    institution = IdFilter(label=_("Institution (id)"), field_name="institution_id")
    trainer = IdFilter(label=_("Trainer (id)"), field_name="trainer_id")
    enrolment = IdFilter(label=_("Enrolment (id)"), field_name="enrolment_id")
    supervised = StrictBooleanFilter(label=_("Supervised or co-delivered"))
    held_from = django_filters.DateFilter(label=_("Held from"), field_name="held_on", lookup_expr="gte")
    held_to = django_filters.DateFilter(label=_("Held until"), field_name="held_on", lookup_expr="lte")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"), fields=(("held_on", "held"),), field_labels={"held_on": _("Held on")}
    )

    class Meta:
        model = ReplicaSession
        fields = ["q", "institution", "trainer", "enrolment", "supervised", "held_from", "held_to"]


class CredentialFilterSet(BaseFilterSet):
    search_fields = ("person__first_name", "person__last_name", "programme__name_en", "public_id")

    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=CredentialStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Credential"), choices=CredentialKind.choices)
    programme = IdFilter(label=_("Programme (id)"), field_name="programme_id")
    institution = IdFilter(label=_("Institution (id)"), field_name="institution_id")
    person = IdFilter(label=_("Holder (id)"), field_name="person_id")
    valid_until_before = django_filters.DateFilter(
        label=_("Valid until, at the latest"), field_name="valid_until", lookup_expr="lte"
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("issued_on", "issued"), ("valid_until", "valid_until")),
        field_labels={"issued_on": _("Issued on"), "valid_until": _("Valid until")},
    )

    class Meta:
        model = Credential
        fields = ["q", "status", "kind", "programme", "institution", "person", "valid_until_before"]


class CurriculumFilterSet(BaseFilterSet):
    search_fields = ("name", "institution__name_en", "institution__acronym")

    institution = IdFilter(label=_("Institution (id)"), field_name="institution_id")

    class Meta:
        model = Curriculum
        fields = ["q", "institution"]


class CurriculumModuleFilterSet(BaseFilterSet):
    search_fields = ("title", "provider")

    curriculum = IdFilter(label=_("Curriculum (id)"), field_name="curriculum_id")
    provider_kind = django_filters.ChoiceFilter(label=_("Provided by"), choices=ModuleProvider.choices)
    is_active = StrictBooleanFilter(label=_("In the training offer"))

    class Meta:
        model = CurriculumModule
        fields = ["q", "curriculum", "provider_kind", "is_active"]


class LearningRecordFilterSet(BaseFilterSet):
    search_fields = ("title", "provider", "person__first_name", "person__last_name")

    person = IdFilter(label=_("Official (id)"), field_name="person_id")
    institution = IdFilter(label=_("Institution (id)"), field_name="institution_id")
    module = IdFilter(label=_("Module (id)"), field_name="module_id")
    refresh_by_before = django_filters.DateFilter(
        label=_("Refresh due by"), field_name="refresh_by", lookup_expr="lte"
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("completed_on", "completed"), ("refresh_by", "refresh_by")),
        field_labels={"completed_on": _("Completed on"), "refresh_by": _("Refresh by")},
    )

    class Meta:
        model = LearningRecord
        fields = ["q", "person", "institution", "module", "refresh_by_before"]


class CareerStepFilterSet(BaseFilterSet):
    person = IdFilter(label=_("Official (id)"), field_name="person_id")
    institution = IdFilter(label=_("Institution (id)"), field_name="institution_id")
    change = django_filters.ChoiceFilter(label=_("Change"), choices=CareerChangeKind.choices)

    class Meta:
        model = CareerStep
        fields = ["person", "institution", "change"]


class CompetencyFilterSet(BaseFilterSet):
    programme = IdFilter(label=_("Programme (id)"), field_name="programme_id")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"), fields=(("position", "position"),), field_labels={"position": _("Position")}
    )

    class Meta:
        model = Competency
        fields = ["programme"]
