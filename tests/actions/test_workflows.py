"""The request and Action state machines through their services: every transition allowed and
refused per role and per guard, the Steering Committee decision, concurrency and launch tracking."""

import datetime

import pytest

from actions import services
from actions.choices import ActionStatus, ActivityStatus, PartnerRole, RequestStatus
from actions.models import Action, GlobalCompactObjective, ProgrammePhase, PurposeCode, ThematicArea
from mieux.errors import (
    ApplicationError,
    Conflict,
    PermissionDenied,
    PreconditionFailed,
    PreconditionRequired,
)
from mieux.models import AuditEntry
from partners.choices import CapacityDevelopmentKind, InstitutionType
from tests.conftest import ALL_ROLES
from tests.factories import InstitutionFactory

OFFICERS = {"administrator", "programme_manager", "programme_officer", "integrator"}
MANAGERS = {"administrator", "programme_manager"}


@pytest.fixture
def code_lists(db):
    area, _ = ThematicArea.objects.get_or_create(code="IMT", defaults={"name_en": "Irregular migration"})
    specific, _ = ThematicArea.objects.get_or_create(
        code="IMT-THB", defaults={"name_en": "Trafficking in human beings", "parent": area}
    )
    PurposeCode.objects.get_or_create(code="15190", defaults={"name_en": "Migration", "is_default": True})
    for code, start, end in (
        ("MIEUX_III", "2016-01-01", "2020-03-31"),
        ("MIEUX_PLUS", "2020-04-01", "2024-03-31"),
    ):
        ProgrammePhase.objects.get_or_create(
            code=code, defaults={"name_en": code, "starts_on": start, "ends_on": end}
        )
    GlobalCompactObjective.objects.get_or_create(number=10, defaults={"title_en": "Trafficking"})
    return {"area": area, "specific": specific}


def make_request(world, code_lists, *, requesters=None, **fields):
    requesters = requesters or [(world.institution_a, "lead")]
    defaults = {
        "title": "Strengthening the fight against trafficking",
        "channel": "direct",
        "thematic_area": code_lists["area"],
        "needs_statement": "Training for border officials.",
        "countries": ["MX"],
    }
    defaults.update(fields)
    return services.request_create(actor=world.user("programme_officer"), requesters=requesters, **defaults)


def make_action(world, code_lists, *, type="classic", partners=None, status=None):
    action = services.action_create(
        actor=world.user("programme_manager"),
        code=f"MX-2022-{Action.objects.count() + 1:02d}",
        short_name="Mexico IV",
        title_en="Training of trainers on trafficking",
        type=type,
        thematic_area=code_lists["area"],
        countries=["MX"],
        approved_on=datetime.date(2022, 5, 2),
        partners=partners if partners is not None else [(world.institution_a, PartnerRole.LEAD_BENEFICIARY)],
    )
    if status:
        Action.objects.filter(pk=action.pk).update(status=status)
        action.refresh_from_db()
    return action


def plan_activity(world, action, **fields):
    fields.setdefault("type", "training_of_trainers")
    fields.setdefault("title", "Training of trainers")
    return services.activity_create(actor=world.user("programme_officer"), action=action, **fields)


# --- Requests -------------------------------------------------------------------------------


def test_request_registration_records_eligibility_and_reference(world, code_lists):
    request = make_request(world, code_lists, received_on=datetime.date(2023, 2, 1))
    assert request.reference == "R-2023-001"
    assert request.is_eligible and request.eligibility_reasons
    assert request.status == RequestStatus.RECEIVED
    second = make_request(world, code_lists, received_on=datetime.date(2023, 3, 1))
    assert second.reference == "R-2023-002"


def test_civil_society_alone_is_registered_but_cannot_reach_the_committee(world, code_lists):
    ngo = InstitutionFactory(type=InstitutionType.CIVIL_SOCIETY, name_en="Sin Fronteras")
    request = make_request(world, code_lists, requesters=[(ngo, "lead")])
    assert not request.is_eligible
    assert "jointly with a government institution" in request.eligibility_reasons[0]
    officer = world.user("programme_officer")
    request = services.request_transition(request, actor=officer, to=RequestStatus.SCREENING)
    with pytest.raises(Conflict) as refusal:
        services.request_transition(request, actor=officer, to=RequestStatus.SUBMITTED)
    assert "Sin Fronteras" in refusal.value.message
    request.refresh_from_db()
    assert request.status == RequestStatus.SCREENING


