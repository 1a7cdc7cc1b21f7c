"""Reads that are more than a filter: the computed actuals of indicators, the programme's results
roll-up per OECD level, and the figures of an Action's tabs. Every figure is aggregated by the
database (GROUP BY through the ORM), never by looping over rows in Python."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from partners.choices import ProgrammeRegion
from partners.filtersets import countries_in_region

from .choices import (
    HELD_ACTIVITY_STATUSES,
    PARTICIPANT_MEASURES,
    ActivityType,
    DeliverableStatus,
    FollowUpAnswer,
    IndicatorMeasure,
    IndicatorUnit,
    OecdLevel,
    PeriodStatus,
)
from .models import Action, Activity, Deliverable, ExpertAssignment, IndicatorPeriod, Participation

ZERO = Decimal("0")


def _held_activities(action: Action, starts_on: datetime.date, ends_on: datetime.date) -> QuerySet:
    return Activity.objects.filter(
        action=action, status__in=HELD_ACTIVITY_STATUSES, held_on__gte=starts_on, held_on__lte=ends_on
    )


def participant_breakdown(participations: QuerySet) -> tuple[int, dict]:
    """People in `participations`, with their breakdown by sex and by institution type.

    One GROUP BY over (gender, institution type) counting distinct people; the total and both
    breakdowns are sums of the same groups, so they always add up. (A person who changed institution
    type between two activities of the period counts once in each group.)"""
    groups = participations.values("gender", "institution__type").annotate(
        people=Count("person", distinct=True)
    )
    by_sex: dict[str, int] = defaultdict(int)
    by_type: dict[str, int] = defaultdict(int)
    for group in groups:
        by_sex[group["gender"]] += group["people"]
        by_type[group["institution__type"]] += group["people"]
    total = sum(by_sex.values())
    if not total:
        return 0, {}
    return total, {"sex": dict(sorted(by_sex.items())), "institution_type": dict(sorted(by_type.items()))}


def computed_actual(
    action: Action, measure: str, starts_on: datetime.date, ends_on: datetime.date
) -> tuple[Decimal, dict]:
    """The actual of a computed indicator over one period, with its breakdown when it counts people.
    Activities count in the period in which they were held; deliverables when they were adopted."""
    held = _held_activities(action, starts_on, ends_on)
    if measure in PARTICIPANT_MEASURES:
        participations = Participation.objects.filter(activity__in=held.values("pk"))
        if measure == IndicatorMeasure.PARTICIPANTS_WITH_KNOWLEDGE_GAIN:
            participations = participations.filter(post_test_score__gt=F("pre_test_score"))
        elif measure == IndicatorMeasure.PARTICIPANTS_APPLYING_LEARNING:
            participations = participations.filter(
                follow_up_answer__in=[FollowUpAnswer.YES, FollowUpAnswer.PARTLY]
            )
        total, breakdown = participant_breakdown(participations)
        return Decimal(total), breakdown
    if measure == IndicatorMeasure.ACTIVITIES_HELD:
        return Decimal(held.count()), {}
    if measure == IndicatorMeasure.REPLICA_SESSIONS_HELD:
        return Decimal(held.filter(type=ActivityType.REPLICA_TRAINING).count()), {}
    if measure == IndicatorMeasure.EXPERT_DAYS:
        days = ExpertAssignment.objects.filter(activity__in=held.values("pk")).aggregate(total=Sum("days"))[
            "total"
        ]
        return Decimal(days or 0), {}
    if measure == IndicatorMeasure.DELIVERABLES_ADOPTED:
        adopted = Deliverable.objects.filter(
            action=action,
            status=DeliverableStatus.ADOPTED,
            adopted_on__gte=starts_on,
            adopted_on__lte=ends_on,
        )
        return Decimal(adopted.count()), {}
    raise ValueError(f"not a computed measure: {measure}")


# --- Programme roll-up ------------------------------------------------------------------------

# Actuals that count in a roll-up: approved entered values and values computed from the data.
COUNTED_STATUSES = (PeriodStatus.APPROVED, PeriodStatus.COMPUTED)


def _level_figures(periods: QuerySet, *group_by: str) -> list[dict]:
    counted = Q(status__in=COUNTED_STATUSES, actual__isnull=False)
    money = DecimalField(max_digits=14, decimal_places=2)
    return list(
        periods.values("indicator__oecd_level", *group_by)
        .annotate(
            indicators=Count("indicator", distinct=True),
            actions=Count("indicator__action", distinct=True),
            periods=Count("id"),
            target_total=Coalesce(Sum("target"), Value(ZERO), output_field=money),
            actual_total=Coalesce(Sum("actual", filter=counted), Value(ZERO), output_field=money),
            met=Count("id", filter=counted & Q(target__isnull=False, actual__gte=F("target"))),
            pending=Count("id", filter=Q(status=PeriodStatus.SUBMITTED)),
        )
        .order_by("indicator__oecd_level", *group_by)
    )


def _with_shares(rows: list[dict]) -> list[dict]:
    for row in rows:
        row["level"] = row.pop("indicator__oecd_level")
        row["share_met"] = round(100 * row["met"] / row["periods"]) if row["periods"] else 0
        row["share_of_target"] = (
            round(100 * row["actual_total"] / row["target_total"]) if row["target_total"] else None
        )
    return rows


def results_rollup(actions: QuerySet) -> dict:
    """Targets against actuals per OECD level across the given Actions, overall and by phase, type
    and programme region. Sums only indicators counted in numbers (percentages do not add up);
    actuals count once approved or when computed from the data."""
    periods = IndicatorPeriod.objects.filter(
        indicator__action__in=actions.values("pk"), indicator__unit=IndicatorUnit.NUMBER
    )
    by_level = {row["indicator__oecd_level"]: row for row in _level_figures(periods)}
    overall = _with_shares([by_level.get(level) or _empty_row(level) for level in OecdLevel.values])
    by_region = []
    for region, label in ProgrammeRegion.choices:
        in_region = Q()
        for code in countries_in_region(region):
            in_region |= Q(indicator__action__countries__contains=code)
        rows = _with_shares(_level_figures(periods.filter(in_region))) if in_region else []
        if rows:
            by_region.append({"region": region, "label": label, "rows": rows})
    return {
        "overall": overall,
        "by_phase": _with_shares(
            _level_figures(periods, "indicator__action__phase__code", "indicator__action__phase__name")
        ),
        "by_type": _with_shares(_level_figures(periods, "indicator__action__type")),
        "by_region": by_region,
    }


def _empty_row(level: str) -> dict:
    return {
        "indicator__oecd_level": level,
        "indicators": 0,
        "actions": 0,
        "periods": 0,
        "target_total": ZERO,
        "actual_total": ZERO,
        "met": 0,
        "pending": 0,
    }


# --- An Action's figures ----------------------------------------------------------------------


def action_participation_figures(action: Action) -> dict:
    """The participants tab's headline figures, in two queries whatever the Action's size."""
    participations = Participation.objects.filter(activity__action=action)
    people, breakdown = participant_breakdown(participations)
    averages = participations.aggregate(
        attendances=Count("id"),
        satisfaction_answers=Count("satisfaction"),
        satisfaction_sum=Coalesce(Sum("satisfaction"), 0),
        tested=Count("id", filter=Q(pre_test_score__isnull=False, post_test_score__isnull=False)),
        gained=Count("id", filter=Q(post_test_score__gt=F("pre_test_score"))),
        gain_sum=Coalesce(
            Sum(
                F("post_test_score") - F("pre_test_score"),
                filter=Q(pre_test_score__isnull=False, post_test_score__isnull=False),
            ),
            Value(ZERO),
            output_field=DecimalField(max_digits=14, decimal_places=1),
        ),
    )
    answers = averages["satisfaction_answers"]
    tested = averages["tested"]
    return {
        "people": people,
        "attendances": averages["attendances"],
        "breakdown": breakdown,
        "satisfaction": round(averages["satisfaction_sum"] / answers, 1) if answers else None,
        "tested": tested,
        "with_gain": averages["gained"],
        "average_gain": round(averages["gain_sum"] / tested, 1) if tested else None,
    }


def indicator_progress_by_level(action: Action) -> list[dict]:
    """The results tab's bar per OECD level: how many of the Action's periods reached their target."""
    periods = IndicatorPeriod.objects.filter(indicator__action=action)
    rows = {row["indicator__oecd_level"]: row for row in _level_figures(periods)}
    return _with_shares([rows.get(level) or _empty_row(level) for level in OecdLevel.values])
