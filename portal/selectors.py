"""What the portal shows a partner user or an expert, read only through the domain apps' querysets
(`for_user`) and selectors. Each function runs a fixed number of queries, whatever the number of
requests, Actions, activities or tasks: lists come with their related rows joined or prefetched,
and the decisions per row (is the follow-up questionnaire open yet?) are made in Python."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from actions.choices import HELD_ACTIVITY_STATUSES, ActivityStatus, CoordinationStatus, RequestStatus
from actions.models import (
    Action,
    ActionPartner,
    Activity,
    CoordinationCell,
    ExpertAssignment,
    Participation,
    SupportRequest,
)
from actions.querysets import REQUEST_READERS, taking_part_action_ids
from actions.services import follow_up_opens_on
from certification import choices as certification_choices
from certification.choices import EnrolmentStatus
from certification.eligibility import enrolment_eligibility
from certification.models import Assessment, Credential, SignOff
from certification.selectors import awaiting_sign_off, own_enrolments, programmes_open_for_nominations
from mieux.roles import Role
from partners.models import Person

# How many of an Action's coming activities the home page lists, and how many requests.
NEXT_ACTIVITIES = 3
HOME_REQUESTS = 8
UPCOMING_ACTIVITY_STATUSES = (ActivityStatus.PLANNED, ActivityStatus.CONFIRMED)


@dataclass(frozen=True)
class Task:
    """Something waiting for this user, and the page where it is done. `kind` chooses the wording
    (the template words each kind, so every task reads well in EN, FR and ES)."""

    kind: str
    subject: object
    url: str
    since: datetime.date | None = None
    detail: object = None


@dataclass
class PortalHome:
    person: Person | None
    institution: object
    requests: list = field(default_factory=list)
    request_total: int = 0
    actions: list = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    enrolments: list = field(default_factory=list)
    assignments_upcoming: list = field(default_factory=list)
    assignments_past: list = field(default_factory=list)


def own_person(user) -> Person | None:
    """The person record linked to the account, with its institution (one query)."""
    return Person.objects.filter(user=user).select_related("institution").first()


def _activity_day(activity: Activity) -> datetime.date | None:
    return activity.held_on or activity.planned_start


def actions_followed(user, institution) -> list[Action]:
    """The Actions this user's institution takes part in (or an expert works on) — not every
    published Action — newest first, each with `upcoming` (its next planned or confirmed
    activities) and `own_roles` (the institution's roles in it). Three queries."""
    upcoming = Activity.objects.filter(status__in=UPCOMING_ACTIVITY_STATUSES).order_by(
        F("planned_start").asc(nulls_last=True), "sequence"
    )
    prefetches = [Prefetch("activities", queryset=upcoming, to_attr="upcoming_all")]
    if institution is not None:
        prefetches.append(
            Prefetch(
                "partner_links",
                queryset=ActionPartner.objects.filter(institution=institution),
                to_attr="own_links",
            )
        )
    actions = list(
        Action.objects.for_user(user)
        .filter(pk__in=taking_part_action_ids(user))
        .select_related("phase")
        .prefetch_related(*prefetches)
        .order_by("-approved_on", "-id")
    )
    for action in actions:
        action.upcoming = action.upcoming_all[:NEXT_ACTIVITIES]
        action.more_upcoming = max(0, len(action.upcoming_all) - NEXT_ACTIVITIES)
    return actions


def institution_requests(user) -> tuple[list[SupportRequest], int]:
    """The latest requests of the user's institution (for the roles that follow requests)."""
    if user.role not in REQUEST_READERS:
        return [], 0
    requests = SupportRequest.objects.for_user(user).order_by("-updated_at", "-id")
    return list(requests[:HOME_REQUESTS]), requests.count()


def request_tasks(user) -> list[Task]:
    """A focal point's drafts not yet sent and clarification questions waiting for an answer."""
    if user.role != Role.FOCAL_POINT:
        return []
    waiting = (
        SupportRequest.objects.for_user(user)
        .filter(status__in=[RequestStatus.DRAFT, RequestStatus.CLARIFICATION_REQUESTED])
        .prefetch_related("clarifications")
        .order_by("updated_at", "id")
    )
    tasks = []
    for request in waiting:
        if request.status == RequestStatus.DRAFT:
            tasks.append(
                Task(
                    "draft", request, request.get_absolute_url(), since=timezone.localdate(request.created_at)
                )
            )
        else:
            question = request.open_clarification
            tasks.append(
                Task(
                    "clarification",
                    request,
                    request.get_absolute_url(),
                    since=timezone.localdate(question.asked_at) if question else None,
                    detail=question,
                )
            )
    return tasks


def sign_off_tasks(user) -> list[Task]:
    """Coordination cells naming this user responsible that are engaged, waiting for their sign-off."""
    if user.role not in {Role.HR_OFFICER, Role.TRAINING_OFFICER}:
        return []
    cells = (
        CoordinationCell.objects.for_user(user)
        .filter(responsible__user=user, status=CoordinationStatus.ENGAGED)
        .select_related("action")
        .order_by("action__code", "stage", "actor")
    )
    return [Task("sign_off", cell, cell.get_absolute_url()) for cell in cells]


def nomination_tasks(user) -> list[Task]:
    """Programmes of the institution's Actions that take nominations (HR and training units)."""
    return [
        Task("nominate", programme, programme.get_absolute_url() + "#nominate")
        for programme in programmes_open_for_nominations(user)
    ]


def certification_sign_off_tasks(user) -> list[Task]:
    """Candidates of the user's institution at the panel decision whose panel step the user's unit
    (HR department or training unit) has not signed off: the panel cannot certify without it. The
    earlier steps wait on the sign-off page without being a task."""
    url = reverse("certification:sign_off_list")
    return [
        Task(
            "certification_sign_off",
            enrolment,
            f"{url}#enrolment-{enrolment.pk}",
            since=timezone.localdate(enrolment.updated_at),
        )
        for enrolment in awaiting_sign_off(user, steps=[EnrolmentStatus.PANEL_DECISION])
    ]


# An official's path to certification as the portal draws it, and the steps where the rules are read.
CERTIFICATION_PATH = (*certification_choices.CERTIFICATION_PATH, EnrolmentStatus.CERTIFIED)
PATH_ENDED_EARLY = {EnrolmentStatus.DECLINED, EnrolmentStatus.WITHDRAWN}


def certification_steps(enrolment) -> list[dict]:
    """The path's steps with their state for this enrolment: "done", "current" or "todo"; a candidate
    not certified ends at the panel with a last step "Not certified" (state "refused"). A declined or
    withdrawn nomination shows the path ahead as not taken."""
    status = enrolment.status
    if status in PATH_ENDED_EARLY:
        return [{"status": step, "label": step.label, "state": "todo"} for step in CERTIFICATION_PATH]
    path = list(CERTIFICATION_PATH)
    if status == EnrolmentStatus.NOT_CERTIFIED:
        path[-1] = EnrolmentStatus.NOT_CERTIFIED
    position = path.index(status)
    steps = []
    for index, step in enumerate(path):
        if index < position:
            state = "done"
        elif index == position:
            state = "refused" if step == EnrolmentStatus.NOT_CERTIFIED else "current"
        else:
            state = "todo"
        if step == EnrolmentStatus.CERTIFIED and state == "current":
            state = "done"
        steps.append({"status": step, "label": EnrolmentStatus(step).label, "state": state})
    return steps


def own_certification(user) -> list:
    """The user's own enrolments (newest first), each with `steps` (certification_steps),
    `eligibility` (the programme's rules with their figures; None before enrolment or after a
    withdrawal), `own_assessments`, `own_sign_offs` and `own_credentials` (newest first). The lists
    come in a fixed number of queries; the rules are computed per enrolment (certification.eligibility,
    a handful of queries each: an official follows one or two programmes)."""
    enrolments = list(
        own_enrolments(user).prefetch_related(
            Prefetch(
                "assessments",
                queryset=Assessment.objects.for_user(user).order_by("assessed_on", "id"),
                to_attr="own_assessments",
            ),
            Prefetch(
                "sign_offs",
                queryset=SignOff.objects.for_user(user).order_by("signed_at", "id"),
                to_attr="own_sign_offs",
            ),
            Prefetch(
                "credentials",
                queryset=Credential.objects.for_user(user)
                .select_related("programme", "superseded_by")
                .order_by("-issued_on", "-id"),
                to_attr="own_credentials",
            ),
        )
    )
    for enrolment in enrolments:
        enrolment.steps = certification_steps(enrolment)
        on_the_path = enrolment.status not in PATH_ENDED_EARLY | {EnrolmentStatus.NOMINATED}
        enrolment.eligibility = enrolment_eligibility(enrolment) if on_the_path else None
    return enrolments


def own_participations(user) -> QuerySet:
    """The user's own attendances, newest first, with their activity and Action."""
    return (
        Participation.objects.for_user(user)
        .filter(person__user=user)
        .select_related("activity__action", "institution")
        .order_by(F("activity__held_on").desc(nulls_last=True), "-id")
    )


def questionnaire_state(participation: Participation, today: datetime.date) -> dict:
    """Which of a participation's questionnaires are open and still unanswered."""
    activity = participation.activity
    held = activity.status in HELD_ACTIVITY_STATUSES and activity.held_on is not None
    opens_on = follow_up_opens_on(activity) if held else None
    return {
        "held": held,
        "satisfaction_due": held and participation.satisfaction is None,
        "follow_up_opens_on": opens_on,
        "follow_up_open": held and opens_on <= today,
        "follow_up_due": held and opens_on <= today and not participation.follow_up_answer,
    }


def questionnaire_tasks(user, today: datetime.date | None = None) -> list[Task]:
    """Satisfaction questionnaires of held activities the user attended and has not answered, and
    follow-up questionnaires that are open (actions.services.follow_up_opens_on) and unanswered."""
    if not user.is_partner:
        return []
    today = today or timezone.localdate()
    pending = own_participations(user).filter(
        activity__status__in=sorted(HELD_ACTIVITY_STATUSES), activity__held_on__isnull=False
    )
    pending = pending.filter(Q(satisfaction__isnull=True) | Q(follow_up_answer=""))
    tasks = []
    for participation in pending:
        state = questionnaire_state(participation, today)
        url = participation_questionnaire_url(participation)
        if state["satisfaction_due"]:
            tasks.append(Task("satisfaction", participation, url, since=participation.activity.held_on))
        if state["follow_up_due"]:
            tasks.append(Task("follow_up", participation, url, since=state["follow_up_opens_on"]))
    return tasks


def participation_questionnaire_url(participation: Participation) -> str:
    return reverse("portal:questionnaire", args=[participation.pk])


def expert_assignments(user) -> tuple[list[ExpertAssignment], list[ExpertAssignment]]:
    """An expert's own assignments: coming ones (soonest first) and past ones (latest first)."""
    if user.role != Role.EXPERT:
        return [], []
    assignments = list(
        ExpertAssignment.objects.for_user(user)
        .filter(expert__person__user=user)
        .select_related("activity__action")
        .order_by("activity__planned_start", "id")
    )
    over = HELD_ACTIVITY_STATUSES | {ActivityStatus.CANCELLED}
    upcoming = sorted(
        (a for a in assignments if a.activity.status not in over),
        key=lambda a: (_activity_day(a.activity) or datetime.date.max, a.pk),
    )
    past = sorted(
        (a for a in assignments if a.activity.status in over),
        key=lambda a: (_activity_day(a.activity) or datetime.date.min, a.pk),
        reverse=True,
    )
    return upcoming, past


def mission_report_tasks(past_assignments) -> list[Task]:
    """Held activities whose mission report the expert has not uploaded yet."""
    return [
        Task(
            "mission_report",
            assignment,
            reverse("portal:missions") + f"#mission-{assignment.pk}",
            since=assignment.activity.held_on,
        )
        for assignment in past_assignments
        if assignment.activity.status in HELD_ACTIVITY_STATUSES and not assignment.mission_report
    ]


def portal_home(user) -> PortalHome:
    """Everything the portal's home page shows this user, in a fixed number of queries."""
    person = own_person(user)
    institution = person.institution if person else None
    home = PortalHome(person=person, institution=institution)
    if user.role == Role.EXPERT:
        home.assignments_upcoming, home.assignments_past = expert_assignments(user)
        home.tasks = mission_report_tasks(home.assignments_past)
        home.actions = actions_followed(user, None)
        return home
    home.requests, home.request_total = institution_requests(user)
    home.actions = actions_followed(user, institution)
    home.tasks = [
        *request_tasks(user),
        *sign_off_tasks(user),
        *certification_sign_off_tasks(user),
        *nomination_tasks(user),
        *questionnaire_tasks(user),
    ]
    home.enrolments = list(own_enrolments(user)[:10])
    return home
