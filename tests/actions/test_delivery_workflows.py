"""The state machines of what happens inside an Action, through their services: activities,
deliverables, entered actuals of indicators and the holistic coordination matrix. Every transition
per role and per guard, and the audit entry each one leaves."""

import datetime

import pytest

from actions import services
from actions.choices import (
    ActionStatus,
    ActionType,
    ActivityType,
    CoordinationActor,
    CoordinationStage,
    CoordinationStatus,
    IndicatorMeasure,
    PeriodStatus,
)
from actions.models import Activity, CoordinationCell, Deliverable, IndicatorPeriod
from mieux.errors import ApplicationError, Conflict, PermissionDenied
from mieux.models import AuditEntry
from tests.conftest import ALL_ROLES
from tests.factories import PersonFactory

from .factories import (
    ActionFactory,
    ActivityFactory,
    CoordinationCellFactory,
    DeliverableFactory,
    ExpertAssignmentFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    ParticipationFactory,
)

OFFICERS = {"administrator", "programme_manager", "programme_officer", "integrator"}
MANAGERS = {"administrator", "programme_manager"}
DAY = datetime.date(2023, 3, 6)
TODAY = datetime.date.today()
COMMENT = "Agreed with the partner on the phone."


@pytest.fixture
def action(world):
    return ActionFactory(
        lead=world.institution_a, status=ActionStatus.IMPLEMENTATION, approved_on=datetime.date(2022, 5, 2)
    )


@pytest.fixture
def holistic(world):
    return ActionFactory(
        lead=world.institution_a,
        type=ActionType.HOLISTIC,
        status=ActionStatus.IMPLEMENTATION,
        approved_on=datetime.date(2022, 5, 2),
    )


def the_transition(obj) -> AuditEntry:
    """The object's latest transition entry."""
    return AuditEntry.objects.for_object(obj).filter(action="transition").first()


def assert_transition_recorded(obj, source, target, actor, comment=COMMENT):
    entry = AuditEntry.objects.for_object(obj).get(action="transition")
    assert entry.changes["status"] == [source, target]
    assert entry.actor == actor
    assert entry.reason == comment


# --- Activities -----------------------------------------------------------------------------

ACTIVITY_TRANSITIONS = [
    ("planned", "confirmed"),
    ("confirmed", "planned"),
    ("confirmed", "held"),
    ("held", "reported"),
    ("reported", "closed"),
    ("planned", "postponed"),
    ("confirmed", "postponed"),
    ("postponed", "planned"),
    ("planned", "cancelled"),
    ("confirmed", "cancelled"),
    ("postponed", "cancelled"),
]


def activity_ready(world, action, status, **fields):
    """An activity in `status` with what every way out of it needs: a past date, an expert and an
    attendance list."""
    fields.setdefault("planned_start", DAY)
    fields.setdefault("planned_end", DAY + datetime.timedelta(days=2))
    if status in {"held", "reported", "closed"}:
        fields.setdefault("held_on", fields["planned_start"])
    activity = ActivityFactory(action=action, status=status, **fields)
    ExpertAssignmentFactory(activity=activity)
    ParticipationFactory(activity=activity, person=PersonFactory(institution=world.institution_a))
    return activity


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize(("source", "target"), ACTIVITY_TRANSITIONS)
def test_activity_transition_per_role(world, action, role, source, target):
    activity = activity_ready(world, action, source)
    user = world.user(role)
    if role in OFFICERS:
        activity = services.activity_transition(activity, actor=user, to=target, comment=COMMENT)
        assert Activity.objects.get(pk=activity.pk).status == target
        assert_transition_recorded(activity, source, target, user)
    else:
        with pytest.raises(PermissionDenied):
            services.activity_transition(activity, actor=user, to=target, comment=COMMENT)
        assert Activity.objects.get(pk=activity.pk).status == source
        assert not AuditEntry.objects.for_object(activity).exists()


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("planned", "held"),
        ("planned", "reported"),
        ("held", "cancelled"),
        ("held", "planned"),
        ("closed", "cancelled"),
        ("cancelled", "planned"),
        ("reported", "held"),
    ],
)
def test_activity_transitions_outside_the_table_are_refused(world, action, source, target):
    activity = activity_ready(world, action, source)
    with pytest.raises(Conflict) as refusal:
        services.activity_transition(activity, actor=world.user("administrator"), to=target, comment=COMMENT)
    assert "to" in refusal.value.fields
    assert Activity.objects.get(pk=activity.pk).status == source


