from mieux.api.views import ScopedModelViewSet

from .. import services
from ..filtersets import (
    CoordinationMechanismFilterSet,
    DepartmentFilterSet,
    ExpertFilterSet,
    InstitutionFilterSet,
    PersonFilterSet,
)
from ..models import CoordinationMechanism, Department, Expert, Institution, Person
from ..permissions import (
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
