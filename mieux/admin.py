"""Django admin, for administrators only. It is read-only for audited data: writes made here would
bypass the services and their audit entries, so domain objects are edited in the platform's pages."""

from django.contrib import admin

from .models import ApiToken, AuditEntry, User


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["email", "full_name", "role", "language", "is_active", "last_login"]
    list_filter = ["role", "is_active", "language"]
    search_fields = ["email", "full_name"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["prefix", "user", "name", "read_only", "created_at", "last_used_at", "revoked_at"]
    exclude = ["digest"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor_label", "action", "content_type", "object_repr", "origin"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor_label", "origin"]
