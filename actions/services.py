"""Every write to requests, Steering Committee meetings and decisions, Actions, their activities,
experts, participants, deliverables, results framework and coordination matrix, and code lists.

Each service checks the policy, validates, and records the audit entry in the same transaction.
Edits of requests and Actions are versioned (optimistic concurrency); status changes go through
the state machines in workflows.py.
"""

from __future__ import annotations

import calendar
import contextlib
import copy
import datetime
import secrets
from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from mieux import audit
from mieux.errors import ApplicationError, Conflict
from mieux.models import AuditAction
from mieux.roles import Role
from mieux.services import (
    bulk_create_audited,
    bulk_update_audited,
    create_audited,
    delete_audited,
    require,
    transition_apply,
    update_audited,
    update_versioned,
)
from partners.choices import Gender, InstitutionType, RosterStatus
from partners.models import Institution
from partners.selectors import own_institution
from partners.services import request_eligibility

from .choices import (
    DOCUMENT_CONTENT_TYPES,
    DOCUMENT_MAX_BYTES,
    DRAFT_REFERENCE_PREFIX,
    HELD_ACTIVITY_STATUSES,
    ActionStatus,
    ActionType,
    ActivityStatus,
    CoordinationActor,
    CoordinationStage,
    CoordinationStatus,
    DecisionOutcome,
    DeliverableStatus,
    Disaggregation,
    ImportStatus,
    PartnerRole,
    PeriodStatus,
    RequestChannel,
    RequesterRole,
    RequestStatus,
)
from .models import (
    Action,
    ActionPartner,
    Activity,
    AttendanceImport,
    CoordinationCell,
    Deliverable,
    ExpertAssignment,
    Indicator,
    IndicatorPeriod,
    Participation,
    ProgrammePhase,
    PurposeCode,
    RequestAttachment,
    RequestClarification,
    RequestingInstitution,
    Result,
    SteeringCommitteeDecision,
    SteeringCommitteeMeeting,
    SupportRequest,
)
from .permissions import (
    action_policy,
    activity_policy,
    can_add_request_files,
    can_answer_questionnaire,
    can_upload_mission_report,
    code_list_policy,
    delivery_policy,
    is_named_signer,
    is_officer,
    is_requesting_focal_point,
    meeting_policy,
    request_policy,
)
from .workflows import (
    ACTION_WORKFLOW,
    ACTIVITY_WORKFLOW,
    COORDINATION_WORKFLOW,
    DELIVERABLE_WORKFLOW,
    PERIOD_WORKFLOW,
    REQUEST_WORKFLOW,
    fill_held_on,
    remember_submitter,
    remember_suspension,
    stamp_sign_off,
)

# --- Code lists -----------------------------------------------------------------------------


def code_list_create(model, *, actor, many=None, **fields):
    require(code_list_policy.can_create(actor), _("Only programme managers edit the code lists."))
    return create_audited(model, actor=actor, many=many, **fields)


def code_list_update(instance, *, actor, many=None, **fields):
    require(code_list_policy.can_change(actor, instance), _("Only programme managers edit the code lists."))
    return update_audited(instance, actor=actor, many=many, **fields)


def code_list_delete(instance, *, actor):
    require(code_list_policy.can_delete(actor, instance), _("Only programme managers edit the code lists."))
    delete_audited(instance, actor=actor)


# --- Requests -------------------------------------------------------------------------------


def _next_request_reference(received_on: datetime.date) -> str:
    """R-<year>-<number>. Numbers are compared as numbers (R-2024-1000 follows R-2024-999), and the
    year's references are locked so two requests registered at once cannot take the same one."""
    prefix = f"R-{received_on.year}-"
    references = SupportRequest.objects.select_for_update().filter(reference__startswith=prefix)
    numbers = [int(ref.rsplit("-", 1)[1]) for ref in references.values_list("reference", flat=True)]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def _requesters_checked(requesters: Sequence[tuple[Institution, str]]) -> list[tuple[Institution, str]]:
    requesters = list(requesters)
    if not requesters:
        raise ApplicationError(
            _("Name at least one requesting institution."),
            fields={"requesters": [_("Name at least one requesting institution.")]},
        )
    leads = [institution for institution, role in requesters if role == RequesterRole.LEAD]
    if len(leads) != 1:
        raise ApplicationError(
            _("Exactly one requesting institution leads the request."),
            fields={"requesters": [_("Exactly one requesting institution leads the request.")]},
        )
    institutions = [institution for institution, _role in requesters]
    if len(set(institutions)) != len(institutions):
        raise ApplicationError(
            _("Each institution can be named once."),
            fields={"requesters": [_("Each institution can be named once.")]},
        )
    return requesters


def _record_eligibility(request: SupportRequest) -> None:
    result = request_eligibility(institutions=[link.institution for link in request.requesters.all()])
    request.is_eligible = result.eligible
    request.eligibility_reasons = [str(reason) for reason in result.reasons]


def _draft_reference() -> str:
    # A draft has no number yet: R-<year>-<number> is given when it is sent, so the numbers of
    # received requests have no gaps for drafts never sent.
    return f"{DRAFT_REFERENCE_PREFIX}{secrets.token_hex(6).upper()}"


@transaction.atomic
def request_create(
    *, actor, requesters: Sequence[tuple[Institution, str]], attachments: Iterable = (), **fields
) -> SupportRequest:
    """Register a request. Its eligibility is checked at once and explained; an ineligible request
    is still registered (the programme answers every request), but cannot reach the Committee.

    A focal point writing in the portal creates a draft of its own institution's request: its
    institution must be one of the requesters, and the draft stays the institution's until sent."""
    require(request_policy.can_create(actor), _("You may not register requests."))
    requesters = _requesters_checked(requesters)
    if not is_officer(actor):
        own = own_institution(actor)
        if own is None or own.pk not in {institution.pk for institution, _role in requesters}:
            raise ApplicationError(
                _("Your institution must be one of the requesting institutions."),
                fields={"requesters": [_("Your institution must be one of the requesting institutions.")]},
            )
        fields.update(status=RequestStatus.DRAFT, channel=RequestChannel.PORTAL)
        fields["reference"] = _draft_reference()
        fields["received_on"] = timezone.localdate()
    else:
        if fields.get("status", RequestStatus.RECEIVED) != RequestStatus.RECEIVED:
            raise ApplicationError(
                _("A request starts as received."),
                fields={"status": [_("Change the status with a transition.")]},
            )
        fields.setdefault("received_on", timezone.localdate())
        fields["reference"] = _next_request_reference(fields["received_on"])

    def add_requesters(request: SupportRequest) -> dict:
        for institution, role in requesters:
            RequestingInstitution.objects.create(request=request, institution=institution, role=role)
        _record_eligibility(request)
        request.save(update_fields=["is_eligible", "eligibility_reasons"])
        return {
            "requesters": sorted(f"{institution.pk}:{role}" for institution, role in requesters),
            "is_eligible": request.is_eligible,
            "eligibility_reasons": request.eligibility_reasons,
        }

    request = create_audited(SupportRequest, actor=actor, with_related=add_requesters, **fields)
    for upload in attachments:
        request_attachment_add(request, actor=actor, file=upload, title=upload.name)
    return request


