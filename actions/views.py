"""Staff pages of the programme: the request inbox, the Steering Committee, the portfolio of Actions
and the code lists. Visibility comes from `for_user`, writes go through actions.services, and status
changes through the state machines in workflows.py."""

from __future__ import annotations

import os

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from mieux.errors import ApplicationError, PreconditionFailed, PreconditionRequired
from mieux.errors import PermissionDenied as ServicePermissionDenied
from mieux.models import AuditAction, AuditEntry
from mieux.views import Column, ScopedDetailView, ScopedListView, ServiceCreateView, ServiceUpdateView
from partners.models import Person

from . import services
from .choices import ActionStatus, PartnerRole, RequesterRole, RequestStatus
from .filtersets import (
    ActionFilterSet,
    GlobalCompactObjectiveFilterSet,
    MeetingFilterSet,
    ProgrammePhaseFilterSet,
    PurposeCodeFilterSet,
    SupportRequestFilterSet,
    ThematicAreaFilterSet,
)
from .forms import (
    ActionCreateForm,
    ActionForm,
    ActivityForm,
    DecisionForm,
    GlobalCompactObjectiveForm,
    MeetingForm,
    ProgrammePhaseForm,
    PurposeCodeForm,
    SupportRequestForm,
    ThematicAreaForm,
    TransitionForm,
)
from .models import (
    Action,
    GlobalCompactObjective,
    ProgrammePhase,
    PurposeCode,
    RequestingInstitution,
    SteeringCommitteeMeeting,
    SupportRequest,
    ThematicArea,
)
from .permissions import action_policy, activity_policy, code_list_policy, meeting_policy, request_policy
from .workflows import ACTION_WORKFLOW, REQUEST_WORKFLOW

# Requests can be edited until they reach the Committee (actions.services.request_update says so too).
EDITABLE_REQUEST_STATUSES = frozenset(
    {RequestStatus.RECEIVED, RequestStatus.SCREENING, RequestStatus.CLARIFICATION_REQUESTED}
)

# An Action in one of these states that has held no activity is still waiting for its launch.
AWAITING_LAUNCH = (
    ActionStatus.APPROVED,
    ActionStatus.FORMULATION,
    ActionStatus.PLAN_AGREED,
    ActionStatus.IMPLEMENTATION,
)

IATI_STATUS_LABELS = {
    1: gettext_lazy("Pipeline/identification"),
    2: gettext_lazy("Implementation"),
    3: gettext_lazy("Finalisation"),
    4: gettext_lazy("Closed"),
    5: gettext_lazy("Cancelled"),
    6: gettext_lazy("Suspended"),
}


# --- Shared pieces --------------------------------------------------------------------------


def _own_institution_ids(user) -> set[int]:
    return set(Person.objects.filter(user=user).values_list("institution_id", flat=True))


# Steps that end or interrupt the work: shown apart from the steps forward.
STOPPING_STATUSES = frozenset({RequestStatus.WITHDRAWN, ActionStatus.SUSPENDED, ActionStatus.CANCELLED})
PARTNER_ROLE_ORDER = {role: index for index, role in enumerate(PartnerRole.values)}


def partners_in_role_order(links) -> list:
    """Lead beneficiary first, then co-beneficiaries and the others, as PartnerRole lists them."""
    return sorted(links, key=lambda link: (PARTNER_ROLE_ORDER.get(link.role, 99), str(link.institution)))


def transition_panel(machine, obj, user) -> list[dict]:
    """The transitions this user may make now; a guard that refuses shows its reason instead."""
    return [
        {
            "target": transition.target,
            "label": transition.label,
            "needs_comment": transition.needs_comment,
            "is_return": transition.is_return,
            "is_stop": transition.target in STOPPING_STATUSES,
            "refusal": transition.refusal(obj),
        }
        for transition in machine.available(obj, user)
    ]


def transition_timeline(obj, machine, status_choices) -> list[dict]:
    """The object's status changes, oldest first: from, to, who, when and the comment.

    Read straight from the audit trail rather than through AuditEntry.for_user (staff only): the
    calling view has already decided that this user may follow this object's progress."""
    labels = dict(status_choices)
    entries = (
        AuditEntry.objects.for_object(obj)
        .filter(action=AuditAction.TRANSITION)
        .select_related("actor")
        .order_by("created_at", "id")
    )
    timeline = []
    for entry in entries:
        before, after = (entry.changes.get("status") or [None, None])[:2]
        if after is None:
            continue
        is_return = any(
            t.is_return and t.target == after and before in t.sources for t in machine.transitions
        )
        timeline.append(
            {
                "when": entry.created_at,
                "who": str(entry.actor) if entry.actor else entry.actor_label,
                "from": labels.get(before, before),
                "to": labels.get(after, after),
                "to_value": after,
                "comment": entry.reason,
                "is_return": is_return,
            }
        )
    return timeline


