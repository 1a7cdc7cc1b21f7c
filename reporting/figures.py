"""The figures programme staff ask for (DOMAIN.md, "Reporting figures programme staff ask for"),
each computed by the database: GROUP BY and conditional counts through the ORM, never a loop over
rows in Python. Every function takes a `Scope` — the Actions a report covers (parameters.run_actions),
who asked (so each row model goes through its own `for_user`: a partner's figures count only what
the partner may see) and the period — and returns plain lists of dicts, or one dict of totals.

What the period (`start`, `end`, both optional and inclusive) limits:
- requests: received in the period;
- activities: dated in the period (held on, or planned to start on, when not yet held);
- experts and participants: of the activities held in the period;
- deliverables: "adopted" counts those adopted in the period; "produced" is to date;
- indicators: the reporting periods that overlap the period;
- certification: enrolments nominated, credentials issued and replica sessions held in the period.
The Actions themselves (by status, type, phase …) are the portfolio as it stands: the filters, not the
period, choose them.

Which requests: when the run has no Action filters, every request its requester may see
(SupportRequest.objects.for_user) — including those rejected or still open, without which an
approval rate means nothing. With Action filters, the requests that led to the covered Actions
(the filters describe Actions, and a request has no phase, type or Global Compact objective of its
own); the approval rate of those is then, by construction, 100 %.

A multi-country Action or request counts once under each of its countries and once under each
programme region among them, so those breakdowns may add up to more than the total."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    DateField,
    DecimalField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from actions.choices import (
    HELD_ACTIVITY_STATUSES,
    LAUNCH_TARGET_DAYS,
    ActionStatus,
    ActionType,
    ActivityStatus,
    ActivityType,
    DecisionOutcome,
    DeliverableStatus,
    DeliverableType,
    IndicatorUnit,
    Modality,
    OecdLevel,
    PeriodStatus,
    RequestStatus,
)
from actions.models import (
    Action,
    Activity,
    Deliverable,
    ExpertAssignment,
    GlobalCompactObjective,
    IndicatorPeriod,
    Participation,
    ProgrammePhase,
    RequestingInstitution,
    SteeringCommitteeDecision,
    SupportRequest,
    ThematicArea,
)
from certification import choices as certification_choices
from certification.choices import CredentialKind, CredentialStatus, EnrolmentStatus
from certification.models import CertificationProgramme, Credential, Enrolment, ReplicaSession
from partners import geography
from partners.choices import EU_MEMBER_STATES, Gender, InstitutionType, ProgrammeRegion

ZERO = Decimal("0")
FINAL_OUTCOMES = (
    DecisionOutcome.APPROVED,
    DecisionOutcome.APPROVED_WITH_CONDITIONS,
    DecisionOutcome.REJECTED,
)
# Actuals that count: approved entered values and values computed from the data (as in the
# programme's results roll-up, actions.selectors.COUNTED_STATUSES).
COUNTED_STATUSES = (PeriodStatus.APPROVED, PeriodStatus.COMPUTED)
# The certification path in order; certified and not certified both reached the panel.
CERTIFICATION_PATH = certification_choices.CERTIFICATION_PATH
DECIDED_ENROLMENT_STATUSES = certification_choices.DECIDED_ENROLMENT_STATUSES


@dataclass(frozen=True)
class Scope:
    """What a report covers: the Actions (already scoped to `user` and filtered), who asked, the
    period, and whether requests are all the visible ones or those of the covered Actions."""

    actions: QuerySet
    user: object
    start: datetime.date | None = None
    end: datetime.date | None = None
    all_requests: bool = True
    today: datetime.date = field(default_factory=timezone.localdate)

    @classmethod
    def for_run(cls, run) -> Scope:
        from .parameters import run_actions, run_period

        start, end = run_period(run)
        return cls(
            actions=run_actions(run),
            user=run.requested_by,
            start=start,
            end=end,
            all_requests=not run.parameters.get("filters"),
        )

    def within(self, lookup: str) -> Q:
        """Rows whose `lookup` date falls in the period (everything when there is none)."""
        condition = Q()
        if self.start:
            condition &= Q(**{f"{lookup}__gte": self.start})
        if self.end:
            condition &= Q(**{f"{lookup}__lte": self.end})
        return condition


# --- helpers ----------------------------------------------------------------------------------


def _label(choices, code) -> str:
    return str(dict(choices).get(code, code or "—"))


def _percent(part, whole) -> float | None:
    return round(100 * float(part) / float(whole), 1) if whole else None


def _round(value, digits: int = 1) -> float | None:
    return None if value is None else round(float(value), digits)


def _days(duration: datetime.timedelta | None) -> float | None:
    return None if duration is None else round(duration.total_seconds() / 86400, 1)


def _codes(value) -> list[str]:
    """The country codes of a multi-country field's stored value (a comma-separated string)."""
    if not value:
        return []
    if isinstance(value, str):
        return [code for code in value.split(",") if code]
    return [getattr(code, "code", code) for code in value]


