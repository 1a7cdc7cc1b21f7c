"""Reports produced in the background: each run is a row that says who asked for what, where it
stands and what it produced."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mieux.models import TimeStampedModel

from .choices import FINISHED_STATES, ReportFormat, ReportKind, RunState
from .querysets import ReportRunQuerySet


class ReportRun(TimeStampedModel):
    """One report asked for: kind, format, language and parameters (the portfolio filters, a period,
    an Action), then queued → running → done or failed, with progress 0–100 and a message, the
    produced file and a readable error. The Celery task is idempotent: a redelivered message finds
    the run done, or takes over a run whose worker stopped sending heartbeats, and always writes the
    run's one file."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report_runs",
    )
    kind = models.CharField(_("report"), max_length=16, choices=ReportKind.choices)
    format = models.CharField(_("format"), max_length=8, choices=ReportFormat.choices)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="en")
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    scheduled = models.BooleanField(_("scheduled"), default=False)
    state = models.CharField(
        _("state"), max_length=8, choices=RunState.choices, default=RunState.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/", blank=True)
    error = models.TextField(_("error"), blank=True)

    objects = ReportRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("report run")
        verbose_name_plural = _("report runs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:run_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None
