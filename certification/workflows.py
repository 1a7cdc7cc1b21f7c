"""The enrolment state machine. This part covers nomination; the assessment steps extend it."""

from django.utils.translation import gettext_lazy as _

from mieux.state_machine import StateMachine, Transition

from .choices import EnrolmentStatus
from .permissions import can_withdraw_nomination, is_programme_officer

E = EnrolmentStatus

ENROLMENT_WORKFLOW = StateMachine(
    "status",
    [
        Transition(frozenset({E.NOMINATED}), E.ENROLLED, _("Enrol"), is_programme_officer),
        Transition(
            frozenset({E.NOMINATED}),
            E.DECLINED,
            _("Decline the nomination"),
            is_programme_officer,
            comment_required=True,
        ),
        Transition(
            frozenset({E.NOMINATED, E.ENROLLED}),
            E.WITHDRAWN,
            _("Withdraw"),
            can_withdraw_nomination,
            comment_required=True,
        ),
    ],
)
