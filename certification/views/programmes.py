"""Certification pages: the programmes a user may see, the nominations their institution's HR or
training unit makes, and each enrolment with its status changes. Visibility comes from `for_user`,
writes go through certification.services, status changes through ENROLMENT_WORKFLOW."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actions.models import Action
from actions.views.staff import TransitionView, form_errors_from, transition_panel, transition_timeline
from mieux.errors import ApplicationError
from mieux.errors import PermissionDenied as ServicePermissionDenied
from mieux.permissions import Policy
from mieux.views import Column, ScopedDetailView, ScopedListView, ServiceCreateView, ServiceUpdateView

from .. import selectors, services
from ..choices import LIVE_ENROLMENT_STATUSES, EnrolmentStatus, SignOffUnit
from ..eligibility import enrolment_eligibility
from ..filtersets import CertificationProgrammeFilterSet, EnrolmentFilterSet
from ..forms.path import AssessmentForm, RecognitionForm, ReplicaSessionForm
from ..forms.programmes import NominationForm, ProgrammeForm
from ..models import CertificationProgramme, Enrolment
from ..permissions import (
    can_nominate,
    can_record_replica_session,
    can_sign_off,
    is_programme_officer,
    programme_policy,
    sign_off_unit_of,
)
from ..querysets import INSTITUTION_READERS
from ..services import ASSESSABLE_STATUSES
from ..workflows import ENROLMENT_WORKFLOW


def _visible_actions(user):
    return Action.objects.for_user(user).order_by("code")


# --- Programmes -------------------------------------------------------------------------------


class ProgrammeViews:
    model = CertificationProgramme
    policy = programme_policy


class ProgrammeListView(ProgrammeViews, ScopedListView):
    template_name = "certification/programme_list.html"
    filterset_class = CertificationProgrammeFilterSet
    create_url_name = "certification:programme_create"
    hidden_filters = ("action",)
    columns = (
        Column("name", gettext_lazy("Programme"), sort="name", link=True),
        Column("get_kind_display", gettext_lazy("Credential")),
        Column("visible_actions", gettext_lazy("Actions")),
        Column("accepts_nominations", gettext_lazy("Open for nominations")),
    )

    def get_queryset(self):
        user = self.request.user
        return (
            super()
            .get_queryset()
            .prefetch_related(Prefetch("actions", queryset=_visible_actions(user), to_attr="visible_actions"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            title=_("Certification programmes"),
            own_enrolments=list(selectors.own_enrolments(user)[:20]),
            sees_enrolments=Enrolment.objects.for_user(user).exists() or is_programme_officer(user),
            nominates=can_nominate(user) and not is_programme_officer(user),
        )
        return context


class ProgrammeDetailView(ProgrammeViews, ScopedDetailView):
    template_name = "certification/programme_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        programme = self.object
        enrolments = selectors.programme_enrolments(user, programme)
        counts = dict(enrolments.order_by().values_list("status").annotate(n=Count("pk")))
        may_nominate = can_nominate(user) and programme.accepts_nominations
        if may_nominate and "nomination_form" not in context:
            context["nomination_form"] = NominationForm(user=user, programme=programme, prefix="nomination")
        staff = is_programme_officer(user)
        if staff and "recognition_form" not in context:
            context["recognition_form"] = RecognitionForm(user=user)
        context.update(
            title=str(programme),
            actions=_visible_actions(user).filter(certification_programmes=programme),
            competencies=selectors.programme_competencies(programme),
            mandatory_modules=programme.mandatory_activities.select_related("action").order_by(
                "action__code", "sequence", "id"
            ),
            levels=selectors.programme_levels(user, programme),
            is_staff=staff,
            enrolments=enrolments[:100],
            enrolment_total=sum(counts.values()),
            status_counts=[
                {"status": status, "label": label, "count": counts[status]}
                for status, label in EnrolmentStatus.choices
                if counts.get(status)
            ],
            may_nominate=may_nominate,
            sees_all=user.sees_whole_portfolio,
            enrolment_list_url=reverse("certification:enrolment_list") + f"?programme={programme.pk}",
        )
        return context


def nomination_errors(form, error: ApplicationError) -> None:
    """A refusal of the nomination service on the form: under the field it names when the form has
    it; otherwise (the programme closed meanwhile) its full sentence at the top."""
    if any(field in form.fields for field in error.fields):
        form_errors_from(form, error)
    else:
        form.add_error(None, error.message)


class NominateView(ProgrammeDetailView):
    """POST the nomination form of a programme's page: HR and training-unit officers (and programme
    staff on their behalf); 403 for everyone else who sees the programme, 404 for who does not."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not can_nominate(request.user):
            raise PermissionDenied
        form = NominationForm(request.POST, user=request.user, programme=self.object, prefix="nomination")
        if form.is_valid():
            try:
                enrolment = services.enrolment_nominate(
                    actor=request.user, programme=self.object, **form.service_data()
                )
            except ServicePermissionDenied as error:
                raise PermissionDenied(error.message) from error
            except ApplicationError as error:
                nomination_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(person)s was nominated for %(programme)s.")
                    % {"person": enrolment.person, "programme": self.object},
                )
                return HttpResponseRedirect(enrolment.get_absolute_url())
        return self.render_to_response(self.get_context_data(nomination_form=form))


