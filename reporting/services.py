"""Every write to reporting: asking for a report and the run's own life (see mieux.services)."""

from __future__ import annotations

import datetime
import logging
import os
import tempfile
import time
from collections.abc import Callable

from django.conf import settings
from django.core.files import File
from django.core.mail import send_mail
from django.db import OperationalError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mieux.errors import ApplicationError
from mieux.services import create_audited, require, update_fields_audited

from .choices import ReportFormat, ReportKind, RunState
from .models import ReportRun
from .permissions import can_request_report

logger = logging.getLogger(__name__)

# Errors worth another attempt (the database or the broker blinked); anything else fails the run
# with a readable message.
TRANSIENT_ERRORS = (OperationalError, ConnectionError, TimeoutError)


class TransientReportError(Exception):
    """Raised to the task so that Celery retries with backoff."""


def report_request(
    *,
    actor,
    kind: str,
    format: str,
    language: str = "en",
    filters: dict | None = None,
    action_id: int | None = None,
    scheduled: bool = False,
) -> ReportRun:
    """Ask for a report. The parameters are checked now (a 400 naming the field), the work is queued
    once the transaction commits, on the reports queue."""
    require(can_request_report(actor, kind), _("You may not ask for this report."))
    from .parameters import clean_parameters

    errors = {}
    if kind not in ReportKind.values:
        errors["kind"] = [_("Choose one of: %(choices)s.") % {"choices": ", ".join(ReportKind.values)}]
    if format not in ReportFormat.values:
        errors["format"] = [_("Choose one of: %(choices)s.") % {"choices": ", ".join(ReportFormat.values)}]
    if language not in {code for code, _name in settings.LANGUAGES}:
        errors["language"] = [_("Choose en, fr or es.")]
    if errors:
        raise ApplicationError(_("The report cannot be made as asked."), fields=errors)
    parameters = clean_parameters(actor, kind, filters or {}, action_id)
    run = create_audited(
        ReportRun,
        actor=actor,
        requested_by=actor,
        kind=kind,
        format=format,
        language=language,
        parameters=parameters,
        scheduled=scheduled,
    )
    from .tasks import report_run

    transaction.on_commit(lambda: report_run.delay(run.pk))
    return run


def _heartbeat_is_fresh(run: ReportRun, now: datetime.datetime) -> bool:
    return run.heartbeat_at is not None and now - run.heartbeat_at < datetime.timedelta(
        seconds=settings.REPORT_STALE_AFTER_SECONDS
    )


def _claim(run_id: int) -> ReportRun | None:
    """Take the run for this worker, or None when there is nothing to do: the run is gone or finished,
    or another worker is on it and alive (its heartbeat is fresh)."""
    now = timezone.now()
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.is_finished:
            return None
        if run.state == RunState.RUNNING and _heartbeat_is_fresh(run, now):
            return None
        taking_over = run.state == RunState.RUNNING
        return update_fields_audited(
            run,
            actor=None,
            reason=_("Taken over from a worker that stopped") if taking_over else "",
            state=RunState.RUNNING,
            attempts=run.attempts + 1,
            started_at=run.started_at or now,
            heartbeat_at=now,
            progress=0,
            message=_("Started"),
        )


def _progress_reporter(run_id: int) -> Callable[[int, str], None]:
    def report(percent: int, message: str = "") -> None:
        # Progress and heartbeat are bookkeeping, not changes anyone decided: a plain update, no
        # audit entry per step.
        ReportRun.objects.filter(pk=run_id, state=RunState.RUNNING).update(
            progress=max(0, min(99, int(percent))), message=str(message)[:300], heartbeat_at=timezone.now()
        )
        if settings.REPORT_STEP_DELAY_SECONDS:
            time.sleep(settings.REPORT_STEP_DELAY_SECONDS)

    return report


def report_file_name(run: ReportRun) -> str:
    return f"reports/{run.created_at:%Y/%m}/report-{run.pk}-{run.kind}-{run.language}.{run.format}"


