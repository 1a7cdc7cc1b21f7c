"""Background work of reporting. Thin: the task takes a run id and calls the service.

acks_late: a worker that dies mid-report leaves the message unacknowledged, so the broker delivers it
again after its visibility timeout and the next worker takes the stale run over (services._claim).
The time limits stay below the broker's visibility timeout (settings), so a message is never
redelivered while its first worker is still legitimately working."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from mieux.celery import Queue


@shared_task(
    name="reporting.report_run",
    queue=Queue.REPORTS,
    acks_late=True,
    reject_on_worker_lost=True,
    bind=True,
    max_retries=5,
    soft_time_limit=settings.REPORT_SOFT_TIME_LIMIT,
    time_limit=settings.REPORT_TIME_LIMIT,
)
def report_run(self, run_id: int) -> None:
    from .services import TransientReportError, report_run_execute, report_run_fail

    try:
        report_run_execute(run_id)
    except TransientReportError as error:
        if self.request.retries >= self.max_retries:
            report_run_fail(run_id, str(error))
            return
        raise self.retry(exc=error, countdown=min(300, 10 * 2**self.request.retries)) from error


@shared_task(name="reporting.monthly_portfolio_reports", queue=Queue.REPORTS)
def monthly_portfolio_reports() -> int:
    """Scheduled (django-celery-beat, editable in the admin): last month's portfolio report for each
    programme manager, e-mailed when ready."""
    from .services import monthly_portfolio_reports_request

    return monthly_portfolio_reports_request()


@shared_task(name="reporting.dashboard_refresh", queue=Queue.REPORTS)
def dashboard_refresh(scope_key: str) -> None:
    """The dashboard's snapshot of one scope ("portfolio" or "institution-<id>"), computed afresh
    (reporting.dashboard). Scheduled every five minutes for the portfolio (mieux/celery.py); queued by
    the page when the snapshot it finds is missing or stale."""
    from .dashboard import dashboard_snapshot_refresh

    dashboard_snapshot_refresh(scope_key)
