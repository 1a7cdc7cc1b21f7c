"""Who sees which certification rows. The only place that decides it.

- Programme staff and integrators: everything.
- Partner users: the programmes of the Actions their institution takes part in (and their
  recognition evidence); their institution's enrolments, assessments, sign-offs, replica sessions,
  credentials, curriculum, learning records and career steps (focal point, HR and training-unit
  officers), or only their own (an official, who also reads the institution's curriculum).
- Experts: none.
- Bulk issues are programme staff's work: nobody else sees them.
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


class _InstitutionOrOwnQuerySet(ScopedQuerySet):
    """Rows of an institution's officials: the institution's readers see the institution's, an
    official their own (through `person_path`)."""

    institution_path = "institution_id"
    person_path = "person__user"

    def scoped_for(self, user):
        if user.role in INSTITUTION_READERS:
            return self.filter(**{f"{self.institution_path}__in": own_institution_ids(user)})
        if user.role == Role.OFFICIAL:
            return self.filter(**{self.person_path: user})
        return self.none()


class EnrolmentQuerySet(_InstitutionOrOwnQuerySet):
    def at_step(self, status):
        return self.filter(status=status)


class AssessmentQuerySet(_InstitutionOrOwnQuerySet):
    institution_path = "enrolment__institution_id"
    person_path = "enrolment__person__user"


class SignOffQuerySet(_InstitutionOrOwnQuerySet):
    institution_path = "enrolment__institution_id"
    person_path = "enrolment__person__user"


class ReplicaSessionQuerySet(_InstitutionOrOwnQuerySet):
    person_path = "trainer__user"


class CredentialQuerySet(_InstitutionOrOwnQuerySet):
    def active(self):
        from .choices import CredentialStatus

        return self.filter(status=CredentialStatus.ACTIVE)


class LearningRecordQuerySet(_InstitutionOrOwnQuerySet):
    pass


class CareerStepQuerySet(_InstitutionOrOwnQuerySet):
    pass


class BulkIssueQuerySet(ScopedQuerySet):
    pass


class RecognitionEvidenceQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        programmes = apps.get_model("certification", "CertificationProgramme").objects.scoped_for(user)
        return self.filter(programme_id__in=programmes.values("id"))


class CurriculumQuerySet(ScopedQuerySet):
    """The institution's curriculum: every partner user of the institution reads it (officials
    see what they can follow)."""

    institution_path = "institution_id"

    def scoped_for(self, user):
        if user.is_partner:
            return self.filter(**{f"{self.institution_path}__in": own_institution_ids(user)})
        return self.none()


class CurriculumModuleQuerySet(CurriculumQuerySet):
    institution_path = "curriculum__institution_id"
