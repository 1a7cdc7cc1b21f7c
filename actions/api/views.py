"""API of requests, Steering Committee meetings and decisions, Actions, activities and code lists.

Every viewset reads through `for_user` (ScopedModelViewSet) and writes through actions.services.
Requests and Actions are never deleted: a request is withdrawn, an Action cancelled, so their
history stays; both are versioned (ETag / If-Match).
"""

from __future__ import annotations

import copy
import functools

from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed, NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from mieux.api.rows import Computed, Related, RowRepresentation, translated
from mieux.api.views import IF_MATCH, ScopedModelViewSet, TransitionsMixin
from mieux.downloads import stored_file_response

from .. import services
from ..choices import DOCUMENT_CONTENT_TYPES, IATI_ACTIVITY_STATUS, LAUNCH_TARGET_DAYS, CoordinationStatus
from ..filtersets import (
    ActionFilterSet,
    ActivityFilterSet,
    AttendanceImportFilterSet,
    CoordinationCellFilterSet,
    DeliverableFilterSet,
    ExpertAssignmentFilterSet,
    GlobalCompactObjectiveFilterSet,
    IndicatorFilterSet,
    IndicatorPeriodFilterSet,
    MeetingFilterSet,
    ParticipationFilterSet,
    ProgrammePhaseFilterSet,
    PurposeCodeFilterSet,
    ResultFilterSet,
    SupportRequestFilterSet,
    ThematicAreaFilterSet,
)
from ..models import (
    Action,
    ActionPartner,
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
    meeting_policy,
    request_policy,
)
from ..selectors import results_rollup
from ..workflows import (
    ACTION_WORKFLOW,
    ACTIVITY_WORKFLOW,
    COORDINATION_WORKFLOW,
    DELIVERABLE_WORKFLOW,
    PERIOD_WORKFLOW,
    REQUEST_WORKFLOW,
)
from .serializers import (
    ATTACHMENT_CONTENT_TYPES,
    ActionSerializer,
    ActivitySerializer,
    AttachmentSerializer,
    AttachmentUploadSerializer,
    AttendanceImportSerializer,
    AttendanceListSerializer,
    CoordinationCellSerializer,
    CoordinationMatrixPlannedSerializer,
    DecisionCreateSerializer,
    DecisionSerializer,
    DeliverableSerializer,
    DocumentUploadSerializer,
    DownloadUrlField,
    ExpertAssignmentSerializer,
    GlobalCompactObjectiveSerializer,
    IndicatorPeriodSerializer,
    IndicatorSerializer,
    MeetingSerializer,
    ParticipationSerializer,
    ProgrammePhaseSerializer,
    PurposeCodeSerializer,
    QuestionnaireAnswerSerializer,
    ResultSerializer,
    ResultsRollupSerializer,
    SupportRequestSerializer,
    ThematicAreaSerializer,
)

WITHOUT_DELETE = ["get", "post", "put", "patch", "head", "options"]

# Documented on the update operations of the versioned resources (the base viewset enforces it).
versioned_schema = extend_schema_view(
    update=extend_schema(parameters=[IF_MATCH]),
    partial_update=extend_schema(parameters=[IF_MATCH]),
)


def _pairs(rows) -> list[tuple]:
    """Nested {"institution", "role"} rows → the (institution, role) pairs the services take."""
    return [(row["institution"], row["role"]) for row in rows]


# --- Code lists -----------------------------------------------------------------------------


class CodeListViewSet(ScopedModelViewSet):
    """Editable code lists: everyone signed in reads them, programme managers edit them."""

    policy = code_list_policy
    delete_service = services.code_list_delete
    update_service = services.code_list_update


class ThematicAreaViewSet(CodeListViewSet):
    """Thematic areas (IMT, LM, IP, MD, HO) and, with a parent, their specific areas."""

    model = ThematicArea
    queryset = ThematicArea.objects.none()
    serializer_class = ThematicAreaSerializer
    filterset_class = ThematicAreaFilterSet
    create_service = functools.partial(services.code_list_create, ThematicArea)


