"""GET /api/v1/iati/activities.xml: the Actions as an IATI 2.03 activity file (reporting/iati.py)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from actions.filtersets import ActionFilterSet
from actions.models import Action
from mieux.api.errors import ERROR_SCHEMA, error_body

from ..iati import IatiInvalid, can_export_iati, iati_actions, iati_activities_file

XML_CONTENT_TYPE = "application/xml; charset=utf-8"

# The common error shape, plus `error.actions`: what to fix, per Action code (null: the whole file).
IATI_ERROR_SCHEMA = {
    **ERROR_SCHEMA,
    "properties": {
        "error": {
            **ERROR_SCHEMA["properties"]["error"],
            "properties": {
                **ERROR_SCHEMA["properties"]["error"]["properties"],
                "actions": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["action", "errors"],
                        "properties": {
                            "action": {"type": "string", "nullable": True},
                            "errors": {"type": "array", "items": {"type": "string"}},
                        },
                    },
                },
            },
        }
    },
}


class IatiXmlRenderer(BaseRenderer):
    """Lets a client ask for application/xml; the file itself is answered as is, errors as JSON."""

    media_type = "application/xml"
    format = "xml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else JSONRenderer().render(data)


class IatiActivitiesView(GenericAPIView):
    """The Actions this user may see, filtered as the Actions list (`/api/v1/actions/` query
    parameters), as one IATI 2.03 activity file validated against the official XSD. Invalid data
    answers 422 with what to fix per Action instead of a file. Programme staff and integrators only."""

    filterset_class = ActionFilterSet
    pagination_class = None
    renderer_classes = [JSONRenderer, IatiXmlRenderer]

    def get_queryset(self):
        return Action.objects.for_user(self.request.user)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response):  # errors are JSON, whatever the client accepted
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        return response

    @extend_schema(
        operation_id="iati_activities_retrieve",
        filters=True,
        summary=gettext_lazy("The Actions as an IATI 2.03 activity file"),
        responses={
            (200, "application/xml"): OpenApiResponse(
                response=OpenApiTypes.STR, description=gettext_lazy("The IATI 2.03 activity file.")
            ),
            (422, "application/json"): OpenApiResponse(
                response=IATI_ERROR_SCHEMA,
                description=gettext_lazy(
                    "The data cannot be published as is: `error.actions` lists, per Action code, what to fix."
                ),
            ),
        },
    )
    def get(self, request):
        if not can_export_iati(request.user):
            raise PermissionDenied(_("Only programme staff and integrators publish the IATI file."))
        actions = iati_actions(self.filter_queryset(self.get_queryset()), request.user)
        try:
            xml = iati_activities_file(actions)
        except IatiInvalid as invalid:
            problems = [problem.as_dict() for problem in invalid.problems]
            body = error_body(
                "iati_invalid",
                _("The IATI file cannot be published: fix these Actions first."),
                {problem.action or "non_field_errors": problem.errors for problem in invalid.problems},
            )
            body["error"]["actions"] = problems
            return Response(body, status=422)
        response = HttpResponse(xml, content_type=XML_CONTENT_TYPE)
        response["Content-Disposition"] = 'inline; filename="iati-activities.xml"'
        return response
