"""`manage.py seed_demo`: the demo programme resembles the published one (DOMAIN.md), is written
through the services, is the same on every run, and a second run writes nothing. Every portal
feature has something to show the demo accounts.

The command runs once for the module, inside a transaction rolled back at the end, so the other
test modules still start from an empty database."""

import datetime
import io
import itertools
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from actions.choices import (
    LAUNCH_TARGET_DAYS,
    ActionStatus,
    ActionType,
    ActivityStatus,
    ActivityType,
    CoordinationStatus,
    DeliverableStatus,
    DeliverableType,
    IndicatorMeasure,
    OecdLevel,
    PartnerRole,
    PeriodStatus,
    RequestChannel,
    RequestStatus,
    ResultKind,
)
from actions.demo import RANDOM_SEED, build_plan
from actions.models import (
    Action,
    ActionPartner,
    Activity,
    CoordinationCell,
    Deliverable,
    ExpertAssignment,
    Indicator,
    IndicatorPeriod,
    Participation,
    RequestAttachment,
    RequestClarification,
    Result,
    SteeringCommitteeDecision,
    SteeringCommitteeMeeting,
    SupportRequest,
)
from actions.services import follow_up_opens_on
from actions.workflows import request_is_complete
from certification.models import CertificationProgramme, Enrolment
from mieux.models import AuditEntry, User
from partners.choices import EU_MEMBER_STATES, Gender, InstitutionType
from partners.models import Expert, Institution, Invitation, Person
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
    # The programme's requests arrived until AS_OF; those written in the portal carry the day they
    # were seeded (tested below).
    programme = SupportRequest.objects.exclude(channel=RequestChannel.PORTAL)
    assert {r.received_on.year for r in programme} == set(range(2009, 2025))

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
    mexico = Action.objects.get(short_name="Mexico V")
    assert [mexico.predecessor.short_name, mexico.predecessor.predecessor.short_name] == [
        "Mexico IV",
        "Mexico III",
    ]
    assert mexico.code.startswith("MX-2024-")
    assert mexico.title_en and mexico.title_es
    assert mexico.status == ActionStatus.FORMULATION and not mexico.published

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


def test_the_roster_and_the_experts_deployed(seeded, db):
    roster = Expert.objects.select_related("person__institution")
    assert roster.count() >= 700
    deployed = roster.filter(assignments__isnull=False).distinct()
    assert deployed.count() >= 465
    for experts in (roster, deployed):
        total = experts.count()
        non_eu = experts.exclude(member_state__in=EU_MEMBER_STATES).count()
        women = experts.filter(person__gender=Gender.FEMALE).count()
        assert 0.28 <= non_eu / total <= 0.40
        assert 0.37 <= women / total <= 0.47
    member_states = set(
        roster.filter(member_state__in=EU_MEMBER_STATES).values_list("member_state", flat=True)
    )
    assert len(member_states) == 26
    assert not roster.exclude(member_state=F("person__institution__country")).exists()
    assert not ExpertAssignment.objects.filter(expert__roster_status__in=["inactive", "withdrawn"]).exists()
    # Confirmed activities have their experts, except replica trainings given by national trainers.
    staffed = Activity.objects.exclude(type=ActivityType.REPLICA_TRAINING).filter(
        status__in=[ActivityStatus.CONFIRMED, *HELD]
    )
    assert not staffed.filter(expert_assignments__isnull=True).exists()


def test_no_expert_is_booked_twice_on_the_same_days(seeded, db):
    released = [ActivityStatus.POSTPONED, ActivityStatus.CANCELLED]
    overlapping = (
        ExpertAssignment.objects.exclude(activity__status__in=released)
        .with_booked_days()
        .filter(
            expert=OuterRef("expert"),
            booked_from__lte=OuterRef("booked_until"),
            booked_until__gte=OuterRef("booked_from"),
        )
        .exclude(pk=OuterRef("pk"))
    )
    booked = ExpertAssignment.objects.exclude(activity__status__in=released).with_booked_days()
    assert booked.count() > 1000
    assert not booked.filter(Exists(overlapping)).exists()
    # The SQL periods are Activity.period, also for activities held on another day than planned.
    slipped = booked.exclude(activity__held_on=F("activity__planned_start")).select_related("activity")
    assert slipped.exists()
    for assignment in slipped[:50]:
        assert (assignment.booked_from, assignment.booked_until) == assignment.activity.period
    # The same check in Python.
    periods: dict[int, list] = {}
    for assignment in ExpertAssignment.objects.exclude(activity__status__in=released).select_related(
        "activity"
    ):
        periods.setdefault(assignment.expert_id, []).append(assignment.activity.period)
    for days in periods.values():
        days.sort()
        assert all(earlier[1] < later[0] for earlier, later in itertools.pairwise(days))