def test_confirming_needs_an_expert(world, action):
    officer = world.user("programme_officer")
    activity = ActivityFactory(action=action, planned_start=DAY)
    with pytest.raises(Conflict) as refusal:
        services.activity_transition(activity, actor=officer, to="confirmed")
    assert "expert" in refusal.value.message
    ExpertAssignmentFactory(activity=activity)
    assert services.activity_transition(activity, actor=officer, to="confirmed").status == "confirmed"


def test_a_replica_training_is_confirmed_without_an_expert(world, action):
    activity = ActivityFactory(action=action, type=ActivityType.REPLICA_TRAINING, planned_start=DAY)
    activity = services.activity_transition(activity, actor=world.user("programme_officer"), to="confirmed")
    assert activity.status == "confirmed" and not activity.expert_assignments.exists()


def test_confirming_needs_a_planned_start(world, action):
    activity = ActivityFactory(action=action)
    ExpertAssignmentFactory(activity=activity)
    with pytest.raises(Conflict) as refusal:
        services.activity_transition(activity, actor=world.user("programme_officer"), to="confirmed")
    assert "planned start" in refusal.value.message
    assert not AuditEntry.objects.for_object(activity).exists()


def test_held_is_not_in_the_future(world, action):
    officer = world.user("programme_officer")
    tomorrow = TODAY + datetime.timedelta(days=1)
    activity = activity_ready(world, action, "confirmed", planned_start=tomorrow, planned_end=tomorrow)
    with pytest.raises(Conflict) as refusal:
        services.activity_transition(activity, actor=officer, to="held")
    assert "future" in refusal.value.message
    # Held today is fine, and held_on says so.
    services.activity_update(activity, actor=officer, held_on=TODAY)
    activity = services.activity_transition(activity, actor=officer, to="held")
    assert activity.status == "held" and activity.held_on == TODAY


def test_a_given_held_on_in_the_future_is_refused_even_with_a_past_plan(world, action):
    activity = activity_ready(world, action, "confirmed")
    Activity.objects.filter(pk=activity.pk).update(held_on=TODAY + datetime.timedelta(days=3))
    with pytest.raises(Conflict):
        services.activity_transition(activity, actor=world.user("programme_officer"), to="held")


def test_held_fills_held_on_from_the_planned_start(world, action):
    activity = activity_ready(world, action, "confirmed")
    assert activity.held_on is None
    activity = services.activity_transition(activity, actor=world.user("programme_officer"), to="held")
    assert Activity.objects.get(pk=activity.pk).held_on == DAY
    assert the_transition(activity).changes["held_on"] == [None, DAY.isoformat()]
    action.refresh_from_db()
    assert action.launched_on == DAY


def test_reported_needs_an_attendance_list(world, action):
    officer = world.user("programme_officer")
    activity = ActivityFactory(action=action, status="held", planned_start=DAY, held_on=DAY)
    with pytest.raises(Conflict) as refusal:
        services.activity_transition(activity, actor=officer, to="reported")
    assert "attendance" in refusal.value.message
    services.participation_create(
        actor=officer, activity=activity, person=PersonFactory(institution=world.institution_a)
    )
    assert services.activity_transition(activity, actor=officer, to="reported").status == "reported"


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("planned", "postponed"),
        ("confirmed", "postponed"),
        ("planned", "cancelled"),
        ("confirmed", "planned"),
    ],
)
def test_postponing_cancelling_and_going_back_need_a_comment(world, action, source, target):
    activity = activity_ready(world, action, source)
    with pytest.raises(ApplicationError) as error:
        services.activity_transition(activity, actor=world.user("programme_officer"), to=target, comment="  ")
    assert "comment" in error.value.fields
    assert Activity.objects.get(pk=activity.pk).status == source
    assert not AuditEntry.objects.for_object(activity).exists()


