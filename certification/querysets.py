"""Who sees which certification programmes and enrolments. The only place that decides it.

- Programme staff and integrators: everything.
- Partner users: the programmes of the Actions their institution takes part in; the enrolments of
  their institution's officials (focal point, HR and training-unit officers) or their own (an
  official).
- Experts: none yet (assessors come with the assessment steps).
"""

from __future__ import annotations

from django.apps import apps

from mieux.models import ScopedQuerySet
from mieux.roles import Role
from partners.querysets import own_institution_ids

INSTITUTION_READERS = frozenset({Role.FOCAL_POINT, Role.HR_OFFICER, Role.TRAINING_OFFICER})


class CertificationProgrammeQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.is_partner:
            taking_part = apps.get_model("actions", "ActionPartner").objects.filter(
                institution_id__in=own_institution_ids(user)
            )
            return self.filter(actions__in=taking_part.values("action_id")).distinct()
        return self.none()


class EnrolmentQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.role in INSTITUTION_READERS:
            return self.filter(institution_id__in=own_institution_ids(user))
        if user.role == Role.OFFICIAL:
            return self.filter(person__user=user)
        return self.none()