class GlobalCompactObjectiveViewSet(CodeListViewSet):
    """The 23 objectives of the Global Compact for Migration."""

    model = GlobalCompactObjective
    queryset = GlobalCompactObjective.objects.none()
    serializer_class = GlobalCompactObjectiveSerializer
    filterset_class = GlobalCompactObjectiveFilterSet
    create_service = functools.partial(services.code_list_create, GlobalCompactObjective)


class PurposeCodeViewSet(CodeListViewSet):
    """OECD-DAC purpose codes; 15190 is the default of every Action."""

    model = PurposeCode
    queryset = PurposeCode.objects.none()
    serializer_class = PurposeCodeSerializer
    filterset_class = PurposeCodeFilterSet
    create_service = functools.partial(services.code_list_create, PurposeCode)


class ProgrammePhaseViewSet(CodeListViewSet):
    """MIEUX I, II, III and MIEUX+ with their dates."""

    model = ProgrammePhase
    queryset = ProgrammePhase.objects.none()
    serializer_class = ProgrammePhaseSerializer
    filterset_class = ProgrammePhaseFilterSet
    create_service = functools.partial(services.code_list_create, ProgrammePhase)


# --- Requests -------------------------------------------------------------------------------


@versioned_schema
class SupportRequestViewSet(TransitionsMixin, ScopedModelViewSet):
    """Requests for support. Never deleted: a request that will not go ahead is withdrawn.

    A focal point's POST creates a draft of its own institution's request, which its institution
    alone sees until the focal point sends it (`transition` to "received"); it edits the draft like
    staff edit a request (If-Match), and answers a clarification question with the transition to
    "screening" whose comment is the answer."""

    model = SupportRequest
    queryset = SupportRequest.objects.none()
    serializer_class = SupportRequestSerializer
    filterset_class = SupportRequestFilterSet
    policy = request_policy
    select_related = ("action",)
    prefetch_related = (
        "requesters",
        "attachments",
        "decisions__meeting",
        "clarifications__asked_by",
        "clarifications__answered_by",
    )
    create_service = services.request_create
    update_service = services.request_update
    versioned = True
    http_method_names = WITHOUT_DELETE
    workflow = REQUEST_WORKFLOW
    transition_service = services.request_transition
    # The focal point adds files while drafting and when answering a question, though it may not
    # edit a sent request: request_attachment_add decides (can_add_request_files).
    service_authorised_actions = frozenset({"attachments"})

    def service_data(self, serializer) -> dict:
        data = super().service_data(serializer)
        if "requesters" in data:
            data["requesters"] = _pairs(data["requesters"])
        return data

    @extend_schema(
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: AttachmentSerializer},
        summary=_("Attach a file (a document, spreadsheet, slides or image; at most 10 MB)"),
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="attachments",
        parser_classes=[MultiPartParser],
        filter_backends=[],
    )
    def attachments(self, request, pk=None):
        support_request = self.get_object()
        upload = AttachmentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        attachment = services.request_attachment_add(
            support_request,
            actor=request.user,
            file=upload.validated_data["file"],
            title=upload.validated_data["title"],
        )
        body = AttachmentSerializer(attachment, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("attachment_id", OpenApiTypes.INT, OpenApiParameter.PATH)],
        responses={
            **{
                (200, content_type): OpenApiTypes.BINARY for content_type in ATTACHMENT_CONTENT_TYPES.values()
            },
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
        },
        summary=_("Download an attachment"),
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"attachments/(?P<attachment_id>[0-9]{1,18})",
        url_name="attachment-download",
        pagination_class=None,
        filter_backends=[],
    )
    def attachment_download(self, request, pk=None, attachment_id=None):
        # The request is looked up through for_user: a file is served only with a visible request.
        support_request = self.get_object()
        attachment = support_request.attachments.filter(pk=int(attachment_id)).first()
        if attachment is None:
            raise NotFound()
        return stored_file_response(attachment.file, content_types=ATTACHMENT_CONTENT_TYPES)


