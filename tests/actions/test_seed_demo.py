"""`manage.py seed_demo`: the demo programme resembles the published one (DOMAIN.md), is written
through the services, is the same on every run, and a second run writes nothing.

The command runs once for the module, inside a transaction rolled back at the end, so the other
test modules still start from an empty database."""

import datetime
import io
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from actions.choices import LAUNCH_TARGET_DAYS, ActionStatus, ActionType, ActivityStatus, PartnerRole
from actions.demo import RANDOM_SEED, build_plan
from actions.models import (
    Action,
    ActionPartner,
    Activity,
    SteeringCommitteeDecision,
    SteeringCommitteeMeeting,
    SupportRequest,
)
from mieux.models import AuditEntry, User
from partners.models import Institution, Person
from tests.conftest import production_env

PASSWORD = "demo-password-2026"
HELD = {ActivityStatus.HELD, ActivityStatus.REPORTED, ActivityStatus.CLOSED}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The command's output; the database holds the demo data for every test of this module."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", "--password", PASSWORD, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def _chain_length(action: Action) -> int:
    length = 1
    while action.predecessor_id:
        action = action.predecessor
        length += 1
    return length


def test_requests_and_steering_committee(seeded, db):
    assert SupportRequest.objects.count() >= 190
    first = SupportRequest.objects.order_by("received_on", "id").first()
    assert first.reference == "R-2009-001"
    assert first.status == "rejected"
    statuses = Counter(SupportRequest.objects.values_list("status", flat=True))
    for status in ("rejected", "deferred", "withdrawn", "received", "screening", "clarification_requested"):
        assert statuses[status] >= 1, status
    assert statuses["submitted"] >= 1
    assert {r.received_on.year for r in SupportRequest.objects.all()} == set(range(2009, 2025))

    meetings = SteeringCommitteeMeeting.objects.order_by("held_on")
    assert meetings.count() >= 40
    per_year = Counter(meeting.held_on.year for meeting in meetings)
    assert all(2 <= count <= 4 for count in per_year.values())
    assert all(meeting.members_present for meeting in meetings)
    # Membership changed over the years (DG DEVCO became DG INTPA, the EEAS and DG NEAR joined).
    assert set(meetings.first().members_present) != set(meetings.last().members_present)
    organisations = {
        (meeting.held_on.year, member.split(" – ")[0])
        for meeting in meetings
        for member in meeting.members_present
    }
    assert {organisation for year, organisation in organisations if year < 2021} >= {
        "DG DEVCO",
        "EEAS",
        "ICMPD",
    }
    assert {organisation for year, organisation in organisations if year >= 2021} == {
        "DG INTPA",
        "DG HOME",
        "EEAS",
        "DG NEAR",
        "ICMPD",
    }
    # Every approval created its Action; the Actions without a request are MIEUX I ones.
    approvals = SteeringCommitteeDecision.objects.filter(outcome__startswith="approved")
    assert approvals.count() == Action.objects.filter(request__isnull=False).count()
    assert set(Action.objects.filter(request__isnull=True).values_list("phase__code", flat=True)) == {
        "MIEUX_I"
    }


def test_actions_resemble_the_published_programme(seeded, db):
    actions = Action.objects.select_related("phase")
    assert actions.count() == 138
    phases = Counter(action.phase.code for action in actions)
    assert set(phases) == {"MIEUX_I", "MIEUX_II", "MIEUX_III", "MIEUX_PLUS"}
    assert phases["MIEUX_III"] == 61
    assert all(a.phase.starts_on <= a.approved_on <= a.phase.ends_on for a in actions)
    assert {a.type for a in actions if a.phase.code == "MIEUX_PLUS"} == set(ActionType.values)
    assert {a.type for a in actions if a.phase.code != "MIEUX_PLUS"} == {ActionType.CLASSIC}

    countries = ActionPartner.objects.values_list("institution__country", flat=True).distinct()
    assert len(set(countries)) >= 100
    for action in actions.filter(type=ActionType.HOLISTIC):
        roles = set(action.partner_links.values_list("role", flat=True))
        assert PartnerRole.CAPACITY_DEVELOPMENT_INSTITUTION in roles
    for action in actions.filter(type=ActionType.REGIONAL):
        assert len({link.institution.country for link in action.partner_links.all()}) >= 2
    gran_chaco = Action.objects.get(short_name="Gran Chaco")
    assert set(gran_chaco.partner_links.values_list("institution__country", flat=True)) == {"AR", "PY", "BO"}
    assert gran_chaco.partner_links.count() == 10

    statuses = set(actions.values_list("status", flat=True))
    assert statuses == set(ActionStatus.values)
    assert max(_chain_length(action) for action in actions) >= 4
    mexico = Action.objects.get(short_name="Mexico IV")
    assert [mexico.predecessor.short_name, mexico.predecessor.predecessor.short_name] == [
        "Mexico III",
        "Mexico II",
    ]
    assert mexico.code.startswith("MX-2024-")
    assert mexico.title_en and mexico.title_es

    for action in actions:
        assert 60_000 <= action.budget_eur <= 450_000
        assert 1 <= action.gcm_objectives.count() <= 4
        assert action.officer.role == "programme_officer"
        months = (action.planned_end - action.planned_start).days / 30.44
        assert 5.9 <= months <= 33.1, action