def _country_and_region_counts(queryset: QuerySet, extra: dict[str, Q] | None = None) -> dict:
    """Rows of `queryset` per country and per programme region of its multi-country `countries`, in
    two queries: the distinct stored combinations, then one conditional count per code and region.
    (Codes are two letters stored comma-separated, so `contains` cannot straddle two codes.)
    `extra` adds counts restricted by a condition: {"approved": Q(status=...)} → country_approved_MX."""
    queryset = queryset.order_by()
    codes = sorted(
        {
            code
            for stored in queryset.values_list("countries", flat=True).distinct()
            for code in _codes(stored)
        }
    )
    if not codes:
        return {"countries": [], "regions": []}
    by_region: dict[str, list[str]] = defaultdict(list)
    for code in codes:
        by_region[geography.programme_region_for(code)].append(code)
    conditions = {"": Q(), **(extra or {})}
    counts = {}
    for suffix, condition in conditions.items():
        for code in codes:
            counts[f"c_{suffix or 'count'}_{code}"] = Count(
                "pk", filter=Q(countries__contains=code) & condition
            )
        for region, members in by_region.items():
            in_region = Q()
            for code in members:
                in_region |= Q(countries__contains=code)
            counts[f"r_{suffix or 'count'}_{region}"] = Count("pk", filter=in_region & condition)
    result = queryset.aggregate(**counts)
    from django_countries import countries as country_names

    def figures(prefix: str, key: str) -> dict:
        return {name or "count": result[f"{prefix}_{name or 'count'}_{key}"] for name in conditions}

    return {
        "countries": sorted(
            (
                {"code": code, "label": str(country_names.name(code) or code), **figures("c", code)}
                for code in codes
            ),
            key=lambda row: (-row["count"], row["label"]),
        ),
        "regions": [
            {"code": region, "label": str(label), **figures("r", region)}
            for region, label in ProgrammeRegion.choices
            if region in by_region
        ],
    }


def _names(model, ids, attribute: str = "name") -> dict:
    """Labels of code-list rows (one query; translated fields read in the active language)."""
    return {
        pk: getattr(row, attribute) for pk, row in model.objects.in_bulk([pk for pk in ids if pk]).items()
    }


def covered_actions(scope: Scope) -> QuerySet:
    """The covered Actions as a plain queryset (the filters' joins kept inside a subquery, so that
    grouping over a many-to-many relation is not narrowed by a filter on the same relation)."""
    return Action.objects.filter(pk__in=scope.actions.values("pk")).order_by()


# --- Requests -----------------------------------------------------------------------------------


def covered_requests(scope: Scope) -> QuerySet:
    """The requests the report counts (see the module docstring), received in the period."""
    requests = SupportRequest.objects.for_user(scope.user)
    if not scope.all_requests:
        requests = requests.filter(action__in=scope.actions.values("pk"))
    return requests.filter(scope.within("received_on")).order_by()


def _decision_counts(prefix: str = "") -> dict:
    return {
        "requests": Count(f"{prefix}pk", distinct=bool(prefix)),
        "approved": Count(
            f"{prefix}pk", distinct=bool(prefix), filter=Q(**{f"{prefix}status": RequestStatus.APPROVED})
        ),
        "rejected": Count(
            f"{prefix}pk", distinct=bool(prefix), filter=Q(**{f"{prefix}status": RequestStatus.REJECTED})
        ),
    }


def request_totals(scope: Scope) -> dict:
    """Requests received, decided, approved and rejected; the approval rate (approved among those
    approved or rejected: deferred and withdrawn requests are not decided); days from receipt to the
    Steering Committee's first final decision (approved, with or without conditions, or rejected)."""
    requests = covered_requests(scope)
    totals = requests.aggregate(
        **_decision_counts(),
        open=Count(
            "pk",
            filter=Q(
                status__in=[
                    RequestStatus.RECEIVED,
                    RequestStatus.SCREENING,
                    RequestStatus.CLARIFICATION_REQUESTED,
                    RequestStatus.SUBMITTED,
                ]
            ),
        ),
        deferred=Count("pk", filter=Q(status=RequestStatus.DEFERRED)),
        withdrawn=Count("pk", filter=Q(status=RequestStatus.WITHDRAWN)),
    )
    first_decision = (
        SteeringCommitteeDecision.objects.filter(request=OuterRef("pk"), outcome__in=FINAL_OUTCOMES)
        .order_by("meeting__held_on", "pk")
        .values("meeting__held_on")[:1]
    )
    waited = ExpressionWrapper(F("decided_on") - F("received_on"), output_field=DurationField())
    timing = (
        requests.annotate(decided_on=Subquery(first_decision, output_field=DateField()))
        .filter(decided_on__isnull=False)
        .aggregate(with_decision=Count("pk"), average=Avg(waited), shortest=Min(waited), longest=Max(waited))
    )
    decided = totals["approved"] + totals["rejected"]
    return {
        **totals,
        "decided": decided,
        "approval_rate": _percent(totals["approved"], decided),
        "with_decision_date": timing["with_decision"],
        "days_to_decision_average": _days(timing["average"]),
        "days_to_decision_shortest": _days(timing["shortest"]),
        "days_to_decision_longest": _days(timing["longest"]),
    }


