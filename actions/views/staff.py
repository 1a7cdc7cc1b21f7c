"""Staff pages of the programme: the request inbox, the Steering Committee, the portfolio of Actions
and the code lists. Visibility comes from `for_user`, writes go through actions.services, and status
changes through the state machines in workflows.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import generic

from mieux.downloads import stored_file_response
from mieux.errors import ApplicationError, PreconditionFailed, PreconditionRequired
from mieux.errors import PermissionDenied as ServicePermissionDenied
from mieux.models import AuditAction, AuditEntry
from mieux.renderers import FILTER_FORM_RENDERER
from mieux.roles import Role
from mieux.views import (
    BoundedPaginator,
    Column,
    ScopedDetailView,
    ScopedListView,
    ServiceCreateView,
    ServiceUpdateView,
)
from partners.choices import EU_MEMBER_STATES, Gender, InstitutionType
from partners.models import Person
from partners.services import request_eligibility

from .. import selectors, services
from ..choices import (
    DOCUMENT_CONTENT_TYPES,
    HELD_ACTIVITY_STATUSES,
    ActionStatus,
    ActionType,
    ActivityStatus,
    CoordinationActor,
    CoordinationStage,
    CoordinationStatus,
    DeliverableStatus,
    OecdLevel,
    PartnerRole,
    PeriodStatus,
    RequesterRole,
    RequestStatus,
)
from ..filtersets import (
    ActionFilterSet,
    GlobalCompactObjectiveFilterSet,
    MeetingFilterSet,
    ParticipationFilterSet,
    ProgrammePhaseFilterSet,
    PurposeCodeFilterSet,
    SupportRequestFilterSet,
    ThematicAreaFilterSet,
)
from ..forms import (
    ActionCreateForm,
    ActionForm,
    ActivityDocumentsForm,
    ActivityEditForm,
    ActivityForm,
    AttendanceForm,
    ClarificationAnswerForm,
    CoordinationCellForm,
    DecisionForm,
    DeliverableCreateForm,
    DeliverableForm,
    ExpertAssignmentForm,
    GlobalCompactObjectiveForm,
    IndicatorForm,
    IndicatorPeriodCreateForm,
    IndicatorPeriodForm,
    MeetingForm,
    MissionReportForm,
    ParticipationForm,
    ProgrammePhaseForm,
    PurposeCodeForm,
    ResultForm,
    SupportRequestForm,
    ThematicAreaForm,
    TransitionForm,
)
from ..models import (
    Action,
    Activity,
    AttendanceImport,
    CoordinationCell,
    Deliverable,
    ExpertAssignment,
    GlobalCompactObjective,
    Indicator,
    IndicatorPeriod,
    Participation,
    ProgrammePhase,
    PurposeCode,
    RequestingInstitution,
    Result,
    SteeringCommitteeMeeting,
    SupportRequest,
    ThematicArea,
)
from ..permissions import (
    action_policy,
    activity_policy,
    code_list_policy,
    delivery_policy,
    is_named_signer,
    is_officer,
    is_requesting_focal_point,
    meeting_policy,
    request_policy,
)
from ..services import FINISHED_ACTION_STATUSES
from ..workflows import (
    ACTION_WORKFLOW,
    ACTIVITY_WORKFLOW,
    COORDINATION_WORKFLOW,
    DELIVERABLE_WORKFLOW,
    PERIOD_WORKFLOW,
    REQUEST_WORKFLOW,
)

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
        transition = self.machine.find(obj, to, request.user)
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
        return HttpResponseRedirect(self.redirect_url(request, obj))

    def redirect_url(self, request, obj) -> str:
        """Back to the page the form was on (`next`, same site only), or else the object's page."""
        target = request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
        return obj.get_absolute_url()


# --- Requests -------------------------------------------------------------------------------


class RequestViews:
    model = SupportRequest
    policy = request_policy


class RequestListView(RequestViews, ScopedListView):
    """The programme's request inbox; for a partner user, its institution's requests (drafts
    included), with "New request" for the focal point."""

    template_name = "actions/request_list.html"
    filterset_class = SupportRequestFilterSet
    create_url_name = "actions:request_create"
    hidden_filters = ("institution",)
    # A partner's list is short and its own: the programme's sorting boxes are left out.
    partner_hidden_filters = ("institution", "channel", "country", "region", "requester_type", "eligible")
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

    def get_hidden_filters(self) -> tuple[str, ...]:
        if self.request.user.sees_whole_portfolio:
            return self.hidden_filters
        return self.partner_hidden_filters

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.request.user.sees_whole_portfolio:
            context["title"] = _("My institution's requests")
            context["create_url_name"] = "actions:request_draft_create"
            context["is_partner_list"] = True
        return context


