"""Background work of certification. Thin: each task takes an id (or nothing), returns quietly when
there is nothing to do, and calls a service."""

from __future__ import annotations

from celery import shared_task

from mieux.celery import Queue


@shared_task(name="certification.bulk_issue_run", queue=Queue.CREDENTIALS, acks_late=True)
def bulk_issue_run(job_id: int) -> None:
    from .models import BulkIssue
    from .services import bulk_issue_process

    job = BulkIssue.objects.filter(pk=job_id).select_related("requested_by").first()
    if job is None or job.is_finished:
        return
    bulk_issue_process(job)


@shared_task(name="certification.credentials_expire", queue=Queue.CREDENTIALS)
def credentials_expire() -> int:
    """Daily (beat): credentials past their validity become expired."""
    from .services import credentials_expire as expire

    return expire()


# --- curricula: skills_remind (daily, beat) ---
@shared_task(name="certification.skills_remind", queue=Queue.DEFAULT)
def skills_remind() -> int:
    """Daily (beat): officials and their training unit hear before a skill or credential lapses."""
    from .services import skills_remind as remind

    return remind()


# --- end curricula ---
