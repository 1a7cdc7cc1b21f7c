from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from mieux.models import ApiToken


class ReadOnlyTokenPermission(permissions.BasePermission):
    """A request authenticated with a read-only token may only read."""

    message = _("This API token is read-only.")

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return not (isinstance(request.auth, ApiToken) and request.auth.read_only)


class PolicyPermission(permissions.BasePermission):
    """Asks the view's policy (the app's permission predicates) whether this user may do this."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        if view.action == "create":
            return view.policy.can_create(request.user)
        return True

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        if request.method == "DELETE":
            return view.policy.can_delete(request.user, obj)
        return view.policy.can_change(request.user, obj)
