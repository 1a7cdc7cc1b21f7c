"""Celery application. Settings come from Django's (prefix CELERY_), tasks from each app's tasks.py.

All periodic schedules live in `beat_schedule` below, in one commented place.
"""

import gc
import os
from enum import StrEnum

from celery import Celery
from celery.schedules import crontab
from celery.signals import task_postrun, task_prerun, worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mieux.settings.dev")


class Queue(StrEnum):
    """Named queues, so slow report jobs never hold up quick notifications."""

    DEFAULT = "default"
    REPORTS = "reports"
    CREDENTIALS = "credentials"


app = Celery("mieux")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.conf.beat_schedule = {
    # Credentials past their validity stop verifying as valid: shortly after midnight, every day.
    "credentials-expire": {
        "task": "certification.credentials_expire",
        "schedule": crontab(hour=0, minute=10),
    },
    # Officials and their training unit hear before a skill or credential lapses (SKILL_REMINDER_DAYS).
    "skills-remind": {
        "task": "certification.skills_remind",
        "schedule": crontab(hour=6, minute=0),
    },
    # The staff home's figures (reporting.dashboard): a fresh snapshot of the portfolio every five
    # minutes, so no programme manager waits for the counts over every participation.
    "dashboard-refresh-portfolio": {
        "task": "reporting.dashboard_refresh",
        "schedule": 5 * 60,
        "args": ("portfolio",),
    },
}


@worker_process_init.connect
def _freeze_start_up_objects(**_kwargs):
    # As in the web processes (mieux.wsgi): what the worker loaded at start-up stays for its life,
    # so the collections during a task (a cohort's PDFs, a report) walk only what the task made.
    gc.freeze()


@task_prerun.connect
def _remember_task_id(task_id=None, task=None, **_kwargs):
    # Audit entries written while a task runs carry the task id, like requests carry theirs.
    from mieux.audit import set_origin

    set_origin(f"task:{task.name}:{task_id}")


@task_postrun.connect
def _forget_task_id(**_kwargs):
    from mieux.audit import set_origin

    set_origin("")