@transaction.atomic
def request_update(
    request: SupportRequest,
    *,
    actor,
    expected_version: int | None,
    requesters: Sequence[tuple[Institution, str]] | None = None,
    **fields,
) -> SupportRequest:
    require(request_policy.can_change(actor, request), _("You may not edit this request."))
    if request.status not in {
        RequestStatus.DRAFT,
        RequestStatus.RECEIVED,
        RequestStatus.SCREENING,
        RequestStatus.CLARIFICATION_REQUESTED,
    }:
        raise Conflict(_("A request can be edited only until it is submitted to the Steering Committee."))
    if "status" in fields and fields.pop("status") != request.status:
        raise ApplicationError(
            _("Change the status with a transition."),
            fields={"status": [_("Change the status with a transition.")]},
        )
    if request.is_draft:
        for name in ("reference", "channel", "received_on"):
            fields.pop(name, None)  # given when the draft is sent
        if requesters is not None:
            own = own_institution(actor)
            if own is None or own.pk not in {institution.pk for institution, _role in requesters}:
                raise ApplicationError(
                    _("Your institution must be one of the requesting institutions."),
                    fields={
                        "requesters": [_("Your institution must be one of the requesting institutions.")]
                    },
                )
    request = update_versioned(request, actor=actor, expected_version=expected_version, **fields)
    if requesters is not None:
        _links_replace(
            request,
            request.requesters,
            RequestingInstitution,
            "request",
            _requesters_checked(requesters),
            label="requesters",
            actor=actor,
        )
    _record_eligibility(request)
    request.save(update_fields=["is_eligible", "eligibility_reasons"])
    return request


@transaction.atomic
def request_transition(request: SupportRequest, *, actor, to: str, comment: str = "") -> SupportRequest:
    """Move a request through its workflow (workflows.REQUEST_WORKFLOW). Decisions are recorded with
    steering_committee_decide, not here.

    Three steps carry more than the status: sending a draft gives it its reference and date;
    asking for clarification stores the question (the comment) and e-mails the requesting focal
    points; the focal point's answer (the comment) is stored with the question it answers."""
    previous = request.status
    answering = (
        previous == RequestStatus.CLARIFICATION_REQUESTED
        and to == RequestStatus.SCREENING
        and is_requesting_focal_point(actor, request)
    )

    def on_enter(locked, previous_status):
        if previous_status == RequestStatus.DRAFT and locked.status == RequestStatus.RECEIVED:
            locked.received_on = timezone.localdate()
            locked.reference = _next_request_reference(locked.received_on)
        _record_eligibility(locked)

    request = transition_apply(
        request, machine=REQUEST_WORKFLOW, to=to, actor=actor, comment=comment, on_enter=on_enter
    )
    comment = (comment or "").strip()
    if request.status == RequestStatus.CLARIFICATION_REQUESTED:
        clarification = create_audited(
            RequestClarification, actor=actor, request=request, question=comment, asked_by=actor
        )
        # Mail servers can be slow: the e-mails leave from a task, once the question is stored.
        from .tasks import clarification_notify

        transaction.on_commit(lambda: clarification_notify.delay(clarification.pk))
    elif answering:
        waiting = request.clarifications.select_for_update().filter(answered_at__isnull=True).last()
        if waiting is not None:
            update_audited(
                waiting, actor=actor, answer=comment, answered_by=actor, answered_at=timezone.now()
            )
    return request


def request_clarification_answer(request: SupportRequest, *, actor, answer: str) -> SupportRequest:
    """The requesting focal point answers the open clarification question; screening resumes."""
    if request.status != RequestStatus.CLARIFICATION_REQUESTED:
        raise Conflict(_("No question is waiting for an answer on this request."))
    require(
        is_requesting_focal_point(actor, request), _("Only the requesting institution's focal point answers.")
    )
    return request_transition(request, actor=actor, to=RequestStatus.SCREENING, comment=answer)


def notify_clarification_asked(clarification_id: int) -> None:
    """E-mail the requesting institutions' focal points, each in their own language."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import translation

    from mieux.models import User

    clarification = RequestClarification.objects.select_related("request").get(pk=clarification_id)
    request = clarification.request
    recipients = User.objects.filter(
        is_active=True,
        role=Role.FOCAL_POINT,
        person__institution__in=request.requesters.values("institution_id"),
    )
    for user in recipients:
        with translation.override(user.language):
            context = {
                "request": request,
                "clarification": clarification,
                "user": user,
                "link": settings.SITE_URL + request.get_absolute_url(),
                "programme": settings.PROGRAMME_NAME,
            }
            subject = render_to_string("actions/email/clarification_subject.txt", context).strip()
            body = render_to_string("actions/email/clarification_body.txt", context)
        send_mail(subject, body, None, [user.email])


def _check_document(upload, *, field: str) -> None:
    """The one rule for files added to requests, whichever door they come through: a document,
    spreadsheet, slide deck or scan (DOCUMENT_CONTENT_TYPES), not empty, at most 10 MB."""
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    problem = None
    if extension not in DOCUMENT_CONTENT_TYPES:
        problem = _("“%(name)s” is not an accepted type of file. Accepted types: %(types)s.") % {
            "name": name,
            "types": ", ".join(sorted(DOCUMENT_CONTENT_TYPES)),
        }
    elif not upload.size:
        problem = _("“%(name)s” is empty.") % {"name": name}
    elif upload.size > DOCUMENT_MAX_BYTES:
        problem = _("“%(name)s” is larger than 10 MB.") % {"name": name}
    if problem:
        raise ApplicationError(problem, fields={field: [problem]})


def request_attachment_add(request: SupportRequest, *, actor, file, title: str = "") -> RequestAttachment:
    require(can_add_request_files(actor, request), _("You may not add files to this request."))
    _check_document(file, field="file")
    return create_audited(
        RequestAttachment,
        actor=actor,
        request=request,
        file=file,
        title=(title or file.name)[:200],
        uploaded_by=actor,
    )


# --- Steering Committee ---------------------------------------------------------------------


def meeting_create(*, actor, **fields) -> SteeringCommitteeMeeting:
    require(
        meeting_policy.can_create(actor), _("Only programme managers record Steering Committee meetings.")
    )
    return create_audited(SteeringCommitteeMeeting, actor=actor, **fields)


def meeting_update(meeting: SteeringCommitteeMeeting, *, actor, **fields) -> SteeringCommitteeMeeting:
    require(
        meeting_policy.can_change(actor, meeting),
        _("Only programme managers record Steering Committee meetings."),
    )
    return update_audited(meeting, actor=actor, **fields)


def meeting_delete(meeting: SteeringCommitteeMeeting, *, actor) -> None:
    require(
        meeting_policy.can_delete(actor, meeting),
        _("Only programme managers record Steering Committee meetings."),
    )
    delete_audited(meeting, actor=actor)


_OUTCOME_STATUS = {
    DecisionOutcome.APPROVED: RequestStatus.APPROVED,
    DecisionOutcome.APPROVED_WITH_CONDITIONS: RequestStatus.APPROVED,
    DecisionOutcome.REJECTED: RequestStatus.REJECTED,
    DecisionOutcome.DEFERRED: RequestStatus.DEFERRED,
}


@transaction.atomic
def steering_committee_decide(
    *,
    actor,
    meeting: SteeringCommitteeMeeting,
    request: SupportRequest,
    outcome: str,
    conditions: str = "",
    reason: str = "",
    officer=None,
) -> SteeringCommitteeDecision:
    """Record the Committee's decision on a submitted request and move the request accordingly.
    Approving (with or without conditions) creates the Action, linked to its request."""
    require(meeting_policy.can_change(actor, meeting), _("Only programme managers record decisions."))
    if request.status != RequestStatus.SUBMITTED:
        raise Conflict(
            _("Only a request submitted to the Steering Committee can be decided; this one is “%(status)s”.")
            % {"status": request.get_status_display()},
            fields={"request": [_("This request is not waiting for a decision.")]},
        )
    decision = create_audited(
        SteeringCommitteeDecision,
        actor=actor,
        meeting=meeting,
        request=request,
        outcome=outcome,
        conditions=conditions,
        reason=reason,
        decided_by=actor,
    )
    target = _OUTCOME_STATUS[outcome]
    # The decision is the authority for this step of the request's workflow (an internal transition).
    request = transition_apply(
        request,
        machine=REQUEST_WORKFLOW,
        to=target,
        actor=actor,
        comment=conditions or reason or str(meeting),
        allow_internal=True,
    )
    if target == RequestStatus.APPROVED:
        _action_from_request(request, actor=actor, approved_on=meeting.held_on, officer=officer)
    return decision


_ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _action_from_request(
    request: SupportRequest, *, actor, approved_on: datetime.date, officer=None
) -> Action:
    links = list(request.requesters.select_related("institution"))
    lead = next(link.institution for link in links if link.role == RequesterRole.LEAD)
    countries = list(request.countries) or [lead.country]
    # Named after the lead institution's country ("Mexico III"); the field keeps countries sorted.
    country = lead.country
    # The country's next Action: "Mexico III" after Mexico I and II; the code takes the next free
    # number of the year, even if a manager already added Actions by hand.
    earlier = Action.objects.filter(code__startswith=f"{country.code}-").count()
    name = country.name if len(countries) == 1 else _("Regional")
    short_name = f"{name} {_ROMAN[earlier + 1] if earlier + 1 < len(_ROMAN) else earlier + 1}"
    number = earlier + 1
    while Action.objects.filter(code=f"{country.code}-{approved_on.year}-{number:02d}").exists():
        number += 1
    action = action_create(
        actor=actor,
        _from_decision=True,
        code=f"{country.code}-{approved_on.year}-{number:02d}",
        short_name=str(short_name)[:100],
        title=request.title,
        type=request.proposed_action_type,
        phase=phase_for(approved_on),
        thematic_area=request.thematic_area,
        specific_area=request.specific_area,
        countries=[c.code for c in countries],
        request=request,
        approved_on=approved_on,
        officer=officer,
        partners=[(lead, PartnerRole.LEAD_BENEFICIARY)]
        + [
            (link.institution, PartnerRole.CO_BENEFICIARY)
            for link in links
            if link.role != RequesterRole.LEAD
        ],
    )
    return action


# --- Actions --------------------------------------------------------------------------------


def phase_for(day: datetime.date) -> ProgrammePhase:
    phase = ProgrammePhase.objects.filter(starts_on__lte=day, ends_on__gte=day).order_by("-starts_on").first()
    return phase or ProgrammePhase.objects.order_by("-starts_on").first()


def _partners_checked(partners: Sequence[tuple[Institution, str]]) -> list[tuple[Institution, str]]:
    partners = list(partners)
    if len(set(partners)) != len(partners):
        raise ApplicationError(
            _("Each institution can have each role once."),
            fields={"partners": [_("Each institution can have each role once.")]},
        )
    if sum(1 for _i, role in partners if role == PartnerRole.LEAD_BENEFICIARY) > 1:
        raise ApplicationError(
            _("An Action has one lead beneficiary."),
            fields={"partners": [_("An Action has one lead beneficiary.")]},
        )
    return partners


def _partners_set(action: Action, partners: Sequence[tuple[Institution, str]], *, actor) -> None:
    _links_replace(
        action,
        action.partner_links,
        ActionPartner,
        "action",
        _partners_checked(partners),
        label="partners",
        actor=actor,
    )


def _links_replace(owner, links, link_model, owner_field: str, pairs, *, label: str, actor) -> None:
    """Replace an object's (institution, role) links and audit the change as one field, `label`."""
    before = sorted(f"{link.institution_id}:{link.role}" for link in links.all())
    after = sorted(f"{institution.pk}:{role}" for institution, role in pairs)
    if before == after:
        return
    links.all().delete()
    link_model.objects.bulk_create(
        [
            link_model(**{owner_field: owner}, institution=institution, role=role)
            for institution, role in pairs
        ]
    )
    audit.record(
        actor=actor, instance=owner, action=AuditAction.UPDATE, before={label: before}, after={label: after}
    )


