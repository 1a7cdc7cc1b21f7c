"""API of requests, Steering Committee meetings and decisions, Actions, activities and code lists.

Every viewset reads through `for_user` (ScopedModelViewSet) and writes through actions.services.
Requests and Actions are never deleted: a request is withdrawn, an Action cancelled, so their
history stays; both are versioned (ETag / If-Match).
"""

from __future__ import annotations

import functools
import os

from django.http import FileResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from mieux.api.views import IF_MATCH, ScopedModelViewSet, TransitionsMixin

from .. import services
from ..filtersets import (
    ActionFilterSet,
    ActivityFilterSet,
    GlobalCompactObjectiveFilterSet,
    MeetingFilterSet,
    ProgrammePhaseFilterSet,
    PurposeCodeFilterSet,
    SupportRequestFilterSet,
    ThematicAreaFilterSet,
)
from ..models import (
    Action,
    Activity,
    GlobalCompactObjective,
    ProgrammePhase,
    PurposeCode,
    SteeringCommitteeMeeting,
    SupportRequest,
    ThematicArea,
)
from ..permissions import action_policy, activity_policy, code_list_policy, meeting_policy, request_policy
from ..workflows import ACTION_WORKFLOW, REQUEST_WORKFLOW
from .serializers import (
    ATTACHMENT_CONTENT_TYPES,
    ActionSerializer,
    ActivitySerializer,
    AttachmentSerializer,
    AttachmentUploadSerializer,
    DecisionCreateSerializer,
    DecisionSerializer,
    GlobalCompactObjectiveSerializer,
    MeetingSerializer,
    ProgrammePhaseSerializer,
    PurposeCodeSerializer,
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
    """Requests for support. Never deleted: a request that will not go ahead is withdrawn."""

    model = SupportRequest
    queryset = SupportRequest.objects.none()
    serializer_class = SupportRequestSerializer
    filterset_class = SupportRequestFilterSet
    policy = request_policy
    select_related = ("action",)
    prefetch_related = ("requesters", "attachments", "decisions__meeting")
    create_service = services.request_create
    update_service = services.request_update
    versioned = True
    http_method_names = WITHOUT_DELETE
    workflow = REQUEST_WORKFLOW
    transition_service = services.request_transition

    def service_data(self, serializer) -> dict:
        data = super().service_data(serializer)
        if "requesters" in data:
            data["requesters"] = _pairs(data["requesters"])
        return data

    @extend_schema(
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: AttachmentSerializer},
        summary=_("Attach a file (pdf, doc, docx, odt, txt, jpg or png; at most 10 MB)"),
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
        if attachment is None or not attachment.file:
            raise NotFound()
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as error:
            raise NotFound(_("The file of this attachment is missing from storage.")) from error
        name = os.path.basename(attachment.file.name)
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        return FileResponse(
            handle,
            as_attachment=True,
            filename=name,
            content_type=ATTACHMENT_CONTENT_TYPES.get(extension, "application/octet-stream"),
        )


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


# --- Activities -----------------------------------------------------------------------------


class ActivityViewSet(ScopedModelViewSet):
    """The activity plan of the Actions (issue 4 adds experts, participants and reports).

    Issue 4 completes activities and their FilterSet."""

    model = Activity
    queryset = Activity.objects.none()
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet
    policy = activity_policy
    create_service = services.activity_create
    update_service = services.activity_update
    delete_service = services.activity_delete
