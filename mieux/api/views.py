"""The base API viewset every resource subclasses: scoping, policy checks and writes through services."""

from __future__ import annotations

from collections.abc import Callable

from rest_framework import viewsets
from rest_framework.settings import api_settings

from mieux.models import visible_to
from mieux.permissions import Policy

from .permissions import PolicyPermission


class ScopedModelViewSet(viewsets.ModelViewSet):
    """List/retrieve what `for_user` lets this user see; create/update/delete through the services.

    Subclasses declare `model`, `serializer_class`, `filterset_class`, `policy`, the three services
    and, for a flat query count, `select_related` / `prefetch_related`.
    """

    model = None
    policy: Policy = Policy()
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple = ()
    create_service: Callable | None = None
    update_service: Callable | None = None
    delete_service: Callable | None = None
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_permissions(self):
        classes = [*api_settings.DEFAULT_PERMISSION_CLASSES, PolicyPermission]
        return [permission() for permission in classes]

    def get_queryset(self):
        return visible_to(
            self.request.user,
            self.model,
            select_related=self.select_related,
            prefetch_related=self.prefetch_related,
        )

    def perform_create(self, serializer):
        serializer.instance = type(self).create_service(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = type(self).update_service(
            serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        type(self).delete_service(instance, actor=self.request.user)