def requests_by_year(scope: Scope) -> list[dict]:
    rows = (
        covered_requests(scope)
        .annotate(year=ExtractYear("received_on"))
        .values("year")
        .annotate(**_decision_counts())
        .order_by("year")
    )
    return [{"code": row["year"], "label": str(row["year"]), **row} for row in rows]


def requests_by_region(scope: Scope) -> dict:
    """{"regions": [...], "countries": [...]}, each row with requests, approved and rejected."""
    counts = _country_and_region_counts(
        covered_requests(scope),
        {"approved": Q(status=RequestStatus.APPROVED), "rejected": Q(status=RequestStatus.REJECTED)},
    )
    for rows in counts.values():
        for row in rows:
            row["requests"] = row.pop("count")
    return counts


def requests_by_requester_type(scope: Scope) -> list[dict]:
    """Per type of requesting institution (lead or co-requester): a joint request of a ministry and
    a civil-society organisation counts under both types."""
    rows = (
        RequestingInstitution.objects.filter(request__in=covered_requests(scope).values("pk"))
        .values("institution__type")
        .annotate(**_decision_counts("request__"))
        .order_by("institution__type")
    )
    return [
        {
            "code": row["institution__type"],
            "label": _label(InstitutionType.choices, row["institution__type"]),
            **{key: row[key] for key in ("requests", "approved", "rejected")},
        }
        for row in rows
    ]


def requests_by_theme(scope: Scope) -> list[dict]:
    rows = list(
        covered_requests(scope)
        .values("thematic_area")
        .annotate(**_decision_counts())
        .order_by("thematic_area")
    )
    codes = _names(ThematicArea, [row["thematic_area"] for row in rows], "code")
    names = _names(ThematicArea, [row["thematic_area"] for row in rows])
    return sorted(
        (
            {
                "code": codes.get(row["thematic_area"], ""),
                "label": f"{codes.get(row['thematic_area'], '')} – {names.get(row['thematic_area'], '')}",
                **{key: row[key] for key in ("requests", "approved", "rejected")},
            }
            for row in rows
        ),
        key=lambda row: row["code"],
    )


# --- Actions ------------------------------------------------------------------------------------


def action_totals(scope: Scope) -> dict:
    """Actions covered and their launch: days from approval to the first activity held, against the
    three-month target (actions.choices.LAUNCH_TARGET_DAYS); Actions not launched past the target
    (neither cancelled nor closed) are overdue."""
    target = datetime.timedelta(days=LAUNCH_TARGET_DAYS)
    to_launch = ExpressionWrapper(F("launched_on") - F("approved_on"), output_field=DurationField())
    launched = Q(launched_on__isnull=False)
    figures = covered_actions(scope).aggregate(
        actions=Count("pk"),
        launched=Count("pk", filter=launched),
        launched_within_target=Count("pk", filter=launched & Q(launched_on__lte=F("approved_on") + target)),
        launched_late=Count("pk", filter=launched & Q(launched_on__gt=F("approved_on") + target)),
        overdue_not_launched=Count(
            "pk",
            filter=Q(launched_on__isnull=True, approved_on__lt=scope.today - target)
            & ~Q(status__in=[ActionStatus.CANCELLED, ActionStatus.CLOSED]),
        ),
        days_to_launch_average=Avg(to_launch, filter=launched),
        budget_eur=Sum("budget_eur"),
    )
    figures["days_to_launch_average"] = _days(figures["days_to_launch_average"])
    figures["share_launched_within_target"] = _percent(figures["launched_within_target"], figures["launched"])
    figures["launch_target_days"] = LAUNCH_TARGET_DAYS
    return figures


