"""A report run in the API: POST asks for one (answered 202), GET follows it."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from actions.api.serializers import DownloadUrlField
from mieux.api.serializers import ServiceModelSerializer
from mieux.filtersets import MAX_ID

from ..choices import ReportFormat, ReportKind
from ..models import ReportRun


class ReportRunSerializer(ServiceModelSerializer):
    kind = serializers.ChoiceField(choices=ReportKind.choices, help_text=_("Which report."))
    format = serializers.ChoiceField(choices=ReportFormat.choices, help_text=_("The file's format."))
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES, default="en", help_text=_("The language the report is written in.")
    )
    filters = serializers.DictField(
        child=serializers.JSONField(),
        write_only=True,
        required=False,
        default=dict,
        help_text=_(
            "The Actions list's filters (status, type, phase, country, region, …, as in GET /actions/) "
            "plus period_start and period_end (YYYY-MM-DD) for the dated figures."
        ),
    )
    action = serializers.IntegerField(
        write_only=True,
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text=_("The Action to report on (the Action report only)."),
    )
    download_url = DownloadUrlField("report-download", "file")

    class Meta:
        model = ReportRun
        fields = [
            "id",
            "kind",
            "format",
            "language",
            "filters",
            "action",
            "parameters",
            "scheduled",
            "state",
            "progress",
            "message",
            "created_at",
            "started_at",
            "finished_at",
            "download_url",
            "error",
        ]
        read_only_fields = [
            "parameters",
            "scheduled",
            "state",
            "progress",
            "message",
            "created_at",
            "started_at",
            "finished_at",
            "error",
        ]