# --- Deliverables -------------------------------------------------------------------------------

DELIVERABLE_TRANSITIONS = [
    ("draft", "validated"),
    ("validated", "draft"),
    ("validated", "handed_over"),
    ("handed_over", "adopted"),
]


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize(("source", "target"), DELIVERABLE_TRANSITIONS)
def test_deliverable_transition_per_role(world, action, role, source, target):
    deliverable = DeliverableFactory(
        action=action, status=source, adopting_body="Ministry of the Interior", adopted_on=DAY
    )
    user = world.user(role)
    if role in OFFICERS:
        services.deliverable_transition(deliverable, actor=user, to=target, comment=COMMENT)
        assert Deliverable.objects.get(pk=deliverable.pk).status == target
        assert_transition_recorded(deliverable, source, target, user)
    else:
        with pytest.raises(PermissionDenied):
            services.deliverable_transition(deliverable, actor=user, to=target, comment=COMMENT)
        assert Deliverable.objects.get(pk=deliverable.pk).status == source


@pytest.mark.parametrize(
    ("body", "day"), [("", DAY), ("   ", DAY), ("Ministry of the Interior", None), ("", None)]
)
def test_adoption_needs_the_adopting_body_and_date(world, action, body, day):
    officer = world.user("programme_officer")
    deliverable = DeliverableFactory(action=action, status="handed_over", adopting_body=body, adopted_on=day)
    with pytest.raises(Conflict) as refusal:
        services.deliverable_transition(deliverable, actor=officer, to="adopted")
    assert "adopting body" in refusal.value.message
    services.deliverable_update(deliverable, actor=officer, adopting_body="National Assembly", adopted_on=DAY)
    deliverable = services.deliverable_transition(deliverable, actor=officer, to="adopted")
    assert deliverable.status == "adopted" and deliverable.adopting_body == "National Assembly"


def test_an_adopted_deliverable_keeps_its_adoption_details(world, action):
    officer = world.user("programme_officer")
    deliverable = DeliverableFactory(
        action=action, status="adopted", adopting_body="National Assembly", adopted_on=DAY
    )
    with pytest.raises(ApplicationError) as error:
        services.deliverable_update(deliverable, actor=officer, adopting_body="")
    assert "adopting_body" in error.value.fields
    assert Deliverable.objects.get(pk=deliverable.pk).adopting_body == "National Assembly"


def test_back_to_draft_needs_a_comment(world, action):
    officer = world.user("programme_officer")
    deliverable = DeliverableFactory(action=action, status="validated")
    with pytest.raises(ApplicationError) as error:
        services.deliverable_transition(deliverable, actor=officer, to="draft")
    assert "comment" in error.value.fields
    services.deliverable_transition(deliverable, actor=officer, to="draft", comment="Chapter 3 is missing.")
    assert the_transition(deliverable).reason == "Chapter 3 is missing."


@pytest.mark.parametrize(
    ("source", "target"), [("draft", "adopted"), ("adopted", "draft"), ("draft", "handed_over")]
)
def test_deliverable_transitions_outside_the_table_are_refused(world, action, source, target):
    deliverable = DeliverableFactory(
        action=action, status=source, adopting_body="National Assembly", adopted_on=DAY
    )
    with pytest.raises(Conflict):
        services.deliverable_transition(
            deliverable, actor=world.user("administrator"), to=target, comment=COMMENT
        )
    assert Deliverable.objects.get(pk=deliverable.pk).status == source


# --- Entered actuals of indicators --------------------------------------------------------------