def _actions_by(scope: Scope, column: str, choices) -> list[dict]:
    rows = covered_actions(scope).values(column).annotate(actions=Count("pk")).order_by(column)
    order = {code: position for position, (code, _label_) in enumerate(choices)}
    return sorted(
        (
            {"code": row[column], "label": _label(choices, row[column]), "actions": row["actions"]}
            for row in rows
        ),
        key=lambda row: order.get(row["code"], len(order)),
    )


def actions_by_status(scope: Scope) -> list[dict]:
    return _actions_by(scope, "status", ActionStatus.choices)


def actions_by_type(scope: Scope) -> list[dict]:
    return _actions_by(scope, "type", ActionType.choices)


def actions_by_phase(scope: Scope) -> list[dict]:
    rows = list(covered_actions(scope).values("phase").annotate(actions=Count("pk")))
    phases = {
        phase.pk: phase for phase in ProgrammePhase.objects.filter(pk__in=[row["phase"] for row in rows])
    }
    return sorted(
        (
            {
                "code": phases[row["phase"]].code,
                "label": phases[row["phase"]].name,
                "actions": row["actions"],
                "starts_on": phases[row["phase"]].starts_on,
            }
            for row in rows
        ),
        key=lambda row: row["starts_on"],
    )


def actions_by_theme(scope: Scope) -> list[dict]:
    rows = list(covered_actions(scope).values("thematic_area").annotate(actions=Count("pk")))
    codes = _names(ThematicArea, [row["thematic_area"] for row in rows], "code")
    names = _names(ThematicArea, [row["thematic_area"] for row in rows])
    return sorted(
        (
            {
                "code": codes[row["thematic_area"]],
                "label": f"{codes[row['thematic_area']]} – {names[row['thematic_area']]}",
                "actions": row["actions"],
            }
            for row in rows
        ),
        key=lambda row: row["code"],
    )


def actions_by_gcm_objective(scope: Scope) -> list[dict]:
    """Per Global Compact objective (an Action tagged with several counts under each)."""
    rows = (
        GlobalCompactObjective.objects.filter(actions__in=scope.actions.values("pk"))
        .annotate(action_count=Count("actions", distinct=True))
        .order_by("number")
    )
    return [{"code": row.number, "label": str(row), "actions": row.action_count} for row in rows]


def actions_by_region(scope: Scope) -> dict:
    """{"regions": [...], "countries": [...]}, each row with its number of Actions."""
    counts = _country_and_region_counts(covered_actions(scope))
    for rows in counts.values():
        for row in rows:
            row["actions"] = row.pop("count")
    return counts


# --- Activities ---------------------------------------------------------------------------------


def covered_activities(scope: Scope) -> QuerySet:
    """Activities of the covered Actions dated in the period (held on, or planned to start on)."""
    activities = Activity.objects.for_user(scope.user).filter(action__in=scope.actions.values("pk"))
    if scope.start or scope.end:
        activities = activities.annotate(dated=Coalesce("held_on", "planned_start")).filter(
            scope.within("dated")
        )
    return activities.order_by()


def held_activities(scope: Scope) -> QuerySet:
    """Activities of the covered Actions held in the period: where experts were deployed and
    participants trained."""
    return (
        Activity.objects.for_user(scope.user)
        .filter(action__in=scope.actions.values("pk"), status__in=sorted(HELD_ACTIVITY_STATUSES))
        .filter(scope.within("held_on"))
        .order_by()
    )


def _activity_counts() -> dict:
    return {
        "activities": Count("pk"),
        "held": Count("pk", filter=Q(status__in=sorted(HELD_ACTIVITY_STATUSES))),
        "cancelled": Count("pk", filter=Q(status=ActivityStatus.CANCELLED)),
        **{modality: Count("pk", filter=Q(modality=modality)) for modality in Modality.values},
    }


def activity_totals(scope: Scope) -> dict:
    return covered_activities(scope).aggregate(**_activity_counts())


def activities_by_type(scope: Scope) -> list[dict]:
    """Per activity type: all, held, cancelled, and per modality (in person, online, hybrid)."""
    rows = covered_activities(scope).values("type").annotate(**_activity_counts())
    order = {code: position for position, code in enumerate(ActivityType.values)}
    return sorted(
        ({"code": row["type"], "label": _label(ActivityType.choices, row["type"]), **row} for row in rows),
        key=lambda row: order.get(row["code"], len(order)),
    )


def activities_by_modality(scope: Scope) -> list[dict]:
    rows = {
        row["modality"]: row
        for row in covered_activities(scope)
        .values("modality")
        .annotate(
            activities=Count("pk"), held=Count("pk", filter=Q(status__in=sorted(HELD_ACTIVITY_STATUSES)))
        )
    }
    return [
        {
            "code": code,
            "label": str(label),
            "activities": rows[code]["activities"],
            "held": rows[code]["held"],
        }
        for code, label in Modality.choices
        if code in rows
    ]