def test_participants_and_their_attendance(seeded, db):
    participations = Participation.objects.all()
    people = participations.values("person").distinct().count()
    assert people >= 15_000
    assert participations.count() >= people
    women = participations.filter(gender=Gender.FEMALE).count() / participations.count()
    assert 0.40 <= women <= 0.50
    types = set(participations.values_list("institution__type", flat=True))
    assert InstitutionType.NATIONAL_AUTHORITY in types
    assert len(types - {InstitutionType.NATIONAL_AUTHORITY}) >= 3
    # Reported and closed activities have their attendance list; nothing is recorded before an activity
    # is held.
    reported = Activity.objects.filter(status__in=[ActivityStatus.REPORTED, ActivityStatus.CLOSED])
    assert not reported.filter(participations__isnull=True).exists()
    assert not participations.exclude(activity__status__in=HELD).exists()
    tested = participations.filter(pre_test_score__isnull=False, post_test_score__isnull=False)
    assert tested.count() >= 5_000
    assert tested.filter(post_test_score__gt=F("pre_test_score")).count() >= 0.7 * tested.count()
    assert participations.filter(attendance_percent__isnull=False).count() == participations.count()
    assert participations.filter(satisfaction__isnull=False).count() >= 0.8 * participations.count()
    assert participations.exclude(follow_up_answer="").count() >= 1_000
    # Participants are new to the registry or its staff; names and e-mails are not repeated.
    emails = Person.objects.exclude(email="").values("email").annotate(n=Count("id")).filter(n__gt=1)
    assert not emails.exists()


def test_activities_walked_their_state_machine(seeded, db):
    activity_type = ContentType.objects.get_for_model(Activity)
    closed = Activity.objects.filter(status=ActivityStatus.CLOSED).first()
    trail = AuditEntry.objects.filter(
        content_type=activity_type, object_id=str(closed.pk), action="transition"
    ).order_by("created_at", "id")
    assert [entry.changes["status"][1] for entry in trail] == ["confirmed", "held", "reported", "closed"]
    transitions = AuditEntry.objects.filter(content_type=activity_type, action="transition").count()
    assert transitions >= 3 * Activity.objects.filter(status=ActivityStatus.CLOSED).count()
    assert set(Activity.objects.values_list("status", flat=True)) == set(ActivityStatus.values)
    modalities = set(Activity.objects.values_list("modality", flat=True))
    assert modalities == {"in_person", "online", "hybrid"}
    assert not Activity.objects.filter(modality="in_person", city="").exists()


def test_deliverables_results_and_indicators(seeded, db):
    assert set(Deliverable.objects.values_list("type", flat=True)) == set(DeliverableType.values)
    adopted = Deliverable.objects.filter(status=DeliverableStatus.ADOPTED)
    assert adopted.count() >= 100
    assert not adopted.filter(Q(adopting_body="") | Q(adopted_on__isnull=True)).exists()
    assert set(Deliverable.objects.values_list("status", flat=True)) == set(DeliverableStatus.values)

    assert set(Result.objects.values_list("kind", flat=True)) == set(ResultKind.values)
    assert not Result.objects.filter(kind=ResultKind.OUTPUT, parent__isnull=True).exists()
    assert set(Indicator.objects.values_list("oecd_level", flat=True)) == set(OecdLevel.values)
    measures = set(Indicator.objects.values_list("measure", flat=True))
    assert {
        IndicatorMeasure.ENTERED,
        IndicatorMeasure.PARTICIPANTS_WITH_KNOWLEDGE_GAIN,
        IndicatorMeasure.DELIVERABLES_ADOPTED,
        IndicatorMeasure.ACTIVITIES_HELD,
    } <= measures
    assert not Indicator.objects.filter(periods__isnull=True).exists()
    statuses = set(IndicatorPeriod.objects.values_list("status", flat=True))
    assert {
        PeriodStatus.DRAFT,
        PeriodStatus.SUBMITTED,
        PeriodStatus.APPROVED,
        PeriodStatus.COMPUTED,
    } <= statuses

    # Approved actuals: submitted by the officer, approved by a manager who is someone else.
    period_type = ContentType.objects.get_for_model(IndicatorPeriod)
    approved = IndicatorPeriod.objects.filter(status=PeriodStatus.APPROVED)
    assert approved.count() >= 50
    for period in approved[:40]:
        approval = AuditEntry.objects.filter(
            content_type=period_type,
            object_id=str(period.pk),
            action="transition",
            changes__status__1="approved",
        ).get()
        assert approval.actor.role == "programme_manager"
        assert period.submitted_by.role == "programme_officer"
        assert approval.actor_id != period.submitted_by_id