class RequestDetailView(RequestViews, ScopedDetailView):
    """A request as staff screen it, and as its institution follows it: the status in words, the
    programme's questions and the institution's answers, and for the focal point the draft's next
    steps or the answer form. HR and training-unit officers read it only."""

    template_name = "actions/request_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        obj = self.object
        requesters = list(obj.requesters.select_related("institution").order_by("id"))
        requesters.sort(key=lambda link: link.role != RequesterRole.LEAD)
        own_ids = _own_institution_ids(user)
        follows = user.is_programme_staff or bool(own_ids & {link.institution_id for link in requesters})
        panel = transition_panel(REQUEST_WORKFLOW, obj, user)
        focal_point = is_requesting_focal_point(user, obj)
        answering = focal_point and obj.status == RequestStatus.CLARIFICATION_REQUESTED
        # Three steps have a form of their own on the page rather than a box in the panel: the
        # officer's question, the focal point's answer, and sending a draft (from its review page).
        ask = next((t for t in panel if t["target"] == RequestStatus.CLARIFICATION_REQUESTED), None)
        panel = [
            t
            for t in panel
            if t is not ask
            and not (answering and t["target"] == RequestStatus.SCREENING)
            and not (obj.is_draft and t["target"] == RequestStatus.RECEIVED)
        ]
        context.update(
            requesters=requesters,
            # Checked again for the page, so its reasons read in the viewer's language.
            eligibility=request_eligibility(institutions=[link.institution for link in requesters]),
            own_institution_ids=own_ids,
            attachments=obj.attachments.all(),
            clarifications=obj.clarifications.select_related("asked_by", "answered_by"),
            decisions=obj.decisions.select_related("meeting").order_by("meeting__held_on", "id"),
            action=Action.objects.for_user(user).filter(request=obj).first(),
            transitions=panel,
            ask_transition=ask,
            answer_form=kwargs.get("answer_form") or (ClarificationAnswerForm() if answering else None),
            transition_url=reverse("actions:request_transition", args=[obj.pk]),
            timeline=transition_timeline(obj, REQUEST_WORKFLOW, RequestStatus.choices) if follows else None,
            can_edit=context["can_change"] and obj.status in EDITABLE_REQUEST_STATUSES,
            can_edit_draft=obj.is_draft and context["can_change"],
            sees_meetings=user.sees_whole_portfolio,
            is_partner_view=not user.sees_whole_portfolio,
        )
        return context


class RequestCreateView(RequestViews, ServiceCreateView):
    """Officers register a request that came by letter, e-mail or an EU Delegation; a focal point is
    sent to the portal's guided form, which writes a draft."""

    form_class = SupportRequestForm
    template_name = "actions/object_form.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not is_officer(user) and self.policy.can_create(user):
            return HttpResponseRedirect(reverse("actions:request_draft_create"))
        return super().dispatch(request, *args, **kwargs)

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

    def dispatch(self, request, *args, **kwargs):
        # A draft is edited on the portal's guided form (only its institution sees it at all).
        if request.user.is_authenticated and self._is_draft(kwargs["pk"]):
            return HttpResponseRedirect(reverse("actions:request_draft_update", args=[kwargs["pk"]]))
        return super().dispatch(request, *args, **kwargs)

    def _is_draft(self, pk) -> bool:
        return self.get_queryset().filter(pk=pk, status=RequestStatus.DRAFT).exists()

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
        return stored_file_response(attachment.file)


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


ACTION_TABS = (
    ("overview", gettext_lazy("Overview")),
    ("activities", gettext_lazy("Activities")),
    ("experts", gettext_lazy("Experts")),
    ("participants", gettext_lazy("Participants")),
    ("deliverables", gettext_lazy("Deliverables")),
    ("results", gettext_lazy("Results")),
    ("coordination", gettext_lazy("Coordination")),
)
TAB_PAGE_SIZE = 50
# The participant filters the tab offers (the FilterSet has more, for the API).
PARTICIPANT_FILTERS = ("q", "gender", "institution_type", "type", "follow_up")


def form_errors_from(form, error: ApplicationError, renamed: dict[str, str] | None = None) -> None:
    """A service's refusal as form errors: under the field it names when the form shows that field,
    at the top of the form otherwise."""
    visible = {name for name, field in form.fields.items() if not field.widget.is_hidden}
    for field, field_messages in error.fields.items():
        field = (renamed or {}).get(field, field)
        for message in field_messages:
            form.add_error(field if field in visible else None, message)
    if not error.fields:
        form.add_error(None, error.message)


def _count_of(model, link: str):
    """How many `model` rows point at the outer row, as a subquery (no join, no GROUP BY of the list)."""
    rows = model.objects.filter(**{link: OuterRef("pk")}).order_by().values(link).annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), 0)


def _percent(part, whole) -> int:
    if not whole:
        return 0
    return max(0, min(100, round(100 * float(part) / float(whole))))


def _shares(counts: dict, labels: dict, total: int) -> list[dict]:
    return [
        {"label": labels.get(key, key), "count": count, "percent": _percent(count, total)}
        for key, count in sorted(counts.items(), key=lambda item: -item[1])
    ]


