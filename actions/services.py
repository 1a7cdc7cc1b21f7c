"""Every write to requests, Steering Committee meetings and decisions, Actions and code lists.

Each service checks the policy, validates, and records the audit entry in the same transaction.
Edits of requests and Actions are versioned (optimistic concurrency); status changes go through
the state machines in workflows.py.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from mieux import audit
from mieux.errors import ApplicationError, Conflict
from mieux.models import AuditAction
from mieux.services import (
    create_audited,
    delete_audited,
    require,
    transition_apply,
    update_audited,
    update_versioned,
)
from partners.models import Institution
from partners.services import request_eligibility

from .choices import (
    HELD_ACTIVITY_STATUSES,
    ActionStatus,
    DecisionOutcome,
    PartnerRole,
    RequesterRole,
    RequestStatus,
)
from .models import (
    Action,
    ActionPartner,
    Activity,
    ProgrammePhase,
    PurposeCode,
    RequestAttachment,
    RequestingInstitution,
    SteeringCommitteeDecision,
    SteeringCommitteeMeeting,
    SupportRequest,
)
from .permissions import action_policy, activity_policy, code_list_policy, meeting_policy, request_policy
from .workflows import ACTION_WORKFLOW, REQUEST_WORKFLOW, remember_suspension

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


@transaction.atomic
def request_create(
    *, actor, requesters: Sequence[tuple[Institution, str]], attachments: Iterable = (), **fields
) -> SupportRequest:
    """Register a request. Its eligibility is checked at once and explained; an ineligible request
    is still registered (the programme answers every request), but cannot reach the Committee."""
    require(request_policy.can_create(actor), _("You may not register requests."))
    requesters = _requesters_checked(requesters)
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
        RequestStatus.RECEIVED,
        RequestStatus.SCREENING,
        RequestStatus.CLARIFICATION_REQUESTED,
    }:
        raise Conflict(_("A request can be edited only until it is submitted to the Steering Committee."))
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


def request_transition(request: SupportRequest, *, actor, to: str, comment: str = "") -> SupportRequest:
    """Move a request through its workflow (workflows.REQUEST_WORKFLOW). Decisions are recorded with
    steering_committee_decide, not here."""

    def on_enter(locked, previous):
        _record_eligibility(locked)

    return transition_apply(
        request, machine=REQUEST_WORKFLOW, to=to, actor=actor, comment=comment, on_enter=on_enter
    )


def request_attachment_add(request: SupportRequest, *, actor, file, title: str = "") -> RequestAttachment:
    require(request_policy.can_change(actor, request), _("You may not add files to this request."))
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


# --- Activities (the plan; issue 4 completes them) ------------------------------------------


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


@transaction.atomic
def activity_create(*, actor, action: Action, **fields) -> Activity:
    require(activity_policy.can_create(actor), _("You may not plan activities."))
    if action.status in {ActionStatus.CLOSED, ActionStatus.CANCELLED}:
        raise Conflict(_("A closed or cancelled Action takes no new activities."))
    fields.setdefault("sequence", (action.activities.aggregate(last=Max("sequence"))["last"] or 0) + 1)
    activity = create_audited(Activity, actor=actor, action=action, **fields)
    _refresh_launch(action)
    return activity


@transaction.atomic
def activity_update(activity: Activity, *, actor, **fields) -> Activity:
    require(activity_policy.can_change(actor, activity), _("You may not edit this activity."))
    activity = update_audited(activity, actor=actor, **fields)
    _refresh_launch(activity.action)
    return activity


@transaction.atomic
def activity_delete(activity: Activity, *, actor) -> None:
    require(activity_policy.can_delete(actor, activity), _("You may not delete this activity."))
    action = activity.action
    delete_audited(activity, actor=actor)
    _refresh_launch(action)