def _recomputed(period: IndicatorPeriod) -> int:
    """A computed actual counted again from the raw rows, without the selectors."""
    held = Activity.objects.filter(
        action=period.indicator.action_id,
        status__in=HELD,
        held_on__gte=period.starts_on,
        held_on__lte=period.ends_on,
    )
    measure = period.indicator.measure
    if measure == IndicatorMeasure.ACTIVITIES_HELD:
        return held.count()
    if measure == IndicatorMeasure.DELIVERABLES_ADOPTED:
        return Deliverable.objects.filter(
            action=period.indicator.action_id,
            status=DeliverableStatus.ADOPTED,
            adopted_on__range=(period.starts_on, period.ends_on),
        ).count()
    rows = Participation.objects.filter(activity__in=held)
    if measure == IndicatorMeasure.PARTICIPANTS_WITH_KNOWLEDGE_GAIN:
        rows = rows.filter(post_test_score__gt=F("pre_test_score"))
    elif measure == IndicatorMeasure.PARTICIPANTS_APPLYING_LEARNING:
        rows = rows.filter(follow_up_answer__in=["yes", "partly"])
    return len(set(rows.values_list("person_id", flat=True)))


def test_computed_actuals_match_the_raw_data(seeded, db):
    periods = IndicatorPeriod.objects.filter(status=PeriodStatus.COMPUTED).select_related("indicator")
    sample = []
    for measure in (
        IndicatorMeasure.PARTICIPANTS_WITH_KNOWLEDGE_GAIN,
        IndicatorMeasure.DELIVERABLES_ADOPTED,
        IndicatorMeasure.ACTIVITIES_HELD,
        IndicatorMeasure.PARTICIPANTS_APPLYING_LEARNING,
        IndicatorMeasure.PARTICIPANTS_TRAINED,
    ):
        of_measure = list(periods.filter(indicator__measure=measure).order_by("id"))
        sample += random.Random(7).sample(of_measure, min(12, len(of_measure)))
    assert len(sample) >= 40
    assert any(period.actual for period in sample)
    for period in sample:
        assert period.actual == _recomputed(period), (period.indicator.name, period.starts_on)
        if period.indicator.measure == IndicatorMeasure.PARTICIPANTS_WITH_KNOWLEDGE_GAIN and period.actual:
            assert sum(period.disaggregation["sex"].values()) == period.actual


def test_holistic_actions_have_their_coordination_matrix(seeded, db):
    holistic = Action.objects.filter(type=ActionType.HOLISTIC)
    assert holistic.count() >= 6
    for action in holistic:
        assert action.coordination_cells.count() == 30
    statuses = Counter(CoordinationCell.objects.values_list("status", flat=True))
    assert all(statuses[status] >= 10 for status in CoordinationStatus.values)
    signed = CoordinationCell.objects.filter(status=CoordinationStatus.SIGNED_OFF).select_related(
        "signed_off_by", "action"
    )
    for cell in signed:
        assert cell.signed_off_on
        partners = set(cell.action.partner_links.values_list("institution_id", flat=True))
        assert cell.signed_off_by.institution_id in partners


