"""The state machines of requests, Actions, activities, deliverables, indicator periods and the
holistic coordination matrix: every allowed transition, who may make it, and its guards. Services
apply them (mieux.services.transition_apply); pages and the API list them."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from mieux.state_machine import StateMachine, Transition

from .choices import (
    ActionStatus,
    ActionType,
    ActivityStatus,
    CoordinationStatus,
    DeliverableStatus,
    PartnerRole,
    PeriodStatus,
    RequestStatus,
)
from .permissions import (
    can_approve_period,
    can_sign_off_cell,
    can_withdraw,
    is_manager,
    is_officer,
    is_requesting_focal_point,
)

S = RequestStatus
A = ActionStatus


# --- Request guards -------------------------------------------------------------------------


def request_is_eligible(request) -> str | None:
    from partners.services import request_eligibility

    result = request_eligibility(institutions=[link.institution for link in request.requesters.all()])
    if not result.eligible:
        return " ".join(result.reasons)
    return None


def request_is_complete(request) -> str | None:
    """What a request must say before its focal point sends it (a draft may be saved half-written)."""
    missing = [
        str(label)
        for label, value in (
            (_("the needs"), request.needs_statement.strip()),
            (_("the expected results"), request.expected_results.strip()),
            (_("the target groups"), request.target_groups.strip()),
        )
        if not value
    ]
    if missing:
        return str(_("Before sending, describe %(missing)s.") % {"missing": ", ".join(missing)})
    return None


REQUEST_WORKFLOW = StateMachine(
    "status",
    [
        # Sent from the portal: the request gets its R-year-number reference and date then.
        Transition(
            frozenset({S.DRAFT}),
            S.RECEIVED,
            _("Send the request"),
            is_requesting_focal_point,
            guards=(request_is_complete,),
        ),
        Transition(frozenset({S.RECEIVED}), S.SCREENING, _("Start screening"), is_officer),
        Transition(
            frozenset({S.SCREENING}),
            S.CLARIFICATION_REQUESTED,
            _("Ask for clarification"),
            is_officer,
            comment_required=True,
        ),
        Transition(frozenset({S.CLARIFICATION_REQUESTED}), S.SCREENING, _("Resume screening"), is_officer),
        # The focal point's answer is the transition's comment (stored on the open clarification).
        Transition(
            frozenset({S.CLARIFICATION_REQUESTED}),
            S.SCREENING,
            _("Answer the question"),
            is_requesting_focal_point,
            comment_required=True,
        ),
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
            frozenset({S.DRAFT, S.RECEIVED, S.SCREENING, S.CLARIFICATION_REQUESTED, S.SUBMITTED, S.DEFERRED}),
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


# --- Activities ---------------------------------------------------------------------------------

V = ActivityStatus


def has_an_expert_unless_replica(activity) -> str | None:
    """Confirmed needs an expert, except replica trainings, which newly trained local trainers give."""
    if activity.is_replica:
        return None
    if not activity.expert_assignments.exists():
        return str(_("Assign at least one expert before confirming the activity."))
    return None


def has_dates(activity) -> str | None:
    if activity.planned_start is None:
        return str(_("Give the planned start date first."))
    return None


def has_been_held(activity) -> str | None:
    """Held on a day that has come: its held-on date, or else its planned start."""
    day = activity.held_on or activity.planned_start
    if day is None:
        return str(_("Give the date the activity was held."))
    if day > datetime.date.today():
        return str(_("An activity cannot be held in the future (%(day)s).") % {"day": day.isoformat()})
    return None


def has_attendance_list(activity) -> str | None:
    if not activity.participations.exists():
        return str(_("Record the attendance list before reporting the activity."))
    return None


def fill_held_on(activity, previous_status: str) -> None:
    """on_enter hook: an activity marked held without a date was held on its planned start."""
    if activity.status == V.HELD and activity.held_on is None:
        activity.held_on = activity.planned_start


ACTIVITY_WORKFLOW = StateMachine(
    "status",
    [
        Transition(
            frozenset({V.PLANNED}),
            V.CONFIRMED,
            _("Confirm"),
            is_officer,
            guards=(has_dates, has_an_expert_unless_replica),
        ),
        Transition(frozenset({V.CONFIRMED}), V.PLANNED, _("Back to planning"), is_officer, is_return=True),
        Transition(frozenset({V.CONFIRMED}), V.HELD, _("Mark as held"), is_officer, guards=(has_been_held,)),
        Transition(
            frozenset({V.HELD}), V.REPORTED, _("Mark as reported"), is_officer, guards=(has_attendance_list,)
        ),
        Transition(frozenset({V.REPORTED}), V.CLOSED, _("Close"), is_officer),
        Transition(
            frozenset({V.PLANNED, V.CONFIRMED}), V.POSTPONED, _("Postpone"), is_officer, comment_required=True
        ),
        Transition(frozenset({V.POSTPONED}), V.PLANNED, _("Plan again"), is_officer),
        Transition(
            frozenset({V.PLANNED, V.CONFIRMED, V.POSTPONED}),
            V.CANCELLED,
            _("Cancel"),
            is_officer,
            comment_required=True,
        ),
    ],
)


# --- Deliverables -------------------------------------------------------------------------------

D = DeliverableStatus


def has_adoption_details(deliverable) -> str | None:
    if not deliverable.adopting_body.strip() or deliverable.adopted_on is None:
        return str(_("Record the adopting body and the date of adoption first."))
    return None


DELIVERABLE_WORKFLOW = StateMachine(
    "status",
    [
        Transition(frozenset({D.DRAFT}), D.VALIDATED, _("Validate"), is_officer),
        Transition(frozenset({D.VALIDATED}), D.DRAFT, _("Back to draft"), is_officer, is_return=True),
        Transition(frozenset({D.VALIDATED}), D.HANDED_OVER, _("Hand over"), is_officer),
        Transition(
            frozenset({D.HANDED_OVER}),
            D.ADOPTED,
            _("Record the adoption"),
            is_officer,
            guards=(has_adoption_details,),
        ),
    ],
)


# --- Entered actuals of indicators --------------------------------------------------------------

P = PeriodStatus


def is_entered(period) -> str | None:
    if period.indicator.is_computed:
        return str(_("This actual is computed from the data; it needs no approval."))
    return None


def has_actual(period) -> str | None:
    if period.actual is None:
        return str(_("Enter the actual before submitting it."))
    return None


PERIOD_WORKFLOW = StateMachine(
    "status",
    [
        Transition(
            frozenset({P.DRAFT, P.RETURNED}),
            P.SUBMITTED,
            _("Submit for approval"),
            is_officer,
            guards=(is_entered, has_actual),
        ),
        Transition(
            frozenset({P.SUBMITTED}), P.APPROVED, _("Approve"), can_approve_period, guards=(is_entered,)
        ),
        Transition(
            frozenset({P.SUBMITTED}),
            P.RETURNED,
            _("Return with a comment"),
            can_approve_period,
            comment_required=True,
            guards=(is_entered,),
        ),
    ],
)


def remember_submitter(actor):
    """on_enter hook factory: who submitted an actual, so that someone else approves it."""

    def hook(period, previous_status: str) -> None:
        if period.status == P.SUBMITTED:
            period.submitted_by = actor

    return hook


# --- Holistic coordination matrix ---------------------------------------------------------------

C = CoordinationStatus


def names_who_signs(cell) -> str | None:
    if cell.signed_off_by_id is None:
        return str(_("Name the person who signs off first."))
    return None


def stamp_sign_off(cell, previous_status: str) -> None:
    """on_enter hook: a sign-off is dated today unless the date it was given (on paper, at a
    meeting) was recorded beforehand; reopening a signed-off cell clears the date."""
    if cell.status == C.SIGNED_OFF and cell.signed_off_on is None:
        cell.signed_off_on = datetime.date.today()
    elif previous_status == C.SIGNED_OFF:
        cell.signed_off_on = None


COORDINATION_WORKFLOW = StateMachine(
    "status",
    [
        Transition(frozenset({C.PLANNED}), C.ENGAGED, _("Mark as engaged"), is_officer),
        Transition(frozenset({C.ENGAGED}), C.PLANNED, _("Back to planned"), is_officer, is_return=True),
        Transition(
            frozenset({C.ENGAGED}), C.SIGNED_OFF, _("Sign off"), can_sign_off_cell, guards=(names_who_signs,)
        ),
        Transition(frozenset({C.SIGNED_OFF}), C.ENGAGED, _("Reopen"), is_officer, is_return=True),
    ],
)
