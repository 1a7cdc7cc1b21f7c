"""One FilterSet per model, used by both the API lists and the pages."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mieux.filtersets import BaseFilterSet, IdFilter, StrictBooleanFilter
from mieux.models import User
from mieux.roles import STAFF_ROLES
from partners.choices import InstitutionType, ProgrammeRegion
from partners.filtersets import CountryFilter, countries_in_region

from .choices import (
    ActionStatus,
    ActionType,
    ActivityStatus,
    ActivityType,
    DecisionOutcome,
    RequestChannel,
    RequestStatus,
)
from .models import (
    Action,
    Activity,
    GlobalCompactObjective,
    ProgrammePhase,
    PurposeCode,
    SteeringCommitteeMeeting,
    SupportRequest,
    ThematicArea,
)


def _any_country(field_name: str, codes) -> Q:
    """Rows whose multi-country field holds any of the codes. Codes are two letters and stored
    comma-separated, so a substring match cannot straddle two codes."""
    query = Q()
    for code in codes:
        query |= Q(**{f"{field_name}__contains": code})
    return query


class MultiCountryFilterMixin(django_filters.FilterSet):
    country = CountryFilter(label=_("Country"), method="filter_country")
    region = django_filters.ChoiceFilter(
        label=_("Programme region"), choices=ProgrammeRegion.choices, method="filter_region"
    )

    def filter_country(self, queryset, name, value):
        return queryset.filter(_any_country("countries", value)) if value else queryset

    def filter_region(self, queryset, name, value):
        return queryset.filter(_any_country("countries", countries_in_region(value)))


class YearFilter(IdFilter):
    """A calendar year."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


class SupportRequestFilterSet(MultiCountryFilterMixin, BaseFilterSet):
    search_fields = ("reference", "title", "needs_statement")

    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=RequestStatus.choices)
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=RequestChannel.choices)
    thematic_area = django_filters.ModelChoiceFilter(
        label=_("Thematic area"), queryset=ThematicArea.objects.filter(parent__isnull=True)
    )
    proposed_action_type = django_filters.ChoiceFilter(
        label=_("Proposed Action type"), choices=ActionType.choices
    )
    requester_type = django_filters.MultipleChoiceFilter(
        label=_("Requester type"), choices=InstitutionType.choices, method="filter_requester_type"
    )
    institution = IdFilter(label=_("Requesting institution (id)"), method="filter_institution")
    eligible = StrictBooleanFilter(label=_("Eligible"), field_name="is_eligible")
    year = YearFilter(label=_("Year received"), field_name="received_on__year")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("received_on", "received"), ("reference", "reference"), ("status", "status")),
        field_labels={"received_on": _("Received on"), "reference": _("Reference"), "status": _("Status")},
    )

    class Meta:
        model = SupportRequest
        fields = [
            "q",
            "status",
            "channel",
            "thematic_area",
            "proposed_action_type",
            "country",
            "region",
            "year",
        ]

    def filter_requester_type(self, queryset, name, value):
        if not value:
            return queryset
        from .models import RequestingInstitution

        ids = RequestingInstitution.objects.filter(institution__type__in=value).values("request_id")
        return queryset.filter(pk__in=ids)

    def filter_institution(self, queryset, name, value):
        from .models import RequestingInstitution

        return queryset.filter(
            pk__in=RequestingInstitution.objects.filter(institution_id=value).values("request_id")
        )