# --- Steering Committee ---------------------------------------------------------------------


class MeetingViewSet(ScopedModelViewSet):
    """Steering Committee meetings (programme staff and integrators only) and their decisions."""

    model = SteeringCommitteeMeeting
    queryset = SteeringCommitteeMeeting.objects.none()
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    policy = meeting_policy
    prefetch_related = ("decisions__meeting",)
    create_service = services.meeting_create
    update_service = services.meeting_update
    delete_service = services.meeting_delete

    @extend_schema(
        request=DecisionCreateSerializer,
        responses={
            201: DecisionSerializer,
            409: OpenApiResponse(description=_("The request is not waiting for a decision.")),
        },
        summary=_("Record the Committee's decision on a submitted request"),
    )
    @action(detail=True, methods=["post"], url_path="decisions", filter_backends=[])
    def decisions(self, request, pk=None):
        meeting = self.get_object()
        payload = DecisionCreateSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        decision = services.steering_committee_decide(
            actor=request.user, meeting=meeting, **payload.validated_data
        )
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


# --- Actions --------------------------------------------------------------------------------


def _objectives_of(**lookup):
    """An Action's Global Compact objectives in their own order, as the serializer lists them."""
    return Action.gcm_objectives.through.objects.filter(**lookup).order_by(
        "globalcompactobjective__number", "globalcompactobjective_id"
    )


# The same lists, as arrays in the page's own query on PostgreSQL (mieux.api.rows.Related). Written
# as SQL because building them as subquery expressions cost more than reading them: the outer query
# names the Actions' table by its name, and the order is the one _objectives_of and _partners_of use.
OBJECTIVE_IDS_SQL = """ARRAY(
    SELECT link.globalcompactobjective_id FROM actions_action_gcm_objectives link
    JOIN actions_globalcompactobjective objective ON objective.id = link.globalcompactobjective_id
    WHERE link.action_id = actions_action.id ORDER BY objective.number, link.globalcompactobjective_id)"""
PARTNER_COLUMN_SQL = """ARRAY(
    SELECT partner.%s FROM actions_actionpartner partner
    WHERE partner.action_id = actions_action.id ORDER BY partner.role, partner.id)"""


def _partners_of(**lookup):
    """An Action's partners in ActionPartner's order (role, then id), as the serializer lists them."""
    return ActionPartner.objects.filter(**lookup).order_by("role", "id")