class ActionDetailView(ActionViews, ScopedDetailView):
    """The Action page: a tab bar of links (?tab=…); each tab is rendered on the server and queries
    only its own data, in a fixed number of queries whatever the Action's size."""

    template_name = "actions/action_detail.html"
    select_related = ("phase", "officer", "thematic_area", "specific_area", "purpose_code", "predecessor")
    # A form view that renders the page again with its errors says which tab holds the form.
    active_tab: str | None = None

    def tabs(self) -> list[tuple[str, str]]:
        return [
            (key, label)
            for key, label in ACTION_TABS
            if key != "coordination" or self.object.type == ActionType.HOLISTIC
        ]

    def current_tab(self) -> str:
        wanted = self.active_tab or self.request.GET.get("tab", "overview")
        return wanted if wanted in dict(self.tabs()) else "overview"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        obj = self.object
        partners = partners_in_role_order(obj.partner_links.select_related("institution"))
        own_institutions = set() if user.is_programme_staff else _own_institution_ids(user)
        partner_ids = {link.institution_id for link in partners}
        follows = user.is_programme_staff or bool(own_institutions & partner_ids)
        is_open = obj.status not in FINISHED_ACTION_STATUSES
        tab = self.current_tab()
        context.update(
            tab=tab,
            tabs=self.tabs(),
            partners=partners,
            follows=follows,
            # Partner users see the registry entry of their own institution only: no links to others.
            own_institution_ids=own_institutions,
            sees_registry=user.sees_whole_portfolio,
            sees_figures=user.sees_whole_portfolio or follows,
            participants_scope=participants_scope(user),
            is_open=is_open,
            can_record=delivery_policy.can_create(user) and is_open,
        )
        getattr(self, f"tab_{tab}")(context)
        return context

    # --- One method per tab ---

    def tab_overview(self, context) -> None:
        user = self.request.user
        obj = self.object
        visible_actions = Action.objects.for_user(user)
        counts = obj.activities.aggregate(
            total=Count("pk"), held=Count("pk", filter=Q(status__in=HELD_ACTIVITY_STATUSES))
        )
        context.update(
            gcm_objectives=obj.gcm_objectives.all(),
            predecessor=visible_actions.filter(pk=obj.predecessor_id).first() if obj.predecessor_id else None,
            successors=visible_actions.filter(predecessor=obj).order_by("approved_on"),
            support_request=SupportRequest.objects.for_user(user).filter(pk=obj.request_id).first()
            if obj.request_id
            else None,
            iati_label=IATI_STATUS_LABELS.get(obj.iati_status, ""),
            transitions=transition_panel(ACTION_WORKFLOW, obj, user),
            transition_url=reverse("actions:action_transition", args=[obj.pk]),
            timeline=transition_timeline(obj, ACTION_WORKFLOW, ActionStatus.choices)
            if context["follows"]
            else None,
            activity_counts=counts,
            overdue=obj.launch_overdue and not obj.launched_on and obj.status in AWAITING_LAUNCH,
            shows_officer=user.is_programme_staff or context["follows"],
        )

    def tab_activities(self, context) -> None:
        user = self.request.user
        activities = (
            Activity.objects.for_user(user)
            .filter(action=self.object)
            .annotate(
                expert_count=_count_of(ExpertAssignment, "activity"),
                participant_count=_count_of(Participation, "activity"),
            )
            .order_by("sequence")
        )
        page = Paginator(activities, TAB_PAGE_SIZE).get_page(self.request.GET.get("page"))
        can_plan = activity_policy.can_create(user) and context["is_open"]
        if can_plan and "activity_form" not in context:
            context["activity_form"] = ActivityForm(prefix="activity")
        context.update(page_obj=page, activities=page.object_list, can_plan=can_plan)
        context["query_without_page"] = "tab=activities"

    def tab_experts(self, context) -> None:
        assignments = (
            ExpertAssignment.objects.for_user(self.request.user)
            .filter(activity__action=self.object)
            .select_related("expert__person__institution", "activity")
            .order_by("activity__sequence", "id")
        )
        totals = assignments.aggregate(
            experts=Count("expert", distinct=True),
            days=Sum("days"),
            non_eu=Count(
                "expert", distinct=True, filter=~Q(expert__member_state__in=sorted(EU_MEMBER_STATES))
            ),
        )
        by_gender = {
            row["expert__person__gender"]: row["n"]
            for row in assignments.order_by()
            .values("expert__person__gender")
            .annotate(n=Count("expert", distinct=True))
        }
        page = Paginator(assignments, TAB_PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(
            page_obj=page,
            assignments=page.object_list,
            totals=totals,
            non_eu_percent=_percent(totals["non_eu"], totals["experts"]),
            experts_by_gender=_shares(by_gender, dict(Gender.choices), totals["experts"]),
            query_without_page="tab=experts",
        )

    def tab_participants(self, context) -> None:
        user = self.request.user
        if context["sees_figures"]:
            figures = selectors.action_participation_figures(self.object)
            breakdown = figures["breakdown"]
            context.update(
                figures=figures,
                by_sex=_shares(breakdown.get("sex", {}), dict(Gender.choices), figures["people"]),
                by_institution_type=_shares(
                    breakdown.get("institution_type", {}), dict(InstitutionType.choices), figures["people"]
                ),
            )
        participations = (
            Participation.objects.for_user(user)
            .filter(activity__action=self.object)
            .select_related("person", "institution", "activity")
        )
        filterset = ParticipationFilterSet(self.request.GET, queryset=participations, request=self.request)
        filterset.form.renderer = FILTER_FORM_RENDERER
        rows = filterset.qs if filterset.is_valid() else participations.none()
        if not rows.ordered:
            rows = rows.order_by("activity__sequence", "person__last_name", "id")
        # The one tab whose rows can number tens of thousands (a large Action, an unfiltered page).
        page = BoundedPaginator(rows, TAB_PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        query["tab"] = "participants"
        context.update(
            filterset=filterset,
            filter_fields=[filterset.form[name] for name in PARTICIPANT_FILTERS],
            page_obj=page,
            participations=page.object_list,
            query_without_page=query.urlencode(),
            can_edit_participations=delivery_policy.can_change(user, None),
        )

    def tab_deliverables(self, context) -> None:
        user = self.request.user
        deliverables = list(
            Deliverable.objects.for_user(user)
            .filter(action=self.object)
            .select_related("activity")
            .order_by("id")
        )
        rows = [
            {"deliverable": item, "transitions": quick_transitions(DELIVERABLE_WORKFLOW, item, user)}
            for item in deliverables
        ]
        if context["can_record"] and "deliverable_form" not in context:
            context["deliverable_form"] = DeliverableCreateForm(prefix="deliverable", action=self.object)
        context.update(
            deliverable_rows=rows,
            can_edit_deliverables=delivery_policy.can_change(user, None),
            here=self.object.get_absolute_url() + "?tab=deliverables",
        )

    def tab_results(self, context) -> None:
        user = self.request.user
        obj = self.object
        results = list(Result.objects.for_user(user).filter(action=obj).order_by("code", "id"))
        indicators = list(
            Indicator.objects.for_user(user)
            .filter(action=obj)
            .prefetch_related(Prefetch("periods", queryset=IndicatorPeriod.objects.order_by("starts_on")))
            .order_by("id")
        )
        by_result: dict[int | None, list] = {}
        for indicator in indicators:
            periods = []
            for period in indicator.periods.all():
                periods.append(
                    {
                        "period": period,
                        "percent": _percent(period.actual or 0, period.target),
                        "met": period.target is not None
                        and period.actual is not None
                        and period.actual >= period.target,
                        "transitions": quick_transitions(PERIOD_WORKFLOW, period, user),
                    }
                )
            by_result.setdefault(indicator.result_id, []).append({"indicator": indicator, "periods": periods})
        outputs: dict[int, list] = {}
        for result in results:
            if result.parent_id:
                outputs.setdefault(result.parent_id, []).append(result)
        known = {result.pk for result in results}
        outcomes = [
            {
                "result": result,
                "indicators": by_result.get(result.pk, []),
                "outputs": [
                    {"result": output, "indicators": by_result.get(output.pk, [])}
                    for output in outputs.get(result.pk, [])
                ],
            }
            for result in results
            if not result.parent_id or result.parent_id not in known
        ]
        levels = dict(OecdLevel.choices)
        progress = []
        if context["sees_figures"]:
            for row in selectors.indicator_progress_by_level(obj):
                row["label"] = levels.get(row["level"], row["level"])
                row["bar"] = min(100, row["share_of_target"] or 0)
                progress.append(row)
        if context["can_record"]:
            context.setdefault("result_form", ResultForm(prefix="result", action=obj))
            context.setdefault("indicator_form", IndicatorForm(prefix="indicator", action=obj))
            context.setdefault("period_form", IndicatorPeriodCreateForm(prefix="period", action=obj))
        context.update(
            outcomes=outcomes,
            unattached_indicators=by_result.get(None, []),
            has_indicators=bool(indicators),
            has_results=bool(results),
            level_progress=progress,
            can_edit_results=delivery_policy.can_change(user, None),
            here=obj.get_absolute_url() + "?tab=results",
        )

    def tab_coordination(self, context) -> None:
        user = self.request.user
        cells = {
            (cell.stage, cell.actor): cell
            for cell in CoordinationCell.objects.for_user(user)
            .filter(action=self.object)
            .select_related("responsible", "signed_off_by")
        }
        matrix = [
            {
                "stage": label,
                "cells": [
                    {
                        "actor": actor,
                        "cell": cells.get((stage, actor)),
                        "can_sign": _awaits_sign_off_by(user, cells.get((stage, actor))),
                    }
                    for actor in CoordinationActor.values
                ],
            }
            for stage, label in CoordinationStage.choices
        ]
        total = len(CoordinationStage.values) * len(CoordinationActor.values)
        status_counts = dict.fromkeys(CoordinationStatus.values, 0)
        for cell in cells.values():
            status_counts[cell.status] += 1
        context.update(
            matrix=matrix,
            actors=CoordinationActor.choices,
            awaiting_my_sign_off=sum(1 for row in matrix for item in row["cells"] if item["can_sign"]),
            cells_missing=total - len(cells),
            cells_total=total,
            coordination_counts=[
                {"status": status, "label": label, "count": status_counts[status]}
                for status, label in CoordinationStatus.choices
            ],
        )


def _awaits_sign_off_by(user, cell) -> bool:
    """An engaged cell naming this HR or training-unit officer responsible: theirs to sign off in
    the portal (portal.views.CellSignOffView)."""
    return cell is not None and cell.status == CoordinationStatus.ENGAGED and is_named_signer(user, cell)


def participants_scope(user) -> str:
    """Whose participations this user's lists show (ParticipationQuerySet decides; the pages say so):
    everyone's, their institution's, their own, or none (experts)."""
    if user.sees_whole_portfolio:
        return "all"
    if user.role in {Role.FOCAL_POINT, Role.HR_OFFICER, Role.TRAINING_OFFICER}:
        return "institution"
    if user.role == Role.OFFICIAL:
        return "own"
    return "none"


def quick_transitions(machine, obj, user) -> list[dict]:
    """The transitions a table row offers as one-click buttons: allowed now and needing no comment
    (the others are on the row's own page, where a comment can be written)."""
    return [
        transition
        for transition in transition_panel(machine, obj, user)
        if not transition["needs_comment"] and not transition["refusal"]
    ]


class ActionTabFormView(ActionDetailView):
    """A form of one of the Action page's tabs: checks the policy, validates, calls the service, and
    goes back to the tab; with errors, the tab is shown again with the form and its errors."""

    http_method_names = ["post"]
    tab = ""
    form_class = None
    prefix = ""
    write_policy = delivery_policy
    # Service error fields that the form shows under another name.
    renamed_fields: dict[str, str] = {}

    def call_service(self, form):  # pragma: no cover - each view says which service
        raise NotImplementedError

    def success_message(self, created) -> str:
        return _("“%(object)s” was added.") % {"object": created}

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.write_policy.can_create(request.user):
            raise PermissionDenied
        form = self.form_class(request.POST, request.FILES, prefix=self.prefix, action=self.object)
        if form.is_valid():
            try:
                created = self.call_service(form)
            except ServicePermissionDenied as error:
                raise PermissionDenied(error.message) from error
            except ApplicationError as error:
                form_errors_from(form, error, self.renamed_fields)
            else:
                messages.success(request, self.success_message(created))
                return HttpResponseRedirect(f"{self.object.get_absolute_url()}?tab={self.tab}")
        self.active_tab = self.tab
        return self.render_to_response(self.get_context_data(**{f"{self.prefix}_form": form}))


class ActivityCreateView(ActionTabFormView):
    """The "add activity" form of the Action page (officers)."""

    tab = "activities"
    form_class = ActivityForm
    prefix = "activity"
    write_policy = activity_policy

    def call_service(self, form):
        return services.activity_create(actor=self.request.user, action=self.object, **form.service_data())

    def success_message(self, created) -> str:
        return _("Activity “%(activity)s” added.") % {"activity": created}


class DeliverableCreateView(ActionTabFormView):
    tab = "deliverables"
    form_class = DeliverableCreateForm
    prefix = "deliverable"

    def call_service(self, form):
        return services.deliverable_create(actor=self.request.user, action=self.object, **form.service_data())


class ResultCreateView(ActionTabFormView):
    tab = "results"
    form_class = ResultForm
    prefix = "result"

    def call_service(self, form):
        return services.result_create(actor=self.request.user, action=self.object, **form.service_data())


class IndicatorCreateView(ActionTabFormView):
    tab = "results"
    form_class = IndicatorForm
    prefix = "indicator"
    renamed_fields = {f"periods.0.{name}": name for name in ("starts_on", "ends_on", "target")}

    def call_service(self, form):
        return services.indicator_create(actor=self.request.user, action=self.object, **form.service_data())


class IndicatorPeriodCreateView(ActionTabFormView):
    tab = "results"
    form_class = IndicatorPeriodCreateForm
    prefix = "period"

    def call_service(self, form):
        return services.indicator_period_create(actor=self.request.user, **form.service_data())


class CoordinationPlanView(LoginRequiredMixin, generic.View):
    """ "Plan the matrix": every stage × actor cell still missing is created, planned."""

    http_method_names = ["post"]

    def post(self, request, pk):
        action = get_object_or_404(Action.objects.for_user(request.user), pk=pk)
        if not delivery_policy.can_create(request.user):
            raise PermissionDenied
        try:
            created = services.coordination_matrix_plan(actor=request.user, action=action)
        except ServicePermissionDenied as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                ngettext("%(count)s cell was planned.", "%(count)s cells were planned.", created)
                % {"count": created},
            )
        return HttpResponseRedirect(f"{action.get_absolute_url()}?tab=coordination")


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


# --- Activities -------------------------------------------------------------------------------

ACTIVITY_PAGE_SIZE = 25


class ScopedFileView(LoginRequiredMixin, generic.View):
    """A file of a row, only to someone who may see the row (through for_user); 404 for everyone else."""

    model = None
    field_name = ""

    def get_queryset(self):
        return self.model.objects.for_user(self.request.user)

    def get(self, request, pk):
        obj = get_object_or_404(self.get_queryset(), pk=pk)
        return stored_file_response(getattr(obj, self.field_name), content_types=DOCUMENT_CONTENT_TYPES)


class ActivityDocumentView(ScopedFileView):
    model = Activity

    def get_queryset(self):
        return Activity.objects.documents_for(self.request.user)


class ActivityViews:
    model = Activity
    policy = activity_policy
    select_related = ("action",)


class ActivityDetailView(ActivityViews, ScopedDetailView):
    template_name = "actions/activity_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        activity = self.object
        action = activity.action
        follows = user.is_programme_staff or bool(
            _own_institution_ids(user) & set(action.partner_links.values_list("institution_id", flat=True))
        )
        is_open = action.status not in FINISHED_ACTION_STATUSES
        can_record = delivery_policy.can_create(user) and is_open
        context["participants_scope"] = participants_scope(user)
        takes_experts = can_record and activity.status not in {
            ActivityStatus.CANCELLED,
            ActivityStatus.CLOSED,
        }
        takes_attendance = can_record and activity.status not in {
            ActivityStatus.CANCELLED,
            ActivityStatus.POSTPONED,
        }
        if takes_experts:
            context.setdefault("assignment_form", ExpertAssignmentForm(prefix="expert", activity=activity))
        if takes_attendance:
            context.setdefault("attendance_form", AttendanceForm(prefix="attendance"))
        if context["can_change"]:
            context.setdefault("documents_form", ActivityDocumentsForm(prefix="documents"))
        participations = (
            Participation.objects.for_user(user)
            .filter(activity=activity)
            .select_related("person", "institution")
            .order_by("person__last_name", "person__first_name", "id")
        )
        page = Paginator(participations, ACTIVITY_PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(
            action=action,
            assignments=ExpertAssignment.objects.for_user(user)
            .filter(activity=activity)
            .select_related("expert__person__institution")
            .order_by("id"),
            page_obj=page,
            participations=page.object_list,
            query_without_page="",
            imports=AttendanceImport.objects.for_user(user).filter(activity=activity)[:5],
            transitions=transition_panel(ACTIVITY_WORKFLOW, activity, user),
            transition_url=reverse("actions:activity_transition", args=[activity.pk]),
            timeline=transition_timeline(activity, ACTIVITY_WORKFLOW, ActivityStatus.choices)
            if follows
            else None,
            can_remove_experts=delivery_policy.can_delete(user, None),
            can_edit_assignments=delivery_policy.can_change(user, None),
            can_edit_participations=delivery_policy.can_change(user, None),
            attendance_columns=ATTENDANCE_COLUMNS,
            shows_documents=Activity.objects.documents_for(user).filter(pk=activity.pk).exists(),
        )
        return context


# The attendance list's columns as the page explains them (actions.attendance.COLUMNS accepts more
# spellings, in French and Spanish too).
ATTENDANCE_COLUMNS = (
    ("email", gettext_lazy("E-mail address; finds people already in the registry.")),
    ("first_name", gettext_lazy("First name (needed for someone new).")),
    ("last_name", gettext_lazy("Last name (needed for someone new).")),
    ("gender", gettext_lazy("female, male, other or undisclosed (needed for someone new).")),
    (
        "institution",
        gettext_lazy("Acronym of a partner institution of the Action (optional with one partner)."),
    ),
    ("position", gettext_lazy("Position held (optional).")),
    ("attendance_percent", gettext_lazy("Attendance in per cent, 0–100.")),
    ("attendance_hours", gettext_lazy("Or attendance in hours, up to the activity's duration.")),
    ("pre_test_score", gettext_lazy("Pre-test score in per cent, 0–100.")),
    ("post_test_score", gettext_lazy("Post-test score in per cent, 0–100.")),
    ("satisfaction", gettext_lazy("Satisfaction, a whole number from 1 to 5.")),
    ("follow_up_answer", gettext_lazy("Applied what was learned: yes, partly or no.")),
)


class ActivityFormView(ActivityDetailView):
    """A form of the activity page: checks the policy, calls the service, back to the page; with
    errors, the page again with the form and its errors."""

    http_method_names = ["post"]
    form_class = None
    prefix = ""
    write_policy = delivery_policy

    def allowed(self, user, activity) -> bool:
        return self.write_policy.can_create(user)

    def build_form(self):
        return self.form_class(self.request.POST, self.request.FILES, prefix=self.prefix)

    def call_service(self, form):  # pragma: no cover - each view says which service
        raise NotImplementedError

    def success(self, result):
        return HttpResponseRedirect(self.object.get_absolute_url())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.allowed(request.user, self.object):
            raise PermissionDenied
        form = self.build_form()
        if form.is_valid():
            try:
                result = self.call_service(form)
            except ServicePermissionDenied as error:
                raise PermissionDenied(error.message) from error
            except ApplicationError as error:
                form_errors_from(form, error)
            else:
                return self.success(result)
        return self.render_to_response(self.get_context_data(**{f"{self.prefix_name()}_form": form}))

    def prefix_name(self) -> str:
        return self.context_name or self.prefix

    context_name = ""


class ExpertAssignmentCreateView(ActivityFormView):
    """Books an expert of the roster; a double booking comes back as an error under the expert."""

    form_class = ExpertAssignmentForm
    prefix = "expert"
    context_name = "assignment"

    def build_form(self):
        return self.form_class(self.request.POST, prefix=self.prefix, activity=self.object)

    def call_service(self, form):
        return services.expert_assignment_create(
            actor=self.request.user, activity=self.object, **form.service_data()
        )

    def success(self, result):
        messages.success(self.request, _("%(expert)s was assigned.") % {"expert": result.expert})
        return HttpResponseRedirect(self.object.get_absolute_url() + "#experts")


class AttendanceUploadView(ActivityFormView):
    """An attendance list, uploaded or pasted: queued for import; the import page follows it."""

    form_class = AttendanceForm
    prefix = "attendance"

    def call_service(self, form):
        return services.attendance_import_start(
            actor=self.request.user, activity=self.object, source=form.source()
        )

    def success(self, result):
        return HttpResponseRedirect(result.get_absolute_url())


class ActivityDocumentsView(ActivityFormView):
    form_class = ActivityDocumentsForm
    prefix = "documents"

    def allowed(self, user, activity) -> bool:
        return activity_policy.can_change(user, activity)

    def call_service(self, form):
        return services.activity_update(self.object, actor=self.request.user, **form.service_data())

    def success(self, result):
        messages.success(self.request, _("The documents were saved."))
        return HttpResponseRedirect(self.object.get_absolute_url() + "#documents")


class ActivityUpdateView(ActivityViews, ServiceUpdateView):
    form_class = ActivityEditForm
    template_name = "actions/object_form.html"
    update_service = services.activity_update


class ActivityTransitionView(TransitionView):
    model = Activity
    machine = ACTIVITY_WORKFLOW

    def apply(self, obj, *, to, comment):
        return services.activity_transition(obj, actor=self.request.user, to=to, comment=comment)


class ActivityAgendaView(ActivityDocumentView):
    field_name = "agenda"


class ActivityReportView(ActivityDocumentView):
    field_name = "report"


# --- Expert assignments and participations ----------------------------------------------------


class AssignmentDeleteView(LoginRequiredMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, pk):
        assignment = get_object_or_404(
            ExpertAssignment.objects.for_user(request.user).select_related("activity", "expert__person"),
            pk=pk,
        )
        if not delivery_policy.can_delete(request.user, assignment):
            raise PermissionDenied
        activity = assignment.activity
        try:
            services.expert_assignment_delete(assignment, actor=request.user)
        except ServicePermissionDenied as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("%(expert)s was removed.") % {"expert": assignment.expert})
        return HttpResponseRedirect(activity.get_absolute_url() + "#experts")


class MissionReportUploadView(LoginRequiredMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, pk):
        assignment = get_object_or_404(
            ExpertAssignment.objects.for_user(request.user).select_related("activity", "expert__person"),
            pk=pk,
        )
        if not delivery_policy.can_change(request.user, assignment):
            raise PermissionDenied
        form = MissionReportForm(request.POST, request.FILES, prefix=f"mission-{assignment.pk}")
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        else:
            try:
                services.expert_assignment_update(
                    assignment, actor=request.user, mission_report=form.cleaned_data["mission_report"]
                )
            except ServicePermissionDenied as error:
                raise PermissionDenied(error.message) from error
            except ApplicationError as error:
                messages.error(request, error_text(error))
            else:
                messages.success(
                    request, _("The mission report of %(expert)s was saved.") % {"expert": assignment.expert}
                )
        return HttpResponseRedirect(assignment.activity.get_absolute_url() + "#experts")


class MissionReportView(ScopedFileView):
    model = ExpertAssignment
    field_name = "mission_report"

    def get_queryset(self):
        return ExpertAssignment.objects.mission_reports_for(self.request.user)


class ParticipationUpdateView(ServiceUpdateView):
    model = Participation
    policy = delivery_policy
    select_related = ("activity", "person")
    form_class = ParticipationForm
    template_name = "actions/object_form.html"
    update_service = services.participation_update

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Participation of %(person)s") % {"person": self.object.person}
        context["cancel_url"] = self.object.activity.get_absolute_url()
        return context


# --- Attendance imports -----------------------------------------------------------------------


class AttendanceImportDetailView(ScopedDetailView):
    model = AttendanceImport
    policy = delivery_policy
    select_related = ("activity__action", "requested_by")
    template_name = "actions/attendance_import_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.object
        errors = sorted(job.errors or [], key=lambda error: (error.get("row") or 0, error.get("field") or ""))
        context.update(
            activity=job.activity,
            action=job.activity.action,
            import_errors=errors,
            error_rows=len({error.get("row") for error in errors if error.get("row")}),
            status_url=reverse("actions:attendance_import_status", args=[job.pk]),
        )
        return context


class AttendanceImportStatusView(LoginRequiredMixin, generic.View):
    """The import's progress as JSON, for the page's progress bar to poll."""

    def get(self, request, pk):
        job = get_object_or_404(AttendanceImport.objects.for_user(request.user), pk=pk)
        return JsonResponse(
            {
                "status": job.status,
                "status_label": str(job.get_status_display()),
                "progress": job.progress,
                "finished": job.is_finished,
                "rows_total": job.rows_total,
                "rows_imported": job.rows_imported,
                "errors": len(job.errors or []),
            }
        )


# --- Deliverables, results and the coordination matrix ----------------------------------------


class ManagedEditMixin:
    """An edit page of a row inside an Action, with its status panel and timeline beside the form."""

    template_name = "actions/managed_form.html"
    machine = None
    status_choices = ()
    transition_url_name = ""
    tab = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        action = self.action_of(obj)
        context.update(
            action=action,
            tab_url=f"{action.get_absolute_url()}?tab={self.tab}",
            cancel_url=f"{action.get_absolute_url()}?tab={self.tab}",
        )
        if self.machine is not None:
            context.update(
                transitions=transition_panel(self.machine, obj, self.request.user),
                transition_url=reverse(self.transition_url_name, args=[obj.pk]),
                transition_next=self.request.path,
                timeline=transition_timeline(obj, self.machine, self.status_choices),
            )
        return context

    def action_of(self, obj):
        return obj.action

    def get_success_url(self):
        return self.request.path


class DeliverableUpdateView(ManagedEditMixin, ServiceUpdateView):
    model = Deliverable
    policy = delivery_policy
    select_related = ("action", "activity")
    form_class = DeliverableForm
    update_service = services.deliverable_update
    machine = DELIVERABLE_WORKFLOW
    status_choices = DeliverableStatus.choices
    transition_url_name = "actions:deliverable_transition"
    tab = "deliverables"


class DeliverableTransitionView(TransitionView):
    model = Deliverable
    machine = DELIVERABLE_WORKFLOW

    def apply(self, obj, *, to, comment):
        return services.deliverable_transition(obj, actor=self.request.user, to=to, comment=comment)


class DeliverableFileView(ScopedFileView):
    model = Deliverable
    field_name = "file"


class ResultUpdateView(ManagedEditMixin, ServiceUpdateView):
    model = Result
    policy = delivery_policy
    select_related = ("action",)
    form_class = ResultForm
    update_service = services.result_update
    tab = "results"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["action"] = self.object.action
        return kwargs


class IndicatorUpdateView(ManagedEditMixin, ServiceUpdateView):
    model = Indicator
    policy = delivery_policy
    select_related = ("action", "result")
    form_class = IndicatorForm
    update_service = services.indicator_update
    tab = "results"


class IndicatorPeriodUpdateView(ManagedEditMixin, ServiceUpdateView):
    model = IndicatorPeriod
    policy = delivery_policy
    select_related = ("indicator__action",)
    form_class = IndicatorPeriodForm
    update_service = services.indicator_period_update
    machine = PERIOD_WORKFLOW
    status_choices = PeriodStatus.choices
    transition_url_name = "actions:period_transition"
    tab = "results"

    def action_of(self, obj):
        return obj.indicator.action

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Reporting period of “%(indicator)s”") % {"indicator": self.object.indicator}
        context["locked"] = self.object.status in {PeriodStatus.SUBMITTED, PeriodStatus.APPROVED}
        return context


class IndicatorPeriodTransitionView(TransitionView):
    model = IndicatorPeriod
    machine = PERIOD_WORKFLOW

    def apply(self, obj, *, to, comment):
        return services.indicator_period_transition(obj, actor=self.request.user, to=to, comment=comment)


class IndicatorPeriodEvidenceView(ScopedFileView):
    model = IndicatorPeriod
    field_name = "evidence"


class CoordinationCellUpdateView(ManagedEditMixin, ServiceUpdateView):
    model = CoordinationCell
    policy = delivery_policy
    select_related = ("action", "responsible", "signed_off_by")
    form_class = CoordinationCellForm
    update_service = services.coordination_cell_update
    machine = COORDINATION_WORKFLOW
    status_choices = CoordinationStatus.choices
    transition_url_name = "actions:cell_transition"
    tab = "coordination"


class CoordinationCellTransitionView(TransitionView):
    model = CoordinationCell
    machine = COORDINATION_WORKFLOW

    def apply(self, obj, *, to, comment):
        return services.coordination_cell_transition(obj, actor=self.request.user, to=to, comment=comment)


# --- Results across the programme -------------------------------------------------------------


class ResultsRollupView(LoginRequiredMixin, generic.TemplateView):
    """Targets against actuals per OECD level across the Actions the filters choose: overall, by
    phase, by Action type and by programme region. For staff (and integrators), who see every Action."""

    template_name = "actions/results_rollup.html"
    filters = ("q", "phase", "type", "status", "region", "country", "thematic_area", "year")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.sees_whole_portfolio:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actions = Action.objects.for_user(self.request.user)
        filterset = ActionFilterSet(self.request.GET, queryset=actions, request=self.request)
        chosen = filterset.qs if filterset.is_valid() else actions.none()
        rollup = selectors.results_rollup(chosen)
        levels = dict(OecdLevel.choices)
        types = dict(ActionType.choices)

        def labelled(rows):
            for row in rows:
                row["label"] = levels.get(row["level"], row["level"])
                row["bar"] = min(100, row["share_of_target"] or 0)
            return rows

        by_phase: dict[str, dict] = {}
        for row in labelled(rollup["by_phase"]):
            key = row["indicator__action__phase__code"]
            by_phase.setdefault(key, {"label": row["indicator__action__phase__name"] or key, "rows": []})
            by_phase[key]["rows"].append(row)
        by_type: dict[str, dict] = {}
        for row in labelled(rollup["by_type"]):
            key = row["indicator__action__type"]
            by_type.setdefault(key, {"label": types.get(key, key), "rows": []})["rows"].append(row)
        for group in rollup["by_region"]:
            labelled(group["rows"])
        context.update(
            title=_("Results"),
            filterset=filterset,
            filter_fields=[filterset.form[name] for name in self.filters],
            action_count=chosen.count(),
            overall=labelled(rollup["overall"]),
            by_phase=list(by_phase.values()),
            by_type=list(by_type.values()),
            by_region=rollup["by_region"],
        )
        return context


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
