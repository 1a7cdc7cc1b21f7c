"""One FilterSet per model, used by both the API lists and the pages."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from mieux.filtersets import BaseFilterSet, IdFilter, StrictBooleanFilter

from .choices import CredentialKind, EnrolmentStatus
from .models import CertificationProgramme, Enrolment


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
