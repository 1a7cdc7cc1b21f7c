"""The reports page: who may ask for a report, the form's errors under their field, a request that
runs (eager Celery) and ends with its file, the progress JSON the page polls, a failed run's error,
and that nobody reaches another user's run (page, progress, download)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.choices import ActivityStatus
from mieux.roles import Role
from reporting import services
from reporting.choices import ReportFormat, ReportKind, RunState
from reporting.models import ReportRun
from tests.actions.factories import ActionFactory, ActivityFactory, ParticipationFactory
from tests.factories import PersonFactory

ALLOWED = [
    Role.ADMINISTRATOR,
    Role.PROGRAMME_MANAGER,
    Role.PROGRAMME_OFFICER,
    Role.INTEGRATOR,
    Role.FOCAL_POINT,
    Role.HR_OFFICER,
    Role.TRAINING_OFFICER,
]
REFUSED = [Role.OFFICIAL, Role.EXPERT]


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def action_a(world):
    """An Action led by institution A with one held workshop and two participants."""
    action = ActionFactory(lead=world.institution_a, short_name="Mexico reporting")
    activity = ActivityFactory(action=action, status=ActivityStatus.HELD, held_on=action.approved_on)
    for _number in range(2):
        ParticipationFactory(activity=activity, person=PersonFactory(institution=world.institution_a))
    return action


@pytest.fixture
def action_b(world):
    return ActionFactory(lead=world.institution_b, short_name="Nigeria reporting", countries=["NG"])


def ask(client, data, django_capture_on_commit_callbacks):
    payload = {"kind": "action", "format": "csv", "language": "en", **data}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("reporting:run_list"), payload)


def queued_run(user, **fields) -> ReportRun:
    """A run asked for through the service, left queued (its task is queued only on commit)."""
    return services.report_request(
        actor=user,
        kind=fields.pop("kind", ReportKind.PORTFOLIO),
        format=fields.pop("format", ReportFormat.CSV),
        **fields,
    )


# --- Who may ask ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALLOWED)
def test_reporters_open_the_reports_page_with_the_actions_filters(world, page_client_for, role):
    response = page_client_for(world.user(role)).get(reverse("reporting:run_list"))
    assert response.status_code == 200
    page = text(response)
    for name in ("kind", "format", "language", "period_start", "period_end", "action", "status", "country"):
        assert f'name="{name}"' in page, name
    # The nav leads here.
    assert f'href="{reverse("reporting:run_list")}"' in page
    # Partners have no use for the list of programme staff names, as on the Actions list.
    assert ('name="officer"' in page) == world.user(role).sees_whole_portfolio


@pytest.mark.parametrize("role", REFUSED)
def test_officials_and_experts_get_403(world, page_client_for, role, django_capture_on_commit_callbacks):
    client = page_client_for(world.user(role))
    assert client.get(reverse("reporting:run_list")).status_code == 403
    assert ask(client, {"kind": "portfolio"}, django_capture_on_commit_callbacks).status_code == 403
    assert not ReportRun.objects.exists()


def test_signed_out_visitors_are_sent_to_log_in(db, client):
    response = client.get(reverse("reporting:run_list"))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


# --- Asking: errors under their field, then a run that finishes ----------------------------------


def test_form_errors_name_their_field(world, page_client_for, action_b, django_capture_on_commit_callbacks):
    client = page_client_for(world.user("focal_point"))
    cases = {
        "kind": {"kind": "everything"},
        "period_start": {"kind": "portfolio", "period_start": "2025-13-45"},
        "period_end": {"kind": "portfolio", "period_start": "2026-02-01", "period_end": "2026-01-01"},
        # The Action report needs an Action; another institution's is not one the partner can choose.
        "action": {"kind": "action", "action": str(action_b.pk)},
        "status": {"kind": "portfolio", "status": "nonsense"},
    }
    for field, data in cases.items():
        response = ask(client, data, django_capture_on_commit_callbacks)
        assert response.status_code == 400, field
        assert field in response.context["form"].errors, (field, response.context["form"].errors)
        assert "field__error" in text(response)
    missing_action = ask(client, {"kind": "action"}, django_capture_on_commit_callbacks)
    assert "action" in missing_action.context["form"].errors  # the service's error, under its field
    assert not ReportRun.objects.exists()


def test_an_action_report_is_made_and_downloaded(
    world, page_client_for, action_a, django_capture_on_commit_callbacks
):
    user = world.user("focal_point")
    client = page_client_for(user)
    response = ask(
        client,
        {"action": str(action_a.pk), "status": ["approved"], "period_start": "2020-01-01"},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302 and response["Location"] == reverse("reporting:run_list")
    run = ReportRun.objects.get()
    assert run.requested_by == user
    assert run.parameters == {
        "filters": {"status": ["approved"]},
        "period_start": "2020-01-01",
        "action": action_a.pk,
    }
    assert run.state == RunState.DONE, run.error
    assert run.progress == 100 and run.file

    page = text(client.get(reverse("reporting:run_list")))
    download = reverse("reporting:run_download", args=[run.pk])
    assert download in page
    file_response = client.get(download)
    assert file_response.status_code == 200
    content = b"".join(file_response.streaming_content).decode("utf-8-sig")
    assert action_a.code in content
    # The e-mail links to the run's page, which shows the same link.
    assert mail.outbox and run.get_absolute_url() in mail.outbox[-1].body
    detail = text(client.get(run.get_absolute_url()))
    assert download in detail and "Mexico reporting" in detail


def test_a_failed_run_shows_its_error(world, page_client_for):
    user = world.user("programme_officer")
    run = queued_run(user)
    services.report_run_fail(run.pk, "The workbook could not be written: disk full")
    client = page_client_for(user)
    for url in (reverse("reporting:run_list"), run.get_absolute_url()):
        page = text(client.get(url))
        assert "disk full" in page and "status--failed" in page
    assert reverse("reporting:run_download", args=[run.pk]) not in text(
        client.get(reverse("reporting:run_list"))
    )
    # No file: the download is a 404, not a 500.
    assert client.get(reverse("reporting:run_download", args=[run.pk])).status_code == 404


def test_progress_json_reports_unfinished_runs_and_the_page_polls_it(world, page_client_for):
    user = world.user("programme_officer")
    run = queued_run(user)
    client = page_client_for(user)
    page = text(client.get(reverse("reporting:run_list")))
    assert 'id="unfinished-runs"' in page and f'data-run-progress="{run.pk}"' in page
    data = client.get(reverse("reporting:run_progress"), {"id": [run.pk, "x", "9" * 40]}).json()
    assert data == {
        "runs": [
            {
                "id": run.pk,
                "state": "queued",
                "state_label": "Queued",
                "progress": 0,
                "message": "",
                "finished": False,
                "download_url": None,
                "error": "",
            }
        ]
    }


# --- Nobody reaches another user's run -----------------------------------------------------------


def test_a_partner_cannot_reach_another_institutions_report(
    world, page_client_for, action_a, django_capture_on_commit_callbacks
):
    ask(
        page_client_for(world.user("focal_point")),
        {"action": str(action_a.pk)},
        django_capture_on_commit_callbacks,
    )
    run = ReportRun.objects.get()
    assert run.state == RunState.DONE and run.file

    other = page_client_for(world.focal_b)
    for url in (run.get_absolute_url(), reverse("reporting:run_download", args=[run.pk])):
        assert other.get(url).status_code == 404, url
    assert other.get(reverse("reporting:run_progress"), {"id": run.pk}).json() == {"runs": []}
    assert run.get_absolute_url() not in text(other.get(reverse("reporting:run_list")))
    # A colleague of the same institution has their own list too; the manager sees every run.
    assert page_client_for(world.user("hr_officer")).get(run.get_absolute_url()).status_code == 404
    manager = page_client_for(world.user("programme_manager"))
    assert manager.get(reverse("reporting:run_download", args=[run.pk])).status_code == 200
    assert run.get_absolute_url() in text(manager.get(reverse("reporting:run_list")))


# --- Query count ---------------------------------------------------------------------------------


def test_the_runs_list_query_count_does_not_grow_with_runs(world, page_client_for):
    user = world.user("programme_manager")
    client = page_client_for(user)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("reporting:run_list")).status_code == 200
        return len(queries)

    queued_run(user)
    one = count()
    for requester in ("programme_officer", "focal_point", "integrator", "administrator"):
        queued_run(world.user(requester))
    assert ReportRun.objects.count() == 5
    assert count() == one
