"""The certification path for programme staff: the enrolment board by stage, the programme's
competency framework and enabling-environment evidence, assessments and replica sessions recorded on
an enrolment, and the files behind them.

Every row is found through `for_user` (another institution's row is a 404), every write goes through
certification.services (which re-checks the permission and audits), and a service's refusal comes
back as a form error."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import generic

from actions.choices import DOCUMENT_CONTENT_TYPES
from actions.views.staff import form_errors_from
from mieux.downloads import stored_file_response
from mieux.errors import ApplicationError
from mieux.errors import PermissionDenied as ServicePermissionDenied
from mieux.views import ScopedDetailView

from .. import selectors, services
from ..forms.path import AssessmentForm, CompetencyForm, RecognitionForm, ReplicaSessionForm
from ..models import Assessment, CertificationProgramme, Competency, Enrolment, RecognitionEvidence
from ..permissions import can_record_replica_session, is_programme_officer
from ..querysets import INSTITUTION_READERS
from .programmes import ProgrammeViews

# --- The board ------------------------------------------------------------------------------------


class ProgrammeBoardView(ProgrammeViews, ScopedDetailView):
    """The programme's candidates by stage, each card with how many of the five rules it meets
    (computed in SQL for the whole board). Partners see their institution's candidates only."""

    template_name = "certification/programme_board.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        board = selectors.programme_board(self.request.user, self.object)
        context.update(
            title=_("Board of %(programme)s") % {"programme": self.object},
            board=board,
            card_total=sum(len(column["cards"]) for column in board),
            rule_count=selectors.RULE_COUNT,
            sees_all=self.request.user.sees_whole_portfolio,
        )
        return context


# --- Forms on a parent's page ---------------------------------------------------------------------


class ParentFormView(LoginRequiredMixin, generic.FormView):
    """A form that records something under a parent row (a programme, an enrolment): the parent is
    found through `for_user` (404 otherwise), `permitted` says who may write (403 otherwise), the
    service saves, and the user goes back to the parent's page."""

    template_name = "certification/path_form.html"
    parent_model = None
    anchor = ""
    heading = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.parent = get_object_or_404(self.parent_queryset(), pk=kwargs["pk"])
        if not self.permitted(request.user, self.parent):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def parent_queryset(self):
        return self.parent_model.objects.for_user(self.request.user)

    def permitted(self, user, parent) -> bool:
        return is_programme_officer(user)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def call_service(self, form):  # pragma: no cover - each view says which service
        raise NotImplementedError

    def success_message(self, obj) -> str:
        return _("%(object)s was recorded.") % {"object": obj}

    def form_valid(self, form):
        try:
            obj = self.call_service(form)
        except ServicePermissionDenied as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message(obj))
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.parent.get_absolute_url() + (f"#{self.anchor}" if self.anchor else "")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(parent=self.parent, title=self.heading, cancel_url=self.get_success_url(), object=None)
        return context


class CompetencyCreateView(ParentFormView):
    parent_model = CertificationProgramme
    form_class = CompetencyForm
    anchor = "competencies"

    @property
    def heading(self):
        return _("New competency")

    def call_service(self, form):
        return services.competency_create(
            actor=self.request.user, programme=self.parent, **form.service_data()
        )

    def success_message(self, obj) -> str:
        return _("The competency “%(name)s” was added.") % {"name": obj}


class RecognitionCreateView(ParentFormView):
    parent_model = CertificationProgramme
    form_class = RecognitionForm
    anchor = "enabling-environment"

    @property
    def heading(self):
        return _("Record recognition of the scheme")

    def call_service(self, form):
        return services.recognition_record(
            actor=self.request.user, programme=self.parent, **form.service_data()
        )


class AssessmentCreateView(ParentFormView):
    """Programme staff record an assessment of a candidate between training and the panel."""

    parent_model = Enrolment
    form_class = AssessmentForm
    template_name = "certification/assessment_form.html"
    anchor = "assessments"

    @property
    def heading(self):
        return _("Record an assessment")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["enrolment"] = self.parent
        return kwargs

    def call_service(self, form):
        return services.assessment_record(
            actor=self.request.user, enrolment=self.parent, **form.service_data()
        )