def entered_period(action, **fields):
    indicator = IndicatorFactory(action=action)
    fields.setdefault("starts_on", datetime.date(2023, 1, 1))
    fields.setdefault("ends_on", datetime.date(2023, 12, 31))
    fields.setdefault("actual", 12)
    return IndicatorPeriodFactory(indicator=indicator, **fields)


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("source", ["draft", "returned"])
def test_submitting_an_actual_per_role(world, action, role, source):
    period = entered_period(action, status=source)
    user = world.user(role)
    if role in OFFICERS:
        period = services.indicator_period_transition(period, actor=user, to="submitted", comment=COMMENT)
        period = IndicatorPeriod.objects.get(pk=period.pk)
        assert period.status == "submitted" and period.submitted_by == user
        assert_transition_recorded(period, source, "submitted", user)
    else:
        with pytest.raises(PermissionDenied):
            services.indicator_period_transition(period, actor=user, to="submitted", comment=COMMENT)
        assert IndicatorPeriod.objects.get(pk=period.pk).status == source


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("target", ["approved", "returned"])
def test_approving_or_returning_an_actual_per_role(world, action, role, target):
    submitter = world.user("programme_officer")
    period = entered_period(action, status="submitted", submitted_by=submitter)
    user = world.user(role)
    if role in MANAGERS:
        services.indicator_period_transition(period, actor=user, to=target, comment=COMMENT)
        assert IndicatorPeriod.objects.get(pk=period.pk).status == target
        assert_transition_recorded(period, "submitted", target, user)
    else:
        with pytest.raises(PermissionDenied):
            services.indicator_period_transition(period, actor=user, to=target, comment=COMMENT)
        assert IndicatorPeriod.objects.get(pk=period.pk).status == "submitted"


def test_submitting_needs_an_actual(world, action):
    period = entered_period(action, actual=None)
    with pytest.raises(Conflict) as refusal:
        services.indicator_period_transition(period, actor=world.user("programme_officer"), to="submitted")
    assert "actual" in refusal.value.message
    assert IndicatorPeriod.objects.get(pk=period.pk).status == "draft"


def test_a_computed_actual_is_never_submitted(world, action):
    indicator = IndicatorFactory(action=action, measure=IndicatorMeasure.ACTIVITIES_HELD)
    # A draft left on a computed indicator (say, by a data fix): the guard still refuses.
    period = IndicatorPeriodFactory(indicator=indicator, status=PeriodStatus.DRAFT, actual=3)
    with pytest.raises(Conflict) as refusal:
        services.indicator_period_transition(period, actor=world.user("programme_officer"), to="submitted")
    assert "computed" in refusal.value.message


@pytest.mark.parametrize("target", ["submitted", "approved", "returned", "draft"])
def test_computed_periods_refuse_every_transition(world, action, target):
    indicator = IndicatorFactory(action=action, measure=IndicatorMeasure.PARTICIPANTS_TRAINED)
    period = IndicatorPeriodFactory(indicator=indicator)
    assert period.status == PeriodStatus.COMPUTED
    with pytest.raises(Conflict):
        services.indicator_period_transition(
            period, actor=world.user("administrator"), to=target, comment=COMMENT
        )
    assert IndicatorPeriod.objects.get(pk=period.pk).status == PeriodStatus.COMPUTED


def test_the_submitter_cannot_approve_their_own_actual(world, action):
    manager = world.user("programme_manager")
    period = entered_period(action)
    period = services.indicator_period_transition(period, actor=manager, to="submitted")
    with pytest.raises(PermissionDenied):
        services.indicator_period_transition(period, actor=manager, to="approved")
    with pytest.raises(PermissionDenied):
        services.indicator_period_transition(period, actor=manager, to="returned", comment="Mine.")
    period = services.indicator_period_transition(period, actor=world.user("administrator"), to="approved")
    assert period.status == "approved" and period.submitted_by == manager


def test_returning_needs_a_comment_and_the_actual_can_then_be_corrected(world, action):
    officer, manager = world.user("programme_officer"), world.user("programme_manager")
    period = services.indicator_period_transition(entered_period(action), actor=officer, to="submitted")
    with pytest.raises(ApplicationError) as error:
        services.indicator_period_transition(period, actor=manager, to="returned")
    assert "comment" in error.value.fields
    period = services.indicator_period_transition(
        period, actor=manager, to="returned", comment="Count only the officials who finished."
    )
    assert the_transition(period).reason == "Count only the officials who finished."
    period = services.indicator_period_update(period, actor=officer, actual=10)
    period = services.indicator_period_transition(period, actor=officer, to="submitted")
    assert period.status == "submitted" and period.actual == 10


