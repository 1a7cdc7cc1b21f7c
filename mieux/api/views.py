"""The base API viewset every resource subclasses: scoping, policy checks, writes through services,
optimistic concurrency for versioned models, and state transitions."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings

from mieux.errors import PreconditionRequired
from mieux.models import visible_to
from mieux.permissions import Policy

from .permissions import PolicyPermission


def _expected_version(request) -> int | None:
    """The version named by If-Match (`"3"` or `W/"3"`); None when absent."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        return None
    value = header.removeprefix("W/").strip('"')
    if not value.isdigit():
        raise PreconditionRequired(
            str(_('If-Match must carry the ETag of the version you edit, such as "3".')),
            fields={"If-Match": [str(_("Not an ETag this API issued."))]},
        )
    return int(value)


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the version being edited (from GET). Missing: 428; stale: 412.",
)


class ScopedModelViewSet(viewsets.ModelViewSet):
    """List/retrieve what `for_user` lets this user see; create/update/delete through the services.

    Subclasses declare `model`, `serializer_class`, `filterset_class`, `policy`, the three services
    and, for a flat query count, `select_related` / `prefetch_related`. A versioned model
    (`versioned = True`) answers with an ETag and requires If-Match on updates.
    """

    model = None
    policy: Policy = Policy()
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple = ()
    create_service: Callable | None = None
    update_service: Callable | None = None
    delete_service: Callable | None = None
    versioned = False
    # The busiest lists are read as rows (mieux.api.rows.RowRepresentation) behind the same schema.
    list_rows = None
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    # Extra actions whose service decides who may (and re-checks it): the edit policy is not asked,
    # but the object is still looked up through for_user (404 when invisible) and read-only tokens
    # are still refused. E.g. a focal point adds a file to a request it may not edit.
    service_authorised_actions: frozenset[str] = frozenset()

    def get_permissions(self):
        classes = list(api_settings.DEFAULT_PERMISSION_CLASSES)
        if getattr(self, "action", None) not in self.service_authorised_actions:
            classes.append(PolicyPermission)
        return [permission() for permission in classes]

    def filter_queryset(self, queryset):
        # A filter that takes one value refuses the same query parameter given twice (400 naming it)
        # rather than silently keeping the last one.
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            for name, declared in filterset_class.base_filters.items():
                several = issubclass(declared.field_class, forms.MultipleChoiceField)
                if not several and len(self.request.query_params.getlist(name)) > 1:
                    raise ValidationError({name: [_("Give this filter one value.")]})
            if not any(name in self.request.query_params for name in filterset_class.base_filters):
                # No filter asked for: building and validating the filter form would change nothing
                # (an absent filter never filters), and it is a large part of an unfiltered page's cost.
                return queryset
        return super().filter_queryset(queryset)

    def list(self, request, *args, **kwargs):
        """With `list_rows` (mieux.api.rows), the page is read as rows and written by the serializer's
        own fields, without model instances or DRF's per-object machinery; otherwise DRF's list."""
        if self.list_rows is None:
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        ordering = self.paginator.get_ordering(request, queryset, self) if self.paginator else ()
        page = self.paginate_queryset(self.list_rows.queryset(queryset, ordering))
        data = self.list_rows.represent(page, self.get_serializer_context())
        return self.get_paginated_response(data)

    def get_queryset(self):
        return visible_to(
            self.request.user,
            self.model,
            select_related=self.select_related,
            prefetch_related=self.prefetch_related,
        )

    def service_data(self, serializer) -> dict:
        """What the serializer validated, as keyword arguments for the service."""
        return dict(serializer.validated_data)

    def perform_create(self, serializer):
        serializer.instance = type(self).create_service(
            actor=self.request.user, **self.service_data(serializer)
        )

    def perform_update(self, serializer):
        extra = {"expected_version": _expected_version(self.request)} if self.versioned else {}
        serializer.instance = type(self).update_service(
            serializer.instance, actor=self.request.user, **extra, **self.service_data(serializer)
        )
        self._updated_instance = serializer.instance

    def perform_destroy(self, instance):
        type(self).delete_service(instance, actor=self.request.user)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        instance = getattr(self, "_etag_instance", None)
        if self.versioned and instance is not None and response.status_code < 300:
            response["ETag"] = instance.etag
        return response

    def retrieve(self, request, *args, **kwargs):
        self._etag_instance = self.get_object()
        return Response(self.get_serializer(self._etag_instance).data)

    def update(self, request, *args, **kwargs):
        if self.versioned and not request.headers.get("If-Match"):
            # Checked before validation: an edit without a version is refused whatever it contains.
            self.get_object()  # 404 for an object this user cannot see
            raise PreconditionRequired(
                str(_("Send If-Match with the ETag you read, so no one else's edit is overwritten.")),
                fields={"If-Match": [str(_("This header is required."))]},
            )
        response = super().update(request, *args, **kwargs)
        self._etag_instance = getattr(self, "_updated_instance", None)
        return response


class TransitionSerializer(serializers.Serializer):
    to = serializers.CharField(max_length=40, help_text="The status to move to.")
    comment = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class AvailableTransitionSerializer(serializers.Serializer):
    to = serializers.CharField()
    label = serializers.CharField()
    comment_required = serializers.BooleanField()
    blocked_by = serializers.CharField(allow_null=True, help_text="Why a guard refuses it now, if it does.")


class TransitionsMixin:
    """`POST {id}/transition/` with {"to", "comment"}: 409 with the reason when a guard refuses.
    `GET {id}/transitions/`: the transitions this user may make now, with any guard's refusal."""

    workflow = None
    transition_service: Callable | None = None

    def get_permissions(self):
        # A transition is authorised by the workflow table (checked by the service), not by the edit
        # policy: a requesting focal point may withdraw a request it may not edit. Read-only tokens are
        # still refused, and the object is still looked up through for_user (404 when invisible).
        if getattr(self, "action", None) == "transition":
            return [permission() for permission in api_settings.DEFAULT_PERMISSION_CLASSES]
        return super().get_permissions()

    @extend_schema(
        request=TransitionSerializer,
        responses={200: OpenApiResponse(description="The object after the transition.")},
        summary="Move to another status",
    )
    @action(detail=True, methods=["post"], url_path="transition")
    def transition(self, request, pk=None):
        instance = self.get_object()
        payload = TransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        updated = type(self).transition_service(
            instance,
            actor=request.user,
            to=payload.validated_data["to"],
            comment=payload.validated_data["comment"],
        )
        self._etag_instance = updated
        return Response(self.get_serializer(updated).data, status=status.HTTP_200_OK)

    def transition_candidate(self, instance, transition):
        """The object as the transition's guards will find it. A transition service that fills a
        field before moving on (a sign-off that names who signs) shows it here, so the list does not
        offer a refusal the service would not meet."""
        return instance

    @extend_schema(responses=AvailableTransitionSerializer(many=True), summary="Transitions available now")
    @action(detail=True, methods=["get"], url_path="transitions", pagination_class=None, filter_backends=[])
    def transitions(self, request, pk=None):
        instance = self.get_object()
        rows = [
            {
                "to": t.target,
                "label": str(t.label),
                "comment_required": t.needs_comment,
                "blocked_by": t.refusal(self.transition_candidate(instance, t)),
            }
            for t in self.workflow.available(instance, request.user)
        ]
        return Response(AvailableTransitionSerializer(rows, many=True).data)


__all__ = ["IF_MATCH", "ScopedModelViewSet", "TransitionsMixin"]
