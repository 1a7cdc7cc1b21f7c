from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from mieux.api.views import ScopedModelViewSet
from mieux.permissions import Policy

from .. import accounts, services
from ..filtersets import (
    CoordinationMechanismFilterSet,
    DepartmentFilterSet,
    ExpertFilterSet,
    InstitutionFilterSet,
    InvitationFilterSet,
    PersonFilterSet,
)
from ..models import CoordinationMechanism, Department, Expert, Institution, Invitation, Person
from ..permissions import (
    can_invite,
    department_policy,
    expert_policy,
    institution_policy,
    mechanism_policy,
    person_policy,
)
from .serializers import (
    CoordinationMechanismSerializer,
    DepartmentSerializer,
    ExpertSerializer,
    InstitutionSerializer,
    InvitationSerializer,
    PersonSerializer,
)


class InstitutionViewSet(ScopedModelViewSet):
    """Partner institutions, Member State administrations and international bodies."""

    model = Institution
    queryset = Institution.objects.none()
    serializer_class = InstitutionSerializer
    filterset_class = InstitutionFilterSet
    policy = institution_policy
    create_service = services.institution_create
    update_service = services.institution_update
    delete_service = services.institution_delete


class DepartmentViewSet(ScopedModelViewSet):
    """Departments and units of institutions (leadership, HR, training unit, thematic departments)."""

    model = Department
    queryset = Department.objects.none()
    serializer_class = DepartmentSerializer
    filterset_class = DepartmentFilterSet
    policy = department_policy
    create_service = services.department_create
    update_service = services.department_update
    delete_service = services.department_delete


class PersonViewSet(ScopedModelViewSet):
    """People: officials, contacts and experts (personal data, scoped to who needs it)."""

    model = Person
    queryset = Person.objects.none()
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    policy = person_policy
    create_service = services.person_create
    update_service = services.person_update
    delete_service = services.person_delete


class CoordinationMechanismViewSet(ScopedModelViewSet):
    """Inter-agency coordination mechanisms and their member institutions."""

    model = CoordinationMechanism
    queryset = CoordinationMechanism.objects.none()
    serializer_class = CoordinationMechanismSerializer
    filterset_class = CoordinationMechanismFilterSet
    policy = mechanism_policy
    prefetch_related = ("members",)
    create_service = services.mechanism_create
    update_service = services.mechanism_update
    delete_service = services.mechanism_delete


class ExpertViewSet(ScopedModelViewSet):
    """The expert roster."""

    model = Expert
    queryset = Expert.objects.none()
    serializer_class = ExpertSerializer
    filterset_class = ExpertFilterSet
    policy = expert_policy
    select_related = ("person",)
    create_service = services.expert_create
    update_service = services.expert_update
    delete_service = services.expert_delete


class InvitationPolicy(Policy):
    """Programme staff invite people to the portal and revoke invitations still waiting."""

    def can_create(self, user) -> bool:
        return can_invite(user)

    def can_change(self, user, obj) -> bool:
        return can_invite(user)


class InvitationViewSet(ScopedModelViewSet):
    """Invitations to the portal (programme staff only). POST sends one by e-mail: the link works
    once, until it expires; an earlier invitation still waiting for the same person is revoked.
    Integrators do not see or send them: an invitation opens an account, which is a decision for
    the programme team, and names people who have not yet agreed to use the platform."""

    model = Invitation
    queryset = Invitation.objects.none()
    serializer_class = InvitationSerializer
    filterset_class = InvitationFilterSet
    policy = InvitationPolicy()
    select_related = ("person",)
    create_service = accounts.invitation_send
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(
        request=None,
        responses={
            200: InvitationSerializer,
            409: OpenApiResponse(description=_("The invitation was accepted, revoked or has expired.")),
        },
        summary=_("Revoke an invitation still waiting"),
    )
    @action(detail=True, methods=["post"], url_path="revoke", filter_backends=[])
    def revoke(self, request, pk=None):
        invitation = accounts.invitation_revoke(self.get_object(), actor=request.user)
        return Response(self.get_serializer(invitation).data)