@transaction.atomic
def action_create(
    *,
    actor,
    partners: Sequence[tuple[Institution, str]] = (),
    gcm_objectives: Iterable = (),
    _from_decision: bool = False,
    **fields,
) -> Action:
    """Create an Action: from an approval (steering_committee_decide), or directly by a manager for
    Actions of earlier phases that predate the platform's request records."""
    if not _from_decision:
        require(action_policy.can_create(actor), _("Only programme managers add Actions directly."))
    fields.setdefault("purpose_code", PurposeCode.objects.filter(is_default=True).first())
    if fields.get("phase") is None and fields.get("approved_on"):
        fields["phase"] = phase_for(fields["approved_on"])
    partners = _partners_checked(partners)

    def add_partners(action: Action) -> dict:
        ActionPartner.objects.bulk_create(
            [
                ActionPartner(action=action, institution=institution, role=role)
                for institution, role in partners
            ]
        )
        return {"partners": sorted(f"{institution.pk}:{role}" for institution, role in partners)}

    return create_audited(
        Action,
        actor=actor,
        many={"gcm_objectives": list(gcm_objectives)},
        with_related=add_partners,
        **fields,
    )


@transaction.atomic
def action_update(
    action: Action,
    *,
    actor,
    expected_version: int | None,
    partners: Sequence[tuple[Institution, str]] | None = None,
    gcm_objectives: Iterable | None = None,
    **fields,
) -> Action:
    require(action_policy.can_change(actor, action), _("You may not edit this Action."))
    if "status" in fields:
        raise ApplicationError(
            _("Change the status with a transition."),
            fields={"status": [_("Change the status with a transition.")]},
        )
    many = {"gcm_objectives": list(gcm_objectives)} if gcm_objectives is not None else None
    action = update_versioned(action, actor=actor, expected_version=expected_version, many=many, **fields)
    if partners is not None:
        _partners_set(action, partners, actor=actor)
    return action


def action_transition(action: Action, *, actor, to: str, comment: str = "") -> Action:
    """Move an Action through its lifecycle (workflows.ACTION_WORKFLOW)."""
    return transition_apply(
        action, machine=ACTION_WORKFLOW, to=to, actor=actor, comment=comment, on_enter=remember_suspension
    )


# --- Activities -----------------------------------------------------------------------------

# An Action that is over takes no new work.
FINISHED_ACTION_STATUSES = frozenset({ActionStatus.CLOSED, ActionStatus.CANCELLED})
# Activities that no longer hold their experts' days.
RELEASED_ACTIVITY_STATUSES = frozenset({ActivityStatus.CANCELLED, ActivityStatus.POSTPONED})


def _refresh_launch(action: Action) -> None:
    first = (
        action.activities.filter(status__in=HELD_ACTIVITY_STATUSES, held_on__isnull=False)
        .order_by("held_on")
        .values_list("held_on", flat=True)
        .first()
    )
    if action.launched_on != first:
        Action.objects.filter(pk=action.pk).update(launched_on=first)
        action.launched_on = first


def _require_open_action(action: Action) -> None:
    if action.status in FINISHED_ACTION_STATUSES:
        raise Conflict(
            _("The Action is %(status)s: it takes no new work.") % {"status": action.get_status_display()},
            fields={"action": [_("This Action is closed or cancelled.")]},
        )


@transaction.atomic
def activity_create(*, actor, action: Action, **fields) -> Activity:
    require(activity_policy.can_create(actor), _("You may not plan activities."))
    _require_open_action(action)
    if "status" in fields and fields["status"] != ActivityStatus.PLANNED:
        raise ApplicationError(
            _("A new activity starts as planned; change its status with a transition."),
            fields={"status": [_("A new activity starts as planned.")]},
        )
    fields.pop("status", None)
    # Numbered after the last one; the Action row is locked so two planners never take one number.
    list(Action.objects.select_for_update().filter(pk=action.pk).values_list("pk", flat=True))
    fields.setdefault("sequence", (action.activities.aggregate(last=Max("sequence"))["last"] or 0) + 1)
    activity = create_audited(Activity, actor=actor, action=action, **fields)
    _refresh_launch(action)
    return activity