class ProgrammeCreateView(ProgrammeViews, ServiceCreateView):
    form_class = ProgrammeForm
    template_name = "actions/object_form.html"
    create_service = services.programme_create

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("New certification programme")
        context["cancel_url"] = reverse("certification:programme_list")
        return context


class ProgrammeUpdateView(ProgrammeViews, ServiceUpdateView):
    form_class = ProgrammeForm
    template_name = "actions/object_form.html"
    update_service = services.programme_update


# --- Enrolments -------------------------------------------------------------------------------


class EnrolmentViews:
    model = Enrolment
    policy = Policy()  # enrolments are created by nomination and change only through transitions
    select_related = ("programme", "person", "institution", "nominated_by")


class EnrolmentListView(EnrolmentViews, ScopedListView):
    filterset_class = EnrolmentFilterSet
    hidden_filters = ("programme", "institution", "person")
    columns = (
        Column("person", gettext_lazy("Official"), link=True),
        Column("programme", gettext_lazy("Programme")),
        Column("institution.acronym", gettext_lazy("Institution")),
        Column("get_status_display", gettext_lazy("Status"), sort="status"),
        Column("nominated_on", gettext_lazy("Nominated on"), sort="nominated"),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Enrolments")
        return context


class EnrolmentDetailView(EnrolmentViews, ScopedDetailView):
    template_name = "certification/enrolment_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        enrolment = self.object
        staff = is_programme_officer(user)
        on_path = enrolment.status in ASSESSABLE_STATUSES
        competencies = {str(c.pk): c for c in selectors.programme_competencies(enrolment.programme)}
        assessments = list(selectors.enrolment_assessments(user, enrolment))
        for assessment in assessments:
            assessment.rubric_rows = [
                {"competency": competencies.get(str(key)), "key": key, "level": level}
                for key, level in (assessment.rubric or {}).items()
            ]
        sign_offs = list(selectors.enrolment_sign_offs(user, enrolment))
        unit = sign_off_unit_of(user)
        signs_off = (
            can_sign_off(user, enrolment)
            and enrolment.status in LIVE_ENROLMENT_STATUSES
            and enrolment.status != EnrolmentStatus.CERTIFIED
        )
        already_signed = any(row.step == enrolment.status and row.unit == unit for row in sign_offs)
        context.update(
            eligibility=enrolment_eligibility(enrolment),
            assessments=assessments,
            replica_sessions=selectors.enrolment_replica_sessions(user, enrolment),
            sign_offs=sign_offs,
            credentials=selectors.enrolment_credentials(user, enrolment),
            assessment_form=AssessmentForm(enrolment=enrolment, user=user) if staff and on_path else None,
            replica_form=(
                ReplicaSessionForm(enrolment=enrolment, user=user)
                if on_path and can_record_replica_session(user, enrolment.institution_id)
                else None
            ),
            reads_evidence=staff or user.role in INSTITUTION_READERS,
            sign_off_unit=SignOffUnit(unit).label if signs_off and unit else None,
            already_signed=already_signed,
            is_staff=staff,
            title=str(enrolment),
            transitions=transition_panel(ENROLMENT_WORKFLOW, enrolment, user),
            transition_url=reverse("certification:enrolment_transition", args=[enrolment.pk]),
            timeline=transition_timeline(enrolment, ENROLMENT_WORKFLOW, EnrolmentStatus.choices),
            is_own=enrolment.person.user_id == user.pk,
        )
        return context


class EnrolmentTransitionView(TransitionView):
    """Enrol or decline (programme staff), withdraw (the institution's HR or training unit)."""

    model = Enrolment
    machine = ENROLMENT_WORKFLOW

    def apply(self, obj, *, to, comment):
        return services.enrolment_transition(obj, actor=self.request.user, to=to, comment=comment)