def test_civil_society_with_a_ministry_may_go_to_the_committee(world, code_lists):
    ngo = InstitutionFactory(type=InstitutionType.CIVIL_SOCIETY)
    request = make_request(
        world, code_lists, requesters=[(world.institution_a, "lead"), (ngo, "co_requester")]
    )
    officer = world.user("programme_officer")
    request = services.request_transition(request, actor=officer, to=RequestStatus.SCREENING)
    request = services.request_transition(request, actor=officer, to=RequestStatus.SUBMITTED)
    assert request.status == RequestStatus.SUBMITTED


@pytest.mark.parametrize(
    ("requesters", "field"),
    [
        ([], "requesters"),
        ([("a", "co_requester")], "requesters"),
        ([("a", "lead"), ("b", "lead")], "requesters"),
    ],
)
def test_requesters_need_exactly_one_lead(world, code_lists, requesters, field):
    institutions = {"a": world.institution_a, "b": world.institution_b}
    with pytest.raises(ApplicationError) as error:
        services.request_create(
            actor=world.user("programme_officer"),
            requesters=[(institutions[key], role) for key, role in requesters],
            title="X",
            channel="direct",
            thematic_area=code_lists["area"],
            needs_statement="X",
        )
    assert field in error.value.fields


@pytest.mark.parametrize("role", ALL_ROLES)
def test_screening_is_for_officers(world, code_lists, role):
    request = make_request(world, code_lists)
    if role in OFFICERS:
        assert (
            services.request_transition(request, actor=world.user(role), to="screening").status == "screening"
        )
    else:
        with pytest.raises(PermissionDenied):
            services.request_transition(request, actor=world.user(role), to="screening")


def test_clarification_needs_a_comment_and_is_recorded(world, code_lists):
    officer = world.user("programme_officer")
    request = services.request_transition(make_request(world, code_lists), actor=officer, to="screening")
    with pytest.raises(ApplicationError) as error:
        services.request_transition(request, actor=officer, to="clarification_requested")
    assert "comment" in error.value.fields
    services.request_transition(
        request, actor=officer, to="clarification_requested", comment="Which regions are concerned?"
    )
    entry = AuditEntry.objects.get(action="transition", object_id=str(request.pk), reason__startswith="Which")
    assert entry.changes["status"] == ["screening", "clarification_requested"]
    assert entry.actor == officer


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [("focal_point", True), ("programme_officer", True), ("hr_officer", False), ("focal_b", False)],
)
def test_withdrawal_by_the_requesting_focal_point_or_staff(world, code_lists, actor, allowed):
    request = make_request(world, code_lists)
    user = world.focal_b if actor == "focal_b" else world.user(actor)
    if allowed:
        request = services.request_transition(
            request, actor=user, to="withdrawn", comment="No longer needed."
        )
        assert request.status == "withdrawn"
    else:
        with pytest.raises(PermissionDenied):
            services.request_transition(request, actor=user, to="withdrawn", comment="No.")


def test_decisions_come_only_from_the_committee(world, code_lists):
    officer = world.user("programme_officer")
    request = make_request(world, code_lists)
    request = services.request_transition(request, actor=officer, to="screening")
    request = services.request_transition(request, actor=officer, to="submitted")
    with pytest.raises(Conflict):
        services.request_transition(request, actor=world.user("programme_manager"), to="approved")


def _submitted(world, code_lists, **fields):
    officer = world.user("programme_officer")
    request = make_request(world, code_lists, **fields)
    request = services.request_transition(request, actor=officer, to="screening")
    return services.request_transition(request, actor=officer, to="submitted")


def test_approval_creates_the_action_linked_to_its_request(world, code_lists):
    request = _submitted(
        world, code_lists, specific_area=code_lists["specific"], proposed_action_type="holistic"
    )
    manager = world.user("programme_manager")
    meeting = services.meeting_create(
        actor=manager, held_on=datetime.date(2021, 6, 10), members_present=["DG HOME"]
    )
    decision = services.steering_committee_decide(
        actor=manager,
        meeting=meeting,
        request=request,
        outcome="approved",
        officer=world.user("programme_officer"),
    )
    request.refresh_from_db()
    assert request.status == "approved" and decision.decided_by == manager
    action = request.action
    assert action.status == ActionStatus.APPROVED and action.type == "holistic"
    assert action.approved_on == datetime.date(2021, 6, 10)
    assert action.phase.code == "MIEUX_PLUS" and action.purpose_code.code == "15190"
    assert action.short_name == "Mexico I" and action.code == "MX-2021-01"
    assert list(action.partner_links.values_list("institution_id", "role")) == [
        (world.institution_a.pk, "lead_beneficiary")
    ]
    assert action.officer == world.user("programme_officer")
    assert AuditEntry.objects.filter(action="create", object_id=str(action.pk)).exists()