class ReplicaSessionCreateView(ParentFormView):
    """Programme staff, or the candidate's institution's training unit, record a session the
    candidate delivered."""

    parent_model = Enrolment
    form_class = ReplicaSessionForm
    anchor = "replica-sessions"

    @property
    def heading(self):
        return _("Record a replica session")

    def permitted(self, user, parent) -> bool:
        return can_record_replica_session(user, parent.institution_id)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["enrolment"] = self.parent
        return kwargs

    def call_service(self, form):
        return services.replica_session_record(
            actor=self.request.user,
            trainer=self.parent.person,
            enrolment=self.parent,
            **form.service_data(),
        )


# --- Editing and deleting a programme's own rows --------------------------------------------------


def _competencies_for(user):
    return Competency.objects.filter(programme__in=CertificationProgramme.objects.for_user(user).values("pk"))


class CompetencyUpdateView(LoginRequiredMixin, generic.UpdateView):
    form_class = CompetencyForm
    template_name = "certification/path_form.html"

    def get_queryset(self):
        return _competencies_for(self.request.user).select_related("programme")

    def get_object(self, queryset=None):
        competency = super().get_object(queryset)
        if not is_programme_officer(self.request.user):
            raise PermissionDenied
        return competency

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_success_url(self):
        return self.object.programme.get_absolute_url() + "#competencies"

    def form_valid(self, form):
        fresh = get_object_or_404(self.get_queryset(), pk=self.object.pk)
        try:
            self.object = services.competency_update(fresh, actor=self.request.user, **form.service_data())
        except ServicePermissionDenied as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(object)s was saved.") % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            parent=self.object.programme,
            title=_("Edit %(object)s") % {"object": self.object},
            cancel_url=self.get_success_url(),
        )
        return context


class ProgrammeRowDeleteView(LoginRequiredMixin, generic.TemplateView):
    """GET asks for confirmation, POST deletes through the service and goes back to the programme."""

    template_name = "mieux/object_confirm_delete.html"
    anchor = ""

    def get_queryset(self):  # pragma: no cover - each view says which rows
        raise NotImplementedError

    def delete(self, obj):  # pragma: no cover
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        if not is_programme_officer(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def return_url(self) -> str:
        return self.object.programme.get_absolute_url() + f"#{self.anchor}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(object=self.object, cancel_url=self.return_url(), title=_("Delete"))
        return context

    def post(self, request, *args, **kwargs):
        name = str(self.object)
        try:
            self.delete(self.object)
        except ServicePermissionDenied as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(object)s was deleted.") % {"object": name})
        return HttpResponseRedirect(self.return_url())


class CompetencyDeleteView(ProgrammeRowDeleteView):
    anchor = "competencies"

    def get_queryset(self):
        return _competencies_for(self.request.user).select_related("programme")

    def delete(self, obj):
        services.competency_delete(obj, actor=self.request.user)


class RecognitionDeleteView(ProgrammeRowDeleteView):
    anchor = "enabling-environment"

    def get_queryset(self):
        return RecognitionEvidence.objects.for_user(self.request.user).select_related("programme")

    def delete(self, obj):
        services.recognition_delete(obj, actor=self.request.user)


# --- Files ----------------------------------------------------------------------------------------


def reads_assessment_evidence(user) -> bool:
    """Programme staff and the candidate's institution's readers (focal point, HR, training unit);
    the rows themselves are scoped by `for_user`."""
    return is_programme_officer(user) or user.role in INSTITUTION_READERS


class AssessmentEvidenceView(LoginRequiredMixin, generic.View):
    def get(self, request, pk):
        if not reads_assessment_evidence(request.user):
            raise Http404
        assessment = get_object_or_404(Assessment.objects.for_user(request.user), pk=pk)
        return stored_file_response(assessment.evidence, content_types=DOCUMENT_CONTENT_TYPES)


class RecognitionDocumentView(LoginRequiredMixin, generic.View):
    def get(self, request, pk):
        evidence = get_object_or_404(RecognitionEvidence.objects.for_user(request.user), pk=pk)
        return stored_file_response(evidence.document, content_types=DOCUMENT_CONTENT_TYPES)
