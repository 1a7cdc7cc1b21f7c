"""Staff pages of the partner registry: lists, detail pages with history, and forms."""

import contextlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views import generic
from django.views.decorators.cache import never_cache

from mieux.errors import ApplicationError, Conflict
from mieux.errors import PermissionDenied as ServicePermissionDenied
from mieux.forms import add_service_errors
from mieux.services import user_deactivate, user_reactivate
from mieux.views import (
    Column,
    ScopedDetailView,
    ScopedListView,
    ServiceCreateView,
    ServiceDeleteView,
    ServiceUpdateView,
)

from . import accounts, services
from .filtersets import (
    CoordinationMechanismFilterSet,
    ExpertFilterSet,
    InstitutionFilterSet,
    InvitationFilterSet,
    PersonFilterSet,
)
from .forms import (
    AccountStatusForm,
    CoordinationMechanismForm,
    DepartmentForm,
    ExpertForm,
    InstitutionForm,
    InvitationAcceptForm,
    InvitationForm,
    PersonForm,
)
from .models import CoordinationMechanism, Department, Expert, Institution, Invitation, Person
from .permissions import (
    can_invite,
    can_manage_accounts,
    department_policy,
    expert_policy,
    institution_policy,
    mechanism_policy,
    person_policy,
)

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
    """A person's page; programme staff also see the "Portal account" panel: the account with
    deactivate/reactivate, or the latest invitation with invite and revoke."""

    template_name = "partners/person_detail.html"
    select_related = ("institution", "department", "user")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, person = self.request.user, self.object
        if can_manage_accounts(user):
            context["show_account_panel"] = True
            context["can_invite"] = can_invite(user)
            context["invitation_valid_days"] = settings.INVITATION_VALID_DAYS
            context["invitation"] = (
                Invitation.objects.for_user(user).filter(person=person).select_related("invited_by").first()
            )
            context.setdefault("invitation_form", InvitationForm(person=person))
            context.setdefault("account_form", AccountStatusForm())
        return context


class PersonAccountFormView(PersonDetailView):
    """A form of the person page's account panel: checks the permission, validates, calls the
    service, back to the page with a message; with errors, the page again with the form's errors."""

    http_method_names = ["post"]
    form_context_name = ""

    def allowed(self, user) -> bool:
        return can_manage_accounts(user)

    def build_form(self):  # pragma: no cover - each view says which form
        raise NotImplementedError

    def call_service(self, form) -> str:  # pragma: no cover - returns the success message
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()  # 404 for a person outside the user's scope
        if not self.allowed(request.user):
            raise PermissionDenied
        form = self.build_form()
        if form.is_valid():
            try:
                message = self.call_service(form)
            except ServicePermissionDenied as error:
                raise PermissionDenied(error.message) from error
            except ApplicationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, message)
                return HttpResponseRedirect(self.object.get_absolute_url() + "#portal-account")
        return self.render_to_response(self.get_context_data(**{self.form_context_name: form}))


class PersonInviteView(PersonAccountFormView):
    form_context_name = "invitation_form"

    def allowed(self, user) -> bool:
        return can_invite(user)

    def build_form(self):
        return InvitationForm(self.request.POST, person=self.object)

    def call_service(self, form) -> str:
        invitation = accounts.invitation_send(
            actor=self.request.user,
            person=self.object,
            role=form.cleaned_data["role"],
            language=form.cleaned_data["language"],
        )
        return _("An invitation was sent to %(email)s. Its link works until %(date)s.") % {
            "email": invitation.email,
            "date": date_format(timezone.localdate(invitation.expires_at), "DATE_FORMAT"),
        }


class PersonAccountStatusView(PersonAccountFormView):
    """Deactivate (`active = False`) or reactivate an account; deactivating ends its sessions."""

    form_context_name = "account_form"
    active = False

    def build_form(self):
        return AccountStatusForm(self.request.POST)

    def call_service(self, form) -> str:
        account = self.object.user
        if account is None:
            raise Http404
        reason = form.cleaned_data["reason"]
        if self.active:
            user_reactivate(account, actor=self.request.user, reason=reason)
            return _("The account of %(name)s can be used again.") % {"name": account}
        user_deactivate(account, actor=self.request.user, reason=reason)
        return _("The account of %(name)s is deactivated; its sessions have ended.") % {"name": account}


