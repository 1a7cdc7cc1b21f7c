"""The results framework's figures against the raw data: computed actuals per measure and period
(counted here independently, row by row in Python), their breakdowns, how they follow each write,
the programme roll-up per OECD level and an Action's participation figures."""

import datetime
from collections import defaultdict
from decimal import Decimal

import pytest

from actions import services
from actions.choices import (
    HELD_ACTIVITY_STATUSES,
    PARTICIPANT_MEASURES,
    ActionStatus,
    ActionType,
    ActivityStatus,
    ActivityType,
    DeliverableStatus,
    IndicatorMeasure,
    IndicatorUnit,
    OecdLevel,
    PeriodStatus,
)
from actions.models import (
    Activity,
    Deliverable,
    ExpertAssignment,
    IndicatorPeriod,
    Participation,
    ProgrammePhase,
)
from actions.selectors import action_participation_figures, indicator_progress_by_level, results_rollup
from mieux.errors import Conflict
from partners.choices import Gender, InstitutionType
from partners.filtersets import countries_in_region
from tests.factories import ExpertFactory, InstitutionFactory, PersonFactory

from .factories import (
    ActionFactory,
    ActivityFactory,
    DeliverableFactory,
    ExpertAssignmentFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    ParticipationFactory,
)

D = datetime.date
FIRST = (D(2023, 1, 1), D(2023, 6, 30))
SECOND = (D(2023, 7, 1), D(2023, 12, 31))
PERIODS = (FIRST, SECOND)
COMPUTED = [m for m in IndicatorMeasure.values if m != IndicatorMeasure.ENTERED]


# --- The independent count ------------------------------------------------------------------


def held_in(action, starts_on, ends_on) -> list[Activity]:
    return [
        activity
        for activity in Activity.objects.all()
        if activity.action_id == action.pk
        and activity.status in HELD_ACTIVITY_STATUSES
        and activity.held_on is not None
        and starts_on <= activity.held_on <= ends_on
    ]


def expected_actual(action, measure, starts_on, ends_on) -> tuple[Decimal, dict]:
    """What the period's actual must be, counted row by row without the selectors."""
    held = {activity.pk: activity for activity in held_in(action, starts_on, ends_on)}
    if measure in PARTICIPANT_MEASURES:
        people = {}
        for participation in Participation.objects.select_related("institution"):
            if participation.activity_id not in held:
                continue
            if measure == IndicatorMeasure.PARTICIPANTS_WITH_KNOWLEDGE_GAIN and not (
                participation.pre_test_score is not None
                and participation.post_test_score is not None
                and participation.post_test_score > participation.pre_test_score
            ):
                continue
            if (
                measure == IndicatorMeasure.PARTICIPANTS_APPLYING_LEARNING
                and participation.follow_up_answer
                not in {
                    "yes",
                    "partly",
                }
            ):
                continue
            people[participation.person_id] = (participation.gender, participation.institution.type)
        if not people:
            return Decimal(0), {}
        by_sex, by_type = defaultdict(int), defaultdict(int)
        for gender, institution_type in people.values():
            by_sex[gender] += 1
            by_type[institution_type] += 1
        return Decimal(len(people)), {"sex": dict(by_sex), "institution_type": dict(by_type)}
    if measure == IndicatorMeasure.ACTIVITIES_HELD:
        return Decimal(len(held)), {}
    if measure == IndicatorMeasure.REPLICA_SESSIONS_HELD:
        return Decimal(sum(1 for a in held.values() if a.type == ActivityType.REPLICA_TRAINING)), {}
    if measure == IndicatorMeasure.EXPERT_DAYS:
        return sum((a.days for a in ExpertAssignment.objects.all() if a.activity_id in held), Decimal(0)), {}
    if measure == IndicatorMeasure.DELIVERABLES_ADOPTED:
        count = sum(
            1
            for d in Deliverable.objects.all()
            if d.action_id == action.pk
            and d.status == DeliverableStatus.ADOPTED
            and starts_on <= d.adopted_on <= ends_on
        )
        return Decimal(count), {}
    raise AssertionError(measure)