# --- Experts ------------------------------------------------------------------------------------


def covered_assignments(scope: Scope) -> QuerySet:
    """Experts' deployments: their assignments on the activities held in the period."""
    return (
        ExpertAssignment.objects.for_user(scope.user)
        .filter(activity__in=held_activities(scope).values("pk"))
        .order_by()
    )


def _expert_counts() -> dict:
    return {
        "experts": Count("expert", distinct=True),
        "deployments": Count("pk"),
        "expert_days": Coalesce(
            Sum("days"), ZERO, output_field=DecimalField(max_digits=12, decimal_places=1)
        ),
    }


def expert_totals(scope: Scope) -> dict:
    """People deployed, deployments, expert-days and the share of people from outside the EU."""
    non_eu = ~Q(expert__member_state__in=sorted(EU_MEMBER_STATES))
    figures = covered_assignments(scope).aggregate(
        **_expert_counts(),
        non_eu_experts=Count("expert", distinct=True, filter=non_eu),
        women=Count("expert", distinct=True, filter=Q(expert__person__gender=Gender.FEMALE)),
    )
    figures["share_non_eu"] = _percent(figures["non_eu_experts"], figures["experts"])
    figures["share_women"] = _percent(figures["women"], figures["experts"])
    return figures


def experts_by_gender(scope: Scope) -> list[dict]:
    rows = {
        row["expert__person__gender"]: row
        for row in covered_assignments(scope).values("expert__person__gender").annotate(**_expert_counts())
    }
    return [
        {
            "code": code,
            "label": str(label),
            **{key: rows[code][key] for key in ("experts", "deployments", "expert_days")},
        }
        for code, label in Gender.choices
        if code in rows
    ]


def experts_by_member_state(scope: Scope) -> list[dict]:
    """Per country of the home administration, EU Member States first."""
    from django_countries import countries as country_names

    rows = covered_assignments(scope).values("expert__member_state").annotate(**_expert_counts())
    return sorted(
        (
            {
                "code": row["expert__member_state"],
                "label": str(country_names.name(row["expert__member_state"]) or row["expert__member_state"]),
                "eu": row["expert__member_state"] in EU_MEMBER_STATES,
                **{key: row[key] for key in ("experts", "deployments", "expert_days")},
            }
            for row in rows
        ),
        key=lambda row: (not row["eu"], -row["experts"], row["label"]),
    )


# --- Participants -------------------------------------------------------------------------------


def covered_participations(scope: Scope) -> QuerySet:
    """Attendances of the activities held in the period that the requester may see (a partner:
    their own institution's people)."""
    return (
        Participation.objects.for_user(scope.user)
        .filter(activity__in=held_activities(scope).values("pk"))
        .order_by()
    )


def _participant_counts() -> dict:
    return {"people": Count("person", distinct=True), "attendances": Count("pk")}


def participant_totals(scope: Scope) -> dict:
    """People and attendances; satisfaction (1–5); pre/post tests and the average learning gain
    (post-test minus pre-test, in points, over participants with both scores)."""
    tested = Q(pre_test_score__isnull=False, post_test_score__isnull=False)
    figures = covered_participations(scope).aggregate(
        **_participant_counts(),
        women=Count("person", distinct=True, filter=Q(gender=Gender.FEMALE)),
        men=Count("person", distinct=True, filter=Q(gender=Gender.MALE)),
        satisfaction_answers=Count("satisfaction"),
        satisfaction_average=Avg("satisfaction"),
        satisfied=Count("pk", filter=Q(satisfaction__gte=4)),
        tested=Count("pk", filter=tested),
        pre_test_average=Avg("pre_test_score", filter=tested),
        post_test_average=Avg("post_test_score", filter=tested),
        gain_average=Avg(F("post_test_score") - F("pre_test_score"), filter=tested),
        with_gain=Count("pk", filter=tested & Q(post_test_score__gt=F("pre_test_score"))),
    )
    for key in ("satisfaction_average", "pre_test_average", "post_test_average", "gain_average"):
        figures[key] = _round(figures[key])
    figures["share_women"] = _percent(figures["women"], figures["people"])
    figures["share_satisfied"] = _percent(figures["satisfied"], figures["satisfaction_answers"])
    figures["share_with_gain"] = _percent(figures["with_gain"], figures["tested"])
    return figures


def participants_by_sex(scope: Scope) -> list[dict]:
    rows = {
        row["gender"]: row
        for row in covered_participations(scope).values("gender").annotate(**_participant_counts())
    }
    return [
        {
            "code": code,
            "label": str(label),
            "people": rows[code]["people"],
            "attendances": rows[code]["attendances"],
        }
        for code, label in Gender.choices
        if code in rows
    ]