def error_text(error: ApplicationError) -> str:
    """An application error as one sentence for a message: its message plus the field details."""
    parts = [error.message]
    for field, field_messages in error.fields.items():
        if field == "to":  # the reason is already the message
            continue
        parts.extend(str(message) for message in field_messages if str(message) != error.message)
    return " ".join(parts)


class StaleEditMixin:
    """An edit made on an outdated copy comes back as a form error telling the editor to reload,
    not as an error on the hidden version field."""

    def call_service(self, form):
        try:
            return super().call_service(form)
        except (PreconditionFailed, PreconditionRequired) as error:
            raise ApplicationError(error.message) from error


class TransitionView(LoginRequiredMixin, generic.View):
    """POST `to` and `comment`: applies the transition through the service, then back to the page
    with a message. Refusals (guard, missing comment) are messages; a forbidden role is a 403."""

    http_method_names = ["post"]
    model = None
    machine = None

    def apply(self, obj, *, to: str, comment: str):  # pragma: no cover - each view says which service
        raise NotImplementedError

    def post(self, request, pk):
        obj = get_object_or_404(self.model.objects.for_user(request.user), pk=pk)
        form = TransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a status change."))
            return HttpResponseRedirect(obj.get_absolute_url())
        to, comment = form.cleaned_data["to"], form.cleaned_data["comment"]
        transition = self.machine.find(obj, to)
        if transition is not None and not transition.internal and not transition.permitted(request.user, obj):
            raise PermissionDenied
        try:
            obj = self.apply(obj, to=to, comment=comment)
        except ServicePermissionDenied as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request, _("The status is now “%(status)s”.") % {"status": obj.get_status_display()}
            )
        return HttpResponseRedirect(obj.get_absolute_url())


# --- Requests -------------------------------------------------------------------------------


class RequestViews:
    model = SupportRequest
    policy = request_policy


class RequestListView(RequestViews, ScopedListView):
    template_name = "actions/request_list.html"
    filterset_class = SupportRequestFilterSet
    create_url_name = "actions:request_create"
    hidden_filters = ("institution",)
    columns = (
        Column("reference", gettext_lazy("Reference"), sort="reference", link=True),
        Column("title", gettext_lazy("Title")),
        Column("lead", gettext_lazy("Lead institution")),
        Column("get_status_display", gettext_lazy("Status"), sort="status"),
        Column("received_on", gettext_lazy("Received on"), sort="received"),
        Column("is_eligible", gettext_lazy("Eligible")),
    )

    def get_queryset(self):
        leads = RequestingInstitution.objects.filter(role=RequesterRole.LEAD).select_related("institution")
        return (
            super()
            .get_queryset()
            .prefetch_related(Prefetch("requesters", queryset=leads, to_attr="lead_links"))
        )


class RequestDetailView(RequestViews, ScopedDetailView):
    template_name = "actions/request_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        obj = self.object
        requesters = list(obj.requesters.select_related("institution").order_by("id"))
        requesters.sort(key=lambda link: link.role != RequesterRole.LEAD)
        follows = user.is_programme_staff or bool(
            _own_institution_ids(user) & {link.institution_id for link in requesters}
        )
        context.update(
            requesters=requesters,
            attachments=obj.attachments.all(),
            decisions=obj.decisions.select_related("meeting").order_by("meeting__held_on", "id"),
            action=Action.objects.for_user(user).filter(request=obj).first(),
            transitions=transition_panel(REQUEST_WORKFLOW, obj, user),
            transition_url=reverse("actions:request_transition", args=[obj.pk]),
            timeline=transition_timeline(obj, REQUEST_WORKFLOW, RequestStatus.choices) if follows else None,
            can_edit=context["can_change"] and obj.status in EDITABLE_REQUEST_STATUSES,
            sees_meetings=user.sees_whole_portfolio,
        )
        return context