@transaction.atomic
def activity_update(activity: Activity, *, actor, **fields) -> Activity:
    """Edit an activity's plan. Its status moves only through activity_transition; new dates must
    not double-book any of its experts."""
    require(activity_policy.can_change(actor, activity), _("You may not edit this activity."))
    if "status" in fields and fields["status"] != activity.status:
        raise ApplicationError(
            _("Change the status with a transition."),
            fields={"status": [_("Change the status with a transition.")]},
        )
    fields.pop("status", None)
    if "action" in fields and fields["action"].pk != activity.action_id:
        raise ApplicationError(
            _("An activity cannot move to another Action."),
            fields={"action": [_("An activity cannot move to another Action.")]},
        )
    fields.pop("action", None)
    activity = update_audited(activity, actor=actor, **fields)
    for assignment in activity.expert_assignments.select_related("expert__person"):
        _check_no_double_booking(assignment.expert, activity, exclude_pk=assignment.pk)
    _refresh_launch(activity.action)
    results_recompute(activity.action)
    return activity


@transaction.atomic
def activity_delete(activity: Activity, *, actor) -> None:
    require(activity_policy.can_delete(actor, activity), _("You may not delete this activity."))
    if activity.participations.exists():
        raise Conflict(
            _("This activity has participants recorded: cancel it instead of deleting it."),
            fields={"status": [_("Cancel the activity instead.")]},
        )
    action = activity.action
    delete_audited(activity, actor=actor)
    _refresh_launch(action)
    results_recompute(action)


@transaction.atomic
def activity_transition(activity: Activity, *, actor, to: str, comment: str = "") -> Activity:
    """Move an activity through planned → confirmed → held → reported → closed (or postponed,
    cancelled); see workflows.ACTIVITY_WORKFLOW for the guards."""
    previous, held_on_before = None, None

    def on_enter(locked: Activity, status_before: str) -> None:
        # As read under the lock: no other transition slipped in between.
        nonlocal previous, held_on_before
        previous, held_on_before = status_before, locked.held_on
        fill_held_on(locked, status_before)

    activity = transition_apply(
        activity,
        machine=ACTIVITY_WORKFLOW,
        to=to,
        actor=actor,
        comment=comment,
        on_enter=on_enter,
        read_with=("action",),
    )
    if previous in RELEASED_ACTIVITY_STATUSES and activity.status not in RELEASED_ACTIVITY_STATUSES:
        # Planned again: it takes its experts' days back, which others may have booked meanwhile.
        for assignment in activity.expert_assignments.select_related("expert__person"):
            _check_no_double_booking(assignment.expert, activity, exclude_pk=assignment.pk)
    # The Action's launch is its first activity held: only a step into or out of "held" moves it.
    held_changed = (previous in HELD_ACTIVITY_STATUSES) != (activity.status in HELD_ACTIVITY_STATUSES)
    if held_changed or activity.held_on != held_on_before:
        _refresh_launch(activity.action)
    results_recompute(activity.action)
    return activity


# --- Expert assignments ---------------------------------------------------------------------


def _check_no_double_booking(expert, activity: Activity, *, exclude_pk: int | None = None) -> None:
    """The same expert cannot be booked on two activities whose days overlap."""
    period = activity.period
    if period is None or activity.status in RELEASED_ACTIVITY_STATUSES:
        return
    start, end = period
    clashes = (
        ExpertAssignment.objects.filter(expert=expert)
        .exclude(activity_id=activity.pk)
        .exclude(activity__status__in=RELEASED_ACTIVITY_STATUSES)
        .with_booked_days()
        .filter(booked_from__lte=end, booked_until__gte=start)
    )
    if exclude_pk is not None:
        clashes = clashes.exclude(pk=exclude_pk)
    other = clashes.order_by("booked_from").first()
    if other is None:
        return
    message = _("%(expert)s is already booked on “%(activity)s” (%(action)s) from %(start)s to %(end)s.") % {
        "expert": expert,
        "activity": other.activity.title,
        "action": other.activity.action.code,
        "start": other.booked_from.isoformat(),
        "end": other.booked_until.isoformat(),
    }
    raise Conflict(message, fields={"expert": [message]})


@transaction.atomic
def expert_assignment_create(*, actor, activity: Activity, expert, **fields) -> ExpertAssignment:
    """Book an expert of the roster on an activity. The expert row is locked, so two bookings made
    at once cannot both pass the overlap check."""
    require(delivery_policy.can_create(actor), _("You may not assign experts."))
    _require_open_action(activity.action)
    if activity.status in {ActivityStatus.CANCELLED, ActivityStatus.CLOSED}:
        raise Conflict(
            _("This activity is %(status)s: it takes no new experts.")
            % {"status": activity.get_status_display()},
            fields={"activity": [_("Choose an activity that is still to be delivered.")]},
        )
    expert = type(expert).objects.select_for_update().select_related("person").get(pk=expert.pk)
    if expert.roster_status in {RosterStatus.INACTIVE, RosterStatus.WITHDRAWN}:
        raise ApplicationError(
            _("%(expert)s is no longer available on the roster.") % {"expert": expert},
            fields={"expert": [_("Choose an active expert of the roster.")]},
        )
    if ExpertAssignment.objects.filter(activity=activity, expert=expert).exists():
        raise ApplicationError(
            _("%(expert)s is already assigned to this activity.") % {"expert": expert},
            fields={"expert": [_("This expert is already assigned to this activity.")]},
        )
    _check_no_double_booking(expert, activity)
    if fields.get("nominating_focal_point") is None:
        fields["nominating_focal_point"] = expert.nominating_focal_point
    assignment = create_audited(ExpertAssignment, actor=actor, activity=activity, expert=expert, **fields)
    results_recompute(activity.action)
    return assignment


@transaction.atomic
def expert_assignment_update(assignment: ExpertAssignment, *, actor, **fields) -> ExpertAssignment:
    """Officers edit assignments; the assigned expert may only upload their mission report."""
    if not delivery_policy.can_change(actor, assignment):
        require(
            can_upload_mission_report(actor, assignment) and set(fields) <= {"mission_report"},
            _("You may not edit this assignment."),
        )
    for name in ("activity", "expert"):
        if name in fields and fields[name].pk != getattr(assignment, f"{name}_id"):
            raise ApplicationError(
                _("Remove the assignment and make a new one instead."),
                fields={name: [_("This cannot be changed on an existing assignment.")]},
            )
        fields.pop(name, None)
    assignment = update_audited(assignment, actor=actor, **fields)
    results_recompute(assignment.activity.action)
    return assignment


@transaction.atomic
def expert_assignment_delete(assignment: ExpertAssignment, *, actor) -> None:
    require(delivery_policy.can_delete(actor, assignment), _("You may not remove this assignment."))
    action = assignment.activity.action
    delete_audited(assignment, actor=actor)
    results_recompute(action)


# --- Participations -------------------------------------------------------------------------


PARTICIPATION_DECIMALS = ("attendance_hours", "attendance_percent", "pre_test_score", "post_test_score")


