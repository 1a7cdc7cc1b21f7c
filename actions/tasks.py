"""Background work of the actions app. Thin: each task takes an id, returns quietly when the row is
gone or already done, and calls a service."""

from __future__ import annotations

from celery import shared_task

from mieux.celery import Queue


@shared_task(name="actions.attendance_import_run", queue=Queue.DEFAULT, acks_late=True)
def attendance_import_run(import_id: int) -> None:
    from .models import AttendanceImport
    from .services import attendance_import_run as run

    job = AttendanceImport.objects.filter(pk=import_id).select_related("requested_by").first()
    if job is None or job.is_finished:
        return
    run(job)


@shared_task(name="actions.clarification_notify", queue=Queue.DEFAULT, acks_late=True)
def clarification_notify(clarification_id: int) -> None:
    from .models import RequestClarification
    from .services import notify_clarification_asked

    if RequestClarification.objects.filter(pk=clarification_id).exists():
        notify_clarification_asked(clarification_id)
