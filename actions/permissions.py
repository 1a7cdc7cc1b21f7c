"""Who may write requests, meetings, decisions, Actions and code lists (reading: querysets.py).

- Programme officers register requests, screen them and run Actions day to day.
- Programme managers (and administrators) also record Steering Committee meetings and decisions,
  create Actions directly (historical MIEUX I–III Actions have no request record), close, suspend
  and cancel Actions, and edit the code lists.
- Integrators write like officers through the API (unless their token is read-only).
- A partner's focal point drafts its institution's requests in the portal, edits them while they
  are drafts, sends them, answers the programme's clarification questions and may withdraw a request
  before a decision.
- HR and training-unit officers sign off the coordination-matrix cells they are named responsible
  for; participants answer the questionnaires of the activities they attended; experts upload the
  mission reports of their own assignments.
- Activities, expert assignments, participations, deliverables, results and the coordination matrix
  are recorded by officers; entered actuals are approved by a manager other than the submitter.
"""

from __future__ import annotations

from mieux.permissions import Policy
from mieux.roles import MANAGER_ROLES, STAFF_ROLES, Role

OFFICERS = STAFF_ROLES | {Role.INTEGRATOR}


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_officer(user, obj=None) -> bool:
    return _active(user) and user.role in OFFICERS


def is_manager(user, obj=None) -> bool:
    return _active(user) and user.role in MANAGER_ROLES


def is_requesting_focal_point(user, request) -> bool:
    if not (_active(user) and user.role == Role.FOCAL_POINT):
        return False
    person = getattr(user, "person", None)
    return person is not None and request.requesters.filter(institution_id=person.institution_id).exists()


def can_withdraw(user, request) -> bool:
    return is_officer(user) or is_requesting_focal_point(user, request)


def is_draft(request) -> bool:
    return request is not None and request.status == "draft"


def can_add_request_files(user, request) -> bool:
    """Officers add files until a decision; the focal point while writing the draft and when
    answering a clarification question."""
    if is_requesting_focal_point(user, request):
        return request.status in {"draft", "clarification_requested"}
    return is_officer(user) and not is_draft(request)


class OfficerPolicy(Policy):
    """Officers create and edit; managers delete."""

    def can_create(self, user) -> bool:
        return is_officer(user)

    def can_change(self, user, obj) -> bool:
        return is_officer(user)

    def can_delete(self, user, obj) -> bool:
        return is_manager(user)


class ManagerPolicy(Policy):
    def can_create(self, user) -> bool:
        return is_manager(user)

    def can_change(self, user, obj) -> bool:
        return is_manager(user)

    def can_delete(self, user, obj) -> bool:
        return is_manager(user)


class ActionPolicy(OfficerPolicy):
    """Actions are born from an approval; managers may also add one directly. None is ever deleted:
    an Action that will not happen is cancelled, so its history stays."""

    def can_create(self, user) -> bool:
        return is_manager(user)

    def can_delete(self, user, obj) -> bool:
        return False


class RequestPolicy(OfficerPolicy):
    """Officers register requests sent by e-mail or through a Delegation; a focal point drafts its
    own institution's requests in the portal. A draft is the institution's until it is sent."""

    def can_create(self, user) -> bool:
        return is_officer(user) or (_active(user) and user.role == Role.FOCAL_POINT)

    def can_change(self, user, obj) -> bool:
        if is_draft(obj):
            return is_requesting_focal_point(user, obj)
        return is_officer(user)


request_policy = RequestPolicy()
meeting_policy = ManagerPolicy()
action_policy = ActionPolicy()
code_list_policy = ManagerPolicy()
activity_policy = OfficerPolicy()
# What happens inside an Action (experts, participants, deliverables, results, coordination) is
# recorded by officers; managers may delete rows entered by mistake.
delivery_policy = OfficerPolicy()


def can_approve_period(user, period) -> bool:
    """Entered actuals are approved by a programme manager other than who submitted them (four eyes)."""
    if not is_manager(user):
        return False
    return period is None or period.submitted_by_id is None or period.submitted_by_id != user.pk


PARTNER_SIGNERS = frozenset({Role.HR_OFFICER, Role.TRAINING_OFFICER})


def is_named_signer(user, cell) -> bool:
    """The HR or training-unit officer named responsible for this cell, signing in the portal."""
    if not (_active(user) and user.role in PARTNER_SIGNERS and cell is not None and cell.responsible_id):
        return False
    return cell.responsible.user_id == user.pk


def can_sign_off_cell(user, cell) -> bool:
    """Officers record a sign-off given by the partner's named person (on paper, at a meeting); the
    named HR or training-unit officer signs off themself in the portal."""
    return is_officer(user) or is_named_signer(user, cell)


def can_answer_questionnaire(user, participation) -> bool:
    """Only the participant answers their own satisfaction and follow-up questionnaires."""
    return _active(user) and participation.person.user_id == user.pk


def can_upload_mission_report(user, assignment) -> bool:
    """Officers, or the expert of the assignment."""
    if is_officer(user):
        return True
    return _active(user) and user.role == Role.EXPERT and assignment.expert.person.user_id == user.pk
