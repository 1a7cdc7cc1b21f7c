"""The partner portal's own pages: the home page with what waits for the user, an official's
activities and questionnaires, their certification, an expert's missions, and the sign-off of a
coordination cell by the officer named responsible for it.

Reads go through the domain apps' querysets (`for_user`) and portal.selectors; writes through the
domain services, which check the rules again. Rows outside the user's scope are 404s; rows the user
sees but may not act on are 403s."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from actions import services as action_services
from actions.models import CoordinationCell, ExpertAssignment
from actions.permissions import is_named_signer
from actions.views.staff import error_text, form_errors_from
from certification.choices import CredentialStatus
from mieux.errors import ApplicationError
from mieux.errors import PermissionDenied as ServicePermissionDenied
from mieux.roles import Role

from . import selectors
from .forms import FollowUpForm, MissionReportForm, SatisfactionForm, SignOffForm


def is_portal_user(user) -> bool:
    """Partner users and experts have the portal as their home; staff and integrators do not."""
    return user.is_authenticated and (user.is_partner or user.role == Role.EXPERT)


class PortalView(LoginRequiredMixin, generic.TemplateView):
    """A portal page: for partner users and experts; staff are sent to their own home page."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_portal_user(request.user):
            return redirect("home")
        return super().dispatch(request, *args, **kwargs)


# --- Home -------------------------------------------------------------------------------------


