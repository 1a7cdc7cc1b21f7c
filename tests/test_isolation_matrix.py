"""The isolation matrix: no partner ever reaches another institution's data, whatever the door.

Institution A gets an object of every kind (a request with an attachment and a clarification, a
draft, an unpublished holistic Action with an activity and its agenda and report, expert
assignments with mission reports, participations, an attendance import, a deliverable with its file,
a result, an indicator with a period and its evidence, a coordination cell, a certification
programme with an enrolment, its registry entries and an invitation). Institution B has a user in
every partner role, and there is an expert not assigned to A's Action.

The routes are not listed by hand: every API route under /api/v1/ and every page under the
prefixes below is read from the URL resolver, so the pages and endpoints added later are covered
when this runs again. A route whose object cannot be found from its view's `model` or from the
tables below fails the test, so that a new kind of object is added here on purpose.

For each user who must not see an object, on every route naming it and every method:
- the answer is 403, 404 or 405, and the same answer as for an id that does not exist (so it
  reveals nothing), and nothing is written;
- someone entitled to the object does reach it on the same route (so the route and the object
  really match, and the 404 means something);
- lists and list pages (and the portal home) carry none of A's objects: neither their ids in API
  results nor the marker written into every A object's text;
- a create naming A's objects in its related fields is refused (403, or a 400 naming each field).
"""

from __future__ import annotations

import datetime
import itertools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField

from actions.choices import ActionType, ActivityStatus, CoordinationStatus, RequestStatus
from actions.models import (
    Action,
    Activity,
    AttendanceImport,
    CoordinationCell,
    Deliverable,
    ExpertAssignment,
    GlobalCompactObjective,
    Indicator,
    IndicatorPeriod,
    Participation,
    ProgrammePhase,
    PurposeCode,
    RequestAttachment,
    RequestClarification,
    Result,
    SteeringCommitteeMeeting,
    SupportRequest,
    ThematicArea,
)
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
    Credential,
    Curriculum,
    CurriculumModule,
    Enrolment,
    LearningRecord,
    RecognitionEvidence,
    ReplicaSession,
)
from mieux import audit
from mieux.api.fields import ScopedPrimaryKeyRelatedField
from mieux.models import AuditEntry
from mieux.roles import Role
from partners.models import CoordinationMechanism, Department, Expert, Institution, Invitation, Person
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
from tests.factories import (
    CoordinationMechanismFactory,
    DepartmentFactory,
    ExpertFactory,
    PersonFactory,
    UserFactory,
)

# Written into the text of every object of A (and its people's names): no answer to anyone outside
# A may contain it. The Action and its activity carry their own marker, since a published Action
# is shown to everyone by design.
MARK = "ZQXAONLY"
ACTION_MARK = "ZQXACTIONA"
# A's people's e-mail addresses end so (see tests/conftest.py): never shown outside A either.
A_EMAIL = "@inm.example"

API_PREFIX = "api/v1/"
PAGE_PREFIXES = ("programme/", "partners/", "portal/", "certification/", "catalogue/", "reports/")
MISSING_ID = 999_999_999

# Page routes whose view names no model: the URL segment before the id says which object it is.
SEGMENT_MODELS: dict[str, type[models.Model]] = {
    "requests": SupportRequest,
    "actions": Action,
    "activities": Activity,
    "expert-assignments": ExpertAssignment,
    "missions": ExpertAssignment,
    "participations": Participation,
    "attendance-imports": AttendanceImport,
    "deliverables": Deliverable,
    "action-results": Result,
    "indicators": Indicator,
    "indicator-periods": IndicatorPeriod,
    "coordination-cells": CoordinationCell,
    "committee": SteeringCommitteeMeeting,
    "programmes": CertificationProgramme,
    "enrolments": Enrolment,
    "competencies": Competency,
    "recognitions": RecognitionEvidence,
    "assessments": Assessment,
    "credentials": Credential,
    "bulk-issues": BulkIssue,
    "curricula": Curriculum,
    "modules": CurriculumModule,
    "learning-records": LearningRecord,
    "career-steps": CareerStep,
    "reports": ReportRun,
    "institutions": Institution,
    "people": Person,
    "departments": Department,
    "coordination-mechanisms": CoordinationMechanism,
    "experts": Expert,
    "invitations": Invitation,
    "thematic-areas": ThematicArea,
    "gcm-objectives": GlobalCompactObjective,
    "purpose-codes": PurposeCode,
    "phases": ProgrammePhase,
}
# Routes whose object is not found from the view's `model` or the segment before the id.
ROUTE_MODELS: dict[str, type[models.Model]] = {
    "catalogue:action_detail": Action,  # named by its code
    # Forms that add a row under a parent: the id is the parent's.
    "certification:module_create": Curriculum,
    "certification:learning_record_create": Person,
    "certification:career_step_create": Person,
}
# Routes nobody reaches for an object of the matrix, by design (so the control does not apply).
NOBODY_REACHES = {
    "catalogue:action_detail": "the public catalogue shows published Actions only",
}
# Code lists are shared by everyone signed in: reading them is fine, editing them is not.
SHARED_MODELS = frozenset({ThematicArea, GlobalCompactObjective, PurposeCode, ProgrammePhase})