def participants_by_institution_type(scope: Scope) -> list[dict]:
    rows = {
        row["institution__type"]: row
        for row in covered_participations(scope).values("institution__type").annotate(**_participant_counts())
    }
    return [
        {
            "code": code,
            "label": str(label),
            "people": rows[code]["people"],
            "attendances": rows[code]["attendances"],
        }
        for code, label in InstitutionType.choices
        if code in rows
    ]


def participants_by_sex_and_institution_type(scope: Scope) -> list[dict]:
    """The disaggregation by sex and institution type together: people and attendances per pair."""
    rows = (
        covered_participations(scope).values("gender", "institution__type").annotate(**_participant_counts())
    )
    sex_order = {code: position for position, code in enumerate(Gender.values)}
    type_order = {code: position for position, code in enumerate(InstitutionType.values)}
    return sorted(
        (
            {
                "sex": row["gender"],
                "sex_label": _label(Gender.choices, row["gender"]),
                "institution_type": row["institution__type"],
                "institution_type_label": _label(InstitutionType.choices, row["institution__type"]),
                "people": row["people"],
                "attendances": row["attendances"],
            }
            for row in rows
        ),
        key=lambda row: (sex_order.get(row["sex"], 99), type_order.get(row["institution_type"], 99)),
    )


def satisfaction_distribution(scope: Scope) -> list[dict]:
    rows = dict(
        covered_participations(scope)
        .filter(satisfaction__isnull=False)
        .values_list("satisfaction")
        .annotate(answers=Count("pk"))
    )
    return [{"code": score, "label": str(score), "answers": rows.get(score, 0)} for score in range(1, 6)]


# --- Deliverables -------------------------------------------------------------------------------

PRODUCED_DELIVERABLE_STATUSES = (
    DeliverableStatus.VALIDATED,
    DeliverableStatus.HANDED_OVER,
    DeliverableStatus.ADOPTED,
)


def covered_deliverables(scope: Scope) -> QuerySet:
    return Deliverable.objects.for_user(scope.user).filter(action__in=scope.actions.values("pk")).order_by()


def _deliverable_counts(scope: Scope) -> dict:
    return {
        "deliverables": Count("pk"),
        "produced": Count("pk", filter=Q(status__in=PRODUCED_DELIVERABLE_STATUSES)),
        "adopted": Count("pk", filter=Q(status=DeliverableStatus.ADOPTED) & scope.within("adopted_on")),
    }


def deliverable_totals(scope: Scope) -> dict:
    """Deliverables recorded; produced (validated, handed over or adopted, to date); adopted (in the
    period)."""
    return covered_deliverables(scope).aggregate(**_deliverable_counts(scope))


def deliverables_by_type(scope: Scope) -> list[dict]:
    rows = {
        row["type"]: row
        for row in covered_deliverables(scope).values("type").annotate(**_deliverable_counts(scope))
    }
    return [
        {
            "code": code,
            "label": str(label),
            **{key: rows[code][key] for key in ("deliverables", "produced", "adopted")},
        }
        for code, label in DeliverableType.choices
        if code in rows
    ]


def deliverables_by_oecd_level(scope: Scope) -> list[dict]:
    rows = {
        row["oecd_level"]: row
        for row in covered_deliverables(scope).values("oecd_level").annotate(**_deliverable_counts(scope))
    }
    return [
        {
            "code": code,
            "label": str(label),
            **{key: rows[code][key] for key in ("deliverables", "produced", "adopted")},
        }
        for code, label in OecdLevel.choices
        if code in rows
    ]


# --- Results by OECD level ----------------------------------------------------------------------


def covered_indicator_periods(scope: Scope) -> QuerySet:
    """Reporting periods of the covered Actions' indicators that overlap the report's period."""
    periods = IndicatorPeriod.objects.for_user(scope.user).filter(
        indicator__action__in=scope.actions.values("pk")
    )
    if scope.start:
        periods = periods.filter(ends_on__gte=scope.start)
    if scope.end:
        periods = periods.filter(starts_on__lte=scope.end)
    return periods.order_by()