@pytest.mark.parametrize(
    ("outcome", "fields", "error_field"),
    [("rejected", {}, "reason"), ("deferred", {}, "reason"), ("approved_with_conditions", {}, "conditions")],
)
def test_decisions_explain_themselves(world, code_lists, outcome, fields, error_field):
    request = _submitted(world, code_lists)
    manager = world.user("programme_manager")
    meeting = services.meeting_create(actor=manager, held_on=datetime.date(2021, 6, 10))
    with pytest.raises(ApplicationError) as error:
        services.steering_committee_decide(
            actor=manager, meeting=meeting, request=request, outcome=outcome, **fields
        )
    assert error_field in error.value.fields
    request.refresh_from_db()
    assert request.status == "submitted"


def test_deferred_request_can_go_to_a_later_meeting(world, code_lists):
    request = _submitted(world, code_lists)
    manager = world.user("programme_manager")
    first = services.meeting_create(actor=manager, held_on=datetime.date(2021, 6, 10))
    services.steering_committee_decide(
        actor=manager, meeting=first, request=request, outcome="deferred", reason="Needs a co-requester."
    )
    request.refresh_from_db()
    request = services.request_transition(request, actor=world.user("programme_officer"), to="submitted")
    later = services.meeting_create(actor=manager, held_on=datetime.date(2021, 11, 3))
    services.steering_committee_decide(
        actor=manager, meeting=later, request=request, outcome="rejected", reason="Out of scope."
    )
    request.refresh_from_db()
    assert request.status == "rejected" and request.decisions.count() == 2


def test_only_managers_decide_and_only_submitted_requests(world, code_lists):
    request = make_request(world, code_lists)
    manager = world.user("programme_manager")
    meeting = services.meeting_create(actor=manager, held_on=datetime.date(2021, 6, 10))
    with pytest.raises(Conflict):
        services.steering_committee_decide(
            actor=manager, meeting=meeting, request=request, outcome="approved"
        )
    with pytest.raises(PermissionDenied):
        services.steering_committee_decide(
            actor=world.user("programme_officer"), meeting=meeting, request=request, outcome="approved"
        )


# --- Actions --------------------------------------------------------------------------------

# (from, to, roles that may) — the table the programme agreed, written out so a change to the
# workflow that alters who may do what fails here.
ACTION_TRANSITIONS = [
    ("approved", "formulation", OFFICERS),
    ("formulation", "plan_agreed", OFFICERS),
    ("plan_agreed", "implementation", OFFICERS),
    ("implementation", "follow_up", OFFICERS),
    ("follow_up", "closed", MANAGERS),
    ("implementation", "suspended", MANAGERS),
    ("formulation", "cancelled", MANAGERS),
]


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize(("source", "target", "allowed_roles"), ACTION_TRANSITIONS)
def test_action_transition_per_role(world, code_lists, role, source, target, allowed_roles):
    action = make_action(world, code_lists, status=source)
    plan_activity(world, action)
    comment = "Decided by the programme." if target in {"suspended", "cancelled"} else ""
    if role in allowed_roles:
        action = services.action_transition(action, actor=world.user(role), to=target, comment=comment)
        assert action.status == target
        entry = AuditEntry.objects.get(action="transition", object_id=str(action.pk))
        assert entry.changes["status"] == [source, target] and entry.actor == world.user(role)
    else:
        with pytest.raises(PermissionDenied):
            services.action_transition(action, actor=world.user(role), to=target, comment=comment)
        action.refresh_from_db()
        assert action.status == source


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("approved", "implementation"),
        ("approved", "closed"),
        ("closed", "implementation"),
        ("cancelled", "formulation"),
    ],
)
def test_transitions_outside_the_table_are_409(world, code_lists, source, target):
    action = make_action(world, code_lists, status=source)
    with pytest.raises(Conflict):
        services.action_transition(action, actor=world.user("administrator"), to=target, comment="x")


def test_plan_agreed_needs_a_planned_activity_and_a_lead(world, code_lists):
    officer = world.user("programme_officer")
    action = make_action(world, code_lists, status="formulation", partners=[])
    with pytest.raises(Conflict) as refusal:
        services.action_transition(action, actor=officer, to="plan_agreed")
    assert "lead beneficiary" in refusal.value.message
    services.action_update(
        action,
        actor=officer,
        expected_version=action.version,
        partners=[(world.institution_a, PartnerRole.LEAD_BENEFICIARY)],
    )
    action.refresh_from_db()
    with pytest.raises(Conflict) as refusal:
        services.action_transition(action, actor=officer, to="plan_agreed")
    assert "activity" in refusal.value.message
    plan_activity(world, action)
    assert services.action_transition(action, actor=officer, to="plan_agreed").status == "plan_agreed"