def assert_periods_match_the_data(action):
    periods = IndicatorPeriod.objects.filter(indicator__action=action, status=PeriodStatus.COMPUTED)
    assert periods.count() == len(COMPUTED) * len(PERIODS)
    for period in periods.select_related("indicator"):
        actual, breakdown = expected_actual(
            action, period.indicator.measure, period.starts_on, period.ends_on
        )
        assert period.actual == actual, (period.indicator.measure, period.starts_on)
        assert period.disaggregation == breakdown, (period.indicator.measure, period.starts_on)
        if breakdown:
            assert sum(breakdown["sex"].values()) == period.actual
            assert sum(breakdown["institution_type"].values()) == period.actual


def period_of(action, measure, which):
    return IndicatorPeriod.objects.get(
        indicator__action=action, indicator__measure=measure, starts_on=which[0]
    )


# --- The data ---------------------------------------------------------------------------------


@pytest.fixture
def officer(world):
    return world.user("programme_officer")


@pytest.fixture
def data(world, officer):
    """One Action with activities held in both periods, before and after them, not held and
    cancelled; people of three institution types and four genders; experts; deliverables; and a
    second Action whose data must never count."""
    ngo = InstitutionFactory(type=InstitutionType.CIVIL_SOCIETY, country="MX")
    city = InstitutionFactory(type=InstitutionType.LOCAL_AUTHORITY, country="MX")
    action = ActionFactory(
        lead=world.institution_a,
        status=ActionStatus.IMPLEMENTATION,
        approved_on=D(2022, 9, 1),
        planned_end=D(2024, 12, 31),
    )
    other = ActionFactory(status=ActionStatus.IMPLEMENTATION, approved_on=D(2022, 9, 1))

    def activity(status, day, type=ActivityType.TRAINING, on=action):
        held = day if status in HELD_ACTIVITY_STATUSES else None
        return ActivityFactory(action=on, status=status, type=type, planned_start=day, held_on=held)

    a = {
        "workshop": activity(ActivityStatus.HELD, D(2023, 2, 10), ActivityType.WORKSHOP),
        "replica": activity(ActivityStatus.REPORTED, D(2023, 5, 20), ActivityType.REPLICA_TRAINING),
        "first_day": activity(ActivityStatus.CLOSED, D(2023, 1, 1)),
        "last_day": activity(ActivityStatus.HELD, D(2023, 6, 30), ActivityType.REPLICA_TRAINING),
        "autumn": activity(ActivityStatus.CLOSED, D(2023, 9, 5)),
        "next_year": activity(ActivityStatus.HELD, D(2024, 1, 15)),
        "confirmed": activity(ActivityStatus.CONFIRMED, D(2023, 3, 1)),
        "to_cancel": activity(ActivityStatus.PLANNED, D(2023, 10, 1)),
        "cancelled": activity(ActivityStatus.CANCELLED, D(2023, 4, 1)),
        "to_hold": activity(ActivityStatus.CONFIRMED, D(2023, 8, 1), ActivityType.REPLICA_TRAINING),
        "elsewhere": activity(ActivityStatus.HELD, D(2023, 3, 1), on=other),
    }
    people = [
        PersonFactory(institution=world.institution_a, gender=Gender.FEMALE),
        PersonFactory(institution=world.institution_a, gender=Gender.MALE),
        PersonFactory(institution=ngo, gender=Gender.FEMALE),
        PersonFactory(institution=ngo, gender=Gender.OTHER),
        PersonFactory(institution=city, gender=Gender.UNDISCLOSED),
        PersonFactory(institution=city, gender=Gender.MALE),
    ]
    # (activity, person, pre, post, follow-up, satisfaction)
    rows = [
        ("workshop", 0, 40, 70, "yes", 5),
        ("workshop", 1, 60, 60, "no", 4),
        ("workshop", 2, 50, 80, "partly", 3),
        ("workshop", 4, None, 90, "", None),
        ("replica", 0, 70, 85, "yes", 5),  # again in the same period: counted once
        ("replica", 3, 55, 45, "partly", 2),
        ("first_day", 5, 20, 30, "", 4),
        ("last_day", 1, 30, 50, "yes", None),
        ("autumn", 0, 10, 20, "no", 3),  # in the second period too
        ("autumn", 5, 50, 75, "yes", 5),
        ("next_year", 2, 10, 90, "yes", 5),
        ("confirmed", 3, 10, 90, "yes", 5),
        ("to_cancel", 4, 10, 90, "yes", 5),
        ("elsewhere", 1, 10, 90, "yes", 5),
    ]
    for key, person, pre, post, follow_up, satisfaction in rows:
        ParticipationFactory(
            activity=a[key],
            person=people[person],
            pre_test_score=pre,
            post_test_score=post,
            follow_up_answer=follow_up,
            satisfaction=satisfaction,
        )
    for key, days in (
        ("workshop", "2.5"),
        ("workshop", "3"),
        ("last_day", "1"),
        ("autumn", "4"),
        ("confirmed", "5"),
        ("cancelled", "2"),
        ("to_hold", "1.5"),
        ("elsewhere", "7"),
        ("next_year", "3"),
    ):
        ExpertAssignmentFactory(activity=a[key], expert=ExpertFactory(), days=Decimal(days))
    for status, day, on in (
        (DeliverableStatus.ADOPTED, D(2023, 4, 1), action),
        (DeliverableStatus.ADOPTED, D(2023, 6, 30), action),
        (DeliverableStatus.ADOPTED, D(2023, 10, 10), action),
        (DeliverableStatus.ADOPTED, D(2024, 2, 1), action),
        (DeliverableStatus.ADOPTED, D(2023, 5, 5), other),
    ):
        DeliverableFactory(action=on, status=status, adopting_body="Ministry", adopted_on=day)
    handed_over = DeliverableFactory(action=action, status=DeliverableStatus.HANDED_OVER)
    for measure in COMPUTED:
        indicator = IndicatorFactory(action=action, measure=measure)
        for starts_on, ends_on in PERIODS:
            services.indicator_period_create(
                actor=officer, indicator=indicator, starts_on=starts_on, ends_on=ends_on, target=5
            )
    return {"action": action, "activities": a, "people": people, "handed_over": handed_over}


