"""The services of what happens inside an Action: expert bookings, participations, reporting periods
and their breakdowns, bulk writes and their audit trail, and the work a finished Action refuses."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from actions import services
from actions.choices import (
    ActionStatus,
    ActionType,
    ActivityStatus,
    CoordinationActor,
    CoordinationStage,
    IndicatorMeasure,
    OecdLevel,
    ResultKind,
)
from actions.models import Activity, ExpertAssignment, IndicatorPeriod, Participation
from mieux.audit import origin_scope
from mieux.errors import ApplicationError, Conflict
from mieux.models import AuditEntry
from partners.choices import Gender, RosterStatus
from partners.models import Person
from partners.services import people_bulk_create
from tests.factories import ExpertFactory, PersonFactory

from .factories import ActionFactory, ActivityFactory, ExpertAssignmentFactory, IndicatorFactory

DAY = datetime.date(2030, 3, 10)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


@pytest.fixture
def officer(world):
    return world.user("programme_officer")


@pytest.fixture
def action(world):
    return ActionFactory(
        lead=world.institution_a,
        status=ActionStatus.IMPLEMENTATION,
        approved_on=datetime.date(2022, 5, 2),
        planned_end=datetime.date(2024, 12, 31),
    )


def planned(action, start, length=3, **fields):
    """An activity planned over `length` days from `start`."""
    return ActivityFactory(action=action, planned_start=start, planned_end=start + days(length - 1), **fields)


def entries_for(model) -> "AuditEntry":
    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))


# --- Expert bookings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "length", "overlaps"),
    [
        (DAY, 3, True),  # the same days
        (DAY + days(2), 3, True),  # starts on the other's last day
        (DAY - days(2), 3, True),  # ends on the other's first day
        (DAY + days(1), 1, True),  # inside
        (DAY - days(1), 5, True),  # around
        (DAY + days(3), 3, False),  # the day after
        (DAY - days(3), 3, False),  # ends the day before
    ],
)
def test_an_expert_is_not_booked_on_overlapping_days(world, action, officer, start, length, overlaps):
    expert = ExpertFactory()
    booked = planned(action, DAY, title="Assessment mission")
    services.expert_assignment_create(actor=officer, activity=booked, expert=expert)
    # The other activity belongs to another Action: bookings are checked across the portfolio.
    other = planned(ActionFactory(status=ActionStatus.IMPLEMENTATION), start, length)
    if overlaps:
        with pytest.raises(Conflict) as refusal:
            services.expert_assignment_create(actor=officer, activity=other, expert=expert)
        assert "expert" in refusal.value.fields
        assert "Assessment mission" in refusal.value.message and action.code in refusal.value.message
        assert not ExpertAssignment.objects.filter(activity=other).exists()
        assert entries_for(ExpertAssignment).count() == 1
    else:
        services.expert_assignment_create(actor=officer, activity=other, expert=expert)
        assert expert.assignments.count() == 2


def test_a_one_day_activity_without_an_end_takes_its_start_day(world, action, officer):
    expert = ExpertFactory()
    services.expert_assignment_create(
        actor=officer, activity=ActivityFactory(action=action, planned_start=DAY), expert=expert
    )
    with pytest.raises(Conflict):
        services.expert_assignment_create(
            actor=officer, activity=planned(action, DAY - days(2)), expert=expert
        )
    services.expert_assignment_create(actor=officer, activity=planned(action, DAY + days(1)), expert=expert)


def test_other_experts_may_share_the_days(world, action, officer):
    activity = planned(action, DAY)
    services.expert_assignment_create(actor=officer, activity=activity, expert=ExpertFactory())
    services.expert_assignment_create(actor=officer, activity=planned(action, DAY), expert=ExpertFactory())
    assert ExpertAssignment.objects.count() == 2


def test_an_expert_is_assigned_once_per_activity(world, action, officer):
    expert, activity = ExpertFactory(), planned(action, DAY)
    services.expert_assignment_create(actor=officer, activity=activity, expert=expert)
    with pytest.raises(ApplicationError) as error:
        services.expert_assignment_create(actor=officer, activity=activity, expert=expert)
    assert "expert" in error.value.fields


def test_a_held_activity_books_the_days_it_was_held_on(world, action, officer):
    """Planned 6–8 March, held 20–22 March: the planned days are free again, the held ones are not."""
    expert = ExpertFactory()
    held = planned(
        action, datetime.date(2023, 3, 6), status=ActivityStatus.HELD, held_on=datetime.date(2023, 3, 20)
    )
    assert held.period == (datetime.date(2023, 3, 20), datetime.date(2023, 3, 22))
    ExpertAssignmentFactory(activity=held, expert=expert)
    with pytest.raises(Conflict):
        services.expert_assignment_create(
            actor=officer, activity=planned(action, datetime.date(2023, 3, 22), 1), expert=expert
        )
    services.expert_assignment_create(
        actor=officer, activity=planned(action, datetime.date(2023, 3, 6)), expert=expert
    )


@pytest.mark.parametrize("status", [ActivityStatus.CANCELLED, ActivityStatus.POSTPONED])
def test_cancelled_and_postponed_activities_free_their_experts(world, action, officer, status):
    expert = ExpertFactory()
    released = planned(action, DAY, status=status)
    ExpertAssignmentFactory(activity=released, expert=expert)
    services.expert_assignment_create(actor=officer, activity=planned(action, DAY), expert=expert)
    assert expert.assignments.count() == 2


def test_a_postponed_activity_planned_again_may_not_double_book_its_experts(world, action, officer):
    expert = ExpertFactory()
    first = planned(action, DAY, type="replica_training")
    services.expert_assignment_create(actor=officer, activity=first, expert=expert)
    first = services.activity_transition(first, actor=officer, to="postponed", comment="Elections.")
    services.expert_assignment_create(actor=officer, activity=planned(action, DAY), expert=expert)
    with pytest.raises(Conflict) as refusal:
        services.activity_transition(first, actor=officer, to="planned")
    assert "expert" in refusal.value.fields
    assert Activity.objects.get(pk=first.pk).status == "postponed"
    # Moved to free days first, it is planned again.
    services.activity_update(first, actor=officer, planned_start=DAY + days(7), planned_end=DAY + days(8))
    assert services.activity_transition(first, actor=officer, to="planned").status == "planned"


def test_moving_an_activity_onto_another_booking_is_refused_and_nothing_saved(world, action, officer):
    expert = ExpertFactory()
    services.expert_assignment_create(actor=officer, activity=planned(action, DAY), expert=expert)
    later = planned(action, DAY + days(10), title="Study visit")
    services.expert_assignment_create(actor=officer, activity=later, expert=expert)
    with pytest.raises(Conflict) as refusal:
        services.activity_update(later, actor=officer, planned_start=DAY + days(1), planned_end=DAY + days(3))
    assert "expert" in refusal.value.fields
    later = Activity.objects.get(pk=later.pk)
    assert (later.planned_start, later.planned_end) == (DAY + days(10), DAY + days(12))
    assert not AuditEntry.objects.for_object(later).filter(action="update").exists()
    # Moving it to free days is fine.
    services.activity_update(later, actor=officer, planned_start=DAY + days(3), planned_end=DAY + days(4))
    assert Activity.objects.get(pk=later.pk).planned_start == DAY + days(3)


@pytest.mark.parametrize("roster_status", [RosterStatus.INACTIVE, RosterStatus.WITHDRAWN])
def test_experts_off_the_roster_are_not_booked(world, action, officer, roster_status):
    expert = ExpertFactory(roster_status=roster_status)
    with pytest.raises(ApplicationError) as error:
        services.expert_assignment_create(actor=officer, activity=planned(action, DAY), expert=expert)
    assert "expert" in error.value.fields
    assert not ExpertAssignment.objects.exists() and not entries_for(ExpertAssignment).exists()


@pytest.mark.parametrize("status", [ActivityStatus.CANCELLED, ActivityStatus.CLOSED])
def test_cancelled_or_closed_activities_take_no_expert(world, action, officer, status):
    with pytest.raises(Conflict):
        services.expert_assignment_create(
            actor=officer, activity=planned(action, DAY, status=status), expert=ExpertFactory()
        )


def test_the_nominating_focal_point_is_taken_from_the_roster(world, action, officer):
    focal = PersonFactory()
    expert = ExpertFactory(nominating_focal_point=focal)
    assignment = services.expert_assignment_create(
        actor=officer, activity=planned(action, DAY), expert=expert
    )
    assert assignment.nominating_focal_point == focal


# --- Participations -------------------------------------------------------------------------


def test_a_participation_copies_gender_and_institution_from_the_person(world, action, officer):
    person = PersonFactory(institution=world.institution_a, gender=Gender.MALE)
    first = planned(action, DAY)
    participation = services.participation_create(actor=officer, activity=first, person=person)
    assert (participation.gender, participation.institution) == (Gender.MALE, world.institution_a)
    # The person moves on; the record keeps who they were then, a new one who they are now.
    Person.objects.filter(pk=person.pk).update(institution=world.institution_b, gender=Gender.OTHER)
    person.refresh_from_db()
    later = services.participation_create(
        actor=officer, activity=planned(action, DAY + days(5)), person=person
    )
    participation.refresh_from_db()
    assert (participation.gender, participation.institution) == (Gender.MALE, world.institution_a)
    assert (later.gender, later.institution) == (Gender.OTHER, world.institution_b)
    entry = AuditEntry.objects.for_object(participation).get(action="create")
    assert entry.changes["gender"] == [None, "male"]
    assert entry.changes["institution"] == [None, world.institution_a.pk]


def test_a_person_is_once_on_an_attendance_list(world, action, officer):
    person, activity = PersonFactory(institution=world.institution_a), planned(action, DAY)
    services.participation_create(actor=officer, activity=activity, person=person)
    with pytest.raises(ApplicationError) as error:
        services.participation_create(actor=officer, activity=activity, person=person)
    assert "person" in error.value.fields


@pytest.mark.parametrize("status", [ActivityStatus.CANCELLED, ActivityStatus.POSTPONED])
def test_no_attendance_on_an_activity_that_did_not_take_place(world, action, officer, status):
    with pytest.raises(Conflict):
        services.participation_create(
            actor=officer, activity=planned(action, DAY, status=status), person=PersonFactory()
        )


@pytest.mark.parametrize(
    ("duration", "given", "expected"),
    [
        (Decimal("8"), {"attendance_hours": Decimal("6")}, (Decimal("6"), Decimal("75"))),
        (Decimal("8"), {"attendance_percent": Decimal("50")}, (Decimal("4"), Decimal("50"))),
        (Decimal("7.5"), {"attendance_hours": Decimal("5")}, (Decimal("5"), Decimal("66.7"))),
        (Decimal("7.5"), {"attendance_percent": Decimal("90")}, (Decimal("6.8"), Decimal("90"))),
        (None, {"attendance_hours": Decimal("6")}, (Decimal("6"), None)),
        (None, {"attendance_percent": Decimal("80")}, (None, Decimal("80"))),
        (Decimal("8"), {"attendance_hours": Decimal("8")}, (Decimal("8"), Decimal("100"))),
    ],
)
def test_attendance_in_hours_or_per_cent_gives_the_other(world, action, officer, duration, given, expected):
    activity = planned(action, DAY, duration_hours=duration)
    participation = services.participation_create(
        actor=officer, activity=activity, person=PersonFactory(), **given
    )
    participation = Participation.objects.get(pk=participation.pk)
    assert (participation.attendance_hours, participation.attendance_percent) == expected


def test_changing_one_attendance_unit_recomputes_the_other(world, action, officer):
    activity = planned(action, DAY, duration_hours=Decimal("16"))
    participation = services.participation_create(
        actor=officer, activity=activity, person=PersonFactory(), attendance_percent=Decimal("100")
    )
    assert participation.attendance_hours == Decimal("16")
    services.participation_update(participation, actor=officer, attendance_hours=Decimal("4"))
    participation = Participation.objects.get(pk=participation.pk)
    assert (participation.attendance_hours, participation.attendance_percent) == (Decimal("4"), Decimal("25"))
    services.participation_update(participation, actor=officer, attendance_percent=Decimal("50"))
    participation = Participation.objects.get(pk=participation.pk)
    assert (participation.attendance_hours, participation.attendance_percent) == (Decimal("8"), Decimal("50"))


OUT_OF_RANGE = [
    ({"attendance_percent": Decimal("120")}, "attendance_percent"),
    ({"attendance_percent": Decimal("-1")}, "attendance_percent"),
    ({"attendance_hours": Decimal("9")}, "attendance_hours"),
    ({"attendance_hours": Decimal("-2")}, "attendance_hours"),
    ({"pre_test_score": Decimal("101")}, "pre_test_score"),
    ({"post_test_score": Decimal("140")}, "post_test_score"),
    ({"post_test_score": Decimal("-5")}, "post_test_score"),
    ({"satisfaction": 0}, "satisfaction"),
    ({"satisfaction": 6}, "satisfaction"),
]


@pytest.mark.parametrize(("fields", "field"), OUT_OF_RANGE)
def test_values_out_of_range_are_refused_naming_the_field(world, action, officer, fields, field):
    activity = planned(action, DAY, duration_hours=Decimal("8"))
    with pytest.raises(ApplicationError) as error:
        services.participation_create(actor=officer, activity=activity, person=PersonFactory(), **fields)
    assert field in error.value.fields
    assert field in error.value.message
    assert not Participation.objects.exists()
    assert not entries_for(Participation).exists()


@pytest.mark.parametrize(("fields", "field"), OUT_OF_RANGE)
def test_values_out_of_range_are_refused_on_update(world, action, officer, fields, field):
    activity = planned(action, DAY, duration_hours=Decimal("8"))
    participation = services.participation_create(
        actor=officer, activity=activity, person=PersonFactory(), attendance_percent=Decimal("50")
    )
    with pytest.raises(ApplicationError) as error:
        services.participation_update(participation, actor=officer, **fields)
    assert field in error.value.fields
    stored = Participation.objects.get(pk=participation.pk)
    assert (stored.attendance_percent, stored.attendance_hours) == (Decimal("50"), Decimal("4"))
    assert stored.satisfaction is None and stored.post_test_score is None
    assert not AuditEntry.objects.for_object(stored).filter(action="update").exists()


@pytest.mark.parametrize(("fields", "field"), OUT_OF_RANGE)
def test_a_recorded_list_with_one_bad_row_names_the_row_and_saves_nothing(
    world, action, officer, fields, field
):
    activity = planned(action, DAY, duration_hours=Decimal("8"))
    rows = [(PersonFactory(), {"attendance_percent": Decimal("100")}) for _ in range(3)]
    rows.insert(1, (PersonFactory(), fields))
    with pytest.raises(ApplicationError) as error:
        services.participations_record(actor=officer, activity=activity, rows=rows)
    assert "row 2" in error.value.fields
    assert field in " ".join(error.value.fields["row 2"])
    assert not Participation.objects.exists() and not entries_for(Participation).exists()


def test_a_recorded_list_names_the_row_of_a_bad_update_too(world, action, officer):
    activity = planned(action, DAY, duration_hours=Decimal("8"))
    people = [PersonFactory() for _ in range(2)]
    services.participations_record(actor=officer, activity=activity, rows=[(p, {}) for p in people])
    with pytest.raises(ApplicationError) as error:
        services.participations_record(
            actor=officer,
            activity=activity,
            rows=[(people[0], {"satisfaction": 4}), (people[1], {"satisfaction": 9})],
            row_numbers=[5, 6],
        )
    assert "row 6" in error.value.fields
    assert set(Participation.objects.values_list("satisfaction", flat=True)) == {None}


# --- Reporting periods ------------------------------------------------------------------------


def entered(action, **fields):
    fields.setdefault("oecd_level", OecdLevel.INDIVIDUAL)
    return IndicatorFactory(action=action, **fields)


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "field"),
    [
        (datetime.date(2022, 1, 1), datetime.date(2022, 12, 31), "starts_on"),
        (datetime.date(2024, 1, 1), datetime.date(2025, 3, 31), "ends_on"),
    ],
)
def test_a_period_lies_within_the_action(world, action, officer, starts_on, ends_on, field):
    indicator = entered(action)
    with pytest.raises(ApplicationError) as error:
        services.indicator_period_create(
            actor=officer, indicator=indicator, starts_on=starts_on, ends_on=ends_on
        )
    assert field in error.value.fields
    assert not IndicatorPeriod.objects.exists()


def test_an_open_ended_action_takes_periods_after_its_start(world, officer):
    action = ActionFactory(approved_on=datetime.date(2022, 5, 2), status=ActionStatus.IMPLEMENTATION)
    period = services.indicator_period_create(
        actor=officer,
        indicator=entered(action),
        starts_on=datetime.date(2030, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
    )
    assert period.pk


def test_periods_of_an_indicator_do_not_overlap(world, action, officer):
    indicator = entered(action)
    services.indicator_period_create(
        actor=officer,
        indicator=indicator,
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2023, 6, 30),
    )
    with pytest.raises(ApplicationError) as error:
        services.indicator_period_create(
            actor=officer,
            indicator=indicator,
            starts_on=datetime.date(2023, 6, 1),
            ends_on=datetime.date(2023, 12, 31),
        )
    assert "starts_on" in error.value.fields
    second = services.indicator_period_create(
        actor=officer,
        indicator=indicator,
        starts_on=datetime.date(2023, 7, 1),
        ends_on=datetime.date(2023, 12, 31),
    )
    with pytest.raises(ApplicationError) as error:
        services.indicator_period_update(second, actor=officer, starts_on=datetime.date(2023, 6, 30))
    assert "starts_on" in error.value.fields
    assert IndicatorPeriod.objects.get(pk=second.pk).starts_on == datetime.date(2023, 7, 1)
    # Another indicator may use the same days.
    services.indicator_period_create(
        actor=officer,
        indicator=entered(action),
        starts_on=datetime.date(2023, 6, 1),
        ends_on=datetime.date(2023, 12, 31),
    )


def make_period(officer, indicator, **fields):
    return services.indicator_period_create(
        actor=officer,
        indicator=indicator,
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2023, 12, 31),
        **fields,
    )


def test_an_entered_breakdown_adding_up_is_kept(world, action, officer):
    period = make_period(
        officer,
        entered(action),
        actual=Decimal("21"),
        disaggregation={
            "sex": {"female": 12, "male": 9},
            "institution_type": {"national_authority": 15, "civil_society": "6"},
        },
    )
    stored = IndicatorPeriod.objects.get(pk=period.pk)
    assert stored.disaggregation == {
        "sex": {"female": 12, "male": 9},
        "institution_type": {"national_authority": 15, "civil_society": 6},
    }


@pytest.mark.parametrize(
    "disaggregation",
    [
        {"sex": {"female": 12, "male": 8}},
        {"sex": {"female": 12, "male": 9}, "institution_type": {"national_authority": 20}},
        {"sex": {"woman": 21}},
        {"institution_type": {"ministry": 21}},
        {"age": {"under_25": 21}},
        {"sex": {"female": 22, "male": -1}},
        {"sex": {"female": "many"}},
        {"sex": [12, 9]},
        ["sex"],
    ],
)
def test_an_entered_breakdown_must_add_up_and_use_known_categories(world, action, officer, disaggregation):
    with pytest.raises(ApplicationError) as error:
        make_period(officer, entered(action), actual=Decimal("21"), disaggregation=disaggregation)
    assert "disaggregation" in error.value.fields
    assert not IndicatorPeriod.objects.exists()


def test_a_breakdown_without_an_actual_is_refused(world, action, officer):
    with pytest.raises(ApplicationError) as error:
        make_period(officer, entered(action), disaggregation={"sex": {"female": 1}})
    assert "disaggregation" in error.value.fields


def test_changing_the_actual_rechecks_the_breakdown(world, action, officer):
    period = make_period(officer, entered(action), actual=Decimal("3"), disaggregation={"sex": {"female": 3}})
    with pytest.raises(ApplicationError) as error:
        services.indicator_period_update(period, actor=officer, actual=Decimal("4"))
    assert "disaggregation" in error.value.fields
    assert IndicatorPeriod.objects.get(pk=period.pk).actual == 3
    services.indicator_period_update(
        period, actor=officer, actual=Decimal("4"), disaggregation={"sex": {"female": 3, "male": 1}}
    )
    assert IndicatorPeriod.objects.get(pk=period.pk).disaggregation == {"sex": {"female": 3, "male": 1}}


def test_a_computed_actual_is_not_entered(world, action, officer):
    indicator = IndicatorFactory(action=action, measure=IndicatorMeasure.ACTIVITIES_HELD)
    with pytest.raises(ApplicationError) as error:
        make_period(officer, indicator, actual=Decimal("3"))
    assert "actual" in error.value.fields
    period = make_period(officer, indicator)
    assert period.status == "computed" and period.actual == 0
    with pytest.raises(ApplicationError):
        services.indicator_period_update(period, actor=officer, actual=Decimal("3"))


def test_a_percentage_lies_between_0_and_100(world, action, officer):
    with pytest.raises(ApplicationError) as error:
        make_period(officer, entered(action, unit="percent"), actual=Decimal("101"))
    assert "actual" in error.value.fields


# --- Bulk writes and their audit trail --------------------------------------------------------


def test_a_recorded_list_writes_one_entry_per_row_with_its_origin(world, action, officer):
    activity = planned(action, DAY, duration_hours=Decimal("8"))
    people = [PersonFactory(institution=world.institution_a) for _ in range(4)]
    with origin_scope("command:import_attendance"):
        result = services.participations_record(
            actor=officer, activity=activity, rows=[(p, {"attendance_hours": Decimal("8")}) for p in people]
        )
    assert result == {"created": 4, "updated": 0, "unchanged": 0}
    created = entries_for(Participation).filter(action="create")
    assert created.count() == 4
    assert set(created.values_list("origin", flat=True)) == {"command:import_attendance"}
    assert set(created.values_list("actor", flat=True)) == {officer.pk}
    assert set(created.values_list("object_id", flat=True)) == {
        str(pk) for pk in Participation.objects.values_list("pk", flat=True)
    }
    assert set(Participation.objects.values_list("attendance_percent", flat=True)) == {Decimal("100")}
    # Recorded again with one change: one update entry, for that row only.
    rows = [(p, {"attendance_hours": Decimal("8")}) for p in people]
    rows[2] = (people[2], {"attendance_hours": Decimal("4")})
    with origin_scope("command:import_attendance"):
        result = services.participations_record(actor=officer, activity=activity, rows=rows)
    assert result == {"created": 0, "updated": 1, "unchanged": 3}
    updated = entries_for(Participation).get(action="update")
    assert updated.changes["attendance_hours"] == ["8.0", "4.0"]
    assert updated.changes["attendance_percent"] == ["100.0", "50.0"]
    assert Participation.objects.count() == 4


def test_people_created_in_bulk_are_audited_each(world, officer):
    people = [
        Person(
            first_name=f"Ana {n}", last_name="López", gender=Gender.FEMALE, institution=world.institution_a
        )
        for n in range(3)
    ]
    with origin_scope("command:test"):
        people_bulk_create(actor=officer, people=people)
    entries = entries_for(Person).filter(action="create", object_id__in=[str(p.pk) for p in people])
    assert entries.count() == 3 and set(entries.values_list("origin", flat=True)) == {"command:test"}


def test_planning_the_matrix_writes_one_entry_per_cell(world, officer):
    holistic = ActionFactory(type=ActionType.HOLISTIC, status=ActionStatus.IMPLEMENTATION)
    with origin_scope("command:plan_matrix"):
        created = services.coordination_matrix_plan(actor=officer, action=holistic)
    from actions.models import CoordinationCell

    entries = entries_for(CoordinationCell).filter(action="create")
    assert created == entries.count() == holistic.coordination_cells.count() == 30
    assert set(entries.values_list("origin", flat=True)) == {"command:plan_matrix"}


def test_recomputed_actuals_are_audited_as_the_system(world, action, officer):
    indicator = IndicatorFactory(action=action, measure=IndicatorMeasure.ACTIVITIES_HELD)
    period = make_period(officer, indicator)
    activity = ActivityFactory(
        action=action, type="replica_training", planned_start=datetime.date(2023, 3, 1), status="confirmed"
    )
    services.activity_transition(activity, actor=officer, to="held")
    assert IndicatorPeriod.objects.get(pk=period.pk).actual == 1
    entry = AuditEntry.objects.for_object(period).filter(action="update").first()
    assert [Decimal(value) for value in entry.changes["actual"]] == [0, 1]
    assert entry.actor is None and entry.actor_label == "system"


# --- A finished Action takes no new work ------------------------------------------------------


def _new_activity(officer, action):
    services.activity_create(actor=officer, action=action, type="workshop", title="Workshop")


def _new_deliverable(officer, action):
    services.deliverable_create(
        actor=officer, action=action, title="Manual", type="manual", oecd_level=OecdLevel.ORGANISATIONAL
    )


def _new_indicator(officer, action):
    services.indicator_create(actor=officer, action=action, name="Officials trained", oecd_level="individual")


def _new_result(officer, action):
    services.result_create(actor=officer, action=action, kind=ResultKind.OUTCOME, code="OC9", statement="X")


def _new_expert(officer, action):
    activity = ActivityFactory(action=action, planned_start=DAY)
    services.expert_assignment_create(actor=officer, activity=activity, expert=ExpertFactory())


def _new_cell(officer, action):
    action.type = ActionType.HOLISTIC
    action.save(update_fields=["type"])
    services.coordination_cell_create(
        actor=officer, action=action, stage=CoordinationStage.DESIGN, cell_actor=CoordinationActor.HR
    )


@pytest.mark.parametrize("status", [ActionStatus.CLOSED, ActionStatus.CANCELLED])
@pytest.mark.parametrize(
    "write", [_new_activity, _new_deliverable, _new_indicator, _new_result, _new_expert, _new_cell]
)
def test_a_finished_action_takes_no_new_work(world, officer, status, write):
    action = ActionFactory(status=status, approved_on=datetime.date(2022, 5, 2))
    before = AuditEntry.objects.count()
    with pytest.raises(Conflict) as refusal:
        write(officer, action)
    assert "action" in refusal.value.fields
    assert AuditEntry.objects.count() == before
    assert not action.activities.exclude(planned_start=DAY).exists()
    assert not action.deliverables.exists() and not action.indicators.exists()
    assert not action.results.exists() and not action.coordination_cells.exists()


def test_an_open_action_takes_the_same_work(world, officer):
    action = ActionFactory(status=ActionStatus.FOLLOW_UP, approved_on=datetime.date(2022, 5, 2))
    for write in (_new_activity, _new_deliverable, _new_indicator, _new_result, _new_expert, _new_cell):
        write(officer, action)
    assert action.activities.count() == 2 and action.deliverables.count() == 1
    assert action.indicators.count() == 1 and action.results.count() == 1
    assert action.coordination_cells.count() == 1