def test_holistic_action_needs_a_capacity_development_institution(world, code_lists):
    officer = world.user("programme_officer")
    action = make_action(world, code_lists, type="holistic", status="formulation")
    plan_activity(world, action)
    with pytest.raises(Conflict) as refusal:
        services.action_transition(action, actor=officer, to="plan_agreed")
    assert "capacity development institution" in refusal.value.message
    academy = InstitutionFactory(
        type=InstitutionType.CAPACITY_DEVELOPMENT_INSTITUTION,
        capacity_development_kind=CapacityDevelopmentKind.DIPLOMATIC_ACADEMY,
    )
    services.action_update(
        action,
        actor=officer,
        expected_version=action.version,
        partners=[
            (world.institution_a, PartnerRole.LEAD_BENEFICIARY),
            (academy, PartnerRole.CAPACITY_DEVELOPMENT_INSTITUTION),
        ],
    )
    action.refresh_from_db()
    assert services.action_transition(action, actor=officer, to="plan_agreed").status == "plan_agreed"


@pytest.mark.parametrize(
    ("partner_countries", "regional_body", "allowed"),
    [(["MX"], False, False), (["MX", "MX"], False, False), (["MX", "GT"], False, True), (["MX"], True, True)],
)
def test_regional_partnership_needs_two_countries_or_a_regional_organisation(
    world, code_lists, partner_countries, regional_body, allowed
):
    officer = world.user("programme_officer")
    partners = [(world.institution_a, PartnerRole.LEAD_BENEFICIARY)]
    for country in partner_countries[1:]:
        partners.append((InstitutionFactory(country=country), PartnerRole.CO_BENEFICIARY))
    if regional_body:
        sica = InstitutionFactory(type=InstitutionType.REGIONAL_ORGANISATION, country="SV", acronym="SICA")
        partners.append((sica, PartnerRole.REGIONAL_ORGANISATION))
        partners = [
            (i, r) for i, r in partners if i.country.code == "MX" or r == PartnerRole.REGIONAL_ORGANISATION
        ]
    action = make_action(world, code_lists, type="regional", status="formulation", partners=partners)
    plan_activity(world, action)
    if allowed:
        assert services.action_transition(action, actor=officer, to="plan_agreed").status == "plan_agreed"
    else:
        with pytest.raises(Conflict) as refusal:
            services.action_transition(action, actor=officer, to="plan_agreed")
        assert "two countries" in refusal.value.message


def test_a_returned_transition_needs_a_comment_and_keeps_it(world, code_lists):
    officer = world.user("programme_officer")
    action = make_action(world, code_lists, status="plan_agreed")
    with pytest.raises(ApplicationError) as error:
        services.action_transition(action, actor=officer, to="formulation")
    assert "comment" in error.value.fields
    services.action_transition(
        action, actor=officer, to="formulation", comment="The ministry wants a study visit."
    )
    timeline = AuditEntry.objects.filter(action="transition", object_id=str(action.pk))
    assert [entry.reason for entry in timeline] == ["The ministry wants a study visit."]


def test_suspended_action_resumes_where_it_stopped(world, code_lists):
    manager = world.user("programme_manager")
    action = make_action(world, code_lists, status="implementation")
    with pytest.raises(ApplicationError):
        services.action_transition(action, actor=manager, to="suspended")
    action = services.action_transition(action, actor=manager, to="suspended", comment="Elections.")
    assert action.suspended_from == "implementation" and action.iati_status == 6
    with pytest.raises(Conflict):
        services.action_transition(action, actor=manager, to="formulation")
    action = services.action_transition(action, actor=manager, to="implementation")
    assert action.status == "implementation" and action.suspended_from == "" and action.iati_status == 2


def test_cancelled_is_final(world, code_lists):
    manager = world.user("programme_manager")
    action = services.action_transition(
        make_action(world, code_lists, status="formulation"),
        actor=manager,
        to="cancelled",
        comment="Withdrawn.",
    )
    from actions.workflows import ACTION_WORKFLOW

    assert ACTION_WORKFLOW.available(action, manager) == []
    assert action.iati_status == 5


@pytest.mark.parametrize(
    ("status", "iati"),
    [
        ("approved", 1),
        ("formulation", 1),
        ("plan_agreed", 1),
        ("implementation", 2),
        ("follow_up", 3),
        ("closed", 4),
    ],
)
def test_iati_status_is_derived(world, code_lists, status, iati):
    assert make_action(world, code_lists, status=status).iati_status == iati