# --- Computed actuals -------------------------------------------------------------------------


def test_computed_actuals_match_the_data_for_every_measure(data):
    assert_periods_match_the_data(data["action"])


@pytest.mark.parametrize(
    ("measure", "first", "second"),
    [
        # Written out once by hand, so the independent count itself is checked.
        (IndicatorMeasure.PARTICIPANTS_TRAINED, 6, 2),
        (IndicatorMeasure.PARTICIPANTS_WITH_KNOWLEDGE_GAIN, 4, 2),
        (IndicatorMeasure.PARTICIPANTS_APPLYING_LEARNING, 4, 1),
        (IndicatorMeasure.ACTIVITIES_HELD, 4, 1),
        (IndicatorMeasure.REPLICA_SESSIONS_HELD, 2, 0),
        (IndicatorMeasure.EXPERT_DAYS, Decimal("6.5"), 4),
        (IndicatorMeasure.DELIVERABLES_ADOPTED, 2, 1),
    ],
)
def test_computed_actuals_by_hand(data, measure, first, second):
    assert period_of(data["action"], measure, FIRST).actual == first
    assert period_of(data["action"], measure, SECOND).actual == second


def test_the_participants_breakdown_adds_up(data):
    period = period_of(data["action"], IndicatorMeasure.PARTICIPANTS_TRAINED, FIRST)
    assert period.disaggregation == {
        "sex": {"female": 2, "male": 2, "other": 1, "undisclosed": 1},
        "institution_type": {"national_authority": 2, "civil_society": 2, "local_authority": 2},
    }
    counts = period_of(data["action"], IndicatorMeasure.ACTIVITIES_HELD, FIRST)
    assert counts.disaggregation == {}


def test_an_empty_period_counts_zero_without_a_breakdown(data, officer):
    indicator = IndicatorFactory(action=data["action"], measure=IndicatorMeasure.PARTICIPANTS_TRAINED)
    period = services.indicator_period_create(
        actor=officer, indicator=indicator, starts_on=D(2022, 10, 1), ends_on=D(2022, 12, 31)
    )
    assert period.actual == 0 and period.disaggregation == {}


