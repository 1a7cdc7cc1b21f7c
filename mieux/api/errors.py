"""One JSON shape for every API error, and its description in the OpenAPI schema.

{"error": {"code": "invalid", "message": "…", "fields": {"country": ["…"]}}}
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from mieux.downloads import FileUnavailable
from mieux.errors import ApplicationError


def _flatten(detail) -> dict[str, list[str]]:
    """DRF's nested error details → {"field": ["message", …]}, with nested paths joined by dots."""
    fields: dict[str, list[str]] = {}

    def walk(prefix: str, value) -> None:
        if isinstance(value, dict):
            for key, sub in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), sub)
        elif isinstance(value, list) and value and not isinstance(value[0], str | exceptions.ErrorDetail):
            for index, sub in enumerate(value):
                walk(f"{prefix}.{index}" if prefix else str(index), sub)
        else:
            messages = value if isinstance(value, list) else [value]
            fields.setdefault(prefix or "non_field_errors", []).extend(str(m) for m in messages)

    walk("", detail)
    return fields


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def api_exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        return Response(error_body(exc.code, exc.message, exc.fields), status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(fields)
    elif isinstance(exc, FileUnavailable):
        exc = exceptions.NotFound(str(exc))  # a visible row without its file: say so
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: let Django log it and answer 500
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        first = next(iter(fields.items()), ("", [_("Invalid input.")]))
        message = f"{first[0]}: {first[1][0]}" if first[0] else first[1][0]
        response.data = error_body("invalid", message, fields)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        response.data = error_body(str(code), str(detail))
    return response


ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "fields"],
            "properties": {
                "code": {"type": "string", "example": "invalid"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "description": "Messages per field name (nested fields joined with dots).",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}

_ERROR_STATUSES = {
    "400": "Invalid input; `fields` names each field in error.",
    "401": "Not authenticated.",
    "403": "Not allowed for this user or token.",
    "404": "Not found, or not visible to this user.",
    "405": "Method not allowed.",
    "406": "Not acceptable.",
    "409": "The object's current state does not allow this.",
    "415": "Unsupported media type.",
    "412": "The object changed since the ETag sent in If-Match (versioned resources).",
    "428": "If-Match is required to edit this resource.",
}


def _document_empty_filter_values(result) -> None:
    """An empty filter (`?region=`) means "no filter": HTML filter forms send every field, and the API
    shares their FilterSets. Say so in the schema, so clients and fuzzers know it is accepted."""
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") != "query":
                    continue
                schema = parameter.get("schema", {})
                # Dates, ids and yes/no filters: the value, or nothing.
                if (schema.get("type") == "string" and schema.get("format") == "date") or schema.get(
                    "type"
                ) in {"integer", "boolean"}:
                    parameter["schema"] = {"anyOf": [schema, {"type": "string", "maxLength": 0}]}
                    continue
                if schema.get("type") == "array":
                    schema = schema.get("items", {})
                if schema.get("type") == "string" and "enum" in schema and "" not in schema["enum"]:
                    schema["enum"] = [*schema["enum"], ""]


def add_error_responses(result, generator, request, public):
    """drf-spectacular post-processing hook: every operation documents the common error shape."""
    _document_empty_filter_values(result)
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/Error"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            responses = operation.setdefault("responses", {})
            for code, description in _ERROR_STATUSES.items():
                if code == "409" and method == "get":
                    continue
                if code == "400" and method in {"delete"}:
                    continue
                if code in {"412", "428"} and method not in {"put", "patch"}:
                    continue
                responses.setdefault(
                    code, {"description": description, "content": {"application/json": {"schema": reference}}}
                )
    return result


__all__ = ["add_error_responses", "api_exception_handler", "error_body", "status"]
