"""API of certification programmes and enrolments (nominations of officials).

Every viewset reads through `for_user` (ScopedModelViewSet) and writes through
certification.services; an enrolment moves on through ENROLMENT_WORKFLOW (`{id}/transition/`).
"""

from __future__ import annotations

from mieux.api.views import ScopedModelViewSet, TransitionsMixin

from .. import services
from ..filtersets import CertificationProgrammeFilterSet, EnrolmentFilterSet
from ..models import CertificationProgramme, Enrolment
from ..permissions import enrolment_policy, programme_policy
from ..workflows import ENROLMENT_WORKFLOW
from .serializers import CertificationProgrammeSerializer, EnrolmentSerializer


class CertificationProgrammeViewSet(ScopedModelViewSet):
    """Paths to a trainer or expert credential, run within holistic Actions."""

    model = CertificationProgramme
    queryset = CertificationProgramme.objects.none()
    serializer_class = CertificationProgrammeSerializer
    filterset_class = CertificationProgrammeFilterSet
    policy = programme_policy
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
    policy = enrolment_policy
    select_related = ("person",)
    create_service = services.enrolment_nominate
    http_method_names = ["get", "post", "head", "options"]
    workflow = ENROLMENT_WORKFLOW
    transition_service = services.enrolment_transition