def test_edits_on_a_stale_version_are_refused_and_the_first_survives(world, code_lists):
    officer = world.user("programme_officer")
    action = make_action(world, code_lists)
    seen = action.version
    services.action_update(action, actor=officer, expected_version=seen, budget_eur=120000)
    with pytest.raises(PreconditionFailed):
        services.action_update(
            Action.objects.get(pk=action.pk), actor=officer, expected_version=seen, budget_eur=1
        )
    with pytest.raises(PreconditionRequired):
        services.action_update(
            Action.objects.get(pk=action.pk), actor=officer, expected_version=None, budget_eur=1
        )
    assert Action.objects.get(pk=action.pk).budget_eur == 120000


def test_status_changes_only_through_transitions(world, code_lists):
    action = make_action(world, code_lists)
    with pytest.raises(ApplicationError) as error:
        services.action_update(
            action, actor=world.user("administrator"), expected_version=action.version, status="closed"
        )
    assert "status" in error.value.fields


def _hold(world, activity, held_on):
    """planned → confirmed → held through the transitions, on the given day."""
    officer = world.user("programme_officer")
    services.activity_update(activity, actor=officer, held_on=held_on)
    activity = services.activity_transition(activity, actor=officer, to=ActivityStatus.CONFIRMED)
    return services.activity_transition(activity, actor=officer, to=ActivityStatus.HELD)


def test_launch_is_the_first_held_activity_and_is_flagged_when_late(world, code_lists):
    action = make_action(world, code_lists)  # approved 2 May 2022
    # Replica trainings are confirmed without an expert of the roster.
    first = plan_activity(world, action, type="replica_training", planned_start=datetime.date(2022, 7, 1))
    second = plan_activity(world, action, type="replica_training", planned_start=datetime.date(2022, 9, 1))
    assert action.launched_on is None
    services.activity_transition(first, actor=world.user("programme_officer"), to=ActivityStatus.CONFIRMED)
    action.refresh_from_db()
    assert action.launched_on is None  # confirmed is not held
    _hold(world, second, datetime.date(2022, 9, 20))
    action.refresh_from_db()
    assert action.launched_on == datetime.date(2022, 9, 20)
    assert action.days_to_launch == 141 and action.launch_overdue
    first.refresh_from_db()
    services.activity_update(first, actor=world.user("programme_officer"), held_on=datetime.date(2022, 7, 12))
    services.activity_transition(first, actor=world.user("programme_officer"), to=ActivityStatus.HELD)
    action.refresh_from_db()
    assert action.launched_on == datetime.date(2022, 7, 12)
    assert action.days_to_launch == 71 and not action.launch_overdue


def test_a_held_activity_needs_its_date(world, code_lists):
    officer = world.user("programme_officer")
    action = make_action(world, code_lists)
    with pytest.raises(ApplicationError) as error:
        plan_activity(world, action, status=ActivityStatus.HELD)
    assert "status" in error.value.fields
    activity = plan_activity(world, action, type="replica_training")
    # Without a date it cannot even be confirmed, let alone held.
    with pytest.raises(Conflict) as refusal:
        services.activity_transition(activity, actor=officer, to=ActivityStatus.CONFIRMED)
    assert "planned start" in refusal.value.message
    services.activity_update(activity, actor=officer, planned_start=datetime.date(2022, 6, 1))
    activity = services.activity_transition(activity, actor=officer, to=ActivityStatus.CONFIRMED)
    activity = services.activity_transition(activity, actor=officer, to=ActivityStatus.HELD)
    assert activity.held_on == datetime.date(2022, 6, 1)  # held on its planned start
    with pytest.raises(ApplicationError) as error:
        services.activity_update(activity, actor=officer, held_on=None)
    assert "held_on" in error.value.fields
    activity.refresh_from_db()
    assert activity.held_on == datetime.date(2022, 6, 1)


def test_activity_update_refuses_a_status_change(world, code_lists):
    officer = world.user("programme_officer")
    activity = plan_activity(
        world,
        make_action(world, code_lists),
        type="replica_training",
        planned_start=datetime.date(2022, 6, 1),
    )
    with pytest.raises(ApplicationError) as error:
        services.activity_update(
            activity, actor=officer, status=ActivityStatus.HELD, held_on=datetime.date(2022, 6, 1)
        )
    assert "status" in error.value.fields
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PLANNED and activity.held_on is None
    assert not AuditEntry.objects.for_object(activity).filter(action="update").exists()
    # Sending the status it already has is not a change.
    services.activity_update(activity, actor=officer, status=ActivityStatus.PLANNED, title="Renamed")
    activity.refresh_from_db()
    assert activity.title == "Renamed"
