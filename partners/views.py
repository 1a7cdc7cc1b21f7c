"""Staff pages of the partner registry: lists, detail pages with history, and forms."""

from django.utils.translation import gettext_lazy as _

from mieux.views import (
    Column,
    ScopedDetailView,
    ScopedListView,
    ServiceCreateView,
    ServiceDeleteView,
    ServiceUpdateView,
)

from . import services
from .filtersets import (
    CoordinationMechanismFilterSet,
    ExpertFilterSet,
    InstitutionFilterSet,
    PersonFilterSet,
)
from .forms import CoordinationMechanismForm, DepartmentForm, ExpertForm, InstitutionForm, PersonForm
from .models import CoordinationMechanism, Department, Expert, Institution, Person
from .permissions import department_policy, expert_policy, institution_policy, mechanism_policy, person_policy

# --- Institutions -------------------------------------------------------------------------------


class InstitutionViews:
    model = Institution
    policy = institution_policy


class InstitutionListView(InstitutionViews, ScopedListView):
    filterset_class = InstitutionFilterSet
    create_url_name = "partners:institution_create"
    hidden_filters = ("parent",)
    columns = (
        Column("name", _("Name"), sort="name", link=True),
        Column("acronym", _("Acronym"), sort="acronym"),
        Column("get_type_display", _("Type"), sort="type"),
        Column("country.name", _("Country"), sort="country"),
        Column("get_programme_region_display", _("Programme region")),
    )


class InstitutionDetailView(InstitutionViews, ScopedDetailView):
    template_name = "partners/institution_detail.html"
    select_related = ("parent",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        institution = self.object
        context["departments"] = Department.objects.for_user(user).filter(institution=institution)
        context["people"] = (
            Person.objects.for_user(user).filter(institution=institution).select_related("department")[:100]
        )
        context["children"] = Institution.objects.for_user(user).filter(parent=institution)
        context["mechanisms"] = CoordinationMechanism.objects.for_user(user).filter(members=institution)
        context["can_add_department"] = department_policy.can_create_in(user, institution)
        context["can_add_person"] = person_policy.can_create_in(user, institution)
        return context


class InstitutionCreateView(InstitutionViews, ServiceCreateView):
    form_class = InstitutionForm
    create_service = services.institution_create


class InstitutionUpdateView(InstitutionViews, ServiceUpdateView):
    form_class = InstitutionForm
    update_service = services.institution_update


class InstitutionDeleteView(InstitutionViews, ServiceDeleteView):
    delete_service = services.institution_delete
    success_url_name = "partners:institution_list"


# --- Departments --------------------------------------------------------------------------------


class DepartmentViews:
    model = Department
    policy = department_policy


class DepartmentCreateView(DepartmentViews, ServiceCreateView):
    form_class = DepartmentForm
    create_service = services.department_create

    def get_initial(self):
        return {"institution": self.request.GET.get("institution")}


class DepartmentUpdateView(DepartmentViews, ServiceUpdateView):
    form_class = DepartmentForm
    update_service = services.department_update


class DepartmentDeleteView(DepartmentViews, ServiceDeleteView):
    delete_service = services.department_delete
    success_url_name = "partners:institution_list"


# --- People -------------------------------------------------------------------------------------


class PersonViews:
    model = Person
    policy = person_policy
    select_related = ("institution", "department")


class PersonListView(PersonViews, ScopedListView):
    filterset_class = PersonFilterSet
    create_url_name = "partners:person_create"
    hidden_filters = ("institution",)
    columns = (
        Column("last_name", _("Last name"), sort="last_name", link=True),
        Column("first_name", _("First name"), sort="first_name"),
        Column("get_gender_display", _("Gender"), sort="gender"),
        Column("position", _("Position")),
        Column("institution", _("Institution")),
    )


class PersonDetailView(PersonViews, ScopedDetailView):
    template_name = "partners/person_detail.html"


class PersonCreateView(PersonViews, ServiceCreateView):
    form_class = PersonForm
    create_service = services.person_create

    def get_initial(self):
        return {"institution": self.request.GET.get("institution")}


class PersonUpdateView(PersonViews, ServiceUpdateView):
    form_class = PersonForm
    update_service = services.person_update


class PersonDeleteView(PersonViews, ServiceDeleteView):
    delete_service = services.person_delete
    success_url_name = "partners:person_list"


# --- Coordination mechanisms --------------------------------------------------------------------


class MechanismViews:
    model = CoordinationMechanism
    policy = mechanism_policy


class MechanismListView(MechanismViews, ScopedListView):
    filterset_class = CoordinationMechanismFilterSet
    create_url_name = "partners:mechanism_create"
    hidden_filters = ("member",)
    columns = (
        Column("name", _("Name"), sort="name", link=True),
        Column("country.name", _("Country"), sort="country"),
        Column("established_on", _("Established"), sort="established"),
    )


class MechanismDetailView(MechanismViews, ScopedDetailView):
    template_name = "partners/mechanism_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = Institution.objects.for_user(self.request.user).filter(
            coordination_mechanisms=self.object
        )
        return context


class MechanismCreateView(MechanismViews, ServiceCreateView):
    form_class = CoordinationMechanismForm
    create_service = services.mechanism_create


class MechanismUpdateView(MechanismViews, ServiceUpdateView):
    form_class = CoordinationMechanismForm
    update_service = services.mechanism_update


class MechanismDeleteView(MechanismViews, ServiceDeleteView):
    delete_service = services.mechanism_delete
    success_url_name = "partners:mechanism_list"


# --- Expert roster ------------------------------------------------------------------------------


class ExpertViews:
    model = Expert
    policy = expert_policy
    select_related = ("person", "person__institution", "nominating_focal_point")


class ExpertListView(ExpertViews, ScopedListView):
    filterset_class = ExpertFilterSet
    create_url_name = "partners:expert_create"
    hidden_filters = ("home_administration",)
    columns = (
        Column("person", _("Name"), sort="name", link=True),
        Column("person.institution", _("Home administration")),
        Column("member_state.name", _("Country"), sort="member_state"),
        Column("get_roster_status_display", _("Roster status"), sort="status"),
    )


class ExpertDetailView(ExpertViews, ScopedDetailView):
    template_name = "partners/expert_detail.html"


class ExpertCreateView(ExpertViews, ServiceCreateView):
    form_class = ExpertForm
    create_service = services.expert_create


class ExpertUpdateView(ExpertViews, ServiceUpdateView):
    form_class = ExpertForm
    update_service = services.expert_update


class ExpertDeleteView(ExpertViews, ServiceDeleteView):
    delete_service = services.expert_delete
    success_url_name = "partners:expert_list"