def test_activities_follow_their_action(seeded, db):
    activities = Counter(Activity.objects.values_list("action_id", flat=True))
    started = Action.objects.exclude(status=ActionStatus.APPROVED)
    assert all(5 <= activities[action.pk] <= 8 for action in started)
    assert 6 <= sum(activities.values()) / len(activities) <= 7
    closed = Activity.objects.filter(action__status=ActionStatus.CLOSED)
    assert set(closed.values_list("status", flat=True)) <= {ActivityStatus.CLOSED, ActivityStatus.CANCELLED}
    assert not Activity.objects.filter(status__in=HELD, held_on__isnull=True).exists()
    assert not Activity.objects.filter(
        action__status=ActionStatus.FORMULATION, status=ActivityStatus.CLOSED
    ).exists()

    launched = Action.objects.filter(launched_on__isnull=False)
    for action in launched:
        first_held = action.activities.filter(status__in=HELD).order_by("held_on").first()
        assert action.launched_on == first_held.held_on
        assert action.actual_start == action.launched_on
    late = [a for a in launched if (a.launched_on - a.approved_on).days > LAUNCH_TARGET_DAYS]
    assert 0 < len(late) < launched.count() / 3  # mostly within three months, some late

    reached = Action.objects.filter(
        status__in=[ActionStatus.IMPLEMENTATION, ActionStatus.FOLLOW_UP, ActionStatus.CLOSED]
    )
    assert reached.filter(published=True).count() >= 0.8 * reached.count()
    assert not Action.objects.filter(
        status__in=[ActionStatus.APPROVED, ActionStatus.FORMULATION, ActionStatus.PLAN_AGREED], published=True
    ).exists()


def test_institutions_a_and_b_have_actions_and_a_unpublished_one_stays_private(seeded, db):
    focal_a = User.objects.get(email="focal.a@mieux.test")
    focal_b = User.objects.get(email="focal.b@mieux.test")
    institution_a = Person.objects.get(user=focal_a).institution
    institution_b = Person.objects.get(user=focal_b).institution
    of_a = Action.objects.filter(partner_links__institution=institution_a).distinct()
    of_b = Action.objects.filter(partner_links__institution=institution_b).distinct()
    assert of_a.count() >= 4
    assert of_b.count() >= 3
    private = of_a.filter(published=False)
    assert private.exists()
    assert set(Action.objects.for_user(focal_a)) >= set(of_a)
    assert not Action.objects.for_user(focal_b).filter(pk__in=private).exists()
    assert SupportRequest.objects.for_user(focal_b).filter(status="withdrawn").exists()


def test_every_write_is_audited_as_the_command(seeded, db):
    assert set(AuditEntry.objects.values_list("origin", flat=True)) == {"command:seed_demo"}
    actors = set(
        AuditEntry.objects.filter(content_type__app_label="actions").values_list("actor__role", flat=True)
    )
    assert {"programme_manager", "programme_officer"} <= actors
    assert User.objects.filter(email="a.kowalska@mieux.test", role="programme_officer").exists()
    assert "Demo accounts" in seeded


def test_a_second_run_creates_nothing(seeded, db):
    models = (User, Institution, SupportRequest, SteeringCommitteeMeeting, Action, Activity, AuditEntry)
    before = [model.objects.count() for model in models]
    out = io.StringIO()
    call_command("seed_demo", "--password", PASSWORD, stdout=out)
    assert [model.objects.count() for model in models] == before
    assert "Nothing to create" in out.getvalue()


def test_the_plan_is_the_same_every_time():
    first, second = build_plan(random.Random(RANDOM_SEED)), build_plan(random.Random(RANDOM_SEED))
    assert first == second
    codes = [action.code for action in first.actions]
    assert len(set(codes)) == len(codes) == 138
    references = [request.reference for request in first.requests]
    assert len(set(references)) == len(references)
    assert all(action.approved_on <= datetime.date(2024, 3, 31) for action in first.actions)


def test_seed_demo_is_refused_in_production(tmp_path):
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"],
        cwd=root,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "refused in production" in result.stderr