@versioned_schema
class ActionViewSet(TransitionsMixin, ScopedModelViewSet):
    """Actions: born from an approval, or added directly by a manager for earlier phases. Never
    deleted: an Action that will not happen is cancelled."""

    model = Action
    queryset = Action.objects.none()
    serializer_class = ActionSerializer
    filterset_class = ActionFilterSet
    policy = action_policy
    select_related = ("phase", "thematic_area", "specific_area", "purpose_code", "officer")
    prefetch_related = ("gcm_objectives", "partner_links")
    list_rows = RowRepresentation(
        ActionSerializer,
        title=translated("title"),
        summary=translated("summary"),
        objectives=translated("objectives"),
        countries=Computed(
            ["countries"], lambda row, _: [c for c in row["countries"].split(",") if c], written=True
        ),
        iati_status=Computed(["status"], lambda row, _: IATI_ACTIVITY_STATUS[row["status"]]),
        days_to_launch=Computed(
            ["approved_on", "launched_on"],
            lambda row, _: Action.launch_delay(row["approved_on"], row["launched_on"]),
        ),
        launch_overdue=Computed(
            ["approved_on", "launched_on"],
            lambda row, _: (
                (Action.launch_delay(row["approved_on"], row["launched_on"]) or 0) > LAUNCH_TARGET_DAYS
            ),
        ),
        # In the objectives' own order and the partners' (role, id), as the serializer reads them.
        gcm_objectives=Related(
            lambda ids: _objectives_of(action_id__in=ids).values_list(
                "action_id", "globalcompactobjective_id"
            ),
            arrays={"gcm_objective_ids": lambda: RawSQL(OBJECTIVE_IDS_SQL, [])},  # noqa: S611 — constant SQL
            items=lambda row: row["gcm_objective_ids"],
        ),
        partners=Related(
            lambda ids: (
                (action_id, {"institution": institution_id, "role": role})
                for action_id, institution_id, role in _partners_of(action_id__in=ids).values_list(
                    "action_id", "institution_id", "role"
                )
            ),
            arrays={
                "partner_institutions": lambda: RawSQL(PARTNER_COLUMN_SQL % "institution_id", []),  # noqa: S611
                "partner_roles": lambda: RawSQL(PARTNER_COLUMN_SQL % "role", []),  # noqa: S611
            },
            items=lambda row: [
                {"institution": institution, "role": role}
                for institution, role in zip(row["partner_institutions"], row["partner_roles"], strict=True)
            ],
        ),
    )
    create_service = services.action_create
    update_service = services.action_update
    versioned = True
    http_method_names = WITHOUT_DELETE
    workflow = ACTION_WORKFLOW
    transition_service = services.action_transition

    def service_data(self, serializer) -> dict:
        data = super().service_data(serializer)
        if "partner_links" in data:
            data["partners"] = _pairs(data.pop("partner_links"))
        return data

    @extend_schema(
        request=None,
        responses={
            200: CoordinationMatrixPlannedSerializer,
            409: OpenApiResponse(description=_("The Action is not holistic, or is closed.")),
        },
        summary=_("Plan every missing cell of a holistic Action's coordination matrix"),
    )
    @action(detail=True, methods=["post"], url_path="coordination-matrix", filter_backends=[])
    def coordination_matrix(self, request, pk=None):
        created = services.coordination_matrix_plan(actor=request.user, action=self.get_object())
        return Response(CoordinationMatrixPlannedSerializer({"created": created}).data)


# --- Files: uploads through the services, downloads only through for_user ----------------------


DOWNLOAD_RESPONSES = {
    **{(200, content_type): OpenApiTypes.BINARY for content_type in DOCUMENT_CONTENT_TYPES.values()},
    (200, "application/octet-stream"): OpenApiTypes.BINARY,
}
UPLOAD_SUMMARY = _("Upload the file (a document, spreadsheet, slides or image; at most 10 MB)")


class FileFieldMixin:
    """Upload and download of one file field of the object: the upload is checked, then handed to
    the update service (audited); the download is served only for an object for_user shows."""

    def upload_file(self, request, field_name: str):
        instance = self.get_object()
        upload = DocumentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        updated = type(self).update_service(
            instance, actor=request.user, **{field_name: upload.validated_data["file"]}
        )
        return Response(self.get_serializer(updated).data, status=status.HTTP_200_OK)

    def download_file(self, field_name: str):
        return stored_file_response(
            getattr(self.get_object(), field_name), content_types=DOCUMENT_CONTENT_TYPES
        )


# --- Activities -----------------------------------------------------------------------------

FILE_KIND = OpenApiParameter(
    "kind", OpenApiTypes.STR, OpenApiParameter.PATH, enum=["agenda", "report"], description=_("Which file.")
)