class InvitationRevokeView(LoginRequiredMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, pk):
        invitation = get_object_or_404(
            Invitation.objects.for_user(request.user).select_related("person"), pk=pk
        )
        if not can_invite(request.user):
            raise PermissionDenied
        try:
            accounts.invitation_revoke(invitation, actor=request.user)
        except ServicePermissionDenied as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The invitation to %(email)s was revoked: its link no longer works.")
                % {"email": invitation.email},
            )
        return HttpResponseRedirect(invitation.person.get_absolute_url() + "#portal-account")


class InvitationListView(ScopedListView):
    """Every invitation sent, newest first, for programme staff (others see an empty list)."""

    model = Invitation
    template_name = "partners/invitation_list.html"
    filterset_class = InvitationFilterSet
    select_related = ("person", "person__institution", "invited_by")
    hidden_filters = ("person", "institution")
    columns = (
        Column("person", _("Person"), link=True),
        Column("email", _("E-mail address")),
        Column("get_role_display", _("Role and language")),
        Column("get_status_display", _("Status")),
        Column("created_at", _("Sent")),
        Column("expires_at", _("Expires")),
    )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_invite(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class InvitationAcceptView(generic.View):
    """The page an invitation e-mail links to (`invitation_accept`, outside the partners namespace).

    Like Django's password reset, the link's secret does not stay in the address bar: GET of the
    link remembers the token in the session and redirects to `invitation/set-password/`, which
    shows who is invited and the form. That redirect is the only response at a live link; it
    carries `Referrer-Policy: no-referrer`. (The form page cannot: with that policy browsers send
    `Origin: null` with the form, which CSRF protection rightly refuses.) Nothing is cached.

    GET never uses the link up. POST opens the account (partners.accounts.invitation_accept) and
    signs the new user in. A link never issued gives a 404 page; one used, revoked or expired a 410
    page saying what to do."""

    template_name = "partners/invitation_accept.html"
    refused_template_name = "partners/invitation_refused.html"
    session_key = "partners:invitation_token"
    form_address = "set-password"  # stands in the address for the token kept in the session

    def token_of(self, token: str) -> str:
        return self.request.session.get(self.session_key, "") if token == self.form_address else token

    def get(self, request, token):
        invitation = accounts.invitation_for_token(self.token_of(token))
        if invitation is None or invitation.status != "pending":
            return self.refused(invitation)
        if token != self.form_address:
            request.session[self.session_key] = token
            response = redirect("invitation_accept", self.form_address)
            response["Referrer-Policy"] = "no-referrer"
            return response
        form = InvitationAcceptForm(initial={"full_name": str(invitation.person)})
        return self.page(invitation, form)

    def post(self, request, token):
        token = self.token_of(token)
        invitation = accounts.invitation_for_token(token)
        if invitation is None or invitation.status != "pending":
            return self.refused(invitation)
        form = InvitationAcceptForm(request.POST)
        if form.is_valid():
            try:
                account = accounts.invitation_accept(
                    token=token,
                    password=form.cleaned_data["password"],
                    full_name=form.cleaned_data["full_name"],
                )
            except Conflict as error:
                # Used, revoked or expired since the page was opened, or the person got an account.
                return self.refused(accounts.invitation_for_token(token), message=error.message)
            except ApplicationError as error:
                add_service_errors(form, error)
            else:
                request.session.pop(self.session_key, None)
                login(request, account, backend="django.contrib.auth.backends.ModelBackend")
                with translation.override(account.language):
                    messages.success(
                        request,
                        _("Welcome, %(name)s. Your account is ready; you are signed in.") % {"name": account},
                    )
                return redirect("home")
        return self.page(invitation, form)

    def page(self, invitation, form):
        with self.language_of(invitation):
            return render(self.request, self.template_name, {"invitation": invitation, "form": form})

    def refused(self, invitation, *, message: str = ""):
        status = 404 if invitation is None else 410 if invitation.status != "pending" else 409
        context = {
            "invitation": invitation,
            "state": invitation.status if invitation else "unknown",
            "message": message,
        }
        with self.language_of(invitation):
            return render(self.request, self.refused_template_name, context, status=status)

    def language_of(self, invitation):
        """The invitation's language (that of its e-mail), unless this browser chose one already."""
        if invitation is None or settings.LANGUAGE_COOKIE_NAME in self.request.COOKIES:
            return contextlib.nullcontext()
        return translation.override(invitation.language)


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
