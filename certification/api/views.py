"""API of certification programmes and enrolments (nominations of officials).

Every viewset reads through `for_user` (ScopedModelViewSet) and writes through
certification.services; an enrolment moves on through ENROLMENT_WORKFLOW (`{id}/transition/`).
"""

from __future__ import annotations

from mieux.api.views import ScopedModelViewSet, TransitionsMixin
from mieux.permissions import Policy

from .. import services
from ..filtersets import CertificationProgrammeFilterSet, EnrolmentFilterSet
from ..models import CertificationProgramme, Enrolment
from ..permissions import can_nominate, is_programme_officer
from ..workflows import ENROLMENT_WORKFLOW
from .serializers import CertificationProgrammeSerializer, EnrolmentSerializer


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


class CertificationProgrammeViewSet(ScopedModelViewSet):
    """Paths to a trainer or expert credential, run within holistic Actions."""

    model = CertificationProgramme
    queryset = CertificationProgramme.objects.none()
    serializer_class = CertificationProgrammeSerializer
    filterset_class = CertificationProgrammeFilterSet
    policy = ProgrammePolicy()
    prefetch_related = ("actions",)
    create_service = services.programme_create
    update_service = services.programme_update
    delete_service = services.programme_delete


class EnrolmentViewSet(TransitionsMixin, ScopedModelViewSet):
    """Officials nominated by their institution's HR or training unit, and where they stand.
    POST nominates (an official of your own institution, for a programme of an Action it takes part
    in); staff enrol or decline, the nominating unit may withdraw."""

    model = Enrolment
    queryset = Enrolment.objects.none()
    serializer_class = EnrolmentSerializer
    filterset_class = EnrolmentFilterSet
    policy = EnrolmentPolicy()
    select_related = ("person",)
    create_service = services.enrolment_nominate
    http_method_names = ["get", "post", "head", "options"]
    workflow = ENROLMENT_WORKFLOW
    transition_service = services.enrolment_transition
