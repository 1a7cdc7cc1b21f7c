"""The enrolment state machine: nomination, the certification path, the panel's decision.

Moving forward is guarded by the programme's rules (see eligibility.py), so a candidate reaches the
panel only with every rule met, and the panel certifies only with the institution's sign-off."""

from django.utils.translation import gettext_lazy as _

from mieux.state_machine import StateMachine, Transition

from .choices import EnrolmentStatus
from .permissions import can_withdraw_nomination, is_programme_manager, is_programme_officer

E = EnrolmentStatus


def _rules_unmet(*rule_keys):
    """A guard: refuses while any of the named eligibility rules is unmet, saying which."""

    def guard(enrolment):
        from .eligibility import enrolment_eligibility

        unmet = [
            rule for rule in enrolment_eligibility(enrolment).rules if rule.key in rule_keys and not rule.met
        ]
        if unmet:
            return _("Not yet: %(rules)s.") % {
                "rules": "; ".join(f"{rule.label} ({rule.figure})" for rule in unmet)
            }
        return None

    return guard


def _without_institution_sign_off(enrolment):
    from .choices import SignOffUnit

    if not enrolment.sign_offs.filter(step=E.PANEL_DECISION, unit__in=SignOffUnit.values).exists():
        return _("The institution's HR department or training unit has not signed off the panel step yet.")
    return None


BEFORE_PANEL = frozenset(
    {E.ENROLLED, E.IN_TRAINING, E.ASSESSMENT, E.SUPERVISED_PRACTICE, E.PORTFOLIO_REVIEW, E.PANEL_DECISION}
)

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
        Transition(frozenset({E.ENROLLED}), E.IN_TRAINING, _("Start training"), is_programme_officer),
        Transition(
            frozenset({E.IN_TRAINING}),
            E.ASSESSMENT,
            _("Move to assessment"),
            is_programme_officer,
            guards=(_rules_unmet("attendance"),),
        ),
        Transition(
            frozenset({E.ASSESSMENT}),
            E.SUPERVISED_PRACTICE,
            _("Move to supervised practice"),
            is_programme_officer,
            guards=(_rules_unmet("attendance", "knowledge_test", "practical"),),
        ),
        Transition(
            frozenset({E.SUPERVISED_PRACTICE}),
            E.PORTFOLIO_REVIEW,
            _("Move to portfolio review"),
            is_programme_officer,
            guards=(_rules_unmet("replica_sessions"),),
        ),
        Transition(
            frozenset({E.PORTFOLIO_REVIEW}),
            E.PANEL_DECISION,
            _("Refer to the panel"),
            is_programme_officer,
            guards=(
                _rules_unmet("attendance", "knowledge_test", "practical", "replica_sessions", "portfolio"),
            ),
        ),
        Transition(
            frozenset({E.PANEL_DECISION}),
            E.PORTFOLIO_REVIEW,
            _("Return for more evidence"),
            is_programme_officer,
            is_return=True,
        ),
        Transition(
            frozenset({E.PANEL_DECISION}),
            E.CERTIFIED,
            _("Certify"),
            is_programme_manager,
            guards=(
                _rules_unmet("attendance", "knowledge_test", "practical", "replica_sessions", "portfolio"),
                _without_institution_sign_off,
            ),
        ),
        Transition(
            frozenset({E.PANEL_DECISION}),
            E.NOT_CERTIFIED,
            _("Do not certify"),
            is_programme_manager,
            comment_required=True,
        ),
        Transition(
            frozenset({E.NOMINATED}) | (BEFORE_PANEL - {E.PANEL_DECISION}),
            E.WITHDRAWN,
            _("Withdraw"),
            can_withdraw_nomination,
            comment_required=True,
        ),
    ],
)