def _in_tenths(value):
    """A number as the database keeps it (one decimal), when that loses nothing: 8 and 8.0 are then
    the same value, so a list recorded again unchanged is not taken for a change (audit diffs
    compare the stored text). Anything else is left for validation to refuse."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return value
    try:
        tenths = Decimal(value).quantize(Decimal("0.1"))
    except ArithmeticError:
        return value
    return tenths if tenths == value else value


def _participation_fields(activity: Activity, fields: dict) -> dict:
    """Attendance may be given in hours or per cent; with the activity's duration, each gives the
    other."""
    for name in PARTICIPATION_DECIMALS:
        if name in fields:
            fields[name] = _in_tenths(fields[name])
    hours, percent = fields.get("attendance_hours"), fields.get("attendance_percent")
    duration = activity.duration_hours
    if hours is not None and percent is None and duration:
        fields["attendance_percent"] = min(
            Decimal("100.0"), (hours * 100 / duration).quantize(Decimal("0.1"))
        )
    elif percent is not None and hours is None and duration:
        fields["attendance_hours"] = (duration * percent / 100).quantize(Decimal("0.1"))
    return fields


def _participation_checked(activity: Activity, person, fields: dict) -> Participation:
    """A participation ready to save: the person's gender and institution copied, the rules run."""
    if activity.status in {ActivityStatus.CANCELLED, ActivityStatus.POSTPONED}:
        raise Conflict(
            _("This activity is %(status)s: record attendance once it takes place.")
            % {"status": activity.get_status_display()},
            fields={"activity": [_("The activity has not taken place.")]},
        )
    return Participation(
        activity=activity,
        person=person,
        gender=person.gender,
        institution=person.institution,
        **_participation_fields(activity, dict(fields)),
    )


@transaction.atomic
def participation_create(*, actor, activity: Activity, person, **fields) -> Participation:
    require(delivery_policy.can_create(actor), _("You may not record participants."))
    if Participation.objects.filter(activity=activity, person=person).exists():
        raise ApplicationError(
            _("%(person)s is already on this activity's attendance list.") % {"person": person},
            fields={"person": [_("This person is already on the attendance list.")]},
        )
    draft = _participation_checked(activity, person, fields)
    values = {
        f.name: getattr(draft, f.name)
        for f in Participation._meta.concrete_fields
        if f.name not in {"id", "created_at", "updated_at"}
    }
    participation = create_audited(Participation, actor=actor, **values)
    results_recompute(activity.action)
    return participation


@transaction.atomic
def participation_update(participation: Participation, *, actor, **fields) -> Participation:
    require(delivery_policy.can_change(actor, participation), _("You may not edit this participation."))
    for name in ("activity", "person"):
        if name in fields and fields[name].pk != getattr(participation, f"{name}_id"):
            raise ApplicationError(
                _("Remove the participation and record a new one instead."),
                fields={name: [_("This cannot be changed on an existing participation.")]},
            )
        fields.pop(name, None)
    # A change to one attendance unit recomputes the other, unless both were sent.
    if "attendance_hours" in fields and "attendance_percent" not in fields:
        fields["attendance_percent"] = None
    elif "attendance_percent" in fields and "attendance_hours" not in fields:
        fields["attendance_hours"] = None
    fields = _participation_fields(participation.activity, fields)
    participation = update_audited(participation, actor=actor, **fields)
    results_recompute(participation.activity.action)
    return participation


@transaction.atomic
def participation_delete(participation: Participation, *, actor) -> None:
    require(delivery_policy.can_delete(actor, participation), _("You may not remove this participation."))
    action = participation.activity.action
    delete_audited(participation, actor=actor)
    results_recompute(action)