class ActivityViewSet(FileFieldMixin, TransitionsMixin, ScopedModelViewSet):
    """The activities of the Actions: planned → confirmed → held → reported → closed (or postponed,
    cancelled), with their agenda and report and their attendance lists."""

    model = Activity
    queryset = Activity.objects.none()
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet
    list_rows = RowRepresentation(
        ActivitySerializer,
        agenda=DownloadUrlField.for_rows("activity-files", "agenda", kind="agenda"),
        report=DownloadUrlField.for_rows("activity-files", "report", kind="report"),
    )
    policy = activity_policy
    create_service = services.activity_create
    update_service = services.activity_update
    delete_service = services.activity_delete
    workflow = ACTIVITY_WORKFLOW
    transition_service = services.activity_transition

    @extend_schema(
        parameters=[FILE_KIND], responses=DOWNLOAD_RESPONSES, summary=_("Download the agenda or report")
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"files/(?P<kind>agenda|report)",
        url_name="files",
        parser_classes=[MultiPartParser],
        pagination_class=None,
        filter_backends=[],
    )
    def files(self, request, pk=None, kind=None):
        activity = self.get_object()
        # Documents of a published Action's activities stay with those taking part in it.
        if not Activity.objects.documents_for(request.user).filter(pk=activity.pk).exists():
            raise NotFound()
        return self.download_file(kind)

    @extend_schema(
        parameters=[FILE_KIND],
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={200: ActivitySerializer},
        summary=UPLOAD_SUMMARY,
    )
    @files.mapping.post
    def files_upload(self, request, pk=None, kind=None):
        return self.upload_file(request, kind)

    @extend_schema(
        request={
            "multipart/form-data": AttendanceListSerializer,
            "application/json": AttendanceListSerializer,
        },
        responses={202: AttendanceImportSerializer},
        summary=_("Import an attendance list (CSV, XLSX or pasted rows) in the background"),
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="attendance-list",
        parser_classes=[MultiPartParser, JSONParser],
        filter_backends=[],
    )
    def attendance_list(self, request, pk=None):
        activity = self.get_object()
        payload = AttendanceListSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        job = services.attendance_import_start(
            actor=request.user, activity=activity, source=payload.source_file()
        )
        body = AttendanceImportSerializer(job, context=self.get_serializer_context()).data
        location = request.build_absolute_uri(reverse("attendance-import-detail", args=[job.pk]))
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": location})


class AttendanceImportViewSet(ScopedModelViewSet):
    """Attendance lists being imported or imported: progress, and every error with its row and column."""

    model = AttendanceImport
    queryset = AttendanceImport.objects.none()
    serializer_class = AttendanceImportSerializer
    filterset_class = AttendanceImportFilterSet
    policy = delivery_policy
    http_method_names = ["get", "head", "options"]

    def check_permissions(self, request):
        # Read-only: any write is a 405 for everyone, before any role is asked about it.
        if request.method.lower() not in self.http_method_names:
            raise MethodNotAllowed(request.method)
        super().check_permissions(request)


# --- Experts and participants -----------------------------------------------------------------


class ExpertAssignmentViewSet(FileFieldMixin, ScopedModelViewSet):
    """Experts of the roster booked on activities; the same expert is never booked twice on the same
    days (409 naming `expert`)."""

    model = ExpertAssignment
    queryset = ExpertAssignment.objects.none()
    serializer_class = ExpertAssignmentSerializer
    filterset_class = ExpertAssignmentFilterSet
    policy = delivery_policy
    create_service = services.expert_assignment_create
    update_service = services.expert_assignment_update
    delete_service = services.expert_assignment_delete
    # The assigned expert uploads their own mission report: expert_assignment_update decides.
    service_authorised_actions = frozenset({"mission_report_upload"})

    @extend_schema(responses=DOWNLOAD_RESPONSES, summary=_("Download the mission report"))
    @action(
        detail=True,
        methods=["get"],
        url_path="mission-report",
        url_name="mission-report",
        parser_classes=[MultiPartParser],
        pagination_class=None,
        filter_backends=[],
    )
    def mission_report(self, request, pk=None):
        # Partners of the Action see the assignment, not the expert's report to the programme.
        visible = ExpertAssignment.objects.mission_reports_for(request.user)
        assignment = get_object_or_404(visible, pk=self.get_object().pk)
        return stored_file_response(assignment.mission_report, content_types=DOCUMENT_CONTENT_TYPES)

    @extend_schema(
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={200: ExpertAssignmentSerializer},
        summary=UPLOAD_SUMMARY,
    )
    @mission_report.mapping.post
    def mission_report_upload(self, request, pk=None):
        return self.upload_file(request, "mission_report")