def _result_counts() -> dict:
    """Targets and actuals are summed over indicators counted in numbers only (percentages do not
    add up); every period counts toward "met" (its actual reached its target) whatever its unit.
    Actuals count once approved or when computed from the data."""
    counted = Q(status__in=COUNTED_STATUSES, actual__isnull=False)
    number = Q(indicator__unit=IndicatorUnit.NUMBER)
    money = DecimalField(max_digits=14, decimal_places=2)
    return {
        "indicators": Count("indicator", distinct=True),
        "actions": Count("indicator__action", distinct=True),
        "periods": Count("pk"),
        "with_target": Count("pk", filter=Q(target__isnull=False)),
        "reported": Count("pk", filter=counted),
        "pending": Count("pk", filter=Q(status=PeriodStatus.SUBMITTED)),
        "met": Count("pk", filter=counted & Q(target__isnull=False, actual__gte=F("target"))),
        "target_total": Coalesce(Sum("target", filter=number), ZERO, output_field=money),
        "actual_total": Coalesce(Sum("actual", filter=number & counted), ZERO, output_field=money),
    }


def _result_row(row: dict, **extra) -> dict:
    return {
        **extra,
        **{key: row[key] for key in _result_counts()},
        "share_met": _percent(row["met"], row["with_target"]),
        "share_of_target": _percent(row["actual_total"], row["target_total"]),
    }


def _empty_result_row() -> dict:
    return {key: (ZERO if key.endswith("_total") else 0) for key in _result_counts()}


def results_by_oecd_level(scope: Scope) -> list[dict]:
    """Indicators per OECD level, targets against actuals (every level, even without indicators)."""
    rows = {
        row["indicator__oecd_level"]: row
        for row in covered_indicator_periods(scope)
        .values("indicator__oecd_level")
        .annotate(**_result_counts())
    }
    return [
        _result_row(rows.get(code) or _empty_result_row(), code=code, label=str(label))
        for code, label in OecdLevel.choices
    ]


def results_by_year_and_oecd_level(scope: Scope) -> list[dict]:
    """Targets against actuals per reporting year (the year a period starts) and OECD level."""
    rows = (
        covered_indicator_periods(scope)
        .annotate(year=ExtractYear("starts_on"))
        .values("year", "indicator__oecd_level")
        .annotate(**_result_counts())
    )
    order = {code: position for position, code in enumerate(OecdLevel.values)}
    return sorted(
        (
            _result_row(
                row,
                year=row["year"],
                code=row["indicator__oecd_level"],
                label=_label(OecdLevel.choices, row["indicator__oecd_level"]),
            )
            for row in rows
        ),
        key=lambda row: (row["year"], order.get(row["code"], 9)),
    )


def results_by_action_rows(scope: Scope, *, chunk_size: int = 2000):
    """Per Action and OECD level, streamed (a generator over one query)."""
    rows = (
        covered_indicator_periods(scope)
        .values("indicator__action__code", "indicator__action__short_name", "indicator__oecd_level")
        .annotate(**_result_counts())
        .order_by("indicator__action__code", "indicator__oecd_level")
    )
    for row in rows.iterator(chunk_size=chunk_size):
        yield _result_row(
            row,
            action_code=row["indicator__action__code"],
            action_name=row["indicator__action__short_name"],
            code=row["indicator__oecd_level"],
            label=_label(OecdLevel.choices, row["indicator__oecd_level"]),
        )


# --- Certification ------------------------------------------------------------------------------


def _covered_programme_ids(scope: Scope) -> QuerySet:
    return CertificationProgramme.objects.filter(actions__in=scope.actions.values("pk")).values("pk")


def certification_funnel(scope: Scope) -> list[dict]:
    """Enrolments (nominated in the period) per status, and how many reached each step of the path
    (at that step or beyond it, the panel's decision included)."""
    counts = dict(
        Enrolment.objects.for_user(scope.user)
        .filter(programme_id__in=_covered_programme_ids(scope))
        .filter(scope.within("nominated_on"))
        .order_by()
        .values_list("status")
        .annotate(enrolments=Count("pk"))
    )
    decided = sum(counts.get(status, 0) for status in DECIDED_ENROLMENT_STATUSES)
    rows = []
    for position, status in enumerate(CERTIFICATION_PATH):
        reached = decided + sum(counts.get(later, 0) for later in CERTIFICATION_PATH[position:])
        rows.append(
            {
                "code": status,
                "label": _label(EnrolmentStatus.choices, status),
                "enrolments": counts.get(status, 0),
                "reached": reached,
            }
        )
    for status, label in EnrolmentStatus.choices:
        if status not in CERTIFICATION_PATH:
            rows.append(
                {"code": status, "label": str(label), "enrolments": counts.get(status, 0), "reached": None}
            )
    return rows


