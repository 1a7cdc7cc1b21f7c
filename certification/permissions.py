"""Who may nominate officials for certification and move enrolments on (reading: querysets.py).

- The HR and training-unit officers of an institution nominate its officials (and may withdraw a
  nomination they or a colleague made); programme officers may nominate on their behalf.
- Programme officers accept (enrol) or decline a nomination.
- Focal points and officials do not nominate.
"""

from __future__ import annotations

from mieux.permissions import Policy
from mieux.roles import STAFF_ROLES, Role
from partners.permissions import own_institution_id

NOMINATORS = frozenset({Role.HR_OFFICER, Role.TRAINING_OFFICER})


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_programme_officer(user, obj=None) -> bool:
    return _active(user) and user.role in STAFF_ROLES


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