class ParticipationViewSet(ScopedModelViewSet):
    """Who attended each activity, with scores, satisfaction and follow-up (personal data: partners
    see their own institution's people, an official only their own record)."""

    model = Participation
    queryset = Participation.objects.none()
    serializer_class = ParticipationSerializer
    filterset_class = ParticipationFilterSet
    list_rows = RowRepresentation(
        ParticipationSerializer,
        knowledge_gain=Computed(
            ["pre_test_score", "post_test_score"],
            lambda row, _: (
                None
                if row["pre_test_score"] is None or row["post_test_score"] is None
                else row["post_test_score"] - row["pre_test_score"]
            ),
        ),
    )
    policy = delivery_policy
    create_service = services.participation_create
    update_service = services.participation_update
    delete_service = services.participation_delete
    # Only the participant answers: participation_questionnaire_answer decides.
    service_authorised_actions = frozenset({"questionnaire"})

    @extend_schema(
        request=QuestionnaireAnswerSerializer,
        responses={
            200: ParticipationSerializer,
            409: OpenApiResponse(description=_("The activity has not been held yet.")),
        },
        summary=_("Answer the satisfaction and follow-up questionnaires (the participant only)"),
    )
    @action(detail=True, methods=["post"], url_path="questionnaire", filter_backends=[])
    def questionnaire(self, request, pk=None):
        participation = self.get_object()
        payload = QuestionnaireAnswerSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        updated = services.participation_questionnaire_answer(
            participation, actor=request.user, **payload.validated_data
        )
        return Response(self.get_serializer(updated).data, status=status.HTTP_200_OK)


# --- Deliverables -----------------------------------------------------------------------------


class DeliverableViewSet(FileFieldMixin, TransitionsMixin, ScopedModelViewSet):
    """What the Actions produce: draft → validated → handed over → adopted."""

    model = Deliverable
    queryset = Deliverable.objects.none()
    serializer_class = DeliverableSerializer
    filterset_class = DeliverableFilterSet
    policy = delivery_policy
    create_service = services.deliverable_create
    update_service = services.deliverable_update
    delete_service = services.deliverable_delete
    workflow = DELIVERABLE_WORKFLOW
    transition_service = services.deliverable_transition

    @extend_schema(responses=DOWNLOAD_RESPONSES, summary=_("Download the deliverable"))
    @action(
        detail=True,
        methods=["get"],
        url_path="file",
        url_name="file",
        parser_classes=[MultiPartParser],
        pagination_class=None,
        filter_backends=[],
    )
    def file(self, request, pk=None):
        return self.download_file("file")

    @extend_schema(
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={200: DeliverableSerializer},
        summary=UPLOAD_SUMMARY,
    )
    @file.mapping.post
    def file_upload(self, request, pk=None):
        return self.upload_file(request, "file")


# --- Results framework ------------------------------------------------------------------------


class ResultViewSet(ScopedModelViewSet):
    """Outcomes and outputs of the Actions."""

    model = Result
    queryset = Result.objects.none()
    serializer_class = ResultSerializer
    filterset_class = ResultFilterSet
    policy = delivery_policy
    create_service = services.result_create
    update_service = services.result_update
    delete_service = services.result_delete


class IndicatorViewSet(ScopedModelViewSet):
    """Indicators at one OECD level, with their reporting periods (created with the indicator or
    through /indicator-periods/)."""

    model = Indicator
    queryset = Indicator.objects.none()
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet
    policy = delivery_policy
    prefetch_related = ("periods",)
    create_service = services.indicator_create
    update_service = services.indicator_update
    delete_service = services.indicator_delete