def certification_totals(scope: Scope) -> dict:
    """Enrolments, the pass rate (certified among those the panel decided), credentials (issued in
    the period) active, suspended, revoked, expired (by status, or active but past their end date),
    and the multiplier: replica sessions held in the period by trainers holding a trainer credential
    of these programmes issued on or before the session (not revoked: an expired credential still
    attests the sessions given while it was valid), the trainers delivering them and the colleagues
    trained."""
    programmes = _covered_programme_ids(scope)
    enrolments = (
        Enrolment.objects.for_user(scope.user)
        .filter(programme_id__in=programmes)
        .filter(scope.within("nominated_on"))
        .aggregate(
            enrolments=Count("pk"),
            certified=Count("pk", filter=Q(status=EnrolmentStatus.CERTIFIED)),
            not_certified=Count("pk", filter=Q(status=EnrolmentStatus.NOT_CERTIFIED)),
        )
    )
    credentials = Credential.objects.for_user(scope.user).filter(programme_id__in=programmes)
    active = Q(status=CredentialStatus.ACTIVE)
    credential_figures = credentials.filter(scope.within("issued_on")).aggregate(
        credentials=Count("pk"),
        credentials_active=Count("pk", filter=active & Q(valid_until__gte=scope.today)),
        credentials_suspended=Count("pk", filter=Q(status=CredentialStatus.SUSPENDED)),
        credentials_revoked=Count("pk", filter=Q(status=CredentialStatus.REVOKED)),
        credentials_expired=Count(
            "pk", filter=Q(status=CredentialStatus.EXPIRED) | (active & Q(valid_until__lt=scope.today))
        ),
        credentials_superseded=Count("pk", filter=Q(status=CredentialStatus.SUPERSEDED)),
    )
    attesting = (
        credentials.filter(kind=CredentialKind.TRAINER)
        .exclude(status=CredentialStatus.REVOKED)
        .filter(person_id=OuterRef("trainer_id"), issued_on__lte=OuterRef("held_on"))
    )
    multiplier = (
        ReplicaSession.objects.for_user(scope.user)
        .filter(Exists(attesting))
        .filter(scope.within("held_on"))
        .aggregate(
            replica_sessions=Count("pk"),
            trainers_delivering=Count("trainer", distinct=True),
            colleagues_trained=Coalesce(Sum("colleagues_trained"), 0),
        )
    )
    decided = enrolments["certified"] + enrolments["not_certified"]
    return {
        **enrolments,
        "decided": decided,
        "pass_rate": _percent(enrolments["certified"], decided),
        **credential_figures,
        **multiplier,
    }


# --- Per Action (the "Actions list" rows) -------------------------------------------------------


def action_rows(scope: Scope, *, chunk_size: int = 2000):
    """One row per covered Action, streamed from one query whatever the number of Actions: its
    partners, activities (dated in the period) and participants (people, of the activities held in
    the period, as the requester may see them) counted by correlated subqueries."""
    from django.db.models import IntegerField

    from actions.models import ActionPartner

    def count_of(queryset: QuerySet, column: str, distinct: str = "") -> Coalesce:
        grouped = (
            queryset.order_by()
            .values(column)
            .annotate(n=Count(distinct or "pk", distinct=bool(distinct)))
            .values("n")
        )
        return Coalesce(Subquery(grouped, output_field=IntegerField()), 0)

    # Correlated to the outer row, which is already a covered Action: only the period and the
    # requester's visibility (participations are personal data) narrow them further.
    partners = ActionPartner.objects.filter(action=OuterRef("pk"))
    activities = Activity.objects.filter(action=OuterRef("pk"))
    if scope.start or scope.end:
        activities = activities.annotate(dated=Coalesce("held_on", "planned_start")).filter(
            scope.within("dated")
        )
    people = Participation.objects.for_user(scope.user).filter(
        Q(activity__action=OuterRef("pk"), activity__status__in=sorted(HELD_ACTIVITY_STATUSES))
        & scope.within("activity__held_on")
    )
    phases = {phase.pk: phase.name for phase in ProgrammePhase.objects.all()}
    rows = (
        covered_actions(scope)
        .annotate(
            partner_count=count_of(partners, "action", "institution"),
            activity_count=count_of(activities, "action"),
            participant_count=count_of(people, "activity__action", "person"),
        )
        .order_by("code", "pk")
        .values(
            "code",
            "short_name",
            "title",
            "type",
            "status",
            "phase",
            "countries",
            "approved_on",
            "launched_on",
            "partner_count",
            "activity_count",
            "participant_count",
        )
    )
    types, statuses = dict(ActionType.choices), dict(ActionStatus.choices)
    for row in rows.iterator(chunk_size=chunk_size):
        yield {
            **row,
            "type_label": str(types.get(row["type"], row["type"])),
            "status_label": str(statuses.get(row["status"], row["status"])),
            "phase_label": phases.get(row["phase"], ""),
            "countries": ", ".join(_codes(row["countries"])),
        }
