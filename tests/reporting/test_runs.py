"""A report run's life without a worker (Celery eager): the task is idempotent (one file, one "done",
one e-mail however often the message arrives), a live run is left alone and a stale one taken over,
a broken report fails readably, a blinking database is retried, and the monthly schedule queues one
portfolio report per programme manager.

The report builders and writers are tested elsewhere; here `builders.assemble` returns a small
report so the run's life is tested on its own (and a tiny CSV writer stands in while
writers.WRITERS has none)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import OperationalError
from django.test.signals import template_rendered
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mieux.celery import app as celery_app
from mieux.models import AuditEntry
from mieux.roles import Role
from reporting import builders, services, tasks, writers
from reporting.choices import ReportFormat, ReportKind, RunState
from reporting.models import ReportRun
from tests.factories import UserFactory

ROWS = [("MX-2024-01", "Border management training", 12), ("NG-2024-02", "Victim referral", 30)]


def small_report(run, progress) -> builders.Report:
    progress(40, "Counting the Actions")

    def rows():
        yield from ROWS

    return builders.Report(
        title="Portfolio",
        tables=[
            builders.Table(
                title="Actions",
                headers=["Code", "Title", "Participants"],
                rows=rows(),
                totals=["", "Total", 42],
                formats=["text", "text", "int"],
            )
        ],
    )


def tiny_csv_writer(report, *, out, run, progress) -> None:
    for table in report.tables:
        out.write((",".join(table.headers) + "\n").encode())
        for row in table.rows:
            out.write((",".join(str(value) for value in row) + "\n").encode())
    progress(90, "Written")


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def assembled(monkeypatch) -> list:
    """Every call of builders.assemble, answered with the small report."""
    calls = []

    def assemble(run, progress):
        calls.append(run.pk)
        return small_report(run, progress)

    monkeypatch.setattr(builders, "assemble", assemble)
    if ReportFormat.CSV not in writers.WRITERS:
        monkeypatch.setitem(writers.WRITERS, ReportFormat.CSV, tiny_csv_writer)
    return calls


@pytest.fixture
def retries_replayed():
    """Eager Celery raises a task's Retry to the caller while task_eager_propagates is on; off, it
    replays each retry at once (ignoring the countdown), as a worker would after it."""
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_eager_propagates = True


@pytest.fixture
def officer(world):
    return world.user(Role.PROGRAMME_OFFICER)


def request_run(actor, **options) -> ReportRun:
    fields = {"kind": ReportKind.PORTFOLIO, "format": ReportFormat.CSV, "language": "en"} | options
    return services.report_request(actor=actor, **fields)


def files_under(root: Path) -> list[Path]:
    return sorted(path for path in Path(root).rglob("*") if path.is_file())


def run_entries(run):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ReportRun), object_id=str(run.pk)
    )


def done_entries(run):
    return [
        entry for entry in run_entries(run) if entry.changes.get("state", [None, None])[1] == RunState.DONE
    ]


def test_the_task_run_twice_gives_one_file_one_done_and_one_e_mail_queued(
    officer, media, assembled, django_capture_on_commit_callbacks
):
    run = request_run(officer)
    with django_capture_on_commit_callbacks() as notifications:
        tasks.report_run.delay(run.pk)
        tasks.report_run.delay(run.pk)
    run.refresh_from_db()
    assert run.state == RunState.DONE and run.progress == 100 and run.attempts == 1
    assert run.message == "Ready" and run.error == "" and run.finished_at is not None
    assert files_under(media) == [Path(run.file.path)]
    assert run.file.name == services.report_file_name(run)
    with run.file.open("rb") as produced:
        content = produced.read().decode()
    assert "Border management training" in content and "Victim referral" in content
    assert len(done_entries(run)) == 1
    # The second delivery found the run done: it built nothing and queued no second e-mail.
    assert assembled == [run.pk]
    assert len(notifications) == 1


def test_a_run_with_a_fresh_heartbeat_is_left_to_its_worker(officer, media, assembled, settings):
    settings.REPORT_STALE_AFTER_SECONDS = 60
    run = request_run(officer)
    heartbeat = timezone.now() - datetime.timedelta(seconds=5)
    ReportRun.objects.filter(pk=run.pk).update(
        state=RunState.RUNNING, attempts=1, progress=30, heartbeat_at=heartbeat, started_at=heartbeat
    )
    entries_before = run_entries(run).count()
    tasks.report_run.delay(run.pk)
    run.refresh_from_db()
    assert run.state == RunState.RUNNING and run.attempts == 1 and run.progress == 30
    assert run.heartbeat_at == heartbeat and not run.file
    assert assembled == [] and files_under(media) == []
    assert run_entries(run).count() == entries_before


def test_a_run_whose_worker_stopped_is_taken_over_and_its_half_file_replaced(
    officer, media, assembled, settings
):
    settings.REPORT_STALE_AFTER_SECONDS = 60
    run = request_run(officer)
    started = timezone.now() - datetime.timedelta(minutes=5)
    ReportRun.objects.filter(pk=run.pk).update(
        state=RunState.RUNNING, attempts=1, progress=55, heartbeat_at=started, started_at=started
    )
    # What the dead worker left behind at the run's one name.
    half = Path(media) / services.report_file_name(run)
    half.parent.mkdir(parents=True)
    half.write_bytes(b"Code,Title,Partic")
    tasks.report_run.delay(run.pk)
    run.refresh_from_db()
    assert run.state == RunState.DONE and run.attempts == 2 and run.progress == 100
    assert run.started_at == started  # the run started when the first worker took it
    assert files_under(media) == [half]
    assert "Victim referral" in half.read_text()
    taken_over = run_entries(run).filter(reason="Taken over from a worker that stopped")
    assert taken_over.count() == 1
    assert taken_over.get().changes["attempts"] == [1, 2]
    assert len(done_entries(run)) == 1


def test_a_broken_report_fails_the_run_with_a_readable_error_its_requester_sees(
    officer, media, monkeypatch, world
):
    def broken(run, progress):
        progress(10, "Counting")
        raise ValueError("no exchange rate for 2019")

    monkeypatch.setattr(builders, "assemble", broken)
    run = request_run(officer)
    tasks.report_run.delay(run.pk)
    run.refresh_from_db()
    assert run.state == RunState.FAILED and run.message == "Failed"
    assert run.error == "The report could not be made: no exchange rate for 2019"
    assert run.finished_at is not None and not run.file and files_under(media) == []
    seen = ReportRun.objects.for_user(officer).get(pk=run.pk)
    assert seen.error == run.error and seen.get_state_display() == "Failed"
    assert not ReportRun.objects.for_user(world.focal_b).filter(pk=run.pk).exists()
    # Another delivery of the message does not try again: a failed run stays failed.
    tasks.report_run.delay(run.pk)
    run.refresh_from_db()
    assert run.state == RunState.FAILED and run.attempts == 1


def test_a_transient_error_is_retried_then_the_run_finishes(officer, media, assembled, monkeypatch):
    blinks = []

    def blinking(run, progress):
        if not blinks:
            blinks.append(run.pk)
            raise OperationalError("server closed the connection unexpectedly")
        return small_report(run, progress)

    monkeypatch.setattr(builders, "assemble", blinking)
    run = request_run(officer)
    with pytest.raises(services.TransientReportError, match="server closed the connection"):
        services.report_run_execute(run.pk)
    run.refresh_from_db()
    # Waiting to try again, with no heartbeat so the next attempt takes over at once.
    assert run.state == RunState.RUNNING and run.heartbeat_at is None and run.attempts == 1
    assert run.message == "Waiting to try again" and files_under(media) == []
    services.report_run_execute(run.pk)
    run.refresh_from_db()
    assert run.state == RunState.DONE and run.attempts == 2 and len(files_under(media)) == 1


def test_the_task_retries_a_transient_error_by_itself(officer, media, assembled, monkeypatch):
    calls = []

    def blinking(run, progress):
        calls.append(run.pk)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return small_report(run, progress)

    monkeypatch.setattr(builders, "assemble", blinking)
    run = request_run(officer)
    # Eager Celery with task_eager_propagates raises the Retry to the caller; apply(throw=False) is how
    # Celery replays the retry at once, as a worker would after the countdown.
    result = tasks.report_run.apply(args=[run.pk], throw=False)
    assert result.successful()
    run.refresh_from_db()
    assert run.state == RunState.DONE and run.attempts == 2 and len(calls) == 2
    assert len(files_under(media)) == 1 and len(done_entries(run)) == 1


def test_a_database_that_never_comes_back_fails_the_run_after_the_last_retry(
    officer, media, monkeypatch, retries_replayed
):
    def down(run, progress):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(builders, "assemble", down)
    run = request_run(officer)
    tasks.report_run.apply(args=[run.pk])
    run.refresh_from_db()
    assert run.state == RunState.FAILED
    assert run.attempts == tasks.report_run.max_retries + 1
    assert "could not connect to server" in run.error and files_under(media) == []


def test_a_database_blink_while_claiming_the_run_is_retried_too(
    officer, media, assembled, monkeypatch, retries_replayed
):
    """The claim is the task's first query, the likeliest to meet a dropped connection."""
    real_claim = services.ReportRun.objects.select_for_update
    blinks = []

    def select_for_update(*args, **kwargs):
        if not blinks:
            blinks.append(1)
            raise OperationalError("server closed the connection unexpectedly")
        return real_claim(*args, **kwargs)

    monkeypatch.setattr(services.ReportRun.objects, "select_for_update", select_for_update)
    run = request_run(officer)
    tasks.report_run.apply(args=[run.pk])
    run.refresh_from_db()
    assert blinks and run.state == RunState.DONE and len(files_under(media)) == 1