def test_actuals_follow_each_write(data, officer):
    action, a = data["action"], data["activities"]
    trained = period_of(action, IndicatorMeasure.PARTICIPANTS_TRAINED, FIRST).actual

    newcomer = PersonFactory(institution=data["people"][0].institution, gender=Gender.MALE)
    services.participation_create(actor=officer, activity=a["workshop"], person=newcomer)
    assert period_of(action, IndicatorMeasure.PARTICIPANTS_TRAINED, FIRST).actual == trained + 1
    assert_periods_match_the_data(action)

    services.participation_update(
        Participation.objects.get(activity=a["workshop"], person=newcomer),
        actor=officer,
        pre_test_score=Decimal("10"),
        post_test_score=Decimal("60"),
        follow_up_answer="yes",
    )
    assert_periods_match_the_data(action)

    services.activity_transition(a["to_cancel"], actor=officer, to="cancelled", comment="No venue.")
    assert_periods_match_the_data(action)

    held = period_of(action, IndicatorMeasure.ACTIVITIES_HELD, SECOND).actual
    services.activity_transition(a["to_hold"], actor=officer, to="held")
    assert period_of(action, IndicatorMeasure.ACTIVITIES_HELD, SECOND).actual == held + 1
    assert period_of(action, IndicatorMeasure.EXPERT_DAYS, SECOND).actual == Decimal("5.5")
    assert_periods_match_the_data(action)

    # Held on another day than recorded: the activity moves to the first period.
    services.activity_update(Activity.objects.get(pk=a["autumn"].pk), actor=officer, held_on=D(2023, 6, 1))
    assert period_of(action, IndicatorMeasure.ACTIVITIES_HELD, SECOND).actual == held
    assert_periods_match_the_data(action)

    adopted = period_of(action, IndicatorMeasure.DELIVERABLES_ADOPTED, SECOND).actual
    deliverable = services.deliverable_update(
        data["handed_over"], actor=officer, adopting_body="Congress", adopted_on=D(2023, 11, 20)
    )
    services.deliverable_transition(deliverable, actor=officer, to="adopted")
    assert period_of(action, IndicatorMeasure.DELIVERABLES_ADOPTED, SECOND).actual == adopted + 1
    assert_periods_match_the_data(action)

    services.participation_delete(
        Participation.objects.get(activity=a["workshop"], person=newcomer), actor=world_manager(officer)
    )
    assert period_of(action, IndicatorMeasure.PARTICIPANTS_TRAINED, FIRST).actual == trained
    assert_periods_match_the_data(action)

    services.expert_assignment_delete(
        ExpertAssignment.objects.filter(activity=a["workshop"]).first(), actor=world_manager(officer)
    )
    assert_periods_match_the_data(action)


def world_manager(officer):
    from mieux.models import User

    return User.objects.get(role="programme_manager")


def test_an_indicator_switched_to_computed_is_recomputed(data, officer):
    indicator = IndicatorFactory(action=data["action"])
    period = services.indicator_period_create(
        actor=officer, indicator=indicator, starts_on=FIRST[0], ends_on=FIRST[1], actual=Decimal("99")
    )
    services.indicator_update(indicator, actor=officer, measure=IndicatorMeasure.ACTIVITIES_HELD)
    period.refresh_from_db()
    assert period.status == PeriodStatus.COMPUTED and period.actual == 4
    # And back: the computed figure becomes a draft to confirm.
    services.indicator_update(indicator, actor=officer, measure=IndicatorMeasure.ENTERED)
    period.refresh_from_db()
    assert period.status == PeriodStatus.DRAFT and period.actual == 4


def test_an_indicator_with_approved_values_stays_entered(data, officer):
    indicator = IndicatorFactory(action=data["action"])
    period = IndicatorPeriodFactory(
        indicator=indicator, starts_on=FIRST[0], ends_on=FIRST[1], status="approved", actual=99
    )
    with pytest.raises(Conflict) as refusal:
        services.indicator_update(indicator, actor=officer, measure=IndicatorMeasure.ACTIVITIES_HELD)
    assert "measure" in refusal.value.fields
    period.refresh_from_db()
    indicator.refresh_from_db()
    assert (period.status, period.actual, indicator.measure) == ("approved", 99, "entered")


# --- Programme roll-up ------------------------------------------------------------------------