class RequestCreateView(RequestViews, ServiceCreateView):
    form_class = SupportRequestForm
    template_name = "actions/object_form.html"

    def call_service(self, form):
        return services.request_create(
            actor=self.request.user, attachments=form.cleaned_data["attachments"], **form.service_data()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Register a request")
        context["cancel_url"] = reverse("actions:request_list")
        return context


class RequestUpdateView(RequestViews, StaleEditMixin, ServiceUpdateView):
    form_class = SupportRequestForm
    template_name = "actions/object_form.html"
    update_service = services.request_update

    def call_service(self, form):
        with transaction.atomic():
            request = super().call_service(form)
            for upload in form.cleaned_data["attachments"]:
                services.request_attachment_add(
                    request, actor=self.request.user, file=upload, title=upload.name
                )
        return request


class RequestTransitionView(TransitionView):
    model = SupportRequest
    machine = REQUEST_WORKFLOW

    def apply(self, obj, *, to, comment):
        return services.request_transition(obj, actor=self.request.user, to=to, comment=comment)


class AttachmentDownloadView(LoginRequiredMixin, generic.View):
    """Streams an attachment only to someone who may see its request; 404 for everyone else."""

    def get(self, request, pk, attachment_id):
        support_request = get_object_or_404(SupportRequest.objects.for_user(request.user), pk=pk)
        attachment = get_object_or_404(support_request.attachments.all(), pk=attachment_id)
        try:
            handle = attachment.file.open("rb")
        except (FileNotFoundError, ValueError) as error:
            raise Http404(_("The file is missing from storage.")) from error
        return FileResponse(handle, as_attachment=True, filename=os.path.basename(attachment.file.name))


# --- Steering Committee ---------------------------------------------------------------------


class MeetingViews:
    model = SteeringCommitteeMeeting
    policy = meeting_policy


class MeetingListView(MeetingViews, ScopedListView):
    template_name = "actions/meeting_list.html"
    filterset_class = MeetingFilterSet
    create_url_name = "actions:meeting_create"
    columns = (
        Column("held_on", gettext_lazy("Held on"), sort="held", link=True),
        Column("location", gettext_lazy("Location")),
        Column("member_count", gettext_lazy("Members present")),
        Column("decision_count", gettext_lazy("Decisions")),
    )

    def get_queryset(self):
        return super().get_queryset().annotate(decision_count=Count("decisions"))


class MeetingDetailView(MeetingViews, ScopedDetailView):
    template_name = "actions/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["decisions"] = self.object.decisions.select_related("request", "request__action").order_by(
            "id"
        )
        if context["can_change"] and "decision_form" not in context:
            context["decision_form"] = DecisionForm(user=user)
        return context


