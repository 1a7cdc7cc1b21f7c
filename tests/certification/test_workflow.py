"""The enrolment state machine per role: who may move a candidate along the path, what each guard
refuses, and that every transition is recorded."""

from __future__ import annotations

import pytest

from certification import services
from certification.choices import EnrolmentStatus as E
from certification.choices import SignOffUnit
from certification.models import SignOff
from certification.workflows import ENROLMENT_WORKFLOW
from mieux.errors import Conflict, PermissionDenied
from mieux.models import AuditAction
from tests.certification.builders import candidate, enrol, meet_every_rule, programme_for
from tests.resources import audit_entries

FORWARD = [
    (E.ENROLLED, E.IN_TRAINING),
    (E.IN_TRAINING, E.ASSESSMENT),
    (E.ASSESSMENT, E.SUPERVISED_PRACTICE),
    (E.SUPERVISED_PRACTICE, E.PORTFOLIO_REVIEW),
    (E.PORTFOLIO_REVIEW, E.PANEL_DECISION),
]
PARTNER_ROLES = ["focal_point", "hr_officer", "training_officer", "official"]


@pytest.fixture
def programme(world):
    return programme_for(world.institution_a)


@pytest.fixture
def person(world, programme):
    return candidate(programme, world.institution_a)


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), FORWARD)
@pytest.mark.parametrize("role", ["programme_officer", "programme_manager", "administrator"])
def test_staff_move_a_candidate_with_the_evidence_forward(world, programme, person, source, target, role):
    enrolment = enrol(programme, person, status=source)
    meet_every_rule(enrolment)

    moved = services.enrolment_transition(enrolment, actor=world.user(role), to=target)

    assert moved.status == target
    [entry] = list(audit_entries(moved, moved.pk, AuditAction.TRANSITION))
    assert entry.changes["status"] == [source, target]


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), FORWARD)
@pytest.mark.parametrize("role", [*PARTNER_ROLES, "expert", "integrator"])
def test_nobody_else_moves_a_candidate_forward(world, programme, person, source, target, role):
    enrolment = enrol(programme, person, status=source)
    meet_every_rule(enrolment)

    with pytest.raises(PermissionDenied):
        services.enrolment_transition(enrolment, actor=world.user(role), to=target)
    enrolment.refresh_from_db()
    assert enrolment.status == source


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("source", "target", "rule"),
    [
        (E.IN_TRAINING, E.ASSESSMENT, "Attendance"),
        (E.ASSESSMENT, E.SUPERVISED_PRACTICE, "Knowledge test"),
        (E.SUPERVISED_PRACTICE, E.PORTFOLIO_REVIEW, "replica"),
        (E.PORTFOLIO_REVIEW, E.PANEL_DECISION, "Portfolio"),
    ],
)
def test_a_step_forward_waits_for_its_evidence_and_says_which_rule(
    world, programme, person, source, target, rule
):
    enrolment = enrol(programme, person, status=source)

    with pytest.raises(Conflict) as refused:
        services.enrolment_transition(enrolment, actor=world.user("programme_officer"), to=target)

    assert rule.lower() in str(refused.value).lower()
    enrolment.refresh_from_db()
    assert enrolment.status == source
    assert not audit_entries(enrolment, enrolment.pk, AuditAction.TRANSITION)


@pytest.mark.django_db
def test_only_a_manager_certifies_and_only_with_the_institution_sign_off(world, programme, person):
    enrolment = enrol(programme, person, status=E.PANEL_DECISION)
    meet_every_rule(enrolment)

    with pytest.raises(PermissionDenied):
        services.enrolment_transition(enrolment, actor=world.user("programme_officer"), to=E.CERTIFIED)
    with pytest.raises(Conflict) as refused:
        services.enrolment_transition(enrolment, actor=world.user("programme_manager"), to=E.CERTIFIED)
    assert "signed off" in str(refused.value)
    assert not enrolment.credentials.exists()

    SignOff.objects.create(
        enrolment=enrolment,
        step=E.PANEL_DECISION,
        unit=SignOffUnit.TRAINING_UNIT,
        signed_by=world.user("training_officer"),
    )
    certified = services.enrolment_transition(
        enrolment, actor=world.user("programme_manager"), to=E.CERTIFIED
    )

    assert certified.status == E.CERTIFIED
    assert certified.credentials.count() == 1


@pytest.mark.django_db
def test_the_panel_may_refuse_with_a_reason_and_no_credential_is_issued(world, programme, person):
    enrolment = enrol(programme, person, status=E.PANEL_DECISION)
    manager = world.user("programme_manager")

    with pytest.raises(Exception, match="comment"):
        services.enrolment_transition(enrolment, actor=manager, to=E.NOT_CERTIFIED)
    refused = services.enrolment_transition(
        enrolment, actor=manager, to=E.NOT_CERTIFIED, comment="Replicas too weak"
    )

    assert refused.status == E.NOT_CERTIFIED
    assert not refused.credentials.exists()
    [entry] = list(audit_entries(refused, refused.pk, AuditAction.TRANSITION))
    assert entry.reason == "Replicas too weak"


@pytest.mark.django_db
def test_the_panel_returns_a_candidate_for_more_evidence_with_a_comment(world, programme, person):
    enrolment = enrol(programme, person, status=E.PANEL_DECISION)

    returned = services.enrolment_transition(
        enrolment,
        actor=world.user("programme_officer"),
        to=E.PORTFOLIO_REVIEW,
        comment="Add the second replica",
    )

    assert returned.status == E.PORTFOLIO_REVIEW


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["hr_officer", "training_officer", "programme_officer"])
def test_the_institution_or_staff_withdraw_a_candidate_on_the_path(world, programme, person, role):
    enrolment = enrol(programme, person, status=E.ASSESSMENT)

    withdrawn = services.enrolment_transition(
        enrolment, actor=world.user(role), to=E.WITHDRAWN, comment="Left"
    )

    assert withdrawn.status == E.WITHDRAWN


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["focal_point", "official"])
def test_focal_points_and_officials_do_not_withdraw(world, programme, person, role):
    enrolment = enrol(programme, person, status=E.ASSESSMENT)

    with pytest.raises(PermissionDenied):
        services.enrolment_transition(enrolment, actor=world.user(role), to=E.WITHDRAWN, comment="Left")


@pytest.mark.django_db
def test_another_institutions_hr_cannot_withdraw(world, programme, person):
    from tests.factories import PersonFactory, UserFactory

    hr_b = UserFactory(email="hr.b@mieux.test", role="hr_officer")
    PersonFactory(institution=world.institution_b, user=hr_b)
    enrolment = enrol(programme, person, status=E.ENROLLED)

    with pytest.raises(PermissionDenied):
        services.enrolment_transition(enrolment, actor=hr_b, to=E.WITHDRAWN, comment="Not ours")


def test_every_live_step_has_a_way_out():
    """No candidate is stuck: from every step before the decision there is a transition onward and a
    withdrawal (or, at the panel, a decision either way)."""
    live = [E.NOMINATED, E.ENROLLED, E.IN_TRAINING, E.ASSESSMENT, E.SUPERVISED_PRACTICE, E.PORTFOLIO_REVIEW]
    for state in live:
        targets = {t.target for t in ENROLMENT_WORKFLOW.transitions if state in t.sources}
        assert E.WITHDRAWN in targets, state
        assert targets - {E.WITHDRAWN, E.DECLINED}, state
    panel_targets = {t.target for t in ENROLMENT_WORKFLOW.transitions if E.PANEL_DECISION in t.sources}
    assert {E.CERTIFIED, E.NOT_CERTIFIED} <= panel_targets