@pytest.fixture
def portfolio(world):
    """Entered and computed indicators on three Actions of two phases, types and regions, in every
    period status, with a percentage indicator that must not be summed."""
    third, _ = ProgrammePhase.objects.get_or_create(
        code="MIEUX_III",
        defaults={"name_en": "MIEUX III", "starts_on": D(2016, 1, 1), "ends_on": D(2020, 3, 31)},
    )
    mexico = ActionFactory(countries=["MX"], type=ActionType.CLASSIC, approved_on=D(2021, 1, 1))
    nigeria = ActionFactory(
        countries=["NG"], type=ActionType.HOLISTIC, phase=third, approved_on=D(2019, 1, 1)
    )
    both = ActionFactory(countries=["MX", "NG"], type=ActionType.REGIONAL, approved_on=D(2021, 1, 1))
    hidden = ActionFactory(countries=["MX"], approved_on=D(2021, 1, 1))  # not in the roll-up asked for
    specs = [
        # (action, level, unit, measure, [(status, target, actual), ...])
        (
            mexico,
            OecdLevel.INDIVIDUAL,
            "number",
            "entered",
            [("approved", 20, 25), ("submitted", 10, 8), ("draft", 5, 1)],
        ),
        (mexico, OecdLevel.ORGANISATIONAL, "number", "entered", [("approved", 3, 2), ("returned", 4, 4)]),
        (mexico, OecdLevel.INDIVIDUAL, "number", "participants_trained", [("computed", 30, 12)]),
        (mexico, OecdLevel.INDIVIDUAL, "percent", "entered", [("approved", 80, 90)]),
        (
            nigeria,
            OecdLevel.ENABLING_ENVIRONMENT,
            "number",
            "entered",
            [("approved", 1, 1), ("approved", 2, 0)],
        ),
        (nigeria, OecdLevel.INDIVIDUAL, "number", "entered", [("approved", 15, 15)]),
        (nigeria, OecdLevel.ORGANISATIONAL, "number", "deliverables_adopted", [("computed", None, 3)]),
        (both, OecdLevel.INDIVIDUAL, "number", "entered", [("approved", 40, 35), ("submitted", 10, 10)]),
        (both, OecdLevel.ENABLING_ENVIRONMENT, "percent", "entered", [("approved", 50, 60)]),
        (hidden, OecdLevel.INDIVIDUAL, "number", "entered", [("approved", 1000, 1000)]),
    ]
    rows = []
    for action, level, unit, measure, periods in specs:
        indicator = IndicatorFactory(action=action, oecd_level=level, unit=unit, measure=measure)
        for year, (status, target, actual) in enumerate(periods, start=2021):
            IndicatorPeriodFactory(
                indicator=indicator,
                starts_on=D(year, 1, 1),
                ends_on=D(year, 12, 31),
                status=status,
                target=target,
                actual=actual,
            )
            rows.append(
                {
                    "action": action,
                    "indicator": indicator.pk,
                    "level": level,
                    "unit": unit,
                    "status": status,
                    "target": target,
                    "actual": actual,
                }
            )
    return {"actions": [mexico, nigeria, both], "hidden": hidden, "rows": rows}


def expected_levels(rows) -> dict:
    """Per level: the sums a roll-up must show, from the rows as built."""
    figures = {}
    for level in OecdLevel.values:
        mine = [r for r in rows if r["level"] == level and r["unit"] == IndicatorUnit.NUMBER]
        counted = [r for r in mine if r["status"] in {"approved", "computed"} and r["actual"] is not None]
        figures[level] = {
            "periods": len(mine),
            "indicators": len({r["indicator"] for r in mine}),
            "actions": len({r["action"].pk for r in mine}),
            "target_total": Decimal(sum(r["target"] or 0 for r in mine)),
            "actual_total": Decimal(sum(r["actual"] for r in counted)),
            "met": sum(1 for r in counted if r["target"] is not None and r["actual"] >= r["target"]),
            "pending": sum(1 for r in mine if r["status"] == "submitted"),
        }
    return figures


def assert_rows_match(rows, expected):
    by_level = {row["level"]: row for row in rows}
    for level, figures in expected.items():
        if not figures["periods"]:
            assert level not in by_level or by_level[level]["periods"] == 0
            continue
        row = by_level[level]
        for name, value in figures.items():
            assert row[name] == value, (level, name)


def rollup_of(portfolio):
    from actions.models import Action

    return results_rollup(Action.objects.filter(pk__in=[a.pk for a in portfolio["actions"]]))