class MeetingDecisionView(MeetingDetailView):
    """The "record a decision" form of the meeting page (managers)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not meeting_policy.can_change(request.user, self.object):
            raise PermissionDenied
        form = DecisionForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                decision = services.steering_committee_decide(
                    actor=request.user, meeting=self.object, **form.service_data()
                )
            except ServicePermissionDenied as error:
                raise PermissionDenied(error.message) from error
            except ApplicationError as error:
                for field, field_messages in error.fields.items():
                    for message in field_messages:
                        form.add_error(field if field in form.fields else None, message)
                if not error.fields:
                    form.add_error(None, error.message)
            else:
                message = _("Decision recorded: %(decision)s.") % {"decision": decision}
                created = Action.objects.filter(request=decision.request).first()
                if created is not None:
                    message += " " + _("The Action %(action)s was created.") % {"action": created}
                messages.success(request, message)
                return HttpResponseRedirect(self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data(decision_form=form), status=200)


class MeetingCreateView(MeetingViews, ServiceCreateView):
    form_class = MeetingForm
    template_name = "actions/object_form.html"
    create_service = services.meeting_create


class MeetingUpdateView(MeetingViews, ServiceUpdateView):
    form_class = MeetingForm
    template_name = "actions/object_form.html"
    update_service = services.meeting_update


# --- Actions --------------------------------------------------------------------------------


class ActionViews:
    model = Action
    policy = action_policy
    select_related = ("phase", "officer")


class ActionListView(ActionViews, ScopedListView):
    template_name = "actions/action_list.html"
    filterset_class = ActionFilterSet
    create_url_name = "actions:action_create"
    hidden_filters = ("institution",)

    def get_hidden_filters(self):
        # Partners and experts have no use for the list of programme staff names.
        if self.request.user.sees_whole_portfolio:
            return self.hidden_filters
        return (*self.hidden_filters, "officer")

    columns = (
        Column("code", gettext_lazy("Code"), sort="code", link=True),
        Column("short_name", gettext_lazy("Short name"), sort="name"),
        Column("get_type_display", gettext_lazy("Type")),
        Column("get_status_display", gettext_lazy("Status"), sort="status"),
        Column("phase", gettext_lazy("Phase")),
        Column("countries", gettext_lazy("Countries")),
        Column("officer", gettext_lazy("Officer")),
        Column("approved_on", gettext_lazy("Approved on"), sort="approved"),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["awaiting_launch"] = AWAITING_LAUNCH
        return context


class ActionDetailView(ActionViews, ScopedDetailView):
    template_name = "actions/action_detail.html"
    select_related = ("phase", "officer", "thematic_area", "specific_area", "purpose_code", "predecessor")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        obj = self.object
        partners = partners_in_role_order(obj.partner_links.select_related("institution"))
        visible_actions = Action.objects.for_user(user)
        follows = user.is_programme_staff or bool(
            _own_institution_ids(user) & {link.institution_id for link in partners}
        )
        can_plan = activity_policy.can_create(user) and obj.status not in {
            ActionStatus.CLOSED,
            ActionStatus.CANCELLED,
        }
        if can_plan and "activity_form" not in context:
            context["activity_form"] = ActivityForm(prefix="activity")
        context.update(
            partners=partners,
            activities=obj.activities.all(),
            gcm_objectives=obj.gcm_objectives.all(),
            predecessor=visible_actions.filter(pk=obj.predecessor_id).first() if obj.predecessor_id else None,
            successors=visible_actions.filter(predecessor=obj).order_by("approved_on"),
            support_request=SupportRequest.objects.for_user(user).filter(pk=obj.request_id).first()
            if obj.request_id
            else None,
            iati_label=IATI_STATUS_LABELS.get(obj.iati_status, ""),
            transitions=transition_panel(ACTION_WORKFLOW, obj, user),
            transition_url=reverse("actions:action_transition", args=[obj.pk]),
            timeline=transition_timeline(obj, ACTION_WORKFLOW, ActionStatus.choices) if follows else None,
            can_plan=can_plan,
            overdue=obj.launch_overdue and not obj.launched_on and obj.status in AWAITING_LAUNCH,
            shows_officer=user.is_programme_staff or follows,
        )
        return context


class ActivityCreateView(ActionDetailView):
    """The "add activity" form of the Action page (officers)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not activity_policy.can_create(request.user):
            raise PermissionDenied
        form = ActivityForm(request.POST, prefix="activity")
        if form.is_valid():
            try:
                activity = services.activity_create(
                    actor=request.user, action=self.object, **form.service_data()
                )
            except ServicePermissionDenied as error:
                raise PermissionDenied(error.message) from error
            except ApplicationError as error:
                for field, field_messages in error.fields.items():
                    for message in field_messages:
                        form.add_error(field if field in form.fields else None, message)
                if not error.fields:
                    form.add_error(None, error.message)
            else:
                messages.success(request, _("Activity “%(activity)s” added.") % {"activity": activity})
                return HttpResponseRedirect(self.object.get_absolute_url() + "#activities")
        return self.render_to_response(self.get_context_data(activity_form=form))


class ActionCreateView(ActionViews, ServiceCreateView):
    form_class = ActionCreateForm
    template_name = "actions/object_form.html"
    create_service = services.action_create

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("actions:action_list")
        return context


class ActionUpdateView(ActionViews, StaleEditMixin, ServiceUpdateView):
    form_class = ActionForm
    template_name = "actions/object_form.html"
    update_service = services.action_update


class ActionTransitionView(TransitionView):
    model = Action
    machine = ACTION_WORKFLOW

    def apply(self, obj, *, to, comment):
        return services.action_transition(obj, actor=self.request.user, to=to, comment=comment)


# --- Code lists -----------------------------------------------------------------------------


class CodeListIndexView(LoginRequiredMixin, generic.TemplateView):
    template_name = "actions/code_lists.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["title"] = _("Code lists")
        context["lists"] = [
            {
                "title": model._meta.verbose_name_plural,
                "count": model.objects.for_user(user).count(),
                "url": f"actions:{name}_list",
                "description": description,
            }
            for model, name, description in CODE_LISTS
        ]
        return context


