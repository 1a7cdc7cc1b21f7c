"""What the query-count guards (tests/test_query_counts.py) build on: the list routes read from the
URL resolver, a data set in which every list has several rows for staff and for each partner role,
and the means to count a request's queries and to forbid queries while a list is serialized or a
page is rendered.

The data set has ROWS objects of every kind on the lists, each with its own related rows (its own
person, institution, activity …), so that a related object fetched row by row shows up as a query
per row: a page of 1 and a page of 50 then differ.
"""

from __future__ import annotations

import contextlib
import datetime
import re
from collections import Counter
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone
from zen_queries import queries_disabled

from actions.choices import ActionType, ActivityStatus, CoordinationStatus, RequestStatus
from actions.models import AttendanceImport, RequestAttachment, RequestClarification
from certification import services as certification_services
from certification.choices import (
    AssessmentKind,
    CareerChangeKind,
    CredentialKind,
    EnrolmentStatus,
    ModuleProvider,
    RecognitionKind,
)
from certification.models import (
    Assessment,
    BulkIssue,
    CareerStep,
    CertificationProgramme,
    Competency,
    Curriculum,
    CurriculumModule,
    Enrolment,
    LearningRecord,
    RecognitionEvidence,
    ReplicaSession,
)
from mieux.roles import Role
from mieux.views import ScopedListView
from partners.models import Invitation
from reporting.models import ReportRun
from tests.actions.factories import (
    ActionFactory,
    ActivityFactory,
    CoordinationCellFactory,
    DeliverableFactory,
    ExpertAssignmentFactory,
    GlobalCompactObjectiveFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    MeetingFactory,
    ParticipationFactory,
    ProgrammePhaseFactory,
    PurposeCodeFactory,
    ResultFactory,
    SupportRequestFactory,
    ThematicAreaFactory,
)
from tests.conftest import World
from tests.factories import (
    CoordinationMechanismFactory,
    DepartmentFactory,
    ExpertFactory,
    InstitutionFactory,
    PersonFactory,
)
from tests.test_isolation_matrix import Route, all_routes

# Rows of every kind: enough that a page of 50 holds several, so a query per row cannot hide.
ROWS = 3
STAFF_ROLE = Role.PROGRAMME_OFFICER
# Everyone outside the programme team, each with their own share of the data set.
PARTNER_ROLES = (Role.FOCAL_POINT, Role.HR_OFFICER, Role.TRAINING_OFFICER, Role.OFFICIAL, Role.EXPERT)


# --- The list routes, read from the resolver -------------------------------------------------------------


def api_list_routes() -> list[Route]:
    """Every API route answering GET with a viewset's `list`: the paginated collections."""
    routes = []
    for route in all_routes():
        if not route.is_api or route.kwargs or "get" not in route.methods:
            continue
        actions = getattr(resolve(reverse(route.name)).func, "actions", {})
        if actions.get("get") == "list":
            routes.append(route)
    return routes


def list_page_routes() -> list[Route]:
    """Every page built on the project's list view (filtered, sorted, paginated with `page_size`)."""
    return [
        route
        for route in all_routes()
        if not route.is_api
        and not route.kwargs
        and isinstance(route.view, type)
        and issubclass(route.view, ScopedListView)
    ]


# --- Counting queries ----------------------------------------------------------------------------------


@dataclass
class Measured:
    response: object
    queries: list[str]


def measure(client, path: str, page_size: int) -> Measured:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, {"page_size": page_size})
    return Measured(response, [query["sql"] for query in captured.captured_queries])


def _shape(sql: str) -> str:
    """A query with its values blanked, so the same query for another row or page size compares equal."""
    sql = re.sub(r"\bIN \([^)]*\)", "IN (…)", sql)
    sql = re.sub(r"'[^']*'", "?", sql)
    return re.sub(r"\b\d+\b", "?", sql)


def extra_queries(small: Measured, large: Measured) -> str:
    """The queries the larger page issued beyond the smaller one's, with how often, for the failure
    message; then every query of the larger page."""
    extra = Counter(map(_shape, large.queries)) - Counter(map(_shape, small.queries))
    lines = [f"{len(small.queries)} queries for 1 row, {len(large.queries)} for a full page; extra:"]
    lines += [f"  {times}× {sql}" for sql, times in extra.most_common()]
    lines += ["all queries of the full page:", *(f"  {sql}" for sql in large.queries)]
    return "\n".join(lines)


@contextlib.contextmanager
def no_queries_in(owner, method_name: str):
    """Replace `owner.method_name` by a version that may not touch the database (any query raises
    zen_queries.QueriesDisabledError naming its SQL)."""
    original = getattr(owner, method_name)

    def guarded(*args, **kwargs):
        with queries_disabled():
            return original(*args, **kwargs)

    setattr(owner, method_name, guarded)
    try:
        yield
    finally:
        setattr(owner, method_name, original)


# --- The data set ----------------------------------------------------------------------------------------


def build_rows(world: World) -> None:
    """ROWS objects of every kind the lists show, in institution A, each with its own related rows;
    the official of A takes part in each activity and the world's expert works on each."""
    for code in ("IMT", "TA-Q1", "TA-Q2"):
        ThematicAreaFactory(code=code)
    for number in (1, 2, 3):
        GlobalCompactObjectiveFactory(number=number)
    PurposeCodeFactory()
    PurposeCodeFactory(code="15110", name_en="Public sector policy")
    PurposeCodeFactory(code="15130", name_en="Legal and judicial development")
    ProgrammePhaseFactory()
    ProgrammePhaseFactory(code="MIEUX_III", name_en="MIEUX III")
    ProgrammePhaseFactory(code="MIEUX_IV", name_en="MIEUX IV")
    for number in range(ROWS):
        _build_one(world, number)