class IndicatorPeriodViewSet(FileFieldMixin, TransitionsMixin, ScopedModelViewSet):
    """Targets and actuals per period: an entered actual goes draft → submitted → approved (locked,
    409 on edit) or returned with a comment; a manager other than the submitter approves."""

    model = IndicatorPeriod
    queryset = IndicatorPeriod.objects.none()
    serializer_class = IndicatorPeriodSerializer
    filterset_class = IndicatorPeriodFilterSet
    policy = delivery_policy
    create_service = services.indicator_period_create
    update_service = services.indicator_period_update
    delete_service = services.indicator_period_delete
    workflow = PERIOD_WORKFLOW
    transition_service = services.indicator_period_transition

    @extend_schema(responses=DOWNLOAD_RESPONSES, summary=_("Download the evidence"))
    @action(
        detail=True,
        methods=["get"],
        url_path="evidence",
        url_name="evidence",
        parser_classes=[MultiPartParser],
        pagination_class=None,
        filter_backends=[],
    )
    def evidence(self, request, pk=None):
        return self.download_file("evidence")

    @extend_schema(
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={200: IndicatorPeriodSerializer},
        summary=UPLOAD_SUMMARY,
    )
    @evidence.mapping.post
    def evidence_upload(self, request, pk=None):
        return self.upload_file(request, "evidence")


# --- Holistic coordination matrix ---------------------------------------------------------------


def cell_transition(cell: CoordinationCell, *, actor, to: str, comment: str = "") -> CoordinationCell:
    """The HR or training-unit officer named responsible signs a cell off in their own name
    (services.coordination_cell_sign_off; the comment is the sign-off's note); every other step,
    and an officer recording a sign-off given on paper, is the generic transition."""
    if to == CoordinationStatus.SIGNED_OFF and is_named_signer(actor, cell):
        return services.coordination_cell_sign_off(cell, actor=actor, note=comment)
    return services.coordination_cell_transition(cell, actor=actor, to=to, comment=comment)


class CoordinationCellViewSet(TransitionsMixin, ScopedModelViewSet):
    """The coordination matrix of holistic Actions: stage × actor, planned → engaged → signed off."""

    model = CoordinationCell
    queryset = CoordinationCell.objects.none()
    serializer_class = CoordinationCellSerializer
    filterset_class = CoordinationCellFilterSet
    policy = delivery_policy
    create_service = services.coordination_cell_create
    update_service = services.coordination_cell_update
    delete_service = services.coordination_cell_delete
    workflow = COORDINATION_WORKFLOW
    transition_service = cell_transition

    def transition_candidate(self, instance, transition):
        # The named officer's sign-off names them (coordination_cell_sign_off): the guard asking
        # who signs is met by the time it runs.
        if transition.target == CoordinationStatus.SIGNED_OFF and is_named_signer(
            self.request.user, instance
        ):
            candidate = copy.copy(instance)
            candidate.signed_off_by_id = self.request.user.person.pk
            return candidate
        return instance

    def service_data(self, serializer) -> dict:
        data = super().service_data(serializer)
        if "actor" in data:  # the services' `actor` is who acts; the cell's own is `cell_actor`
            data["cell_actor"] = data.pop("actor")
        return data


# --- Results roll-up --------------------------------------------------------------------------


class ResultsRollupView(GenericAPIView):
    """Targets against actuals per OECD level across the Actions this user may see, filtered with
    the query parameters of /actions/; an Action counts only where its indicators are visible."""

    filterset_class = ActionFilterSet
    pagination_class = None
    serializer_class = ResultsRollupSerializer

    def get_queryset(self):
        user = self.request.user
        indicators = Indicator.objects.for_user(user).values("action_id")
        return Action.objects.for_user(user).filter(pk__in=indicators)

    @extend_schema(
        filters=True, responses=ResultsRollupSerializer, summary=_("Results roll-up per OECD level")
    )
    def get(self, request):
        actions = self.filter_queryset(self.get_queryset())
        return Response(ResultsRollupSerializer(results_rollup(actions)).data)
