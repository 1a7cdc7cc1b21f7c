"""Each portfolio figure (reporting.figures) against an independent count: Python over the objects the
test created, never the same query. A small but varied portfolio: Actions of each type and several
statuses, countries and phases, requests decided and not, activities, experts from inside and outside
the EU, participants of both sexes and several institution types, deliverables, indicators with
periods, and a certification programme with its funnel, credentials and replica sessions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from actions.choices import (
    ActionStatus,
    ActionType,
    ActivityStatus,
    ActivityType,
    DecisionOutcome,
    DeliverableStatus,
    DeliverableType,
    IndicatorMeasure,
    IndicatorUnit,
    Modality,
    OecdLevel,
    PeriodStatus,
    RequesterRole,
    RequestStatus,
)
from actions.models import RequestingInstitution, SteeringCommitteeDecision
from certification.choices import CredentialKind, CredentialStatus, EnrolmentStatus
from certification.models import CertificationProgramme, Credential, ReplicaSession
from mieux.roles import Role
from partners.choices import EU_MEMBER_STATES, Gender, InstitutionType
from reporting import figures
from reporting.choices import ReportFormat, ReportKind
from reporting.models import ReportRun
from tests.actions.factories import (
    ActionFactory,
    ActivityFactory,
    DeliverableFactory,
    ExpertAssignmentFactory,
    GlobalCompactObjectiveFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    MeetingFactory,
    ParticipationFactory,
    ProgrammePhaseFactory,
    SupportRequestFactory,
    ThematicAreaFactory,
)
from tests.certification.builders import enrol
from tests.factories import ExpertFactory, InstitutionFactory, PersonFactory

D = datetime.date
TODAY = datetime.date.today()
HELD = {ActivityStatus.HELD, ActivityStatus.REPORTED, ActivityStatus.CLOSED}


@dataclass
class Portfolio:
    actions: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    decisions: list = field(default_factory=list)
    activities: list = field(default_factory=list)
    assignments: list = field(default_factory=list)
    participations: list = field(default_factory=list)
    deliverables: list = field(default_factory=list)
    periods: list = field(default_factory=list)
    enrolments: list = field(default_factory=list)
    credentials: list = field(default_factory=list)
    sessions: list = field(default_factory=list)
    invisible_draft: object = None


def seed_portfolio(world) -> Portfolio:
    p = Portfolio()
    inst_a, inst_b = world.institution_a, world.institution_b
    inst_ar = InstitutionFactory(name_en="Dirección Nacional de Migraciones", country="AR")
    inst_local = InstitutionFactory(
        name_en="Ciudad de Guatemala", country="GT", type=InstitutionType.LOCAL_AUTHORITY
    )
    inst_ngo = InstitutionFactory(
        name_en="Casa del Migrante", country="GT", type=InstitutionType.CIVIL_SOCIETY
    )
    inst_ua = InstitutionFactory(name_en="State Migration Service", country="UA")
    imt, lm, ip = (ThematicAreaFactory(code=code) for code in ("IMT", "LM", "IP"))
    plus = ProgrammePhaseFactory()
    mieux_iii = ProgrammePhaseFactory(
        code="MIEUX_III", name_en="MIEUX III", starts_on=D(2016, 1, 1), ends_on=D(2020, 3, 31)
    )
    gcm1, gcm2, gcm10 = (GlobalCompactObjectiveFactory(number=n) for n in (1, 2, 10))

    def action(code, lead, **fields):
        gcm = fields.pop("gcm", [])
        item = ActionFactory(code=code, lead=lead, **fields)
        item.gcm_objectives.set(gcm)
        p.actions.append(item)
        return item

    a1 = action(
        "MX-1",
        inst_a,
        type=ActionType.CLASSIC,
        status=ActionStatus.IMPLEMENTATION,
        countries=["MX"],
        thematic_area=imt,
        phase=plus,
        gcm=[gcm10],
        approved_on=D(2023, 1, 10),
        launched_on=D(2023, 3, 1),
    )
    a2 = action(
        "MX-2",
        inst_a,
        type=ActionType.HOLISTIC,
        status=ActionStatus.FOLLOW_UP,
        countries=["MX", "GT"],
        thematic_area=lm,
        phase=plus,
        gcm=[gcm1, gcm2],
        approved_on=D(2022, 6, 1),
        launched_on=D(2022, 12, 1),
    )
    a3 = action(
        "RG-3",
        inst_ar,
        type=ActionType.REGIONAL,
        status=ActionStatus.CLOSED,
        countries=["AR", "PY", "BO"],
        thematic_area=ip,
        phase=mieux_iii,
        gcm=[gcm10],
        approved_on=D(2019, 1, 1),
        launched_on=D(2019, 2, 1),
    )
    a4 = action(
        "NG-4",
        inst_b,
        type=ActionType.CLASSIC,
        status=ActionStatus.APPROVED,
        countries=["NG"],
        thematic_area=imt,
        phase=plus,
        approved_on=D(2020, 1, 1),
        published=True,
    )
    action(
        "NG-5",
        inst_b,
        type=ActionType.CLASSIC,
        status=ActionStatus.CANCELLED,
        countries=["NG"],
        thematic_area=lm,
        phase=plus,
        approved_on=D(2021, 1, 1),
    )
    action(
        "UA-6",
        inst_ua,
        type=ActionType.CLASSIC,
        status=ActionStatus.FORMULATION,
        countries=["UA"],
        thematic_area=imt,
        phase=plus,
        approved_on=TODAY,
    )

    # Requests: decided, open, withdrawn, and a draft nobody but its institution sees.
    def request(reference, lead, status, received_on, countries, theme, co=None, action_=None):
        item = SupportRequestFactory(
            reference=reference,
            lead=lead,
            status=status,
            received_on=received_on,
            countries=countries,
            thematic_area=theme,
        )
        if co is not None:
            RequestingInstitution.objects.create(
                request=item, institution=co, role=RequesterRole.CO_REQUESTER
            )
        if action_ is not None:
            action_.request = item
            action_.save(update_fields=["request"])
        item.requester_types = {lead.type} | ({co.type} if co is not None else set())
        p.requests.append(item)
        return item

    def decide(item, held_on, outcome):
        decision = SteeringCommitteeDecision.objects.create(
            meeting=MeetingFactory(held_on=held_on), request=item, outcome=outcome, reason="Reason."
        )
        p.decisions.append(decision)

    r1 = request("R-1", inst_a, RequestStatus.APPROVED, D(2022, 11, 1), ["MX"], imt, action_=a1)
    decide(r1, D(2022, 12, 20), DecisionOutcome.APPROVED)
    r2 = request("R-2", inst_a, RequestStatus.APPROVED, D(2022, 3, 1), ["MX", "GT"], lm, action_=a2)
    decide(r2, D(2022, 4, 1), DecisionOutcome.DEFERRED)
    decide(r2, D(2022, 5, 15), DecisionOutcome.APPROVED_WITH_CONDITIONS)
    r3 = request("R-3", inst_b, RequestStatus.REJECTED, D(2023, 2, 1), ["NG"], imt)
    decide(r3, D(2023, 3, 3), DecisionOutcome.REJECTED)
    request("R-4", inst_local, RequestStatus.SCREENING, D(2024, 5, 1), ["GT"], ip, co=inst_ngo)
    request("R-5", inst_ua, RequestStatus.WITHDRAWN, D(2023, 6, 1), ["UA"], lm)
    p.invisible_draft = SupportRequestFactory(
        reference="DRAFT-9", lead=inst_b, status=RequestStatus.DRAFT, received_on=D(2023, 7, 1)
    )

    # Activities.
    def activity(action_, type_, status, modality=Modality.IN_PERSON, held_on=None, planned_start=None):
        item = ActivityFactory(
            action=action_,
            type=type_,
            status=status,
            modality=modality,
            held_on=held_on,
            planned_start=planned_start,
        )
        p.activities.append(item)
        return item

    a1_workshop = activity(a1, ActivityType.WORKSHOP, ActivityStatus.HELD, held_on=D(2023, 3, 1))
    a1_training = activity(
        a1, ActivityType.TRAINING, ActivityStatus.REPORTED, Modality.ONLINE, D(2023, 6, 10)
    )
    a1_visit = activity(a1, ActivityType.STUDY_VISIT, ActivityStatus.CONFIRMED, planned_start=D(2024, 9, 1))
    activity(a1, ActivityType.REPLICA_TRAINING, ActivityStatus.CANCELLED, planned_start=D(2023, 9, 1))
    a2_tot = activity(
        a2, ActivityType.TRAINING_OF_TRAINERS, ActivityStatus.CLOSED, Modality.HYBRID, D(2022, 12, 1)
    )
    a2_workshop = activity(a2, ActivityType.WORKSHOP, ActivityStatus.HELD, held_on=D(2024, 2, 1))
    a3_workshop = activity(a3, ActivityType.WORKSHOP, ActivityStatus.CLOSED, held_on=D(2019, 2, 1))
    activity(a4, ActivityType.IDENTIFICATION_MISSION, ActivityStatus.PLANNED)

    # Experts: two from EU Member States, one from Mexico.
    def expert(country, gender):
        administration = InstitutionFactory(country=country, type=InstitutionType.MEMBER_STATE_ADMINISTRATION)
        return ExpertFactory(
            person=PersonFactory(institution=administration, gender=gender), member_state=country
        )

    e_de, e_es, e_mx = expert("DE", Gender.FEMALE), expert("ES", Gender.MALE), expert("MX", Gender.FEMALE)
    for activity_, expert_, days in [
        (a1_workshop, e_de, 3),
        (a1_training, e_de, 2),
        (a1_training, e_es, 4),
        (a2_tot, e_mx, 5),
        (a1_visit, e_de, 6),
        (a3_workshop, e_es, Decimal("2.5")),
        (a2_workshop, e_mx, 1),
    ]:
        p.assignments.append(ExpertAssignmentFactory(activity=activity_, expert=expert_, days=days))

    # Participants.
    ana = PersonFactory(institution=inst_a, gender=Gender.FEMALE)
    luis = PersonFactory(institution=inst_a, gender=Gender.MALE)
    pedro = PersonFactory(institution=inst_ngo, gender=Gender.MALE)
    rosa = PersonFactory(institution=inst_local, gender=Gender.FEMALE)
    kim = PersonFactory(institution=inst_a, gender=Gender.UNDISCLOSED)
    sol = PersonFactory(institution=inst_ar, gender=Gender.FEMALE)
    for activity_, person, pre, post, satisfaction in [
        (a1_workshop, ana, 40, 70, 5),
        (a1_workshop, luis, 50, 45, 3),
        (a1_workshop, pedro, None, None, 4),
        (a1_training, ana, 60, 80, 4),
        (a1_training, rosa, None, 90, None),
        (a2_tot, luis, 30, 60, 5),
        (a2_tot, kim, 55, 55, 2),
        (a2_workshop, ana, None, None, 5),
        (a3_workshop, sol, 20, 50, 4),
    ]:
        p.participations.append(
            ParticipationFactory(
                activity=activity_,
                person=person,
                pre_test_score=pre,
                post_test_score=post,
                satisfaction=satisfaction,
            )
        )

    # Deliverables.
    for action_, type_, level, status, adopted_on in [
        (a1, DeliverableType.PROCEDURE, OecdLevel.ORGANISATIONAL, DeliverableStatus.ADOPTED, D(2023, 7, 1)),
        (a1, DeliverableType.MANUAL, OecdLevel.INDIVIDUAL, DeliverableStatus.VALIDATED, None),
        (a2, DeliverableType.CURRICULUM, OecdLevel.ORGANISATIONAL, DeliverableStatus.DRAFT, None),
        (
            a3,
            DeliverableType.LAW_OR_REGULATION,
            OecdLevel.ENABLING_ENVIRONMENT,
            DeliverableStatus.ADOPTED,
            D(2019, 6, 1),
        ),
        (a4, DeliverableType.POLICY, OecdLevel.ENABLING_ENVIRONMENT, DeliverableStatus.HANDED_OVER, None),
    ]:
        p.deliverables.append(
            DeliverableFactory(
                action=action_,
                type=type_,
                oecd_level=level,
                status=status,
                adopted_on=adopted_on,
                adopting_body="Ministry" if adopted_on else "",
            )
        )

    # Indicators with periods.
    def indicator(action_, level, unit=IndicatorUnit.NUMBER, measure=IndicatorMeasure.ENTERED):
        return IndicatorFactory(action=action_, oecd_level=level, unit=unit, measure=measure)

    trained = indicator(a1, OecdLevel.INDIVIDUAL)
    computed = indicator(a1, OecdLevel.INDIVIDUAL, measure=IndicatorMeasure.PARTICIPANTS_TRAINED)
    share = indicator(a1, OecdLevel.ORGANISATIONAL, unit=IndicatorUnit.PERCENT)
    laws = indicator(a2, OecdLevel.ENABLING_ENVIRONMENT)
    regional = indicator(a3, OecdLevel.INDIVIDUAL)
    b_policy = indicator(a4, OecdLevel.ENABLING_ENVIRONMENT)
    for indicator_, year, target, actual, status in [
        (trained, 2023, 20, 15, PeriodStatus.APPROVED),
        (computed, 2024, 30, 35, PeriodStatus.COMPUTED),
        (share, 2023, 80, 90, PeriodStatus.APPROVED),
        (laws, 2023, 2, 1, PeriodStatus.SUBMITTED),
        (laws, 2024, 3, None, PeriodStatus.DRAFT),
        (regional, 2019, 10, 12, PeriodStatus.APPROVED),
        (b_policy, 2023, 1, 1, PeriodStatus.APPROVED),
    ]:
        p.periods.append(
            IndicatorPeriodFactory(
                indicator=indicator_,
                starts_on=D(year, 1, 1),
                ends_on=D(year, 12, 31),
                target=target,
                actual=actual,
                status=status,
            )
        )

    # Certification on the holistic Action.
    programme = CertificationProgramme.objects.create(
        name_en="Certified trainers", kind=CredentialKind.TRAINER
    )
    programme.actions.set([a2])
    statuses = [
        EnrolmentStatus.CERTIFIED,
        EnrolmentStatus.CERTIFIED,
        EnrolmentStatus.NOT_CERTIFIED,
        EnrolmentStatus.PANEL_DECISION,
        EnrolmentStatus.IN_TRAINING,
        EnrolmentStatus.NOMINATED,
    ]
    for number, status in enumerate(statuses):
        person = PersonFactory(
            institution=inst_a if number != 3 else inst_local, email=f"cand{number}@x.example"
        )
        p.enrolments.append(enrol(programme, person, status=status))
    first, second = p.enrolments[0], p.enrolments[1]

    def credential(enrolment, status, issued_on, valid_until):
        item = Credential.objects.create(
            enrolment=enrolment,
            programme=programme,
            person=enrolment.person,
            institution=enrolment.institution,
            kind=CredentialKind.TRAINER,
            issued_on=issued_on,
            valid_until=valid_until,
            status=status,
            status_index=9000 + len(p.credentials),
            subject_salt="salt",
            subject_hash=f"h{len(p.credentials)}",
        )
        p.credentials.append(item)
        return item

    credential(first, CredentialStatus.ACTIVE, D(2024, 6, 1), TODAY + datetime.timedelta(days=365))
    credential(second, CredentialStatus.EXPIRED, D(2020, 1, 1), D(2023, 1, 1))
    credential(second, CredentialStatus.REVOKED, D(2023, 2, 1), TODAY + datetime.timedelta(days=365))
    credential(first, CredentialStatus.ACTIVE, D(2020, 1, 1), D(2022, 12, 31))  # past its end: expired

    def session(trainer, held_on, colleagues):
        item = ReplicaSession.objects.create(
            trainer=trainer.person,
            institution=trainer.institution,
            title="Replica",
            held_on=held_on,
            colleagues_trained=colleagues,
        )
        p.sessions.append(item)

    session(first, D(2024, 7, 1), 10)  # after its active credential
    session(first, D(2019, 5, 1), 99)  # before any credential: not a certified trainer's
    session(second, D(2022, 1, 1), 7)  # while the expired credential was valid
    session(p.enrolments[3], D(2024, 1, 1), 50)  # never certified
    return p


@pytest.fixture
def portfolio(world) -> Portfolio:
    return seed_portfolio(world)


def scope_of(user, filters=None, start=None, end=None) -> figures.Scope:
    """The scope of a report run asked for with these parameters (parameters.run_actions)."""
    parameters = {"filters": filters or {}}
    if start:
        parameters["period_start"] = start.isoformat()
    if end:
        parameters["period_end"] = end.isoformat()
    run = ReportRun.objects.create(
        requested_by=user, kind=ReportKind.PORTFOLIO, format=ReportFormat.XLSX, parameters=parameters
    )
    return figures.Scope.for_run(run)


def staff(world):
    return world.user(Role.PROGRAMME_MANAGER)


def by(rows, key="label", value="actions") -> dict:
    return {row[key]: row[value] for row in rows}


def count_by(items, key) -> dict:
    counts = {}
    for item in items:
        for k in key(item):
            counts[k] = counts.get(k, 0) + 1
    return counts


def in_period(day, start, end) -> bool:
    return day is not None and (start is None or day >= start) and (end is None or day <= end)


# --- Requests -------------------------------------------------------------------------------------


def test_request_figures_match_the_requests_created(world, portfolio):
    scope = scope_of(staff(world))
    requests = portfolio.requests  # the draft is not among them: staff do not see drafts
    totals = figures.request_totals(scope)
    assert totals["requests"] == len(requests) == 5
    approved = [r for r in requests if r.status == RequestStatus.APPROVED]
    rejected = [r for r in requests if r.status == RequestStatus.REJECTED]
    assert (totals["approved"], totals["rejected"]) == (len(approved), len(rejected))
    assert totals["approval_rate"] == round(100 * len(approved) / (len(approved) + len(rejected)), 1)
    final = {}
    for decision in sorted(portfolio.decisions, key=lambda d: d.meeting.held_on):
        if decision.outcome != DecisionOutcome.DEFERRED:
            final.setdefault(decision.request_id, decision.meeting.held_on)
    waits = [(final[r.pk] - r.received_on).days for r in requests if r.pk in final]
    assert totals["with_decision_date"] == len(waits) == 3
    assert totals["days_to_decision_average"] == round(sum(waits) / len(waits), 1)
    assert (totals["days_to_decision_shortest"], totals["days_to_decision_longest"]) == (
        min(waits),
        max(waits),
    )

    assert by(figures.requests_by_year(scope), "code", "requests") == count_by(
        requests, lambda r: [r.received_on.year]
    )
    regions = figures.requests_by_region(scope)
    assert by(regions["countries"], "code", "requests") == count_by(
        requests, lambda r: [c.code for c in r.countries]
    )
    assert by(regions["regions"], "code", "requests") == {
        "latin_america_caribbean": 3,
        "africa": 1,
        "eastern_neighbourhood": 1,
    }
    assert by(regions["regions"], "code", "approved")["latin_america_caribbean"] == 2
    assert by(figures.requests_by_requester_type(scope), "code", "requests") == count_by(
        requests, lambda r: r.requester_types
    )
    assert by(figures.requests_by_theme(scope), "code", "requests") == count_by(
        requests, lambda r: [r.thematic_area.code]
    )


def test_requests_follow_the_action_filters_and_the_period(world, portfolio):
    scope = scope_of(staff(world), filters={"type": [ActionType.HOLISTIC]})
    # With Action filters: the requests that led to the covered Actions only.
    assert figures.request_totals(scope)["requests"] == 1
    assert figures.request_totals(scope)["approval_rate"] == 100.0
    start, end = D(2023, 1, 1), D(2023, 12, 31)
    scope = scope_of(staff(world), start=start, end=end)
    expected = [r for r in portfolio.requests if in_period(r.received_on, start, end)]
    assert figures.request_totals(scope)["requests"] == len(expected) == 2


# --- Actions --------------------------------------------------------------------------------------


def test_action_figures_match_the_actions_created(world, portfolio):
    scope = scope_of(staff(world))
    actions = portfolio.actions
    assert by(figures.actions_by_status(scope), "code") == count_by(actions, lambda a: [a.status])
    assert by(figures.actions_by_type(scope), "code") == count_by(actions, lambda a: [a.type])
    assert by(figures.actions_by_phase(scope), "code") == count_by(actions, lambda a: [a.phase.code])
    assert by(figures.actions_by_theme(scope), "code") == count_by(actions, lambda a: [a.thematic_area.code])
    assert by(figures.actions_by_gcm_objective(scope), "code") == count_by(
        actions, lambda a: [o.number for o in a.gcm_objectives.all()]
    )
    regions = figures.actions_by_region(scope)
    assert by(regions["countries"], "code") == count_by(actions, lambda a: [c.code for c in a.countries])
    assert by(regions["regions"], "code") == {
        "latin_america_caribbean": 3,
        "africa": 2,
        "eastern_neighbourhood": 1,
    }

    totals = figures.action_totals(scope)
    launched = [a for a in actions if a.launched_on]
    within = [a for a in launched if (a.launched_on - a.approved_on).days <= 92]
    overdue = [
        a
        for a in actions
        if not a.launched_on
        and (TODAY - a.approved_on).days > 92
        and a.status not in {ActionStatus.CANCELLED, ActionStatus.CLOSED}
    ]
    assert totals["actions"] == len(actions) == 6
    assert (totals["launched"], totals["launched_within_target"]) == (len(launched), len(within)) == (3, 2)
    assert totals["launched_late"] == 1
    assert totals["overdue_not_launched"] == len(overdue) == 1
    assert totals["days_to_launch_average"] == round(
        sum((a.launched_on - a.approved_on).days for a in launched) / len(launched), 1
    )


def test_action_filters_narrow_every_figure(world, portfolio):
    scope = scope_of(staff(world), filters={"region": "latin_america_caribbean"})
    assert figures.action_totals(scope)["actions"] == 3
    assert by(figures.actions_by_type(scope), "code") == {"classic": 1, "holistic": 1, "regional": 1}
    # Grouping over the objectives is not narrowed by a filter on the same relation.
    scope = scope_of(staff(world), filters={"gcm_objective": 1})
    assert by(figures.actions_by_gcm_objective(scope), "code") == {1: 1, 2: 1}


# --- Activities, experts, participants ------------------------------------------------------------


def test_activity_figures_match(world, portfolio):
    scope = scope_of(staff(world))
    activities = portfolio.activities
    rows = {row["code"]: row for row in figures.activities_by_type(scope)}
    assert {code: row["activities"] for code, row in rows.items()} == count_by(activities, lambda a: [a.type])
    assert {code: row["held"] for code, row in rows.items() if row["held"]} == count_by(
        [a for a in activities if a.status in HELD], lambda a: [a.type]
    )
    assert by(figures.activities_by_modality(scope), "code", "activities") == count_by(
        activities, lambda a: [a.modality]
    )
    totals = figures.activity_totals(scope)
    assert (totals["activities"], totals["held"], totals["cancelled"]) == (8, 5, 1)

    start, end = D(2023, 1, 1), D(2023, 12, 31)
    dated = [a for a in activities if in_period(a.held_on or a.planned_start, start, end)]
    assert (
        figures.activity_totals(scope_of(staff(world), start=start, end=end))["activities"] == len(dated) == 3
    )


def test_expert_figures_match(world, portfolio):
    scope = scope_of(staff(world))
    deployed = [a for a in portfolio.assignments if a.activity.status in HELD]
    people = {a.expert_id: a.expert for a in deployed}
    totals = figures.expert_totals(scope)
    assert totals["experts"] == len(people) == 3
    assert totals["deployments"] == len(deployed) == 6
    assert totals["expert_days"] == sum(Decimal(a.days) for a in deployed)
    non_eu = [e for e in people.values() if e.member_state.code not in EU_MEMBER_STATES]
    assert totals["share_non_eu"] == round(100 * len(non_eu) / len(people), 1)
    by_gender = {row["code"]: row for row in figures.experts_by_gender(scope)}
    assert {code: row["experts"] for code, row in by_gender.items()} == count_by(
        people.values(), lambda e: [e.person.gender]
    )
    assert {code: row["deployments"] for code, row in by_gender.items()} == count_by(
        deployed, lambda a: [a.expert.person.gender]
    )
    states = figures.experts_by_member_state(scope)
    assert [row["code"] for row in states][-1] == "MX"  # EU Member States first
    assert by(states, "code", "expert_days") == {
        code: sum(Decimal(a.days) for a in deployed if a.expert.member_state.code == code)
        for code in ("DE", "ES", "MX")
    }


def test_participant_figures_match_with_disaggregation(world, portfolio):
    scope = scope_of(staff(world))
    rows = [p for p in portfolio.participations if p.activity.status in HELD]
    totals = figures.participant_totals(scope)
    assert totals["attendances"] == len(rows) == 9
    assert totals["people"] == len({p.person_id for p in rows}) == 6
    by_sex = {row["code"]: row for row in figures.participants_by_sex(scope)}
    for sex in Gender.values:
        expected = [p for p in rows if p.gender == sex]
        if not expected:
            assert sex not in by_sex
            continue
        assert by_sex[sex]["attendances"] == len(expected)
        assert by_sex[sex]["people"] == len({p.person_id for p in expected})
    by_type = {row["code"]: row for row in figures.participants_by_institution_type(scope)}
    assert {code: row["people"] for code, row in by_type.items()} == {
        kind: len({p.person_id for p in rows if p.institution.type == kind})
        for kind in {p.institution.type for p in rows}
    }
    crossed = {
        (r["sex"], r["institution_type"]): r["attendances"]
        for r in figures.participants_by_sex_and_institution_type(scope)
    }
    assert crossed == count_by(rows, lambda p: [(p.gender, p.institution.type)])
    answers = [p.satisfaction for p in rows if p.satisfaction is not None]
    assert totals["satisfaction_answers"] == len(answers)
    assert totals["satisfaction_average"] == round(sum(answers) / len(answers), 1)
    assert by(figures.satisfaction_distribution(scope), "code", "answers") == {
        score: answers.count(score) for score in range(1, 6)
    }
    tested = [p for p in rows if p.pre_test_score is not None and p.post_test_score is not None]
    assert totals["tested"] == len(tested) == 6
    assert totals["gain_average"] == round(
        sum(p.post_test_score - p.pre_test_score for p in tested) / len(tested), 1
    )
    assert totals["with_gain"] == len([p for p in tested if p.post_test_score > p.pre_test_score]) == 4


def test_period_limits_experts_and_participants_to_activities_held_in_it(world, portfolio):
    start, end = D(2023, 1, 1), D(2023, 12, 31)
    scope = scope_of(staff(world), start=start, end=end)
    held = [a for a in portfolio.activities if a.status in HELD and in_period(a.held_on, start, end)]
    assert (
        figures.participant_totals(scope)["attendances"]
        == len([p for p in portfolio.participations if p.activity in held])
        == 5
    )
    assert (
        figures.expert_totals(scope)["deployments"]
        == len([a for a in portfolio.assignments if a.activity in held])
        == 3
    )


# --- Deliverables, results, certification ---------------------------------------------------------


def test_deliverable_figures_match(world, portfolio):
    scope = scope_of(staff(world))
    deliverables = portfolio.deliverables
    totals = figures.deliverable_totals(scope)
    assert totals["deliverables"] == len(deliverables)
    assert totals["produced"] == len([d for d in deliverables if d.status != DeliverableStatus.DRAFT]) == 4
    assert totals["adopted"] == len([d for d in deliverables if d.status == DeliverableStatus.ADOPTED]) == 2
    assert by(figures.deliverables_by_type(scope), "code", "deliverables") == count_by(
        deliverables, lambda d: [d.type]
    )
    assert by(figures.deliverables_by_oecd_level(scope), "code", "adopted") == {
        OecdLevel.ORGANISATIONAL: 1,
        OecdLevel.INDIVIDUAL: 0,
        OecdLevel.ENABLING_ENVIRONMENT: 1,
    }
    in_2023 = figures.deliverable_totals(scope_of(staff(world), start=D(2023, 1, 1), end=D(2023, 12, 31)))
    assert in_2023["adopted"] == 1


def test_results_by_oecd_level_match(world, portfolio):
    scope = scope_of(staff(world))
    rows = {row["code"]: row for row in figures.results_by_oecd_level(scope)}
    counted = {PeriodStatus.APPROVED, PeriodStatus.COMPUTED}
    for level in OecdLevel.values:
        periods = [p for p in portfolio.periods if p.indicator.oecd_level == level]
        numbers = [p for p in periods if p.indicator.unit == IndicatorUnit.NUMBER]
        assert rows[level]["periods"] == len(periods)
        assert rows[level]["indicators"] == len({p.indicator_id for p in periods})
        assert rows[level]["target_total"] == sum(Decimal(p.target) for p in numbers)
        assert rows[level]["actual_total"] == sum(
            Decimal(p.actual) for p in numbers if p.status in counted and p.actual is not None
        )
        assert rows[level]["met"] == len(
            [p for p in periods if p.status in counted and p.actual is not None and p.actual >= p.target]
        )
    assert rows[OecdLevel.INDIVIDUAL]["met"] == 2
    assert rows[OecdLevel.ENABLING_ENVIRONMENT]["pending"] == 1
    years = {(r["year"], r["code"]): r["periods"] for r in figures.results_by_year_and_oecd_level(scope)}
    assert years == count_by(portfolio.periods, lambda p: [(p.starts_on.year, p.indicator.oecd_level)])
    in_2024 = scope_of(staff(world), start=D(2024, 3, 1), end=D(2024, 3, 31))
    assert sum(row["periods"] for row in figures.results_by_oecd_level(in_2024)) == 2


def test_certification_figures_match(world, portfolio):
    scope = scope_of(staff(world))
    enrolments = portfolio.enrolments
    funnel = {row["code"]: row for row in figures.certification_funnel(scope)}
    for status in EnrolmentStatus.values:
        assert funnel[status]["enrolments"] == len([e for e in enrolments if e.status == status])
    assert funnel[EnrolmentStatus.NOMINATED]["reached"] == len(enrolments)
    assert funnel[EnrolmentStatus.PANEL_DECISION]["reached"] == 4
    totals = figures.certification_totals(scope)
    certified = len([e for e in enrolments if e.status == EnrolmentStatus.CERTIFIED])
    not_certified = len([e for e in enrolments if e.status == EnrolmentStatus.NOT_CERTIFIED])
    assert totals["pass_rate"] == round(100 * certified / (certified + not_certified), 1)
    credentials = portfolio.credentials
    assert totals["credentials"] == len(credentials)
    assert (
        totals["credentials_active"]
        == len([c for c in credentials if c.status == CredentialStatus.ACTIVE and c.valid_until >= TODAY])
        == 1
    )
    assert totals["credentials_revoked"] == 1
    assert totals["credentials_expired"] == 2
    attested = [
        s
        for s in portfolio.sessions
        if any(
            c.person_id == s.trainer_id and c.issued_on <= s.held_on and c.status != CredentialStatus.REVOKED
            for c in credentials
        )
    ]
    assert totals["replica_sessions"] == len(attested) == 2
    assert totals["colleagues_trained"] == sum(s.colleagues_trained for s in attested) == 17
    assert totals["trainers_delivering"] == 2


# --- Scoping --------------------------------------------------------------------------------------


def test_a_partners_figures_count_only_what_the_partner_sees(world, portfolio):
    focal = world.user(Role.FOCAL_POINT)  # institution A (Mexico): MX-1 and MX-2, and the published NG-4
    scope = scope_of(focal)
    assert figures.action_totals(scope)["actions"] == 3
    assert figures.request_totals(scope)["requests"] == 2  # their institution's own requests
    # Inside the published Action of another institution: nothing (deliverables, indicators).
    assert figures.deliverable_totals(scope)["deliverables"] == 3
    assert sum(row["periods"] for row in figures.results_by_oecd_level(scope)) == 5
    # Participations are personal data: their own institution's people only.
    own = [
        p
        for p in portfolio.participations
        if p.activity.status in HELD and p.institution_id == world.institution_a.pk
    ]
    assert figures.participant_totals(scope)["attendances"] == len(own) == 6
    assert {row["code"] for row in figures.participants_by_institution_type(scope)} == {
        InstitutionType.NATIONAL_AUTHORITY
    }
    # Enrolments and credentials of their institution only (one candidate is from another).
    assert figures.certification_totals(scope)["enrolments"] == 5

    other = scope_of(world.focal_b)  # institution B (Nigeria): its two Actions (one published)
    assert figures.action_totals(other)["actions"] == 2
    assert figures.participant_totals(other)["attendances"] == 0
    assert figures.request_totals(other)["requests"] == 2  # its rejected request and its draft