def _row_validated(participation: Participation) -> None:
    """A row's own rules (ranges, hours within the duration), checked here so the error names the
    row; the bulk write checks them again, without the row."""
    try:
        participation.full_clean(
            exclude=["activity", "person", "institution"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        fields = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        raise ApplicationError(
            "; ".join(f"{field}: {' '.join(messages)}" for field, messages in fields.items()), fields=fields
        ) from error


@transaction.atomic
def participations_record(
    *, actor, activity: Activity, rows: Sequence[tuple], row_numbers: Sequence[int] | None = None
) -> dict:
    """Record an attendance list at once: [(person, {field: value}), ...]. A person already on the
    list is updated; new ones are added. All rows or none: the first invalid row raises, naming
    its position in the list (fields "row 3: post_test_score")."""
    require(delivery_policy.can_create(actor), _("You may not record participants."))
    existing = {p.person_id: p for p in activity.participations.select_related("person")}
    new, changes = [], []
    for index, (person, fields) in enumerate(rows):
        position = row_numbers[index] if row_numbers else index + 1
        try:
            if person.pk in existing:
                current = existing[person.pk]
                values = _participation_fields(activity, dict(fields))
                trial = copy.copy(current)
                for name, value in values.items():
                    setattr(trial, name, value)
                _row_validated(trial)
                changes.append((current, values))
            else:
                draft = _participation_checked(activity, person, fields)
                _row_validated(draft)
                new.append(draft)
        except ApplicationError as error:
            raise ApplicationError(
                _("Row %(row)s: %(message)s") % {"row": position, "message": error.message},
                fields={f"row {position}": [error.message]},
            ) from error
    try:
        created = bulk_create_audited(Participation, actor=actor, instances=new)
        updated = bulk_update_audited(Participation, actor=actor, changes=changes)
    except ApplicationError as error:
        raise ApplicationError(error.message, fields=error.fields) from error
    results_recompute(activity.action)
    return {"created": len(created), "updated": len(updated), "unchanged": len(changes) - len(updated)}


# --- Attendance lists (CSV/XLSX/pasted), imported in the background ------------------------------


@transaction.atomic
def attendance_import_start(*, actor, activity: Activity, source) -> AttendanceImport:
    """Keep the uploaded list and queue its import (actions.tasks.attendance_import_run) once this
    transaction commits; the page follows its progress."""
    require(delivery_policy.can_create(actor), _("You may not record participants."))
    _require_open_action(activity.action)
    job = create_audited(AttendanceImport, actor=actor, activity=activity, source=source, requested_by=actor)
    from .tasks import attendance_import_run

    transaction.on_commit(lambda: attendance_import_run.delay(job.pk))
    return job


def _import_progress(job: AttendanceImport, **fields) -> None:
    """Progress of a running import, saved at once (outside the import's transaction) so the page
    polling it sees it move. Bookkeeping of the job, not domain data: not audited; the job's end
    is (attendance_import_run)."""
    AttendanceImport.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def attendance_import_run(job: AttendanceImport) -> AttendanceImport:
    """Read the list, check every row, and record it all in one transaction, or nothing when any
    row is wrong (the job then lists every error with its row and column). Safe to run twice: a
    finished job is left as it is."""
    from . import attendance

    if job.is_finished:
        return job
    activity = Activity.objects.select_related("action").get(pk=job.activity_id)
    actor = job.requested_by
    _import_progress(job, status=ImportStatus.RUNNING, progress=5)
    errors: list[dict] = []
    try:
        with job.source.open("rb") as handle:
            content = handle.read(attendance.MAX_BYTES + 1)
        attendance.check_upload(job.source.name, len(content))
        table = attendance.read_table(job.source.name, content)
        _import_progress(job, progress=20, rows_total=max(0, len(table) - 1))
        rows, row_errors = attendance.parse_rows(table, activity=activity)
        errors = [error.as_dict() for error in row_errors]
    except attendance.AttendanceFileError as error:
        errors = [{"row": 0, "field": "file", "message": str(error)}]
    except (FileNotFoundError, OSError):
        errors = [{"row": 0, "field": "file", "message": _("The uploaded file is missing from storage.")}]
    imported = 0
    if not errors:
        _import_progress(job, progress=50)
        try:
            imported = _attendance_rows_record(actor=actor, activity=activity, rows=rows)
        except ApplicationError as error:
            errors = [
                {"row": 0, "field": field, "message": " ".join(map(str, messages))}
                for field, messages in error.fields.items()
            ] or [{"row": 0, "field": "", "message": error.message}]
    status = ImportStatus.FAILED if errors else ImportStatus.DONE
    with transaction.atomic():
        job = update_audited(
            AttendanceImport.objects.select_for_update().get(pk=job.pk),
            actor=actor,
            status=status,
            progress=100,
            rows_imported=imported,
            errors=errors,
            finished_at=timezone.now(),
        )
    return job


@transaction.atomic
def _attendance_rows_record(*, actor, activity: Activity, rows) -> int:
    """New people first (through the registry's service), then the attendance list itself."""
    from partners.models import Person
    from partners.services import people_bulk_create

    new_people = [Person(**row.new_person) for row in rows if row.person is None]
    people_bulk_create(actor=actor, people=new_people)
    created = iter(new_people)
    pairs, numbers = [], []
    for row in rows:
        pairs.append((row.person if row.person is not None else next(created), row.values))
        numbers.append(row.row)
    result = participations_record(actor=actor, activity=activity, rows=pairs, row_numbers=numbers)
    # Every row of the list is now on record, whether it was new, changed or already there as is.
    return result["created"] + result["updated"] + result["unchanged"]


# --- Deliverables ---------------------------------------------------------------------------


@transaction.atomic
def deliverable_create(*, actor, action: Action, **fields) -> Deliverable:
    require(delivery_policy.can_create(actor), _("You may not add deliverables."))
    _require_open_action(action)
    if fields.pop("status", DeliverableStatus.DRAFT) != DeliverableStatus.DRAFT:
        raise ApplicationError(
            _("A new deliverable starts as a draft; change its status with a transition."),
            fields={"status": [_("A new deliverable starts as a draft.")]},
        )
    return create_audited(Deliverable, actor=actor, action=action, **fields)


@transaction.atomic
def deliverable_update(deliverable: Deliverable, *, actor, **fields) -> Deliverable:
    require(delivery_policy.can_change(actor, deliverable), _("You may not edit this deliverable."))
    if "status" in fields and fields["status"] != deliverable.status:
        raise ApplicationError(
            _("Change the status with a transition."),
            fields={"status": [_("Change the status with a transition.")]},
        )
    fields.pop("status", None)
    if "action" in fields and fields["action"].pk != deliverable.action_id:
        raise ApplicationError(
            _("A deliverable cannot move to another Action."),
            fields={"action": [_("A deliverable cannot move to another Action.")]},
        )
    fields.pop("action", None)
    deliverable = update_audited(deliverable, actor=actor, **fields)
    results_recompute(deliverable.action)
    return deliverable


@transaction.atomic
def deliverable_delete(deliverable: Deliverable, *, actor) -> None:
    require(delivery_policy.can_delete(actor, deliverable), _("You may not delete this deliverable."))
    action = deliverable.action
    delete_audited(deliverable, actor=actor)
    results_recompute(action)


@transaction.atomic
def deliverable_transition(deliverable: Deliverable, *, actor, to: str, comment: str = "") -> Deliverable:
    """draft → validated → handed over → adopted (needs the adopting body and date)."""
    deliverable = transition_apply(
        deliverable, machine=DELIVERABLE_WORKFLOW, to=to, actor=actor, comment=comment
    )
    results_recompute(deliverable.action)
    return deliverable


# --- Results framework ----------------------------------------------------------------------


def result_create(*, actor, action: Action, **fields) -> Result:
    require(delivery_policy.can_create(actor), _("You may not edit the results framework."))
    _require_open_action(action)
    return create_audited(Result, actor=actor, action=action, **fields)


def result_update(result: Result, *, actor, **fields) -> Result:
    require(delivery_policy.can_change(actor, result), _("You may not edit the results framework."))
    if "action" in fields and fields.pop("action").pk != result.action_id:
        raise ApplicationError(
            _("A result cannot move to another Action."), fields={"action": [_("This cannot be changed.")]}
        )
    return update_audited(result, actor=actor, **fields)


def result_delete(result: Result, *, actor) -> None:
    require(delivery_policy.can_delete(actor, result), _("You may not edit the results framework."))
    if result.indicators.exists() or result.outputs.exists():
        raise Conflict(
            _("Remove its outputs and indicators first."),
            fields={"result": [_("This result still has outputs or indicators.")]},
        )
    delete_audited(result, actor=actor)


@transaction.atomic
def indicator_create(*, actor, action: Action, periods: Sequence[dict] = (), **fields) -> Indicator:
    """Create an indicator, with its reporting periods if given ({starts_on, ends_on, target, actual})."""
    require(delivery_policy.can_create(actor), _("You may not edit the results framework."))
    _require_open_action(action)
    indicator = create_audited(Indicator, actor=actor, action=action, **fields)
    for index, period in enumerate(periods):
        try:
            indicator_period_create(actor=actor, indicator=indicator, **period)
        except ApplicationError as error:
            # Named like DRF names nested errors ("periods.0.starts_on"), so the API has one style.
            fields_named = {f"periods.{index}.{name}": msgs for name, msgs in error.fields.items()}
            raise ApplicationError(
                error.message, fields=fields_named or {"periods": [error.message]}
            ) from error
    results_recompute(action, indicators=[indicator])
    return indicator


@transaction.atomic
def indicator_update(indicator: Indicator, *, actor, **fields) -> Indicator:
    require(delivery_policy.can_change(actor, indicator), _("You may not edit the results framework."))
    if "action" in fields and fields.pop("action").pk != indicator.action_id:
        raise ApplicationError(
            _("An indicator cannot move to another Action."),
            fields={"action": [_("This cannot be changed.")]},
        )
    was_computed = indicator.is_computed
    indicator = update_audited(indicator, actor=actor, **fields)
    if was_computed and not indicator.is_computed:
        # From computed to entered: the computed figures become a draft for staff to confirm.
        for period in indicator.periods.filter(status=PeriodStatus.COMPUTED):
            update_audited(period, actor=actor, status=PeriodStatus.DRAFT)
    elif indicator.is_computed and not was_computed:
        # From entered to computed: drafts are computed from now on; values submitted or approved
        # stay as they are, so the switch waits for them.
        if indicator.periods.filter(status__in=[PeriodStatus.SUBMITTED, PeriodStatus.APPROVED]).exists():
            raise Conflict(
                _("This indicator has submitted or approved values: it cannot become computed."),
                fields={"measure": [_("Submitted or approved values stay entered.")]},
            )
        for period in indicator.periods.filter(status__in=[PeriodStatus.DRAFT, PeriodStatus.RETURNED]):
            update_audited(period, actor=actor, status=PeriodStatus.COMPUTED)
    results_recompute(indicator.action, indicators=[indicator])
    return indicator


@transaction.atomic
def indicator_delete(indicator: Indicator, *, actor) -> None:
    require(delivery_policy.can_delete(actor, indicator), _("You may not edit the results framework."))
    if indicator.periods.filter(status=PeriodStatus.APPROVED).exists():
        raise Conflict(
            _("This indicator has approved values: they stay on record."),
            fields={"indicator": [_("Approved values cannot be deleted.")]},
        )
    for period in indicator.periods.all():
        delete_audited(period, actor=actor)
    delete_audited(indicator, actor=actor)


def action_date_range(action: Action) -> tuple[datetime.date, datetime.date | None]:
    """The days an Action's reporting periods may cover: from its start (or approval) to its end,
    open-ended while no end is planned."""
    start = min(d for d in (action.actual_start, action.planned_start, action.approved_on) if d is not None)
    end = action.actual_end or action.planned_end
    return start, end


def _check_period_dates(indicator: Indicator, starts_on, ends_on, *, exclude_pk=None) -> None:
    errors = {}
    first, last = action_date_range(indicator.action)
    if starts_on and starts_on < first:
        errors["starts_on"] = [
            _("The period starts before the Action (%(day)s).") % {"day": first.isoformat()}
        ]
    if ends_on and last and ends_on > last:
        errors["ends_on"] = [_("The period ends after the Action (%(day)s).") % {"day": last.isoformat()}]
    if starts_on and ends_on and not errors:
        overlapping = indicator.periods.filter(starts_on__lte=ends_on, ends_on__gte=starts_on)
        if exclude_pk is not None:
            overlapping = overlapping.exclude(pk=exclude_pk)
        if overlapping.exists():
            errors["starts_on"] = [_("This indicator already has a period covering these days.")]
    if errors:
        message = " ".join(str(m) for messages in errors.values() for m in messages)
        raise ApplicationError(message, fields=errors)


def _check_disaggregation(indicator: Indicator, actual, disaggregation) -> dict:
    """{"sex": {"female": 3, ...}, "institution_type": {...}}: known dimensions and categories,
    values of zero or more, and each dimension adding up to the actual."""
    if disaggregation in (None, ""):
        return {}
    if not isinstance(disaggregation, dict):
        raise ApplicationError(
            _("Give the disaggregation as an object per dimension."),
            fields={"disaggregation": [_("Give the disaggregation as an object per dimension.")]},
        )
    known = {
        Disaggregation.SEX: set(Gender.values),
        Disaggregation.INSTITUTION_TYPE: set(InstitutionType.values),
    }
    cleaned = {}
    for dimension, values in disaggregation.items():
        if dimension not in known or not isinstance(values, dict):
            message = _("Unknown dimension “%(dimension)s”: use sex or institution_type.") % {
                "dimension": dimension
            }
            raise ApplicationError(message, fields={"disaggregation": [message]})
        unknown = sorted(set(values) - known[dimension])
        if unknown:
            message = _("Unknown category for %(dimension)s: %(values)s.") % {
                "dimension": dimension,
                "values": ", ".join(map(str, unknown)),
            }
            raise ApplicationError(message, fields={"disaggregation": [message]})
        numbers = {}
        for category, value in values.items():
            try:
                number = Decimal(str(value))
            except (ArithmeticError, ValueError):
                number = Decimal("-1")
            if not number.is_finite() or number < 0:
                message = _("%(dimension)s / %(category)s: give a number of zero or more.") % {
                    "dimension": dimension,
                    "category": category,
                }
                raise ApplicationError(message, fields={"disaggregation": [message]})
            numbers[category] = number
        total = sum(numbers.values(), Decimal("0"))
        if actual is None or total != Decimal(str(actual)):
            message = _(
                "The %(dimension)s breakdown adds up to %(total)s, not to the actual (%(actual)s)."
            ) % {
                "dimension": dimension,
                "total": total,
                "actual": actual if actual is not None else "—",
            }
            raise ApplicationError(message, fields={"disaggregation": [message]})
        cleaned[dimension] = {category: float(number) for category, number in numbers.items()}
    return cleaned


@transaction.atomic
def indicator_period_create(*, actor, indicator: Indicator, **fields) -> IndicatorPeriod:
    require(delivery_policy.can_create(actor), _("You may not edit the results framework."))
    _check_period_dates(indicator, fields.get("starts_on"), fields.get("ends_on"))
    fields.pop("status", None)
    if indicator.is_computed:
        if fields.get("actual") is not None or fields.get("disaggregation"):
            raise ApplicationError(
                _("This indicator's actual is computed from the data; enter only its target."),
                fields={"actual": [_("Computed from the data.")]},
            )
        fields["status"] = PeriodStatus.COMPUTED
    else:
        fields["disaggregation"] = _check_disaggregation(
            indicator, fields.get("actual"), fields.get("disaggregation")
        )
    period = create_audited(IndicatorPeriod, actor=actor, indicator=indicator, **fields)
    if indicator.is_computed and results_recompute(indicator.action, indicators=[indicator]):
        period.refresh_from_db()
    return period


@transaction.atomic
def indicator_period_update(period: IndicatorPeriod, *, actor, **fields) -> IndicatorPeriod:
    """Edit a period's target, actual, breakdown, evidence or comment. Approved values are locked;
    a submitted value is edited only after it is returned."""
    require(delivery_policy.can_change(actor, period), _("You may not edit the results framework."))
    locked = IndicatorPeriod.objects.select_for_update().select_related("indicator__action").get(pk=period.pk)
    if locked.status == PeriodStatus.APPROVED:
        raise Conflict(
            _("This value is approved and locked."),
            fields={"status": [_("Approved values cannot be changed.")]},
        )
    if locked.status == PeriodStatus.SUBMITTED:
        raise Conflict(
            _("This value is waiting for approval; it can be changed once it is returned."),
            fields={"status": [_("Submitted values cannot be changed.")]},
        )
    if "status" in fields and fields["status"] != locked.status:
        raise ApplicationError(
            _("Change the status with a transition."),
            fields={"status": [_("Change the status with a transition.")]},
        )
    fields.pop("status", None)
    if "indicator" in fields and fields.pop("indicator").pk != locked.indicator_id:
        raise ApplicationError(
            _("A period cannot move to another indicator."),
            fields={"indicator": [_("This cannot be changed.")]},
        )
    indicator = locked.indicator
    _check_period_dates(
        indicator,
        fields.get("starts_on", locked.starts_on),
        fields.get("ends_on", locked.ends_on),
        exclude_pk=locked.pk,
    )
    if indicator.is_computed:
        if "actual" in fields or "disaggregation" in fields:
            raise ApplicationError(
                _("This indicator's actual is computed from the data; enter only its target."),
                fields={"actual": [_("Computed from the data.")]},
            )
    elif "actual" in fields or "disaggregation" in fields:
        fields["disaggregation"] = _check_disaggregation(
            indicator,
            fields.get("actual", locked.actual),
            fields.get("disaggregation", locked.disaggregation),
        )
    period = update_audited(locked, actor=actor, **fields)
    if indicator.is_computed:
        results_recompute(indicator.action, indicators=[indicator])
        period.refresh_from_db()
    return period


@transaction.atomic
def indicator_period_delete(period: IndicatorPeriod, *, actor) -> None:
    require(delivery_policy.can_delete(actor, period), _("You may not edit the results framework."))
    if period.status == PeriodStatus.APPROVED:
        raise Conflict(
            _("This value is approved and locked."),
            fields={"status": [_("Approved values cannot be deleted.")]},
        )
    delete_audited(period, actor=actor)


def indicator_period_transition(
    period: IndicatorPeriod, *, actor, to: str, comment: str = ""
) -> IndicatorPeriod:
    """An entered actual: draft → submitted → approved (locked) or returned with a comment; the
    approver is a manager other than the submitter."""
    return transition_apply(
        period,
        machine=PERIOD_WORKFLOW,
        to=to,
        actor=actor,
        comment=comment,
        on_enter=remember_submitter(actor),
    )


# The Actions whose recomputation waits for the end of a results_recompute_deferred block, by id.
_recompute_pending: ContextVar[dict[int, Action] | None] = ContextVar(
    "results_recompute_pending", default=None
)


@contextlib.contextmanager
def results_recompute_deferred():
    """Within the block, results_recompute only notes the Action; each Action noted is recomputed
    once when the block ends, in the caller's transaction, so the figures are still those of the
    data when it commits. For seeding and imports, which write thousands of rows to one Action:
    without it, every one of those writes recomputes all the Action's computed indicators.

    A block inside another leaves the work to the outer one; a block left by an error recomputes
    nothing (its transaction is rolled back)."""
    if _recompute_pending.get() is not None:
        yield
        return
    pending: dict[int, Action] = {}
    token = _recompute_pending.set(pending)
    try:
        yield
    finally:
        _recompute_pending.reset(token)
    for action in pending.values():
        results_recompute(action)


def results_recompute(action: Action, *, indicators: Sequence[Indicator] | None = None) -> int:
    """Recalculate the computed actuals of an Action's indicators from the data (participations,
    activities, expert assignments, deliverables), with their breakdown by sex and institution
    type. Called by every service that changes that data, in the same transaction, so the figures
    on the page are always those of the data. Returns how many periods changed: none inside
    results_recompute_deferred, which recomputes all the Action's indicators at its end."""
    from .selectors import computed_actual

    pending = _recompute_pending.get()
    if pending is not None:
        pending.setdefault(action.pk, action)
        return 0
    periods = IndicatorPeriod.objects.filter(
        indicator__action=action, status=PeriodStatus.COMPUTED
    ).select_related("indicator")
    if indicators is not None:
        periods = periods.filter(indicator__in=[i.pk for i in indicators])
    changes = []
    for period in periods:
        if not period.indicator.is_computed:
            continue
        actual, breakdown = computed_actual(
            action, period.indicator.measure, period.starts_on, period.ends_on
        )
        if period.actual != actual or period.disaggregation != breakdown:
            changes.append((period, {"actual": actual, "disaggregation": breakdown}))
    if changes:
        bulk_update_audited(IndicatorPeriod, actor=None, changes=changes)
    return len(changes)


# --- Holistic coordination matrix -------------------------------------------------------------


def _require_holistic(action: Action) -> None:
    if action.type != ActionType.HOLISTIC:
        raise Conflict(
            _("Only holistic capacity development Actions have a coordination matrix."),
            fields={"action": [_("Choose a holistic capacity development Action.")]},
        )


@transaction.atomic
def coordination_cell_create(*, actor, action: Action, cell_actor: str, **fields) -> CoordinationCell:
    """`actor` is who records the cell (as in every service); `cell_actor` is the cell's own
    actor of the partner country (CoordinationActor), its `actor` field."""
    require(delivery_policy.can_create(actor), _("You may not edit the coordination matrix."))
    _require_holistic(action)
    _require_open_action(action)
    if fields.pop("status", CoordinationStatus.PLANNED) != CoordinationStatus.PLANNED:
        raise ApplicationError(
            _("A new cell starts as planned; change its status with a transition."),
            fields={"status": [_("A new cell starts as planned.")]},
        )
    if CoordinationCell.objects.filter(action=action, stage=fields.get("stage"), actor=cell_actor).exists():
        raise ApplicationError(
            _("This stage and actor already have a cell."), fields={"actor": [_("This cell exists already.")]}
        )
    # create_audited(**fields) cannot carry a field named `actor` (its own keyword for who acts).
    cell = CoordinationCell(action=action, actor=cell_actor, **fields)
    return bulk_create_audited(CoordinationCell, actor=actor, instances=[cell])[0]


@transaction.atomic
def coordination_matrix_plan(*, actor, action: Action) -> int:
    """Create the cells of the matrix still missing (every stage × every actor), all planned."""
    require(delivery_policy.can_create(actor), _("You may not edit the coordination matrix."))
    _require_holistic(action)
    _require_open_action(action)
    present = set(action.coordination_cells.values_list("stage", "actor"))
    missing = [
        CoordinationCell(action=action, stage=stage, actor=who)
        for stage in CoordinationStage.values
        for who in CoordinationActor.values
        if (stage, who) not in present
    ]
    bulk_create_audited(CoordinationCell, actor=actor, instances=missing)
    return len(missing)


@transaction.atomic
def coordination_cell_update(cell: CoordinationCell, *, actor, **fields) -> CoordinationCell:
    require(delivery_policy.can_change(actor, cell), _("You may not edit the coordination matrix."))
    if "cell_actor" in fields:  # the cell's own actor, named as in coordination_cell_create
        fields["actor"] = fields.pop("cell_actor")
    for name in ("action", "stage", "actor"):
        if name in fields:
            value = fields.pop(name)
            current = getattr(cell, name)
            if getattr(value, "pk", value) != getattr(current, "pk", current):
                raise ApplicationError(
                    _("A cell's Action, stage and actor cannot change."),
                    fields={name: [_("This cannot be changed.")]},
                )
    if "status" in fields and fields.pop("status") != cell.status:
        raise ApplicationError(
            _("Change the status with a transition."),
            fields={"status": [_("Change the status with a transition.")]},
        )
    if (
        cell.status == CoordinationStatus.SIGNED_OFF
        and "signed_off_by" in fields
        and fields["signed_off_by"] != cell.signed_off_by
    ):
        raise Conflict(
            _("Reopen the cell before changing who signed it off."),
            fields={"signed_off_by": [_("The cell is signed off.")]},
        )
    return update_audited(cell, actor=actor, **fields)


@transaction.atomic
def coordination_cell_delete(cell: CoordinationCell, *, actor) -> None:
    require(delivery_policy.can_delete(actor, cell), _("You may not edit the coordination matrix."))
    delete_audited(cell, actor=actor)


def coordination_cell_transition(
    cell: CoordinationCell, *, actor, to: str, comment: str = ""
) -> CoordinationCell:
    """planned → engaged → signed off (by a named person of the partner)."""
    return transition_apply(
        cell, machine=COORDINATION_WORKFLOW, to=to, actor=actor, comment=comment, on_enter=stamp_sign_off
    )


# --- The portal: what partners and experts record themselves ---------------------------------------


QUESTIONNAIRE_FIELDS = frozenset({"satisfaction", "follow_up_answer", "follow_up_comment"})


@transaction.atomic
def participation_questionnaire_answer(participation: Participation, *, actor, **answers) -> Participation:
    """A participant answers the satisfaction questionnaire (1–5) once the activity has been held,
    and the follow-up questionnaire (has the learning been applied?) from three months after it.
    Only the participant answers for themself; the answers feed the results framework."""
    require(
        can_answer_questionnaire(actor, participation), _("Only the participant answers this questionnaire.")
    )
    unknown = set(answers) - QUESTIONNAIRE_FIELDS
    if unknown:
        raise ApplicationError(
            _("Only the questionnaire's answers can be given here."),
            fields={name: [_("Not part of the questionnaire.")] for name in sorted(unknown)},
        )
    activity = participation.activity
    if activity.status not in HELD_ACTIVITY_STATUSES or activity.held_on is None:
        raise Conflict(_("The questionnaire opens once the activity has been held."))
    follow_up_given = {"follow_up_answer", "follow_up_comment"} & {k for k, v in answers.items() if v}
    if follow_up_given and timezone.localdate() < follow_up_opens_on(activity):
        raise ApplicationError(
            _("The follow-up questionnaire opens on %(day)s.") % {"day": follow_up_opens_on(activity)},
            fields={"follow_up_answer": [_("Not open yet.")]},
        )
    if "satisfaction" in answers and answers["satisfaction"] in ("", None):
        answers.pop("satisfaction")
    participation = update_audited(participation, actor=actor, **answers)
    results_recompute(activity.action)
    return participation


def follow_up_opens_on(activity: Activity) -> datetime.date:
    """The follow-up question is asked three months after the activity (DOMAIN: 3–6 months)."""
    held = activity.held_on
    month = held.month + 3
    year = held.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    day = min(held.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


@transaction.atomic
def coordination_cell_sign_off(cell: CoordinationCell, *, actor, note: str = "") -> CoordinationCell:
    """The HR or training-unit officer named responsible for a cell signs it off in the portal: the
    sign-off names them and is dated today. Their note goes with the sign-off in the cell's
    timeline; the cell's own note (the programme's) is left as it is."""
    require(is_named_signer(actor, cell), _("Only the person named responsible signs off this cell."))
    person = actor.person
    if cell.signed_off_by_id != person.pk:
        cell = update_audited(cell, actor=actor, signed_off_by=person)
    return coordination_cell_transition(cell, actor=actor, to=CoordinationStatus.SIGNED_OFF, comment=note)