def test_the_rollup_per_level_sums_the_periods(portfolio):
    rollup = rollup_of(portfolio)
    expected = expected_levels([r for r in portfolio["rows"] if r["action"] != portfolio["hidden"]])
    assert [row["level"] for row in rollup["overall"]] == OecdLevel.values
    assert_rows_match(rollup["overall"], expected)
    # Written out once by hand: individual = 20+10+5+30+15+40+10 targets, 25+12+15+35 counted.
    individual = next(row for row in rollup["overall"] if row["level"] == "individual")
    assert individual["target_total"] == 130 and individual["actual_total"] == 87
    assert individual["pending"] == 2 and individual["met"] == 2
    assert individual["share_of_target"] == round(100 * 87 / 130)


def test_the_rollup_by_phase_type_and_region_sums_the_periods(portfolio):
    rollup = rollup_of(portfolio)
    rows = portfolio["rows"]
    in_scope = [r for r in rows if r["action"].pk != portfolio["hidden"].pk]

    for group in rollup["by_phase"]:
        code = group["indicator__action__phase__code"]
        mine = [r for r in in_scope if r["action"].phase.code == code]
        assert_rows_match([group], {group["level"]: expected_levels(mine)[group["level"]]})
    assert {g["indicator__action__phase__code"] for g in rollup["by_phase"]} == {"MIEUX_PLUS", "MIEUX_III"}

    for group in rollup["by_type"]:
        mine = [r for r in in_scope if r["action"].type == group["indicator__action__type"]]
        assert_rows_match([group], {group["level"]: expected_levels(mine)[group["level"]]})
    assert {g["indicator__action__type"] for g in rollup["by_type"]} == {"classic", "holistic", "regional"}

    regions = {region["region"]: region for region in rollup["by_region"]}
    assert set(regions) == {"latin_america_caribbean", "africa"}
    for code, region in regions.items():
        countries = set(countries_in_region(code))
        mine = [r for r in in_scope if countries & {c.code for c in r["action"].countries}]
        assert_rows_match(region["rows"], expected_levels(mine))
    # The regional Action (Mexico and Nigeria) counts in both regions.
    africa = {row["level"]: row for row in regions["africa"]["rows"]}
    assert africa["individual"]["actual_total"] == 15 + 35


def test_the_rollup_leaves_out_percentages_and_uncounted_statuses(portfolio):
    rollup = rollup_of(portfolio)
    enabling = next(row for row in rollup["overall"] if row["level"] == "enabling_environment")
    # Only the Nigerian numbers: the 50 % target of the regional Action is not summed.
    assert enabling["target_total"] == 3 and enabling["actual_total"] == 1 and enabling["periods"] == 2
    IndicatorPeriod.objects.filter(status="submitted").update(status="approved")
    individual = next(row for row in rollup_of(portfolio)["overall"] if row["level"] == "individual")
    assert individual["actual_total"] == 87 + 8 + 10


def test_indicator_progress_of_an_action(portfolio):
    rows = {row["level"]: row for row in indicator_progress_by_level(portfolio["actions"][0])}
    assert rows["individual"]["periods"] == 5  # the percentage indicator counts its period here
    assert rows["enabling_environment"]["periods"] == 0 and rows["enabling_environment"]["share_met"] == 0


# --- An Action's participation figures --------------------------------------------------------


def test_action_participation_figures_match_the_rows(data):
    action = data["action"]
    figures = action_participation_figures(action)
    mine = list(Participation.objects.filter(activity__action=action))
    tested = [p for p in mine if p.pre_test_score is not None and p.post_test_score is not None]
    answers = [p.satisfaction for p in mine if p.satisfaction is not None]
    assert figures["people"] == len({p.person_id for p in mine}) == 6
    assert figures["attendances"] == len(mine) == 13
    assert figures["tested"] == len(tested)
    assert figures["with_gain"] == sum(1 for p in tested if p.post_test_score > p.pre_test_score)
    assert figures["satisfaction"] == round(sum(answers) / len(answers), 1)
    gain = sum((p.post_test_score - p.pre_test_score for p in tested), Decimal(0)) / len(tested)
    assert figures["average_gain"] == round(gain, 1)
    assert sum(figures["breakdown"]["sex"].values()) == figures["people"]
    assert sum(figures["breakdown"]["institution_type"].values()) == figures["people"]


def test_participation_figures_of_an_action_without_participants(world):
    figures = action_participation_figures(ActionFactory())
    assert figures == {
        "people": 0,
        "attendances": 0,
        "breakdown": {},
        "satisfaction": None,
        "tested": 0,
        "with_gain": 0,
        "average_gain": None,
    }
