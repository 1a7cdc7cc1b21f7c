"""Who may nominate officials for certification and move enrolments on (reading: querysets.py).

- The HR and training-unit officers of an institution nominate its officials (and may withdraw a
  nomination they or a colleague made); programme officers may nominate on their behalf.
- Programme officers accept (enrol) or decline a nomination.
- Focal points and officials do not nominate.
- Programme officers move candidates along their path, record assessments and replica sessions.
- The panel decision (certified or not) and the credential services (suspend, revoke, renew, bulk
  issue) belong to programme managers.
- The HR department and training unit sign the steps off for their institution; the training unit
  keeps the curriculum and learning records, HR records career steps.
"""

from __future__ import annotations

from mieux.permissions import Policy
from mieux.roles import MANAGER_ROLES, STAFF_ROLES, Role
from partners.permissions import own_institution_id

NOMINATORS = frozenset({Role.HR_OFFICER, Role.TRAINING_OFFICER})


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_programme_officer(user, obj=None) -> bool:
    return _active(user) and user.role in STAFF_ROLES


def is_programme_manager(user, obj=None) -> bool:
    return _active(user) and user.role in MANAGER_ROLES


def _of_own_institution(user, institution_id) -> bool:
    return institution_id is not None and institution_id == own_institution_id(user)


def can_sign_off(user, enrolment) -> bool:
    """The HR or training-unit officer of the candidate's institution."""
    return _active(user) and user.role in NOMINATORS and _of_own_institution(user, enrolment.institution_id)


def sign_off_unit_of(user) -> str | None:
    from .choices import SignOffUnit

    return {Role.HR_OFFICER: SignOffUnit.HR, Role.TRAINING_OFFICER: SignOffUnit.TRAINING_UNIT}.get(
        getattr(user, "role", None)
    )


def can_keep_curriculum(user, institution_id=None) -> bool:
    """The training unit keeps its institution's curriculum and learning records (staff may help)."""
    if is_programme_officer(user):
        return True
    if not (_active(user) and user.role == Role.TRAINING_OFFICER):
        return False
    return institution_id is None or _of_own_institution(user, institution_id)


def can_record_learning(user, institution_id=None) -> bool:
    """Learning records: the training unit and HR of the institution, and programme staff."""
    if is_programme_officer(user):
        return True
    if not (_active(user) and user.role in NOMINATORS):
        return False
    return institution_id is None or _of_own_institution(user, institution_id)


def can_record_career_step(user, institution_id=None) -> bool:
    """HR records what a certification changes in an official's career."""
    if is_programme_officer(user):
        return True
    if not (_active(user) and user.role == Role.HR_OFFICER):
        return False
    return institution_id is None or _of_own_institution(user, institution_id)


def can_record_replica_session(user, institution_id=None) -> bool:
    """Programme staff, and the institution's training unit for sessions in its own offer."""
    return can_keep_curriculum(user, institution_id)


def can_nominate(user, person=None) -> bool:
    """HR and training-unit officers nominate officials of their own institution."""
    if is_programme_officer(user):
        return True
    if not (_active(user) and user.role in NOMINATORS):
        return False
    return person is None or person.institution_id == own_institution_id(user)


def can_withdraw_nomination(user, enrolment) -> bool:
    return is_programme_officer(user) or (
        _active(user) and user.role in NOMINATORS and enrolment.institution_id == own_institution_id(user)
    )


class ProgrammePolicy(Policy):
    """Programme staff set up certification programmes; partners read those of their Actions."""

    def can_create(self, user) -> bool:
        return is_programme_officer(user)

    def can_change(self, user, obj) -> bool:
        return is_programme_officer(user)

    def can_delete(self, user, obj) -> bool:
        return is_programme_officer(user)


class EnrolmentPolicy(Policy):
    """HR and training-unit officers (and programme staff) nominate; nothing is edited or deleted:
    an enrolment moves on through its transitions."""

    def can_create(self, user) -> bool:
        return can_nominate(user)


programme_policy = ProgrammePolicy()
enrolment_policy = EnrolmentPolicy()


# --- Policies of the other certification resources (API and pages) ---


class _PredicatePolicy(Policy):
    """A policy from one permission predicate `(user, institution_id=None)`: creating asks about the
    role, changing and deleting about the object's institution."""

    predicate = None
    institution_of = staticmethod(lambda obj: obj.institution_id)

    def can_create(self, user) -> bool:
        return type(self).predicate(user)

    def can_change(self, user, obj) -> bool:
        return type(self).predicate(user, self.institution_of(obj))

    def can_delete(self, user, obj) -> bool:
        return self.can_change(user, obj)


class CompetencyPolicy(ProgrammePolicy):
    """Programme staff keep a programme's competency framework, as they set up the programme."""


class CredentialPolicy(Policy):
    """Credentials are issued by the panel or a bulk job; programme managers suspend, reinstate,
    revoke and renew them."""

    def can_change(self, user, obj) -> bool:
        return is_programme_manager(user)


class BulkIssuePolicy(Policy):
    def can_create(self, user) -> bool:
        return is_programme_manager(user)


class ReplicaSessionPolicy(_PredicatePolicy):
    predicate = staticmethod(can_record_replica_session)


class CurriculumPolicy(_PredicatePolicy):
    predicate = staticmethod(can_keep_curriculum)


class CurriculumModulePolicy(_PredicatePolicy):
    predicate = staticmethod(can_keep_curriculum)
    institution_of = staticmethod(lambda module: module.curriculum.institution_id)


class LearningRecordPolicy(_PredicatePolicy):
    predicate = staticmethod(can_record_learning)


class CareerStepPolicy(_PredicatePolicy):
    predicate = staticmethod(can_record_career_step)