class ActionFilterSet(MultiCountryFilterMixin, BaseFilterSet):
    search_fields = ("code", "short_name", "title_en", "title_fr", "title_es")

    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=ActionStatus.choices)
    type = django_filters.MultipleChoiceFilter(label=_("Type"), choices=ActionType.choices)
    phase = django_filters.ModelChoiceFilter(label=_("Phase"), queryset=ProgrammePhase.objects.all())
    thematic_area = django_filters.ModelChoiceFilter(
        label=_("Thematic area"), queryset=ThematicArea.objects.filter(parent__isnull=True)
    )
    # On the many-to-many column itself: one objective matches each Action at most once (no duplicates).
    gcm_objective = django_filters.ModelChoiceFilter(
        label=_("Global Compact objective"),
        field_name="gcm_objectives",
        queryset=GlobalCompactObjective.objects.all(),
    )
    officer = django_filters.ModelChoiceFilter(
        label=_("Programme officer"),
        field_name="officer",
        queryset=lambda request: User.objects.filter(role__in=STAFF_ROLES, is_active=True),
    )
    year = YearFilter(label=_("Year approved"), field_name="approved_on__year")
    published = StrictBooleanFilter(label=_("Published"))
    institution = IdFilter(label=_("Partner institution (id)"), method="filter_institution")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("approved_on", "approved"), ("code", "code"), ("short_name", "name"), ("status", "status")),
        field_labels={
            "approved_on": _("Approved on"),
            "code": _("Code"),
            "short_name": _("Name"),
            "status": _("Status"),
        },
    )

    class Meta:
        model = Action
        fields = [
            "q",
            "status",
            "type",
            "phase",
            "thematic_area",
            "country",
            "region",
            "gcm_objective",
            "year",
        ]

    def filter_institution(self, queryset, name, value):
        from .models import ActionPartner

        return queryset.filter(pk__in=ActionPartner.objects.filter(institution_id=value).values("action_id"))


class MeetingFilterSet(BaseFilterSet):
    search_fields = ("location", "notes")

    year = YearFilter(label=_("Year"), field_name="held_on__year")
    outcome = django_filters.ChoiceFilter(
        label=_("Has a decision"),
        choices=DecisionOutcome.choices,
        field_name="decisions__outcome",
        distinct=True,
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"), fields=(("held_on", "held"),), field_labels={"held_on": _("Held on")}
    )

    class Meta:
        model = SteeringCommitteeMeeting
        fields = ["q", "year"]


class ThematicAreaFilterSet(BaseFilterSet):
    search_fields = ("code", "name_en", "name_fr", "name_es")

    top_level = StrictBooleanFilter(label=_("Thematic areas only"), field_name="parent", lookup_expr="isnull")
    parent = IdFilter(label=_("Thematic area (id)"), field_name="parent_id")
    ordering = django_filters.OrderingFilter(label=_("Sort by"), fields=(("code", "code"),))

    class Meta:
        model = ThematicArea
        fields = ["q", "top_level", "parent"]


class GlobalCompactObjectiveFilterSet(BaseFilterSet):
    search_fields = ("title_en", "title_fr", "title_es")
    ordering = django_filters.OrderingFilter(label=_("Sort by"), fields=(("number", "number"),))

    class Meta:
        model = GlobalCompactObjective
        fields = ["q"]


class PurposeCodeFilterSet(BaseFilterSet):
    search_fields = ("code", "name_en", "name_fr", "name_es")
    ordering = django_filters.OrderingFilter(label=_("Sort by"), fields=(("code", "code"),))

    class Meta:
        model = PurposeCode
        fields = ["q"]


class ProgrammePhaseFilterSet(BaseFilterSet):
    search_fields = ("code", "name_en", "name_fr", "name_es")
    ordering = django_filters.OrderingFilter(label=_("Sort by"), fields=(("starts_on", "starts"),))

    class Meta:
        model = ProgrammePhase
        fields = ["q"]


class ActivityFilterSet(BaseFilterSet):
    search_fields = ("title",)

    # The Action by id: an Action the user cannot see simply matches nothing, like one that does not
    # exist, so the filter confirms nothing about other institutions' Actions.
    action = IdFilter(label=_("Action (id)"), field_name="action_id")
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=ActivityStatus.choices)
    type = django_filters.MultipleChoiceFilter(label=_("Type"), choices=ActivityType.choices)
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"), fields=(("sequence", "sequence"), ("planned_start", "planned_start"))
    )

    class Meta:
        model = Activity
        fields = ["q", "action", "status", "type"]