def test_a_submitted_actual_is_not_edited(world, action):
    officer = world.user("programme_officer")
    period = services.indicator_period_transition(entered_period(action), actor=officer, to="submitted")
    with pytest.raises(Conflict):
        services.indicator_period_update(period, actor=officer, actual=99)
    assert IndicatorPeriod.objects.get(pk=period.pk).actual == 12


def test_an_approved_actual_is_locked(world, action):
    officer, manager = world.user("programme_officer"), world.user("programme_manager")
    period = services.indicator_period_transition(entered_period(action), actor=officer, to="submitted")
    period = services.indicator_period_transition(period, actor=manager, to="approved")
    with pytest.raises(Conflict) as refusal:
        services.indicator_period_update(period, actor=world.user("administrator"), actual=99)
    assert "status" in refusal.value.fields
    with pytest.raises(Conflict):
        services.indicator_period_update(period, actor=world.user("administrator"), target=99)
    with pytest.raises(Conflict):
        services.indicator_period_delete(period, actor=world.user("administrator"))
    with pytest.raises(Conflict):
        services.indicator_delete(period.indicator, actor=world.user("administrator"))
    for target in ("submitted", "returned", "draft"):
        with pytest.raises(Conflict):
            services.indicator_period_transition(
                period, actor=world.user("administrator"), to=target, comment=COMMENT
            )
    period = IndicatorPeriod.objects.get(pk=period.pk)
    assert period.status == "approved" and period.actual == 12 and period.target == 20


# --- Holistic coordination matrix ---------------------------------------------------------------

CELL_TRANSITIONS = [
    ("planned", "engaged"),
    ("engaged", "planned"),
    ("engaged", "signed_off"),
    ("signed_off", "engaged"),
]


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize(("source", "target"), CELL_TRANSITIONS)
def test_coordination_transition_per_role(world, holistic, role, source, target):
    signer = PersonFactory(institution=world.institution_a)
    cell = CoordinationCellFactory(
        action=holistic,
        status=source,
        signed_off_by=signer,
        signed_off_on=DAY if source == "signed_off" else None,
    )
    user = world.user(role)
    if role in OFFICERS:
        services.coordination_cell_transition(cell, actor=user, to=target, comment=COMMENT)
        assert CoordinationCell.objects.get(pk=cell.pk).status == target
        assert_transition_recorded(cell, source, target, user)
    else:
        with pytest.raises(PermissionDenied):
            services.coordination_cell_transition(cell, actor=user, to=target, comment=COMMENT)
        assert CoordinationCell.objects.get(pk=cell.pk).status == source


def test_only_holistic_actions_have_a_coordination_matrix(world, action):
    officer = world.user("programme_officer")
    with pytest.raises(Conflict) as refusal:
        services.coordination_cell_create(
            actor=officer, action=action, stage=CoordinationStage.DESIGN, cell_actor=CoordinationActor.HR
        )
    assert "action" in refusal.value.fields
    with pytest.raises(Conflict):
        services.coordination_matrix_plan(actor=officer, action=action)
    assert not CoordinationCell.objects.exists()


def test_a_cell_is_created_planned_once_per_stage_and_actor(world, holistic):
    officer = world.user("programme_officer")
    cell = services.coordination_cell_create(
        actor=officer, action=holistic, stage=CoordinationStage.DESIGN, cell_actor=CoordinationActor.HR
    )
    stored = CoordinationCell.objects.get(pk=cell.pk)
    assert (stored.stage, stored.actor, stored.status) == ("design", "hr", "planned")
    entry = AuditEntry.objects.for_object(stored).get(action="create")
    assert entry.actor == officer and entry.changes["actor"] == [None, "hr"]
    with pytest.raises(ApplicationError) as error:
        services.coordination_cell_create(
            actor=officer, action=holistic, stage=CoordinationStage.DESIGN, cell_actor=CoordinationActor.HR
        )
    assert "actor" in error.value.fields
    with pytest.raises(ApplicationError) as error:
        services.coordination_cell_update(stored, actor=officer, cell_actor=CoordinationActor.LEADERSHIP)
    assert "actor" in error.value.fields
    assert CoordinationCell.objects.count() == 1


