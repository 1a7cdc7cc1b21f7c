"""The state machines of requests and Actions: every allowed transition, who may make it, and its
guards. Services apply them (mieux.services.transition_apply); pages and the API list them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mieux.state_machine import StateMachine, Transition

from .choices import ActionStatus, ActionType, ActivityStatus, PartnerRole, RequestStatus
from .permissions import can_withdraw, is_manager, is_officer

S = RequestStatus
A = ActionStatus


# --- Request guards -------------------------------------------------------------------------


def request_is_eligible(request) -> str | None:
    from partners.services import request_eligibility

    result = request_eligibility(institutions=[link.institution for link in request.requesters.all()])
    if not result.eligible:
        return " ".join(result.reasons)
    return None


REQUEST_WORKFLOW = StateMachine(
    "status",
    [
        Transition(frozenset({S.RECEIVED}), S.SCREENING, _("Start screening"), is_officer),
        Transition(
            frozenset({S.SCREENING}),
            S.CLARIFICATION_REQUESTED,
            _("Ask for clarification"),
            is_officer,
            comment_required=True,
        ),
        Transition(frozenset({S.CLARIFICATION_REQUESTED}), S.SCREENING, _("Resume screening"), is_officer),
        Transition(
            frozenset({S.SCREENING, S.DEFERRED}),
            S.SUBMITTED,
            _("Submit to the Steering Committee"),
            is_officer,
            guards=(request_is_eligible,),
        ),
        # Decisions come only from a Steering Committee decision (steering_committee_decide).
        Transition(frozenset({S.SUBMITTED}), S.APPROVED, _("Approve"), is_manager, internal=True),
        Transition(frozenset({S.SUBMITTED}), S.REJECTED, _("Reject"), is_manager, internal=True),
        Transition(frozenset({S.SUBMITTED}), S.DEFERRED, _("Defer"), is_manager, internal=True),
        Transition(
            frozenset({S.RECEIVED, S.SCREENING, S.CLARIFICATION_REQUESTED, S.SUBMITTED, S.DEFERRED}),
            S.WITHDRAWN,
            _("Withdraw"),
            can_withdraw,
            comment_required=True,
        ),
    ],
)


# --- Action guards --------------------------------------------------------------------------


def has_planned_activity(action) -> str | None:
    live = action.activities.exclude(status=ActivityStatus.CANCELLED)
    if not live.exists():
        return str(_("Plan at least one activity first."))
    return None


def has_lead_beneficiary(action) -> str | None:
    if not action.partner_links.filter(role=PartnerRole.LEAD_BENEFICIARY).exists():
        return str(_("Name the lead beneficiary institution first."))
    return None


def type_has_its_partners(action) -> str | None:
    """Holistic: a capacity development institution takes part. Regional: partners from at least two
    countries, or a regional organisation."""
    links = action.partner_links.select_related("institution")
    needs_institution = action.type == ActionType.HOLISTIC
    if needs_institution and not links.filter(role=PartnerRole.CAPACITY_DEVELOPMENT_INSTITUTION).exists():
        return str(
            _("A holistic capacity development Action needs a capacity development institution partner.")
        )
    if action.type == ActionType.REGIONAL:
        countries = {link.institution.country.code for link in links}
        has_regional_body = any(
            link.role == PartnerRole.REGIONAL_ORGANISATION or link.institution.type == "regional_organisation"
            for link in links
        )
        if len(countries) < 2 and not has_regional_body:
            return str(
                _("A regional partnership needs partners in two countries or a regional organisation.")
            )
    return None


def resumes_where_it_stopped(target):
    def guard(action) -> str | None:
        if action.suspended_from != target:
            return str(_("A suspended Action resumes at the stage it was suspended from."))
        return None

    return guard


ACTIVE = frozenset({A.APPROVED, A.FORMULATION, A.PLAN_AGREED, A.IMPLEMENTATION, A.FOLLOW_UP})

ACTION_WORKFLOW = StateMachine(
    "status",
    [
        Transition(frozenset({A.APPROVED}), A.FORMULATION, _("Start formulation"), is_officer),
        Transition(
            frozenset({A.FORMULATION}),
            A.PLAN_AGREED,
            _("Record the agreed plan"),
            is_officer,
            guards=(has_lead_beneficiary, type_has_its_partners, has_planned_activity),
        ),
        Transition(
            frozenset({A.PLAN_AGREED}), A.FORMULATION, _("Return to formulation"), is_officer, is_return=True
        ),
        Transition(
            frozenset({A.PLAN_AGREED}),
            A.IMPLEMENTATION,
            _("Start implementation"),
            is_officer,
            guards=(has_lead_beneficiary, type_has_its_partners, has_planned_activity),
        ),
        Transition(
            frozenset({A.IMPLEMENTATION}), A.PLAN_AGREED, _("Return to the plan"), is_officer, is_return=True
        ),
        Transition(frozenset({A.IMPLEMENTATION}), A.FOLLOW_UP, _("Move to follow-up"), is_officer),
        Transition(
            frozenset({A.FOLLOW_UP}),
            A.IMPLEMENTATION,
            _("Return to implementation"),
            is_officer,
            is_return=True,
        ),
        Transition(frozenset({A.FOLLOW_UP}), A.CLOSED, _("Close"), is_manager),
        Transition(ACTIVE, A.SUSPENDED, _("Suspend"), is_manager, comment_required=True),
        *[
            Transition(
                frozenset({A.SUSPENDED}),
                stage,
                _("Resume"),
                is_manager,
                guards=(resumes_where_it_stopped(stage),),
            )
            for stage in sorted(ACTIVE)
        ],
        Transition(ACTIVE | {A.SUSPENDED}, A.CANCELLED, _("Cancel"), is_manager, comment_required=True),
    ],
)


def remember_suspension(action, previous_status: str) -> None:
    """on_enter hook: keep where a suspended Action stopped, clear it when it resumes."""
    if action.status == A.SUSPENDED:
        action.suspended_from = previous_status
    elif previous_status == A.SUSPENDED:
        action.suspended_from = ""
