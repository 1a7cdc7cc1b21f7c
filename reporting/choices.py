from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    PORTFOLIO = "portfolio", _("Portfolio report")
    ACTION = "action", _("Action report")
    RESULTS = "results", _("Results by OECD level")
    CERTIFICATION = "certification", _("Certification report")


class ReportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel workbook (XLSX)")
    CSV = "csv", _("CSV (comma-separated)")
    PDF = "pdf", _("PDF")


class RunState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


FINISHED_STATES = frozenset({RunState.DONE, RunState.FAILED})