# --- The routes, read from the resolver ---------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str  # with its namespace, ready for reverse()
    kwargs: tuple[str, ...]
    methods: tuple[str, ...]
    model: type[models.Model] | None
    view: type
    is_api: bool
    pattern: str

    @property
    def object_kwargs(self) -> tuple[str, ...]:
        return tuple(name for name in self.kwargs if name not in {"format", "language"})


def _walk(patterns, prefix: str = "", namespace: str | None = None) -> Iterator[tuple[str, str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield prefix + str(entry.pattern), name, entry


def _kwarg_names(pattern: URLPattern) -> tuple[str, ...]:
    regex = pattern.pattern.regex
    return tuple(sorted(regex.groupindex))


def _segment_before_id(pattern: str) -> str | None:
    match = re.search(r"([\w-]+)/(?:<int:pk>|\(\?P<pk>)", pattern)
    return match.group(1) if match else None


def _model_of(route_name: str, view: type, pattern: str) -> type[models.Model] | None:
    if route_name in ROUTE_MODELS:
        return ROUTE_MODELS[route_name]
    model = getattr(view, "model", None)
    if model is not None:
        return model
    segment = _segment_before_id(pattern)
    return SEGMENT_MODELS.get(segment) if segment else None


def all_routes() -> list[Route]:
    routes = []
    for pattern_text, name, pattern in _walk(get_resolver().url_patterns):
        is_api = pattern_text.startswith(API_PREFIX)
        if not is_api and not pattern_text.startswith(PAGE_PREFIXES):
            continue
        callback = pattern.callback
        view = getattr(callback, "cls", None) or getattr(callback, "view_class", None) or callback
        if is_api and getattr(callback, "actions", None):
            # (DRF adds HEAD to the mapping once a route has been called: it is GET without a body.)
            methods = tuple(sorted(set(callback.actions) & {"get", "post", "put", "patch", "delete"}))
        else:
            allowed = getattr(view, "http_method_names", ["get", "post"])
            methods = tuple(method for method in ("get", "post") if method in allowed)
        kwargs = _kwarg_names(pattern)
        routes.append(
            Route(
                name=name,
                kwargs=kwargs,
                methods=methods,
                model=_model_of(name, view, pattern_text) if kwargs else None,
                view=view,
                is_api=is_api,
                pattern=pattern_text,
            )
        )
    return routes


# --- Institution A's objects and the users around them ----------------------------------------------


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, f"%PDF-1.4 {MARK} {name}".encode(), content_type="application/pdf")


@dataclass
class Matrix:
    """A's objects per model, the users who must not see them, and those who may (for the control)."""

    objects: dict[type[models.Model], list[models.Model]] = field(default_factory=dict)
    outsiders: dict[str, object] = field(default_factory=dict)
    seers: list[object] = field(default_factory=list)
    extras: dict[str, object] = field(default_factory=dict)

    def add(self, obj: models.Model) -> models.Model:
        self.objects.setdefault(type(obj), []).append(obj)
        return obj


@pytest.fixture(autouse=True)
def _quiet_refusals():
    """Thousands of refused requests: Django would log each 403 and 404 with its traceback."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def partner_user(email: str, role: str, institution) -> object:
    user = UserFactory(email=email, role=role)
    PersonFactory(institution=institution, user=user, email=email.replace("@mieux.test", "@naptip.example"))
    return user


def build_matrix(world, *, published: bool = False) -> Matrix:
    matrix = Matrix()
    a = world.institution_a
    officer = world.user("programme_officer")
    imt = ThematicAreaFactory(code="IMT")
    held = datetime.date.today() - datetime.timedelta(days=10)

    # Requests: one sent (with an attachment and a clarification question) and a draft.
    request = matrix.add(
        SupportRequestFactory(
            reference="R-2024-901",
            lead=a,
            thematic_area=imt,
            title=f"{MARK} request",
            status="clarification_requested",
        )
    )
    RequestAttachment.objects.create(request=request, file=pdf("letter.pdf"), title=f"{MARK} letter")
    RequestClarification.objects.create(request=request, question=f"{MARK} question", asked_by=officer)
    draft = matrix.add(
        SupportRequestFactory(
            reference="DRAFT-ISOLATION",
            lead=a,
            thematic_area=imt,
            title=f"{MARK} draft",
            status=RequestStatus.DRAFT,
            channel="portal",
            needs_statement="",
        )
    )
    RequestAttachment.objects.create(request=draft, file=pdf("draft.pdf"), title=f"{MARK} draft file")

    # A holistic Action of A with an activity held ten days ago, its documents and its people.
    action = matrix.add(
        ActionFactory(
            code="MX-ISO-01",
            lead=a,
            type=ActionType.HOLISTIC,
            short_name=f"{ACTION_MARK} Action",
            title_en=f"{ACTION_MARK} title",
            published=published,
        )
    )
    activity = matrix.add(
        ActivityFactory(
            action=action,
            title=f"{ACTION_MARK} workshop",
            status=ActivityStatus.HELD,
            planned_start=held,
            held_on=held,
            agenda=pdf("agenda.pdf"),
            report=pdf("report.pdf"),
        )
    )
    assigned_expert = world.user("expert").person.expert_profile
    matrix.add(
        ExpertAssignmentFactory(activity=activity, expert=assigned_expert, mission_report=pdf("m1.pdf"))
    )
    colleague_user = UserFactory(email="colleague.expert@mieux.test", role=Role.EXPERT)
    colleague = ExpertFactory(
        person=PersonFactory(
            institution=world.member_state_administration, user=colleague_user, last_name=MARK
        )
    )
    colleague_assignment = matrix.add(
        ExpertAssignmentFactory(activity=activity, expert=colleague, mission_report=pdf("m2.pdf"))
    )
    official = world.user("official")
    own_participation = matrix.add(
        ParticipationFactory(activity=activity, person=official.person, follow_up_comment=f"{MARK} mine")
    )
    colleague_official_user = UserFactory(email="official2@mieux.test", role=Role.OFFICIAL)
    colleague_official = PersonFactory(
        institution=a, user=colleague_official_user, last_name=f"{MARK}son", email="official2@inm.example"
    )
    colleague_participation = matrix.add(
        ParticipationFactory(activity=activity, person=colleague_official, follow_up_comment=f"{MARK} theirs")
    )
    matrix.add(
        AttendanceImport.objects.create(
            activity=activity,
            source=pdf("list.csv"),
            errors=[{"row": 2, "field": "email", "message": f"{MARK} error"}],
        )
    )
    matrix.add(
        DeliverableFactory(action=action, activity=activity, title=f"{MARK} manual", file=pdf("manual.pdf"))
    )
    result = matrix.add(ResultFactory(action=action, statement=f"{MARK} outcome"))
    indicator = matrix.add(IndicatorFactory(action=action, result=result, name=f"{MARK} indicator"))
    matrix.add(
        IndicatorPeriodFactory(indicator=indicator, comment=f"{MARK} period", evidence=pdf("lists.pdf"))
    )
    matrix.add(
        CoordinationCellFactory(
            action=action,
            status=CoordinationStatus.ENGAGED,
            responsible=world.user("hr_officer").person,
            note=f"{MARK} cell",
        )
    )
    programme = matrix.add(
        CertificationProgramme.objects.create(name_en=f"{MARK} trainers", kind=CredentialKind.TRAINER)
    )
    programme.actions.set([action])
    enrolment = matrix.add(
        Enrolment.objects.create(
            programme=programme,
            person=colleague_official,
            institution=a,
            nominated_by=world.user("hr_officer"),
            nominated_on=held,
            motivation=f"{MARK} motivation",
            status=EnrolmentStatus.ASSESSMENT,
        )
    )
    matrix.add(Competency.objects.create(programme=programme, name_en=f"{MARK} competency"))
    replica = matrix.add(
        ReplicaSession.objects.create(
            trainer=colleague_official,
            institution=a,
            enrolment=enrolment,
            title=f"{MARK} replica",
            held_on=held,
            supervised=True,
            colleagues_trained=9,
        )
    )
    matrix.add(
        Assessment.objects.create(
            enrolment=enrolment,
            kind=AssessmentKind.KNOWLEDGE_TEST,
            assessed_on=held,
            score=80,
            comment=f"{MARK} assessment",
            evidence=pdf("test.pdf"),
            replica_session=replica,
        )
    )
    matrix.add(
        RecognitionEvidence.objects.create(
            programme=programme,
            institution=a,
            kind=RecognitionKind.REGULATION,
            title=f"{MARK} decree",
            recognised_on=held,
            document=pdf("decree.pdf"),
        )
    )
    # A credential issued by the services (signed, with its PDF certificate) to a certified official.
    certified = Enrolment.objects.create(
        programme=programme,
        person=official.person,
        institution=a,
        nominated_on=held,
        status=EnrolmentStatus.CERTIFIED,
    )
    credential = matrix.add(
        certification_services.credential_issue(certified, actor=world.user("programme_manager"))
    )
    matrix.add(
        BulkIssue.objects.create(
            programme=programme,
            total=1,
            errors=[{"enrolment": enrolment.pk, "person": MARK, "message": f"{MARK} not signed off"}],
        )
    )
    curriculum = matrix.add(Curriculum.objects.create(institution=a, name=f"{MARK} curriculum"))
    matrix.add(
        CurriculumModule.objects.create(
            curriculum=curriculum, title=f"{MARK} module", provider_kind=ModuleProvider.OTHER, provider="GIZ"
        )
    )
    matrix.add(
        LearningRecord.objects.create(
            person=colleague_official, institution=a, title=f"{MARK} course", completed_on=held
        )
    )
    matrix.add(
        CareerStep.objects.create(
            person=colleague_official,
            institution=a,
            credential=credential,
            change=CareerChangeKind.TRAINER_ROLE,
            description=f"{MARK} trainer role",
            effective_on=held,
        )
    )

    # A report A's focal point asked for, with its file.
    matrix.add(
        ReportRun.objects.create(
            requested_by=world.user("focal_point"),
            kind="portfolio",
            format="csv",
            state="done",
            progress=100,
            message=f"{MARK} ready",
            file=pdf("report.csv"),
        )
    )

    # The registry: A itself, a unit, its people, a mechanism it belongs to, the roster, an invitation.
    matrix.add(a)
    matrix.add(DepartmentFactory(institution=a, name=f"{MARK} training unit"))
    matrix.add(colleague_official)
    matrix.add(world.user("focal_point").person)
    matrix.add(CoordinationMechanismFactory(name_en=f"{MARK} working group", members=[a]))
    matrix.add(assigned_expert)
    invitee = PersonFactory(institution=a, last_name=f"{MARK}ez", email="invitee@inm.example")
    matrix.add(
        Invitation.objects.create(
            person=invitee,
            email=invitee.email,
            role=Role.OFFICIAL,
            digest="0" * 64,
            invited_by=officer,
            expires_at=timezone.now() + datetime.timedelta(days=7),
        )
    )
    # Staff business: a Committee meeting.
    matrix.add(MeetingFactory(location=f"{MARK} Brussels"))
    # Shared code lists (readable by all, editable by managers only).
    matrix.add(imt)
    matrix.add(GlobalCompactObjectiveFactory(number=7))
    matrix.add(PurposeCodeFactory())
    matrix.add(ProgrammePhaseFactory())

    # Institution B: a user in every partner role, with a little data of its own; an expert on no
    # Action of A.
    b = world.institution_b
    matrix.outsiders = {
        "focal point of B": world.focal_b,
        "HR officer of B": partner_user("hr.b@mieux.test", Role.HR_OFFICER, b),
        "training officer of B": partner_user("training.b@mieux.test", Role.TRAINING_OFFICER, b),
        "official of B": partner_user("official.b@mieux.test", Role.OFFICIAL, b),
    }
    outsider_expert = UserFactory(email="outsider.expert@mieux.test", role=Role.EXPERT)
    ExpertFactory(person=PersonFactory(institution=world.member_state_administration, user=outsider_expert))
    matrix.outsiders["expert not on A's Action"] = outsider_expert
    action_b = ActionFactory(lead=b, countries=["NG"], short_name="Nigeria Action")
    activity_b = ActivityFactory(
        action=action_b, status=ActivityStatus.HELD, planned_start=held, held_on=held
    )
    ParticipationFactory(activity=activity_b, person=matrix.outsiders["official of B"].person)
    SupportRequestFactory(lead=b, thematic_area=imt, title="Nigeria request", countries=["NG"])

    # Who may reach A's objects: a route is checked only where one of them reaches it.
    matrix.seers = [
        world.user("administrator"),
        world.user("focal_point"),
        world.user("hr_officer"),
        world.user("official"),
        colleague_official_user,
        world.user("expert"),
        colleague_user,
    ]
    matrix.extras = {
        "colleague_assignment": colleague_assignment,
        "own_participation": own_participation,
        "colleague_participation": colleague_participation,
        "draft": draft,
        "request": request,
        "colleague_official_user": colleague_official_user,
    }
    return matrix


# --- Building and calling the URLs ---------------------------------------------------------------------


def extra_kwargs(route: Route, obj) -> dict[str, list]:
    """Values of the route's other URL parameters for this object (each tried in turn)."""
    values: dict[str, list] = {}
    for name in route.kwargs:
        if name == "pk":
            continue
        if name == "attachment_id":
            values[name] = [attachment.pk for attachment in obj.attachments.all()]
        elif name == "kind":
            values[name] = ["agenda", "report"]
        elif name == "format":
            values[name] = ["json"]
        elif name == "language":
            values[name] = ["en"]
        elif name == "code":
            values[name] = [obj.code]
        else:
            pytest.fail(f"{route.pattern}: add a value for the URL parameter `{name}` in extra_kwargs().")
    return values


def urls_for(route: Route, obj) -> list[tuple[str, str]]:
    """(URL of the object, URL of an object that does not exist) for every combination of the other
    URL parameters."""
    extras = extra_kwargs(route, obj)
    names = list(extras)
    pairs = []
    for combination in itertools.product(*(extras[name] for name in names)):
        kwargs = dict(zip(names, combination, strict=True))
        if "pk" in route.kwargs:
            real = reverse(route.name, kwargs={"pk": obj.pk, **kwargs})
            missing = reverse(route.name, kwargs={"pk": MISSING_ID, **kwargs})
        else:  # an object named by its code (the public catalogue)
            real = reverse(route.name, kwargs=kwargs)
            missing = reverse(route.name, kwargs={**kwargs, "code": "NO-SUCH-CODE"})
        pairs.append((real, missing))
    return pairs


WRITE_BODY = {
    "to": "withdrawn",
    "comment": "isolation",
    "satisfaction": 1,
    "title": "taken over",
    "note": "x",
}


def call(client, method: str, path: str):
    if method in {"get", "head", "options"}:
        return getattr(client, method)(path)
    if isinstance(client, Client):  # a page: a form post
        return client.post(path, WRITE_BODY)
    return getattr(client, method)(path, WRITE_BODY, format="json", HTTP_IF_MATCH='"1"')


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@dataclass
class Clients:
    api: dict[int, object]
    page: dict[int, Client]

    def for_route(self, route: Route, user):
        return self.api[user.pk] if route.is_api else self.page[user.pk]


@pytest.fixture
def clients_for(api_client_for):
    def make(users) -> Clients:
        api, page = {}, {}
        for user in users:
            api[user.pk] = api_client_for(user)
            page[user.pk] = Client()
            page[user.pk].force_login(user)
        return Clients(api, page)

    return make


def object_routes(routes: list[Route], model) -> list[Route]:
    return [route for route in routes if route.object_kwargs and route.model is model]


def unmapped_routes(routes: list[Route], matrix: Matrix) -> list[str]:
    problems = []
    for route in routes:
        if not route.object_kwargs:
            continue
        if route.model is None:
            problems.append(
                f"{route.pattern} ({route.name}): no model; add it to SEGMENT_MODELS or ROUTE_MODELS"
            )
        elif route.model not in matrix.objects:
            problems.append(
                f"{route.pattern} ({route.name}): no object of {route.model.__name__} in the matrix"
            )
    return problems


def snapshots(matrix: Matrix) -> dict:
    state = {}
    for objects in matrix.objects.values():
        for obj in objects:
            fresh = type(obj).objects.filter(pk=obj.pk).first()
            state[(type(obj).__name__, obj.pk)] = audit.snapshot(fresh) if fresh else None
    return state


def check_hidden(routes, clients, matrix, hidden: dict[str, list[tuple[object, models.Model]]]) -> list[str]:
    """For each user and object they must not reach: every route, every method refused, as for an
    object that does not exist. Returns the failures, one line each."""
    failures = []
    reached: set[str] = set()
    twin_cache: dict[tuple, tuple[int, str]] = {}
    for label, pairs in hidden.items():
        for user, obj in pairs:
            model = type(obj)
            for route in object_routes(routes, model):
                for real, missing in urls_for(route, obj):
                    # The control (reads only): someone entitled reaches this object on this route.
                    controlled = "get" in route.methods and not (
                        route.name in NOBODY_REACHES and not getattr(obj, "published", False)
                    )
                    if controlled and real not in reached:
                        reached.add(real)
                        seen = (call(clients.for_route(route, seer), "get", real) for seer in matrix.seers)
                        if all(response.status_code == 404 for response in seen):
                            failures.append(f"control: nobody entitled reaches GET {real}")
                    client = clients.for_route(route, user)
                    for method in route.methods:
                        response = call(client, method, real)
                        key = (user.pk, route.name, method, missing)
                        if key not in twin_cache:
                            twin = call(client, method, missing)
                            twin_cache[key] = (twin.status_code, twin.get("Location", ""))
                        twin_status, twin_location = twin_cache[key]
                        status = response.status_code
                        if model in SHARED_MODELS:
                            # Everyone reads the code lists; nobody outside the programme edits them.
                            if method != "get" and status not in {403, 404, 405}:
                                failures.append(f"{label}: {method.upper()} {real} -> {status}")
                            continue
                        if status == 302:
                            same = twin_status == 302 and response["Location"].replace(
                                str(obj.pk), "ID"
                            ) == twin_location.replace(str(MISSING_ID), "ID")
                            if same:
                                continue
                        if status not in {403, 404, 405} or status != twin_status:
                            failures.append(
                                f"{label}: {method.upper()} {real} -> {status} "
                                f"(an id that does not exist -> {twin_status})"
                            )
                    # DRF answers OPTIONS with the route's description, and the forms it would
                    # accept only for an object found: it must read as for an id that does not exist.
                    if route.is_api and model not in SHARED_MODELS:
                        described, nothing = client.options(real), client.options(missing)
                        if (described.status_code, described.content) != (
                            nothing.status_code,
                            nothing.content,
                        ):
                            failures.append(f"{label}: OPTIONS {real} differs from an id that does not exist")
    return failures


def check_lists(
    routes, clients, matrix, users: dict[str, object], markers: tuple[str, ...], public=frozenset()
) -> list[str]:
    """Every list endpoint and list page (no id in the URL): none of A's objects in the answer
    (except those of the `public` models)."""
    failures = []
    a_ids = {
        model: {obj.pk for obj in objects}
        for model, objects in matrix.objects.items()
        if model not in SHARED_MODELS | public
    }
    for route in routes:
        if route.object_kwargs:
            continue
        extras = extra_kwargs(route, None) if route.kwargs else {}
        for combination in itertools.product(*extras.values()):
            path = reverse(route.name, kwargs=dict(zip(extras, combination, strict=True)))
            if "get" not in route.methods:
                continue
            for label, user in users.items():
                response = clients.for_route(route, user).get(path, {"page_size": 100})
                if response.status_code not in {200, 302, 403, 404, 405}:
                    failures.append(f"{label}: GET {path} -> {response.status_code}")
                    continue
                if response.status_code != 200:
                    continue
                body = body_of(response)
                for marker in markers:
                    if marker.lower() in body.lower():
                        failures.append(f"{label}: GET {path} shows {marker!r}")
                model = getattr(route.view, "model", None)
                if (
                    route.is_api
                    and model in a_ids
                    and response.get("Content-Type", "").startswith("application/json")
                ):
                    rows = response.json().get("results", []) if isinstance(response.json(), dict) else []
                    leaked = {row.get("id") for row in rows} & a_ids[model]
                    if leaked:
                        failures.append(f"{label}: GET {path} lists A's {model.__name__} {sorted(leaked)}")
    return failures


def _references(serializer) -> dict[str, type[models.Model]]:
    """The related fields of a create serializer that take a scoped id, with their models (one level
    of nesting, as in a request's `requesters`)."""
    found = {}
    for name, serializer_field in serializer.fields.items():
        if serializer_field.read_only:
            continue
        if isinstance(serializer_field, ScopedPrimaryKeyRelatedField):
            found[name] = serializer_field.model
        elif isinstance(serializer_field, ManyRelatedField) and isinstance(
            serializer_field.child_relation, ScopedPrimaryKeyRelatedField
        ):
            found[name] = serializer_field.child_relation.model
        elif isinstance(serializer_field, serializers.ListSerializer):
            for inner, model in _references(serializer_field.child).items():
                found[f"{name}.0.{inner}"] = model
    return found


def check_creates(routes, clients, matrix, users: dict[str, object]) -> list[str]:
    """A create naming A's objects in its related fields: refused, and the 400 names every one."""
    failures = []
    for route in routes:
        if not route.is_api or route.object_kwargs or "post" not in route.methods or route.kwargs:
            continue
        serializer_class = getattr(route.view, "serializer_class", None)
        if serializer_class is None:
            continue
        references = {
            name: model
            for name, model in _references(serializer_class()).items()
            if model in matrix.objects and model not in SHARED_MODELS
        }
        if not references:
            continue
        payload: dict = {}
        for name, model in references.items():
            target = matrix.objects[model][0].pk
            if ".0." in name:
                outer, inner = name.split(".0.")
                payload.setdefault(outer, [{}])[0][inner] = target
            else:
                many = isinstance(serializer_class().fields[name], ManyRelatedField)
                payload[name] = [target] if many else target
        path = reverse(route.name)
        for label, user in users.items():
            response = clients.for_route(route, user).post(path, payload, format="json")
            if response.status_code == 403:
                continue
            if response.status_code != 400:
                failures.append(f"{label}: POST {path} naming A's objects -> {response.status_code}")
                continue
            named = set(response.json()["error"]["fields"])
            for name in references:
                if name not in named:
                    failures.append(f"{label}: POST {path} does not refuse A's object in `{name}`")
    return failures


def report(failures: list[str]) -> str:
    return f"{len(failures)} failure(s):\n" + "\n".join(failures[:200])


# --- The tests -------------------------------------------------------------------------------------------


def test_every_route_with_an_id_has_an_object_in_the_matrix(world, media):
    matrix = build_matrix(world)
    problems = unmapped_routes(all_routes(), matrix)
    assert not problems, "\n".join(problems)


def test_institution_b_reaches_none_of_institution_a(world, media, clients_for):
    matrix = build_matrix(world)
    routes = all_routes()
    assert not unmapped_routes(routes, matrix)
    clients = clients_for([*matrix.outsiders.values(), *matrix.seers])
    before, audit_count = snapshots(matrix), AuditEntry.objects.count()

    hidden = {
        label: [(user, obj) for objects in matrix.objects.values() for obj in objects]
        for label, user in matrix.outsiders.items()
    }
    failures = check_hidden(routes, clients, matrix, hidden)
    failures += check_lists(routes, clients, matrix, matrix.outsiders, (MARK, ACTION_MARK, A_EMAIL))
    failures += check_creates(routes, clients, matrix, matrix.outsiders)
    assert not failures, report(failures)
    assert AuditEntry.objects.count() == audit_count, "a refused request wrote something"
    assert snapshots(matrix) == before


def test_inside_institution_a_each_role_sees_only_its_share(world, media, clients_for):
    matrix = build_matrix(world)
    routes = all_routes()
    clients = clients_for(
        [
            *matrix.seers,
            world.user("programme_officer"),
            world.user("integrator"),
            world.user("training_officer"),
        ]
    )
    before, audit_count = snapshots(matrix), AuditEntry.objects.count()
    extras = matrix.extras
    hidden = {
        # Officials see their own participations and nominations, and follow Actions, not requests.
        "official of A": [
            (world.user("official"), extras["colleague_participation"]),
            (world.user("official"), extras["request"]),
            (world.user("official"), extras["draft"]),
            *[(world.user("official"), enrolment) for enrolment in matrix.objects[Enrolment]],
        ],
        # An expert sees their own assignments only, and no participations, requests or enrolments.
        "expert on A's Action": [
            (world.user("expert"), extras["colleague_assignment"]),
            (world.user("expert"), extras["own_participation"]),
            (world.user("expert"), extras["request"]),
            *[(world.user("expert"), enrolment) for enrolment in matrix.objects[Enrolment]],
        ],
        # A draft is the institution's until it is sent: not the programme's, nor an integrator's.
        "programme officer": [(world.user("programme_officer"), extras["draft"])],
        "integrator": [
            (world.user("integrator"), extras["draft"]),
            *[(world.user("integrator"), invitation) for invitation in matrix.objects[Invitation]],
        ],
    }
    failures = check_hidden(routes, clients, matrix, hidden)

    # Their lists show their own share only.
    official, expert = clients.api[world.user("official").pk], clients.api[world.user("expert").pk]
    listed = {row["id"] for row in official.get(reverse("participation-list")).json()["results"]}
    if listed != {extras["own_participation"].pk}:
        failures.append(f"official of A lists participations {sorted(listed)}")
    listed = {row["id"] for row in expert.get(reverse("expert-assignment-list")).json()["results"]}
    if extras["colleague_assignment"].pk in listed or len(listed) != 1:
        failures.append(f"expert on A's Action lists assignments {sorted(listed)}")
    staff = clients.api[world.user("programme_officer").pk]
    listed = {row["id"] for row in staff.get(reverse("request-list"), {"status": "draft"}).json()["results"]}
    if extras["draft"].pk in listed:
        failures.append("programme officer lists A's draft")
    assert not failures, report(failures)
    assert AuditEntry.objects.count() == audit_count
    assert snapshots(matrix) == before


def test_a_published_action_shows_nothing_inside_it_to_another_institution(world, media, clients_for):
    """A published Action and its activities are shown to everyone (the public catalogue); what
    happens inside it, its documents and its people stay with those taking part."""
    matrix = build_matrix(world, published=True)
    routes = all_routes()
    clients = clients_for([*matrix.outsiders.values(), *matrix.seers])
    public = {Action, Activity}
    hidden = {
        label: [
            (user, obj) for model, objects in matrix.objects.items() if model not in public for obj in objects
        ]
        for label, user in matrix.outsiders.items()
    }
    failures = check_hidden(routes, clients, matrix, hidden)

    # The Action's and activity's own pages show no document, person or result of A's.
    activity = matrix.objects[Activity][0]
    documents = [
        reverse("activity-files", args=[activity.pk, "agenda"]),
        reverse("activity-files", args=[activity.pk, "report"]),
        reverse("actions:activity_agenda", args=[activity.pk]),
        reverse("actions:activity_report", args=[activity.pk]),
    ]
    for label, user in matrix.outsiders.items():
        for path in documents:
            client = clients.api[user.pk] if path.startswith("/api/") else clients.page[user.pk]
            status = client.get(path).status_code
            if status != 404:
                failures.append(f"{label}: GET {path} -> {status}")
        for route in [*object_routes(routes, Action), *object_routes(routes, Activity)]:
            if "get" not in route.methods:
                continue
            obj = matrix.objects[route.model][0]
            for real, _missing in urls_for(route, obj):
                response = call(clients.for_route(route, user), "get", real)
                if response.status_code == 200 and re.search(rf"{MARK}|{A_EMAIL}", body_of(response), re.I):
                    failures.append(f"{label}: GET {real} shows what is inside A's Action")
    failures += check_lists(routes, clients, matrix, matrix.outsiders, (MARK, A_EMAIL), public=public)
    assert not failures, report(failures)