def test_the_matrix_is_planned_once_per_stage_and_actor(world, holistic):
    officer = world.user("programme_officer")
    created = services.coordination_matrix_plan(actor=officer, action=holistic)
    assert created == len(CoordinationStage.values) * len(CoordinationActor.values)
    assert services.coordination_matrix_plan(actor=officer, action=holistic) == 0
    assert set(holistic.coordination_cells.values_list("status", flat=True)) == {"planned"}


def test_sign_off_needs_a_named_person_and_stamps_the_date(world, holistic):
    officer = world.user("programme_officer")
    cell = CoordinationCellFactory(action=holistic)
    cell = services.coordination_cell_transition(cell, actor=officer, to=CoordinationStatus.ENGAGED)
    with pytest.raises(Conflict) as refusal:
        services.coordination_cell_transition(cell, actor=officer, to=CoordinationStatus.SIGNED_OFF)
    assert "signs off" in refusal.value.message
    director = PersonFactory(institution=world.institution_a, position="Director of training")
    cell = services.coordination_cell_update(cell, actor=officer, signed_off_by=director)
    cell = services.coordination_cell_transition(cell, actor=officer, to=CoordinationStatus.SIGNED_OFF)
    stored = CoordinationCell.objects.get(pk=cell.pk)
    assert stored.status == "signed_off" and stored.signed_off_by == director
    assert stored.signed_off_on == TODAY
    assert the_transition(stored).changes["signed_off_on"] == [None, TODAY.isoformat()]


def test_a_sign_off_recorded_with_its_date_keeps_that_date(world, holistic):
    """A sign-off given at a meeting last month is recorded with that day, before the cell moves."""
    officer = world.user("programme_officer")
    director = PersonFactory(institution=world.institution_a)
    cell = CoordinationCellFactory(action=holistic)
    cell = services.coordination_cell_update(cell, actor=officer, signed_off_by=director, signed_off_on=DAY)
    for status in (CoordinationStatus.ENGAGED, CoordinationStatus.SIGNED_OFF):
        cell = services.coordination_cell_transition(cell, actor=officer, to=status)
    assert CoordinationCell.objects.get(pk=cell.pk).signed_off_on == DAY


def test_reopening_clears_the_sign_off_date_and_needs_a_comment(world, holistic):
    officer = world.user("programme_officer")
    director = PersonFactory(institution=world.institution_a)
    cell = CoordinationCellFactory(
        action=holistic, status="signed_off", signed_off_by=director, signed_off_on=DAY
    )
    with pytest.raises(Conflict):
        services.coordination_cell_update(cell, actor=officer, signed_off_by=PersonFactory())
    with pytest.raises(ApplicationError) as error:
        services.coordination_cell_transition(cell, actor=officer, to=CoordinationStatus.ENGAGED)
    assert "comment" in error.value.fields
    services.coordination_cell_transition(
        cell, actor=officer, to=CoordinationStatus.ENGAGED, comment="The director left."
    )
    stored = CoordinationCell.objects.get(pk=cell.pk)
    assert stored.status == "engaged" and stored.signed_off_on is None
    assert the_transition(stored).reason == "The director left."


def test_cell_status_changes_only_through_transitions(world, holistic):
    cell = CoordinationCellFactory(action=holistic)
    with pytest.raises(ApplicationError) as error:
        services.coordination_cell_update(cell, actor=world.user("programme_officer"), status="signed_off")
    assert "status" in error.value.fields
    assert CoordinationCell.objects.get(pk=cell.pk).status == "planned"
