"""Reports through the API: POST /reports/ asks for one and answers 202 with the run; GET follows
it and, once done, downloads its file. Runs come through ReportRun.objects.for_user (own runs;
managers see all), so another user's run is a 404."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from mieux.api.views import ScopedModelViewSet
from mieux.downloads import stored_file_response
from mieux.permissions import Policy

from .. import services
from ..models import ReportRun
from ..permissions import can_request_report
from ..views import REPORT_CONTENT_TYPES
from .serializers import ReportRunSerializer

DOWNLOAD_RESPONSES = {
    (200, content_type.split(";")[0]): OpenApiTypes.BINARY for content_type in REPORT_CONTENT_TYPES.values()
}


class ReportRunPolicy(Policy):
    def can_create(self, user) -> bool:
        return can_request_report(user)


class ReportRunViewSet(ScopedModelViewSet):
    """Reports made in the background. POST with kind, format, language, filters (and the Action for
    the Action report) answers 202 with the run; poll GET /reports/{id}/ for its state and progress,
    then fetch download_url."""

    model = ReportRun
    queryset = ReportRun.objects.none()
    serializer_class = ReportRunSerializer
    policy = ReportRunPolicy()
    create_service = services.report_request
    http_method_names = ["get", "post", "head", "options"]

    def service_data(self, serializer) -> dict:
        data = serializer.validated_data
        return {
            "kind": data["kind"],
            "format": data["format"],
            "language": data["language"],
            "filters": data.get("filters") or {},
            "action_id": data.get("action"),
        }

    @extend_schema(
        responses={
            202: ReportRunSerializer,
            403: OpenApiResponse(description=_("Officials and experts do not ask for reports.")),
        },
        summary=_("Ask for a report (made in the background)"),
    )
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        run = serializer.instance
        run.refresh_from_db()  # an eager run has already finished by now
        return Response(self.get_serializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses=DOWNLOAD_RESPONSES, summary=_("Download the report's file once done"))
    @action(detail=True, methods=["get"], url_path="download", pagination_class=None, filter_backends=[])
    def download(self, request, pk=None):
        # Looked up through for_user: only the requester (and managers) get the file.
        return stored_file_response(self.get_object().file, content_types=REPORT_CONTENT_TYPES)
