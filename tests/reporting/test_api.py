"""POST /api/v1/reports/ answers 202 with the run (eager Celery: already done), a 400 names the bad
field, officials and experts get 403; GET lists own runs (managers all) and downloads the file only
through for_user."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actions.choices import ActivityStatus
from reporting import services
from reporting.choices import ReportFormat, ReportKind, RunState
from reporting.models import ReportRun
from tests.actions.factories import ActionFactory, ActivityFactory, ParticipationFactory
from tests.factories import PersonFactory

LIST = "/api/v1/reports/"


@pytest.fixture
def action_a(world):
    action = ActionFactory(lead=world.institution_a, short_name="Mexico reporting")
    activity = ActivityFactory(action=action, status=ActivityStatus.HELD, held_on=action.approved_on)
    ParticipationFactory(activity=activity, person=PersonFactory(institution=world.institution_a))
    return action


@pytest.fixture
def action_b(world):
    return ActionFactory(lead=world.institution_b, countries=["NG"])


def post(client, body, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(LIST, body, format="json")


def test_the_route_is_the_documented_one():
    assert reverse("report-list") == LIST


def test_post_answers_202_with_the_run_and_the_file_downloads(
    world, api_client_for, action_a, django_capture_on_commit_callbacks
):
    client = api_client_for(world.user("focal_point"))
    body = {
        "kind": "action",
        "format": "csv",
        "language": "fr",
        "filters": {"type": ["classic"], "period_end": "2030-12-31"},
        "action": action_a.pk,
    }
    response = post(client, body, django_capture_on_commit_callbacks)
    assert response.status_code == 202, response.json()
    data = response.json()
    run = ReportRun.objects.get()
    assert data["id"] == run.pk
    # Answered before the task runs (it is queued once the request's transaction commits).
    assert {key: data[key] for key in ("kind", "format", "language", "state", "progress")} == {
        "kind": "action",
        "format": "csv",
        "language": "fr",
        "state": RunState.QUEUED,
        "progress": 0,
    }
    assert data["parameters"] == {
        "filters": {"type": ["classic"]},
        "period_end": "2030-12-31",
        "action": action_a.pk,
    }
    assert data["download_url"] is None and data["created_at"]
    assert "filters" not in data and "action" not in data  # write-only: the run keeps `parameters`

    detail = client.get(f"{LIST}{run.pk}/").json()
    assert detail["state"] == RunState.DONE and detail["progress"] == 100, detail
    assert detail["started_at"] and detail["finished_at"] and detail["error"] == ""
    assert detail["download_url"].endswith(f"{LIST}{run.pk}/download/")
    download = client.get(detail["download_url"])
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/csv")
    assert action_a.code in b"".join(download.streaming_content).decode("utf-8-sig")


def test_a_run_whose_report_fails_says_why(world, api_client_for, django_capture_on_commit_callbacks):
    client = api_client_for(world.user("programme_officer"))
    response = post(client, {"kind": "portfolio", "format": "xlsx"}, django_capture_on_commit_callbacks)
    assert response.status_code == 202
    data = client.get(f"{LIST}{response.json()['id']}/").json()
    # Whatever the report's builder does, the run finished: done with its file, or failed with a
    # readable error and no download.
    assert data["state"] in {RunState.DONE, RunState.FAILED}
    if data["state"] == RunState.FAILED:
        assert data["error"].startswith("The report could not be made")
        assert data["download_url"] is None
        assert client.get(f"{LIST}{data['id']}/download/").status_code == 404
    else:
        assert client.get(data["download_url"]).status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "everything", "format": "csv"}, "kind"),
        ({"kind": "portfolio", "format": "docx"}, "format"),
        ({"kind": "portfolio", "format": "csv", "language": "de"}, "language"),
        ({"kind": "portfolio", "format": "csv", "filters": {"period_start": "2026-02-30"}}, "period_start"),
        ({"kind": "portfolio", "format": "csv", "filters": {"colour": "blue"}}, "colour"),
        ({"kind": "portfolio", "format": "csv", "filters": {"status": ["nonsense"]}}, "status"),
        ({"kind": "portfolio", "format": "csv", "filters": ["status"]}, "filters"),
        ({"kind": "action", "format": "csv"}, "action"),
        ({"kind": "action", "format": "csv", "action": "one"}, "action"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(
    world, api_client_for, body, field, django_capture_on_commit_callbacks
):
    response = post(api_client_for(world.user("focal_point")), body, django_capture_on_commit_callbacks)
    assert response.status_code == 400, response.json()
    assert field in response.json()["error"]["fields"], response.json()
    assert not ReportRun.objects.exists()


def test_another_institutions_action_is_a_400_naming_action(
    world, api_client_for, action_b, django_capture_on_commit_callbacks
):
    body = {"kind": "action", "format": "pdf", "action": action_b.pk}
    response = post(api_client_for(world.user("focal_point")), body, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["action"]


@pytest.mark.parametrize("role", ["official", "expert"])
def test_officials_and_experts_get_403(world, api_client_for, role, django_capture_on_commit_callbacks):
    body = {"kind": "portfolio", "format": "csv"}
    response = post(api_client_for(world.user(role)), body, django_capture_on_commit_callbacks)
    assert response.status_code == 403
    assert not ReportRun.objects.exists()


def test_read_only_tokens_cannot_ask(world, api_client_for, django_capture_on_commit_callbacks):
    client = api_client_for(world.user("programme_officer"), read_only=True)
    assert (
        post(client, {"kind": "portfolio", "format": "csv"}, django_capture_on_commit_callbacks).status_code
        == 403
    )


def test_no_update_or_delete(world, api_client_for):
    user = world.user("programme_manager")
    run = services.report_request(actor=user, kind=ReportKind.PORTFOLIO, format=ReportFormat.CSV)
    client = api_client_for(user)
    for method in ("put", "patch", "delete"):
        assert getattr(client, method)(f"{LIST}{run.pk}/", {}, format="json").status_code == 405, method


def test_lists_own_runs_and_managers_see_all_and_partners_reach_no_one_elses(
    world, api_client_for, action_a, django_capture_on_commit_callbacks
):
    focal = world.user("focal_point")
    body = {"kind": "action", "format": "csv", "action": action_a.pk}
    mine = post(api_client_for(focal), body, django_capture_on_commit_callbacks).json()
    assert ReportRun.objects.get(pk=mine["id"]).state == RunState.DONE
    theirs = services.report_request(actor=world.focal_b, kind=ReportKind.PORTFOLIO, format=ReportFormat.CSV)

    def ids(user) -> set[int]:
        response = api_client_for(user).get(LIST)
        assert response.status_code == 200
        return {row["id"] for row in response.json()["results"]}

    assert ids(focal) == {mine["id"]}
    assert ids(world.focal_b) == {theirs.pk}
    assert ids(world.user("programme_officer")) == set()
    assert ids(world.user("programme_manager")) == {mine["id"], theirs.pk}

    other = api_client_for(world.focal_b)
    assert other.get(f"{LIST}{mine['id']}/").status_code == 404
    assert other.get(f"{LIST}{mine['id']}/download/").status_code == 404
    assert (
        api_client_for(world.user("programme_manager")).get(f"{LIST}{mine['id']}/download/").status_code
        == 200
    )