CODE_LISTS = (
    (
        ThematicArea,
        "thematic_area",
        gettext_lazy("IMT, LM, IP, MD, HO and the specific areas beneath them."),
    ),
    (GlobalCompactObjective, "gcm_objective", gettext_lazy("The 23 objectives of the Global Compact.")),
    (PurposeCode, "purpose_code", gettext_lazy("OECD-DAC purpose codes; 15190 is the default.")),
    (ProgrammePhase, "phase", gettext_lazy("MIEUX I, II, III and MIEUX+ with their dates.")),
)


class CodeListViews:
    policy = code_list_policy
    list_url_name = ""


class CodeListListView(CodeListViews, ScopedListView):
    template_name = "actions/code_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = code_list_policy.can_change(self.request.user, None)
        return context


class CodeListCreateView(CodeListViews, ServiceCreateView):
    template_name = "actions/object_form.html"

    def call_service(self, form):
        return services.code_list_create(self.model, actor=self.request.user, **form.service_data())

    def get_success_url(self):
        return reverse(self.list_url_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse(self.list_url_name)
        return context


class CodeListUpdateView(CodeListViews, ServiceUpdateView):
    template_name = "actions/object_form.html"
    update_service = services.code_list_update

    def get_success_url(self):
        return reverse(self.list_url_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse(self.list_url_name)
        return context


class ThematicAreaViews(CodeListViews):
    model = ThematicArea
    select_related = ("parent",)
    list_url_name = "actions:thematic_area_list"


class ThematicAreaListView(ThematicAreaViews, CodeListListView):
    filterset_class = ThematicAreaFilterSet
    create_url_name = "actions:thematic_area_create"
    hidden_filters = ("parent",)
    columns = (
        Column("code", gettext_lazy("Code"), sort="code", link=True),
        Column("name", gettext_lazy("Name")),
        Column("parent", gettext_lazy("Thematic area")),
        Column("is_active", gettext_lazy("In use")),
    )


class ThematicAreaCreateView(ThematicAreaViews, CodeListCreateView):
    form_class = ThematicAreaForm


class ThematicAreaUpdateView(ThematicAreaViews, CodeListUpdateView):
    form_class = ThematicAreaForm


class GlobalCompactObjectiveViews(CodeListViews):
    model = GlobalCompactObjective
    list_url_name = "actions:gcm_objective_list"


class GlobalCompactObjectiveListView(GlobalCompactObjectiveViews, CodeListListView):
    filterset_class = GlobalCompactObjectiveFilterSet
    create_url_name = "actions:gcm_objective_create"
    columns = (
        Column("number", gettext_lazy("Number"), sort="number", link=True),
        Column("title", gettext_lazy("Title")),
    )


class GlobalCompactObjectiveCreateView(GlobalCompactObjectiveViews, CodeListCreateView):
    form_class = GlobalCompactObjectiveForm


class GlobalCompactObjectiveUpdateView(GlobalCompactObjectiveViews, CodeListUpdateView):
    form_class = GlobalCompactObjectiveForm


class PurposeCodeViews(CodeListViews):
    model = PurposeCode
    list_url_name = "actions:purpose_code_list"


class PurposeCodeListView(PurposeCodeViews, CodeListListView):
    filterset_class = PurposeCodeFilterSet
    create_url_name = "actions:purpose_code_create"
    columns = (
        Column("code", gettext_lazy("Code"), sort="code", link=True),
        Column("name", gettext_lazy("Name")),
        Column("is_default", gettext_lazy("Default")),
    )


class PurposeCodeCreateView(PurposeCodeViews, CodeListCreateView):
    form_class = PurposeCodeForm


class PurposeCodeUpdateView(PurposeCodeViews, CodeListUpdateView):
    form_class = PurposeCodeForm


class ProgrammePhaseViews(CodeListViews):
    model = ProgrammePhase
    list_url_name = "actions:phase_list"


class ProgrammePhaseListView(ProgrammePhaseViews, CodeListListView):
    filterset_class = ProgrammePhaseFilterSet
    create_url_name = "actions:phase_create"
    columns = (
        Column("code", gettext_lazy("Code"), link=True),
        Column("name", gettext_lazy("Name")),
        Column("starts_on", gettext_lazy("Starts on"), sort="starts"),
        Column("ends_on", gettext_lazy("Ends on")),
    )


class ProgrammePhaseCreateView(ProgrammePhaseViews, CodeListCreateView):
    form_class = ProgrammePhaseForm


class ProgrammePhaseUpdateView(ProgrammePhaseViews, CodeListUpdateView):
    form_class = ProgrammePhaseForm