def test_the_ready_e_mail_goes_once_in_the_runs_language_with_the_link(
    world, media, assembled, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://mieux.example.org"
    manager = world.user(Role.PROGRAMME_MANAGER)
    languages = []

    def rendered(sender, template, context, **kwargs):
        if template.name == "reporting/email/report_ready.txt":
            languages.append(translation.get_language())

    template_rendered.connect(rendered)
    try:
        run = request_run(manager, language="fr")
        with django_capture_on_commit_callbacks(execute=True):
            tasks.report_run.delay(run.pk)
        with django_capture_on_commit_callbacks(execute=True):
            tasks.report_run.delay(run.pk)
    finally:
        template_rendered.disconnect(rendered)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [manager.email]
    assert "https://mieux.example.org" + run.get_absolute_url() in message.body
    assert languages == ["fr"]
    with translation.override("fr"):
        expected = _("Your report is ready: %(report)s") % {"report": run.get_kind_display()}
    assert message.subject == expected


@pytest.mark.parametrize(
    ("today", "first", "last"),
    [
        (datetime.date(2025, 3, 1), "2025-02-01", "2025-02-28"),
        (datetime.date(2024, 3, 18), "2024-02-01", "2024-02-29"),
        (datetime.date(2025, 1, 1), "2024-12-01", "2024-12-31"),
    ],
)
def test_the_monthly_schedule_queues_last_months_portfolio_for_each_active_manager(
    world, today, first, last, django_capture_on_commit_callbacks
):
    spanish = UserFactory(role=Role.PROGRAMME_MANAGER, language="es")
    UserFactory(role=Role.PROGRAMME_MANAGER, is_active=False)
    managers = [world.user(Role.PROGRAMME_MANAGER), spanish]
    with django_capture_on_commit_callbacks() as queued:
        count = services.monthly_portfolio_reports_request(today=today)
    assert count == 2 and len(queued) == 2
    runs = ReportRun.objects.order_by("requested_by_id")
    assert [run.requested_by for run in runs] == sorted(managers, key=lambda user: user.pk)
    for run in runs:
        assert run.kind == ReportKind.PORTFOLIO and run.format == ReportFormat.XLSX and run.scheduled
        assert run.state == RunState.QUEUED
        assert run.language == run.requested_by.language
        assert run.parameters == {"filters": {}, "period_start": first, "period_end": last}


def test_the_scheduled_task_asks_for_last_months_reports(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        assert tasks.monthly_portfolio_reports.delay().get() == 1
    run = ReportRun.objects.get()
    last_day = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    assert run.parameters["period_end"] == last_day.isoformat()
    assert run.parameters["period_start"] == last_day.replace(day=1).isoformat()
    assert run.requested_by == world.user(Role.PROGRAMME_MANAGER) and len(queued) == 1


def test_the_data_migration_created_the_monthly_schedule(db):
    from django_celery_beat.models import PeriodicTask

    schedule = PeriodicTask.objects.get(name="Monthly portfolio report to programme managers")
    assert schedule.enabled and schedule.task == "reporting.monthly_portfolio_reports"
    assert schedule.task in celery_app.tasks
    assert schedule.queue == "reports"
    crontab = schedule.crontab
    assert (crontab.minute, crontab.hour, crontab.day_of_month) == ("0", "7", "1")
    assert (crontab.month_of_year, crontab.day_of_week) == ("*", "*")
    assert str(crontab.timezone) == "Europe/Brussels"