def test_institution_a_shows_every_tab(seeded, db):
    official = Person.objects.get(user__email="official.a@mieux.test")
    action = Action.objects.get(short_name="Mexico IV")
    assert action.type == ActionType.HOLISTIC and action.status == ActionStatus.IMPLEMENTATION
    assert action.published
    assert action.partner_links.filter(institution=official.institution).exists()
    assert action.activities.filter(status__in=HELD).count() >= 3
    assert ExpertAssignment.objects.filter(activity__action=action).exists()
    assert Participation.objects.filter(activity__action=action, person=official).count() >= 3
    assert action.deliverables.exists() and action.results.exists()
    assert action.indicators.filter(periods__isnull=False).exists()
    assert action.coordination_cells.filter(status=CoordinationStatus.SIGNED_OFF).exists()
    signers = set(action.coordination_cells.values_list("signed_off_by__user__email", flat=True))
    assert {"hr.a@mieux.test", "training.a@mieux.test"} <= signers


def _user(email: str) -> User:
    return User.objects.select_related("person__institution").get(email=email)


def _audited(obj, action: str, actor: User):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk), action=action, actor=actor
    )


def test_focal_points_find_their_requests_in_the_portal(seeded, db):
    focal_a, focal_b, officer = (_user(f"{name}@mieux.test") for name in ("focal.a", "focal.b", "officer"))
    written = SupportRequest.objects.filter(channel=RequestChannel.PORTAL).prefetch_related("clarifications")
    of_a = written.filter(requesters__institution=focal_a.person.institution)
    by_status = {request.status: request for request in of_a}
    assert len(by_status) == of_a.count() == 3
    year = f"R-{timezone.localdate().year}-"

    # A draft half-written: its institution's alone, not complete enough to send yet.
    draft = by_status[RequestStatus.DRAFT]
    assert draft.reference.startswith("DRAFT-")
    assert draft.needs_statement and request_is_complete(draft)
    assert _audited(draft, "create", focal_a).exists()
    assert SupportRequest.objects.for_user(focal_a).filter(pk=draft.pk).exists()
    assert not SupportRequest.objects.for_user(officer).filter(pk=draft.pk).exists()

    # Sent with COMAR; the officer's question waits for the focal point's answer.
    waiting = by_status[RequestStatus.CLARIFICATION_REQUESTED]
    assert waiting.reference.startswith(year) and waiting.requesters.count() == 2
    question = waiting.open_clarification
    assert question.asked_by == officer and question.question and not question.answer
    send = _audited(waiting, "transition", focal_a).get()
    assert send.changes["status"] == ["draft", "received"]

    # An earlier question answered by the focal point; the request went on to the Committee.
    answered = by_status[RequestStatus.SUBMITTED]
    assert answered.reference.startswith(year)
    (clarification,) = answered.clarifications.all()
    assert clarification.answered_by == focal_a and clarification.answer and clarification.answered_at
    assert answered.open_clarification is None
    assert answered.attachments.get().uploaded_by == focal_a

    # Institution B's request sent through the portal; neither institution sees the other's.
    of_b = written.filter(requesters__institution=focal_b.person.institution)
    assert of_b.get().status == RequestStatus.RECEIVED
    assert not SupportRequest.objects.for_user(focal_a).filter(pk__in=of_b.values("pk")).exists()
    assert not SupportRequest.objects.for_user(focal_b).filter(pk__in=of_a.values("pk")).exists()