def _build_one(world: World, number: int) -> None:
    a = world.institution_a
    officer = world.user(Role.PROGRAMME_OFFICER)
    held = datetime.date.today() - datetime.timedelta(days=10 + number)

    # Registry: each row its own people, unit and mechanism.
    person = PersonFactory(institution=a, email=f"person{number}@inm.example")
    DepartmentFactory(institution=a)
    CoordinationMechanismFactory(members=[a, InstitutionFactory()])
    InstitutionFactory()
    nominee = ExpertFactory(person=PersonFactory(institution=world.member_state_administration))
    Invitation.objects.create(
        person=PersonFactory(institution=a, email=f"invitee{number}@inm.example"),
        email=f"invitee{number}@inm.example",
        role=Role.OFFICIAL,
        digest=f"{number}" * 64,
        invited_by=officer,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )

    # A request led by A (sent, with an attachment and a question) and a draft.
    request = SupportRequestFactory(lead=a, status=RequestStatus.CLARIFICATION_REQUESTED)
    RequestAttachment.objects.create(request=request, file=f"requests/letter{number}.pdf", title="Letter")
    RequestClarification.objects.create(request=request, question="Which units?", asked_by=officer)
    SupportRequestFactory(lead=a, status=RequestStatus.DRAFT, channel="portal", needs_statement="")
    MeetingFactory(location=f"Brussels {number}")

    # A holistic Action of A with a held activity and everything recorded about it.
    action = ActionFactory(lead=a, type=ActionType.HOLISTIC, officer=officer)
    activity = ActivityFactory(action=action, status=ActivityStatus.HELD, planned_start=held, held_on=held)
    ExpertAssignmentFactory(activity=activity, expert=world.user(Role.EXPERT).person.expert_profile)
    ExpertAssignmentFactory(activity=activity, expert=nominee)
    ParticipationFactory(activity=activity, person=world.user(Role.OFFICIAL).person)
    ParticipationFactory(activity=activity, person=person)
    AttendanceImport.objects.create(
        activity=activity,
        source=f"imports/list{number}.csv",
        errors=[{"row": 2, "field": "email", "message": "No e-mail"}],
    )
    DeliverableFactory(action=action, activity=activity)
    result = ResultFactory(action=action)
    indicator = IndicatorFactory(action=action, result=result)
    IndicatorPeriodFactory(indicator=indicator)
    CoordinationCellFactory(
        action=action, status=CoordinationStatus.ENGAGED, responsible=world.user(Role.HR_OFFICER).person
    )

    # Certification: a programme on the Action, a candidate of A in assessment, a certified official.
    programme = CertificationProgramme.objects.create(
        name_en=f"Certified trainers {number}", kind=CredentialKind.TRAINER
    )
    programme.actions.set([action])
    enrolment = Enrolment.objects.create(
        programme=programme,
        person=person,
        institution=a,
        nominated_by=world.user(Role.HR_OFFICER),
        nominated_on=held,
        status=EnrolmentStatus.ASSESSMENT,
    )
    Competency.objects.create(programme=programme, name_en=f"Competency {number}")
    replica = ReplicaSession.objects.create(
        trainer=person,
        institution=a,
        enrolment=enrolment,
        title=f"Replica {number}",
        held_on=held,
        supervised=True,
        colleagues_trained=9,
    )
    Assessment.objects.create(
        enrolment=enrolment,
        kind=AssessmentKind.KNOWLEDGE_TEST,
        assessed_on=held,
        score=80,
        replica_session=replica,
    )
    RecognitionEvidence.objects.create(
        programme=programme,
        institution=a,
        kind=RecognitionKind.REGULATION,
        title="Decree",
        recognised_on=held,
    )
    certified = Enrolment.objects.create(
        programme=programme,
        person=world.user(Role.OFFICIAL).person,
        institution=a,
        nominated_on=held,
        status=EnrolmentStatus.CERTIFIED,
    )
    credential = certification_services.credential_issue(certified, actor=world.user(Role.PROGRAMME_MANAGER))
    BulkIssue.objects.create(programme=programme, total=1, errors=[])
    # An institution has one curriculum: A's gains a module per row, other institutions have theirs.
    curriculum, _created = Curriculum.objects.get_or_create(
        institution=a, defaults={"name": "A's curriculum"}
    )
    CurriculumModule.objects.create(
        curriculum=curriculum, title=f"Module {number}", provider_kind=ModuleProvider.OTHER, provider="GIZ"
    )
    Curriculum.objects.create(institution=InstitutionFactory(), name=f"Curriculum {number}")
    LearningRecord.objects.create(person=person, institution=a, title=f"Course {number}", completed_on=held)
    CareerStep.objects.create(
        person=world.user(Role.OFFICIAL).person,
        institution=a,
        credential=credential,
        change=CareerChangeKind.TRAINER_ROLE,
        description="Trainer role",
        effective_on=held,
    )

    # Reports asked for by staff and by A's focal point.
    for requester in (officer, world.user(Role.FOCAL_POINT)):
        ReportRun.objects.create(
            requested_by=requester, kind="portfolio", format="csv", state="done", progress=100
        )