class HomeView(PortalView):
    """The institution at a glance, its requests and Actions, and what waits for this user; for an
    expert, their missions."""

    def get_template_names(self):
        if self.request.user.role == Role.EXPERT:
            return ["portal/expert_home.html"]
        return ["portal/home.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        home = selectors.portal_home(user)
        context.update(
            title=_("Home"),
            home=home,
            tasks=home.tasks,
            institution=home.institution,
            today=timezone.localdate(),
            sees_requests=user.role in {Role.FOCAL_POINT, Role.HR_OFFICER, Role.TRAINING_OFFICER},
            can_draft_requests=user.role == Role.FOCAL_POINT,
        )
        if user.role == Role.EXPERT:
            context.update(self.mission_context(home))
        return context

    def mission_context(self, home) -> dict:
        return {
            "upcoming": home.assignments_upcoming,
            "past": home.assignments_past,
            "mission_groups": [
                {
                    "key": "upcoming",
                    "title": _("Coming missions"),
                    "rows": home.assignments_upcoming,
                    "empty": _("No mission planned for you at the moment."),
                },
                {
                    "key": "past",
                    "title": _("Past missions"),
                    "rows": home.assignments_past,
                    "empty": _("No past mission yet."),
                },
            ],
            "failed_upload": getattr(self, "failed_upload", None),
        }


# --- Experts: missions and their reports ------------------------------------------------------


class MissionsView(HomeView):
    """An expert's assignments, coming and past, with the mission report of each (experts only)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.role != Role.EXPERT:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Your missions")
        return context


class MissionReportUploadView(MissionsView):
    """POST a mission report for one of the expert's own assignments; another expert's is a 404.
    With errors, the missions page again with the errors under that assignment's form."""

    http_method_names = ["post"]

    def post(self, request, pk):
        assignment = get_object_or_404(
            ExpertAssignment.objects.for_user(request.user)
            .filter(expert__person__user=request.user)
            .select_related("activity__action", "expert__person"),
            pk=pk,
        )
        form = MissionReportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                action_services.expert_assignment_update(
                    assignment, actor=request.user, mission_report=form.cleaned_data["mission_report"]
                )
            except ServicePermissionDenied as error:
                raise PermissionDenied(error.message) from error
            except ApplicationError as error:
                form_errors_from(form, error)
            else:
                messages.success(
                    request,
                    _("Your mission report for “%(activity)s” was saved.")
                    % {"activity": assignment.activity},
                )
                return HttpResponseRedirect(reverse("portal:missions") + f"#mission-{assignment.pk}")
        self.failed_upload = {"pk": assignment.pk, "form": form}
        return self.render_to_response(self.get_context_data())


# --- Officials: their activities, questionnaires and certification ----------------------------


class PartnerPortalView(PortalView):
    """Pages about a partner user's own attendances and enrolments (not experts')."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.role == Role.EXPERT:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class MyActivitiesView(PartnerPortalView):
    """The activities the user attended: attendance, test scores and the questionnaires."""

    template_name = "portal/my_activities.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        rows = [
            {"participation": participation, **selectors.questionnaire_state(participation, today)}
            for participation in selectors.own_participations(self.request.user)
        ]
        context.update(title=_("Your activities"), rows=rows)
        return context


class QuestionnaireView(PartnerPortalView):
    """The satisfaction and follow-up questionnaires of one of the user's own participations. Only
    the participant sees them: anyone else's participation is a 404."""

    template_name = "portal/questionnaire.html"
    forms = {"satisfaction": SatisfactionForm, "follow_up": FollowUpForm}

    def get_participation(self):
        return get_object_or_404(selectors.own_participations(self.request.user), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.participation = self.get_participation()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        participation = self.participation
        state = selectors.questionnaire_state(participation, timezone.localdate())
        context.setdefault(
            "satisfaction_form",
            SatisfactionForm(prefix="satisfaction", initial={"satisfaction": participation.satisfaction}),
        )
        context.setdefault(
            "follow_up_form",
            FollowUpForm(
                prefix="follow_up",
                initial={
                    "follow_up_answer": participation.follow_up_answer,
                    "follow_up_comment": participation.follow_up_comment,
                },
            ),
        )
        context.update(
            title=_("Questionnaires"),
            participation=participation,
            activity=participation.activity,
            action=participation.activity.action,
            state=state,
        )
        return context

    def post(self, request, *args, **kwargs):
        self.participation = self.get_participation()
        which = request.POST.get("questionnaire")
        if which not in self.forms:
            messages.error(request, _("Choose which questionnaire you are answering."))
            return HttpResponseRedirect(request.path)
        form = self.forms[which](request.POST, prefix=which)
        if form.is_valid():
            try:
                action_services.participation_questionnaire_answer(
                    self.participation, actor=request.user, **form.service_data()
                )
            except ServicePermissionDenied as error:
                raise PermissionDenied(error.message) from error
            except ApplicationError as error:
                form_errors_from(form, error)
            else:
                messages.success(request, _("Thank you: your answers were saved."))
                return HttpResponseRedirect(reverse("portal:my_activities"))
        self.participation.refresh_from_db()
        return self.render_to_response(self.get_context_data(**{f"{which}_form": form}))


class MyCertificationView(PartnerPortalView):
    """The user's own enrolments on certification programmes: where each stands on the path, the
    programme's rules met or not with the figures behind them, the assessments, the institution's
    sign-offs, and the credentials with their downloads and verification page."""

    template_name = "portal/my_certification.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enrolments = selectors.own_certification(self.request.user)
        context.update(
            title=_("Your certification"),
            enrolments=enrolments,
            active_credentials=[
                credential
                for enrolment in enrolments
                for credential in enrolment.own_credentials
                if credential.status == CredentialStatus.ACTIVE
            ],
        )
        return context


# --- HR and training units: signing off a coordination cell -----------------------------------


class CellSignOffView(LoginRequiredMixin, generic.View):
    """POST: the HR or training-unit officer named responsible for a cell signs it off, with an
    optional note. Anyone else who sees the cell gets a 403; who does not see it, a 404."""

    http_method_names = ["post"]

    def post(self, request, pk):
        cell = get_object_or_404(
            CoordinationCell.objects.for_user(request.user).select_related("responsible", "action"), pk=pk
        )
        if not is_named_signer(request.user, cell):
            raise PermissionDenied
        form = SignOffForm(request.POST)
        if not form.is_valid():
            for field_errors in form.errors.values():
                for message in field_errors:
                    messages.error(request, message)
            return HttpResponseRedirect(cell.get_absolute_url())
        try:
            cell = action_services.coordination_cell_sign_off(
                cell, actor=request.user, note=form.cleaned_data["note"].strip()
            )
        except ServicePermissionDenied as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("You signed off “%(cell)s”.") % {"cell": cell})
        return HttpResponseRedirect(cell.get_absolute_url())