def report_run_execute(run_id: int) -> ReportRun | None:
    """The task's work: claim the run, build the file in a temporary file, store it under the run's
    one name (replacing a half-written one from a worker that died), mark it done and e-mail the
    requester. A second delivery of the same message does nothing."""
    from .builders import build_report

    try:
        run = _claim(run_id)
    except TRANSIENT_ERRORS as error:
        # The database blinked before the run was taken: another attempt must come, so the message
        # is not acknowledged as done with the run still queued.
        raise TransientReportError(str(error)) from error
    if run is None:
        return None
    report = _progress_reporter(run.pk)
    handle, temporary = tempfile.mkstemp(suffix=f".{run.format}")
    os.close(handle)
    try:
        with translation.override(run.language), open(temporary, "wb") as out:
            build_report(run, out=out, progress=report)
        with transaction.atomic():
            locked = ReportRun.objects.select_for_update().get(pk=run.pk)
            if locked.is_finished:  # another worker finished first while this one was slow
                return locked
            name = report_file_name(locked)
            storage = locked.file.storage
            if storage.exists(name):
                storage.delete(name)
            # Always the run's one name: a redelivered task replaces, never adds, a file.
            with open(temporary, "rb") as produced:
                locked.file.name = storage.save(name, File(produced))
            done = update_fields_audited(
                locked,
                actor=None,
                state=RunState.DONE,
                progress=100,
                message=_("Ready"),
                finished_at=timezone.now(),
                file=locked.file,
                error="",
            )
            transaction.on_commit(lambda: report_ready_notify(done.pk))
            return done
    except TRANSIENT_ERRORS as error:
        # Let another attempt take over at once rather than wait for the heartbeat to go stale.
        ReportRun.objects.filter(pk=run.pk, state=RunState.RUNNING).update(
            heartbeat_at=None, message=_("Waiting to try again")
        )
        raise TransientReportError(str(error)) from error
    except Exception as error:
        logger.exception("Report run %s failed", run.pk)
        report_run_fail(run.pk, _("The report could not be made: %(error)s") % {"error": error})
        return ReportRun.objects.get(pk=run.pk)
    finally:
        os.unlink(temporary)


def report_run_fail(run_id: int, message: str) -> None:
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.is_finished:
            return
        update_fields_audited(
            run,
            actor=None,
            reason=message,
            state=RunState.FAILED,
            finished_at=timezone.now(),
            message=_("Failed"),
            error=str(message)[:2000],
        )


def report_ready_notify(run_id: int) -> None:
    """E-mail the requester the link to the finished report, in the report's language."""
    run = ReportRun.objects.select_related("requested_by").filter(pk=run_id).first()
    if run is None or run.requested_by is None or not run.requested_by.email:
        return
    link = settings.SITE_URL + run.get_absolute_url()
    with translation.override(run.language):
        subject = _("Your report is ready: %(report)s") % {"report": run.get_kind_display()}
        body = render_to_string("reporting/email/report_ready.txt", {"run": run, "link": link})
    send_mail(subject, body, None, [run.requested_by.email])


def monthly_portfolio_reports_request(*, today: datetime.date | None = None) -> int:
    """Last month's portfolio report (XLSX, in the manager's language) for every active programme
    manager. Returns how many runs were queued."""
    from mieux.models import User
    from mieux.roles import Role

    today = today or timezone.localdate()
    last_day = today.replace(day=1) - datetime.timedelta(days=1)
    first_day = last_day.replace(day=1)
    count = 0
    for manager in User.objects.filter(role=Role.PROGRAMME_MANAGER, is_active=True).order_by("pk"):
        report_request(
            actor=manager,
            kind=ReportKind.PORTFOLIO,
            format=ReportFormat.XLSX,
            language=manager.language if manager.language in {"en", "fr", "es"} else "en",
            filters={"period_start": first_day.isoformat(), "period_end": last_day.isoformat()},
            scheduled=True,
        )
        count += 1
    return count