def test_hr_and_training_officers_sign_off_and_nominate(seeded, db):
    hr, training, official, focal_b = (
        _user(f"{name}@mieux.test") for name in ("hr.a", "training.a", "official.a", "focal.b")
    )
    institution_a = hr.person.institution
    action = Action.objects.get(short_name="Mexico IV")
    cells = action.coordination_cells.all()
    for user in (hr, training):
        assert cells.filter(responsible=user.person, status=CoordinationStatus.ENGAGED).exists()
    signed = cells.filter(responsible=hr.person, status=CoordinationStatus.SIGNED_OFF)
    in_portal = [cell for cell in signed if _audited(cell, "transition", hr).exists()]
    assert len(in_portal) == 1
    assert in_portal[0].signed_off_by == hr.person and in_portal[0].signed_off_on == datetime.date.today()

    programmes = CertificationProgramme.objects.order_by("kind")
    assert [programme.kind for programme in programmes] == ["expert", "trainer"]
    holistic_of_a = set(
        Action.objects.filter(type=ActionType.HOLISTIC, partner_links__institution=institution_a)
    )
    for programme in programmes:
        names = {programme.name_en, programme.name_fr, programme.name_es}
        descriptions = {programme.description_en, programme.description_fr, programme.description_es}
        assert len(names) == len(descriptions) == 3 and "" not in names | descriptions
        assert programme.accepts_nominations
        assert set(programme.actions.all()) == holistic_of_a == {action}
    enrolments = Enrolment.objects.select_related("nominated_by", "person")
    assert {enrolment.institution_id for enrolment in enrolments} == {institution_a.pk}
    by_hr = Counter(enrolment.status for enrolment in enrolments if enrolment.nominated_by == hr)
    from certification import demo_data

    assert by_hr == Counter(
        seed.outcome for seed in demo_data.ENROLMENTS if seed.nominated_by == "hr.a@mieux.test"
    )
    assert {enrolment.status for enrolment in enrolments.filter(person=official.person)} == {
        "certified",
        "assessment",
    }
    assert set(Enrolment.objects.for_user(official)) == set(enrolments.filter(person=official.person))
    assert Enrolment.objects.for_user(hr).count() == enrolments.count()
    assert not Enrolment.objects.for_user(focal_b).exists()
    assert not CertificationProgramme.objects.for_user(focal_b).exists()


def test_the_official_has_questionnaires_answered_and_waiting(seeded, db):
    official = _user("official.a@mieux.test")
    today = timezone.localdate()
    attended = list(
        Participation.objects.filter(person=official.person, activity__status__in=HELD).select_related(
            "activity"
        )
    )
    assert len(attended) >= 3
    assert any(p.satisfaction is None for p in attended)
    assert any(not p.follow_up_answer and follow_up_opens_on(p.activity) <= today for p in attended)
    answered = [p for p in attended if _audited(p, "update", official).exists()]
    assert len(answered) >= 2
    assert all(p.satisfaction and p.follow_up_answer and p.follow_up_comment for p in answered)


def test_the_expert_has_missions_coming_and_past(seeded, db):
    expert = _user("expert@mieux.test")
    assignments = list(
        ExpertAssignment.objects.filter(expert__person__user=expert).select_related("activity__action")
    )
    coming = [
        a for a in assignments if a.activity.status in (ActivityStatus.PLANNED, ActivityStatus.CONFIRMED)
    ]
    past = [a for a in assignments if a.activity.status in HELD]
    assert coming and past
    reported = [a for a in past if a.mission_report]
    assert reported
    assert any(not a.mission_report and a.activity.action.short_name == "Mexico IV" for a in past)
    for assignment in reported:
        assert _audited(assignment, "update", expert).exists()
        with assignment.mission_report.open("rb") as report:
            assert report.read(5) == b"%PDF-"


def test_invitations_to_the_portal(seeded, db):
    statuses = Counter(invitation.status for invitation in Invitation.objects.all())
    assert statuses == {"pending": 2, "expired": 1, "accepted": 1}
    accepted = Invitation.objects.get(accepted_at__isnull=False)
    assert accepted.email in seeded  # listed with the demo accounts


def test_every_write_is_audited_as_the_command(seeded, db):
    assert set(AuditEntry.objects.values_list("origin", flat=True)) == {"command:seed_demo"}
    actors = set(
        AuditEntry.objects.filter(content_type__app_label="actions").values_list("actor__role", flat=True)
    )
    assert {"programme_manager", "programme_officer"} <= actors
    assert User.objects.filter(email="a.kowalska@mieux.test", role="programme_officer").exists()
    assert "Demo accounts" in seeded
    # One creation entry per row, bulk writes included.
    for model in (Person, Participation, ExpertAssignment, Deliverable, Indicator, CoordinationCell):
        created = AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), action="create"
        )
        assert created.count() == model.objects.count(), model


def test_a_second_run_creates_nothing(seeded, db):
    models = (
        User,
        Institution,
        Person,
        Expert,
        Invitation,
        SupportRequest,
        RequestClarification,
        RequestAttachment,
        SteeringCommitteeMeeting,
        Action,
        Activity,
        ExpertAssignment,
        Participation,
        Deliverable,
        Result,
        Indicator,
        IndicatorPeriod,
        CoordinationCell,
        CertificationProgramme,
        Enrolment,
        AuditEntry,
    )
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
