"""One FilterSet per model, used by both the API lists and the pages."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from mieux.filtersets import BaseFilterSet, IdFilter, StrictBooleanFilter
from mieux.models import User
from mieux.roles import STAFF_ROLES
from partners.choices import Gender, InstitutionType, ProgrammeRegion
from partners.filtersets import CountryFilter, countries_in_region

from .choices import (
    ActionStatus,
    ActionType,
    ActivityStatus,
    ActivityType,
    CoordinationActor,
    CoordinationStage,
    CoordinationStatus,
    DecisionOutcome,
    DeliverableStatus,
    DeliverableType,
    ExpertRole,
    FollowUpAnswer,
    ImportStatus,
    IndicatorMeasure,
    KirkpatrickLevel,
    Modality,
    OecdLevel,
    PeriodStatus,
    RequestChannel,
    RequestStatus,
    ResultKind,
)
from .models import (
    Action,
    Activity,
    AttendanceImport,
    CoordinationCell,
    Deliverable,
    ExpertAssignment,
    GlobalCompactObjective,
    Indicator,
    IndicatorPeriod,
    Participation,
    ProgrammePhase,
    PurposeCode,
    Result,
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        if (
            "status" in self.filters
            and user is not None
            and user.is_authenticated
            and user.sees_whole_portfolio
        ):
            # Drafts stay with their institution until sent: the page does not offer staff a
            # status they can never see. Only the widget's list changes, so `?status=draft` stays a
            # valid (empty) filter in the API, whose schema lists every status.
            field = self.filters["status"].field
            field.widget.choices = [choice for choice in field.choices if choice[0] != RequestStatus.DRAFT]

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


# --- What happens inside an Action ----------------------------------------------------------
#
# Filters by a related object take its id: an object the user cannot see simply matches nothing,
# like one that does not exist, so a filter confirms nothing about other institutions' data.


class ActionScopeMixin(django_filters.FilterSet):
    """Filters every row of an Action has: the Action (by id) and the Action's country, region,
    type and phase. `action_path` is the lookup from the row to its Action."""

    action_path = "action"

    action = IdFilter(label=_("Action (id)"), method="filter_action")
    action_type = django_filters.MultipleChoiceFilter(
        label=_("Action type"), choices=ActionType.choices, method="filter_action_type"
    )
    phase = django_filters.ModelChoiceFilter(
        label=_("Phase"), queryset=ProgrammePhase.objects.all(), method="filter_phase"
    )

    def filter_action(self, queryset, name, value):
        return queryset.filter(**{f"{self.action_path}_id": value})

    def filter_action_type(self, queryset, name, value):
        return queryset.filter(**{f"{self.action_path}__type__in": value}) if value else queryset

    @extend_schema_field(OpenApiTypes.INT)  # the phase's id (the schema cannot infer it through `method`)
    def filter_phase(self, queryset, name, value):
        return queryset.filter(**{f"{self.action_path}__phase": value}) if value else queryset


class DateRangeMixin(django_filters.FilterSet):
    """`from` and `to` (YYYY-MM-DD) on the row's main date, `date_field`."""

    date_field = "planned_start"

    date_from = django_filters.DateFilter(label=_("From"), method="filter_date_from")
    date_to = django_filters.DateFilter(label=_("To"), method="filter_date_to")

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__gte": value})

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__lte": value})


class ActivityFilterSet(ActionScopeMixin, DateRangeMixin, BaseFilterSet):
    search_fields = ("title", "city")

    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=ActivityStatus.choices)
    type = django_filters.MultipleChoiceFilter(label=_("Type"), choices=ActivityType.choices)
    modality = django_filters.ChoiceFilter(label=_("Modality"), choices=Modality.choices)
    level = django_filters.ChoiceFilter(
        label=_("OECD level"), choices=OecdLevel.choices, field_name="oecd_level"
    )
    country = CountryFilter(label=_("Country"), field_name="country")
    expert = IdFilter(label=_("Expert (id)"), method="filter_expert")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("sequence", "sequence"), ("planned_start", "planned_start"), ("held_on", "held_on")),
        field_labels={"sequence": _("Number"), "planned_start": _("Planned start"), "held_on": _("Held on")},
    )

    class Meta:
        model = Activity
        fields = ["q", "action", "status", "type", "modality", "level", "country", "date_from", "date_to"]

    def filter_expert(self, queryset, name, value):
        return queryset.filter(pk__in=ExpertAssignment.objects.filter(expert_id=value).values("activity_id"))


class ExpertAssignmentFilterSet(ActionScopeMixin, DateRangeMixin, BaseFilterSet):
    action_path = "activity__action"
    date_field = "activity__planned_start"
    search_fields = ("expert__person__last_name", "expert__person__first_name", "activity__title")

    activity = IdFilter(label=_("Activity (id)"), field_name="activity_id")
    expert = IdFilter(label=_("Expert (id)"), field_name="expert_id")
    role = django_filters.MultipleChoiceFilter(label=_("Role"), choices=ExpertRole.choices)
    status = django_filters.MultipleChoiceFilter(
        label=_("Activity status"), choices=ActivityStatus.choices, field_name="activity__status"
    )
    type = django_filters.MultipleChoiceFilter(
        label=_("Activity type"), choices=ActivityType.choices, field_name="activity__type"
    )
    country = CountryFilter(label=_("Country of the activity"), field_name="activity__country")
    member_state = CountryFilter(label=_("Expert's country"), field_name="expert__member_state")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("id", "id"), ("activity__planned_start", "planned_start"), ("days", "days")),
    )

    class Meta:
        model = ExpertAssignment
        fields = ["q", "action", "activity", "expert", "role", "status", "type", "date_from", "date_to"]


