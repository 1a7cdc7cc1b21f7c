from django.contrib import admin

from mieux.admin import ReadOnlyAdmin

from .models import ReportRun


# Read-only, like every domain model in the admin: reports are asked for through the reports page and
# the API, and a run changes only through its task (services.py).
@admin.register(ReportRun)
class ReportRunAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "format", "language", "requested_by", "state", "progress", "created_at"]
    list_filter = ["kind", "format", "state", "scheduled"]
    search_fields = ["requested_by__email"]
    list_select_related = ["requested_by"]
    exclude = ["file"]
    readonly_fields = ["heartbeat_at"]
