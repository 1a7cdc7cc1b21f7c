"""Report runs on real Celery workers with Redis on loopback (CI: PostgreSQL + Redis; skipped on a
machine without a Redis broker): a portfolio report end to end, and a worker killed in the middle of
an Action report, whose run a restarted worker finishes exactly once.

The killed worker is a real `celery worker` process. It is slowed down by the documented fault
injection MIEUX_REPORT_STEP_DELAY (a pause after each progress step), and the broker gives an
unacknowledged message back after CELERY_VISIBILITY_TIMEOUT seconds (both read by the settings)."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import openpyxl
import pytest
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from actions.choices import ActionStatus
from mieux.celery import app as celery_app
from mieux.models import AuditEntry
from mieux.roles import Role
from reporting import services
from reporting.choices import ReportFormat, ReportKind, RunState
from reporting.models import ReportRun
from tests.actions.factories import ActionFactory, ActivityFactory
from tests.conftest import skip_unless

pytestmark = pytest.mark.django_db(transaction=True)

BROKER = os.environ.get("CELERY_BROKER_URL", "")
VISIBILITY_TIMEOUT = 3  # seconds before Redis gives an unacknowledged message to another worker
STALE_AFTER = 2  # seconds without a heartbeat before a running report may be taken over
STEP_DELAY = 1.0  # seconds the first worker pauses after each progress step


@pytest.fixture
def broker():
    skip_unless(BROKER.startswith("redis://"), "needs Redis as the Celery broker (set CELERY_BROKER_URL)")
    # No message left over from an earlier run, queued or unacknowledged, may reach these workers.
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge("reports")
        conn.default_channel.client.delete("unacked", "unacked_index")
    celery_app.conf.task_always_eager = False
    yield BROKER
    celery_app.conf.task_always_eager = True


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_under(root: Path) -> list[Path]:
    return sorted(path for path in Path(root).rglob("*") if path.is_file())


def run_entries(run):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ReportRun), object_id=str(run.pk)
    )


def wait_for(run: ReportRun, condition, *, timeout: float, describe) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if condition(run):
            return
        time.sleep(0.1)
    pytest.fail(f"run {run.pk} is {run.state} at {run.progress}% ({run.message!r}). {describe()}")


def test_a_real_worker_makes_a_portfolio_report(world, broker, media):
    from celery.contrib.testing.worker import start_worker

    manager = world.user(Role.PROGRAMME_MANAGER)
    action = ActionFactory(lead=world.institution_a, status=ActionStatus.IMPLEMENTATION)
    ActivityFactory(action=action, status="confirmed")
    with start_worker(
        celery_app, pool="solo", queues=["reports"], perform_ping_check=False, shutdown_timeout=10
    ):
        # Outside any transaction the on-commit hook queues the task at once, to Redis.
        run = services.report_request(actor=manager, kind=ReportKind.PORTFOLIO, format=ReportFormat.XLSX)
        wait_for(run, lambda run: run.is_finished, timeout=60, describe=lambda: "")
    assert run.state == RunState.DONE, run.error
    assert run.progress == 100 and run.attempts == 1 and run.error == ""
    assert files_under(media) == [Path(run.file.path)]
    with run.file.open("rb") as produced:
        workbook = openpyxl.load_workbook(io.BytesIO(produced.read()), read_only=True)
    assert len(workbook.sheetnames) >= 2


# --- A worker killed in the middle of a report ----------------------------------------------------


def database_url() -> str:
    """The test database, as the worker process must reach it."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    credentials = quote(database["USER"] or "", safe="")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"], safe="")
    host = database["HOST"] or "localhost"
    port = f":{database['PORT']}" if database["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{database['NAME']}"


class Worker:
    """`celery -A mieux worker -Q reports --pool solo` in a process of its own, on the test database."""

    def __init__(self, name: str, log: Path, media: Path, step_delay: float):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "mieux.settings.test",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": BROKER,
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "REPORT_STALE_AFTER_SECONDS": str(STALE_AFTER),
            "MIEUX_REPORT_STEP_DELAY": str(step_delay),
            "MEDIA_ROOT": str(media),
        }
        command = [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "mieux",
            "worker",
            "-Q",
            "reports",
            "--pool",
            "solo",
            "--hostname",
            f"{name}-{uuid.uuid4().hex[:8]}@%h",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "INFO",
        ]
        self.log = log
        self._out = open(log, "wb")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            command, cwd=django_settings.BASE_DIR, env=env, stdout=self._out, stderr=subprocess.STDOUT
        )

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self._out.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.send_signal(signal.SIGKILL)
                self.process.wait(timeout=10)
        self._out.close()

    def tail(self) -> str:
        return "Worker log:\n" + self.log.read_text(errors="replace")[-3000:]


def test_a_worker_killed_mid_report_leaves_a_run_the_next_worker_finishes_once(
    world, broker, media, tmp_path
):
    officer = world.user(Role.PROGRAMME_OFFICER)
    action = ActionFactory(lead=world.institution_a, status=ActionStatus.IMPLEMENTATION)
    ActivityFactory(action=action, status="confirmed")
    media.mkdir(parents=True)
    run = services.report_request(
        actor=officer, kind=ReportKind.ACTION, format=ReportFormat.XLSX, action_id=action.pk
    )
    first = Worker("first", tmp_path / "first.log", media, step_delay=STEP_DELAY)
    try:
        wait_for(
            run,
            lambda run: run.is_finished or (run.state == RunState.RUNNING and run.progress > 0),
            timeout=60,
            describe=first.tail,
        )
    finally:
        first.kill()
    run.refresh_from_db()
    # Killed in the middle: running, one attempt, no file yet.
    assert run.state == RunState.RUNNING and run.attempts == 1, (
        "the first worker finished before it could be killed: is MIEUX_REPORT_STEP_DELAY honoured?"
    )
    assert not run.file

    # The message comes back once the visibility timeout has passed; by then the heartbeat is stale.
    time.sleep(max(VISIBILITY_TIMEOUT, STALE_AFTER) + 1)
    second = Worker("second", tmp_path / "second.log", media, step_delay=0)
    try:
        wait_for(run, lambda run: run.is_finished, timeout=60, describe=second.tail)
        # Give a duplicate delivery, if any, the time to show itself.
        time.sleep(VISIBILITY_TIMEOUT + 1)
    finally:
        second.stop()

    run.refresh_from_db()
    assert run.state == RunState.DONE, run.error
    assert run.attempts == 2 and run.progress == 100 and run.error == ""
    assert files_under(media) == [Path(run.file.path)]
    with run.file.open("rb") as produced:
        workbook = openpyxl.load_workbook(io.BytesIO(produced.read()), read_only=True)
    assert workbook.sheetnames
    entries = list(run_entries(run))
    done = [entry for entry in entries if entry.changes.get("state", [None, None])[1] == RunState.DONE]
    taken_over = [entry for entry in entries if entry.reason == "Taken over from a worker that stopped"]
    assert len(done) == 1 and len(taken_over) == 1
    assert taken_over[0].changes["attempts"] == [1, 2]