class ParticipationFilterSet(ActionScopeMixin, DateRangeMixin, BaseFilterSet):
    action_path = "activity__action"
    date_field = "activity__held_on"
    search_fields = ("person__last_name", "person__first_name")

    activity = IdFilter(label=_("Activity (id)"), field_name="activity_id")
    person = IdFilter(label=_("Person (id)"), field_name="person_id")
    institution = IdFilter(label=_("Institution (id)"), field_name="institution_id")
    gender = django_filters.MultipleChoiceFilter(label=_("Gender"), choices=Gender.choices)
    institution_type = django_filters.MultipleChoiceFilter(
        label=_("Institution type"), choices=InstitutionType.choices, field_name="institution__type"
    )
    type = django_filters.MultipleChoiceFilter(
        label=_("Activity type"), choices=ActivityType.choices, field_name="activity__type"
    )
    level = django_filters.ChoiceFilter(
        label=_("OECD level"), choices=OecdLevel.choices, field_name="activity__oecd_level"
    )
    country = CountryFilter(label=_("Country of the activity"), field_name="activity__country")
    follow_up = django_filters.ChoiceFilter(
        label=_("Applied what was learned"), choices=FollowUpAnswer.choices, field_name="follow_up_answer"
    )
    ordering = django_filters.OrderingFilter(label=_("Sort by"), fields=(("id", "id"),))

    class Meta:
        model = Participation
        fields = ["q", "action", "activity", "gender", "institution_type", "date_from", "date_to"]


class AttendanceImportFilterSet(BaseFilterSet):
    activity = IdFilter(label=_("Activity (id)"), field_name="activity_id")
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=ImportStatus.choices)

    class Meta:
        model = AttendanceImport
        fields = ["activity", "status"]


class DeliverableFilterSet(ActionScopeMixin, DateRangeMixin, BaseFilterSet):
    date_field = "adopted_on"
    search_fields = ("title", "adopting_body")

    activity = IdFilter(label=_("Activity (id)"), field_name="activity_id")
    type = django_filters.MultipleChoiceFilter(label=_("Type"), choices=DeliverableType.choices)
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=DeliverableStatus.choices)
    level = django_filters.ChoiceFilter(
        label=_("OECD level"), choices=OecdLevel.choices, field_name="oecd_level"
    )
    country = CountryFilter(label=_("Country"), method="filter_country")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"), fields=(("id", "id"), ("adopted_on", "adopted_on"), ("title", "title"))
    )

    class Meta:
        model = Deliverable
        fields = ["q", "action", "type", "status", "level", "date_from", "date_to"]

    def filter_country(self, queryset, name, value):
        return queryset.filter(_any_country("action__countries", value)) if value else queryset


class ResultFilterSet(ActionScopeMixin, BaseFilterSet):
    search_fields = ("code", "statement")

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ResultKind.choices)
    ordering = django_filters.OrderingFilter(label=_("Sort by"), fields=(("id", "id"), ("code", "code")))

    class Meta:
        model = Result
        fields = ["q", "action", "kind"]


class IndicatorFilterSet(ActionScopeMixin, BaseFilterSet):
    search_fields = ("name",)

    result = IdFilter(label=_("Result (id)"), field_name="result_id")
    level = django_filters.MultipleChoiceFilter(
        label=_("OECD level"), choices=OecdLevel.choices, field_name="oecd_level"
    )
    kirkpatrick_level = django_filters.TypedChoiceFilter(
        label=_("Kirkpatrick level"), choices=KirkpatrickLevel.choices, coerce=int
    )
    measure = django_filters.MultipleChoiceFilter(
        label=_("Source of the actual"), choices=IndicatorMeasure.choices
    )
    country = CountryFilter(label=_("Country"), method="filter_country")
    region = django_filters.ChoiceFilter(
        label=_("Programme region"), choices=ProgrammeRegion.choices, method="filter_region"
    )
    ordering = django_filters.OrderingFilter(label=_("Sort by"), fields=(("id", "id"), ("name", "name")))

    class Meta:
        model = Indicator
        fields = ["q", "action", "result", "level", "measure"]

    def filter_country(self, queryset, name, value):
        return queryset.filter(_any_country("action__countries", value)) if value else queryset

    def filter_region(self, queryset, name, value):
        return queryset.filter(_any_country("action__countries", countries_in_region(value)))


class IndicatorPeriodFilterSet(ActionScopeMixin, DateRangeMixin, BaseFilterSet):
    action_path = "indicator__action"
    date_field = "starts_on"

    indicator = IdFilter(label=_("Indicator (id)"), field_name="indicator_id")
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=PeriodStatus.choices)
    level = django_filters.MultipleChoiceFilter(
        label=_("OECD level"), choices=OecdLevel.choices, field_name="indicator__oecd_level"
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"), fields=(("id", "id"), ("starts_on", "starts_on"))
    )

    class Meta:
        model = IndicatorPeriod
        fields = ["action", "indicator", "status", "level", "date_from", "date_to"]


class CoordinationCellFilterSet(ActionScopeMixin, BaseFilterSet):
    stage = django_filters.MultipleChoiceFilter(label=_("Stage"), choices=CoordinationStage.choices)
    actor = django_filters.MultipleChoiceFilter(label=_("Actor"), choices=CoordinationActor.choices)
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=CoordinationStatus.choices)
    ordering = django_filters.OrderingFilter(label=_("Sort by"), fields=(("id", "id"),))

    class Meta:
        model = CoordinationCell
        fields = ["action", "stage", "actor", "status"]
