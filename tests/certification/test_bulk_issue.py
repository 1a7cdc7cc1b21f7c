"""Bulk issuing for a cohort: the page of a programme's candidates at the panel, the manager's
"Certify and issue credentials" running as a Celery job (eager in tests), its page and the progress
JSON the page polls. A candidate without the institution's sign-off is named in the job's errors and
does not stop the others."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certification.choices import BulkIssueStatus, CredentialStatus, EnrolmentStatus
from certification.models import BulkIssue, Credential
from tests.certification.builders import at_panel, candidate, enrol, programme_for
from tests.resources import audit_entries


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def programme(world):
    return programme_for(world.institution_a)


@pytest.fixture
def cohort(world, programme):
    """Two candidates at the panel signed off by HR, one at the panel without a sign-off."""
    hr = world.user("hr_officer")
    ana = at_panel(
        programme,
        candidate(
            programme, world.institution_a, email="ana@inm.example", first_name="Ana", last_name="Lopez"
        ),
        signed_off_by=hr,
    )
    jorge = at_panel(
        programme,
        candidate(
            programme, world.institution_a, email="jorge@inm.example", first_name="Jorge", last_name="Ruiz"
        ),
        signed_off_by=hr,
    )
    marta = at_panel(
        programme,
        candidate(
            programme, world.institution_a, email="marta@inm.example", first_name="Marta", last_name="Diaz"
        ),
    )
    return {"ana": ana, "jorge": jorge, "marta": marta}


def start(client, programme, enrolments, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("certification:bulk_issue_create", args=[programme.pk]),
            {"enrolments": [enrolment.pk for enrolment in enrolments]},
        )


def test_manager_certifies_and_issues_a_cohort(
    world, page_client_for, programme, cohort, django_capture_on_commit_callbacks
):
    manager = world.user("programme_manager")
    client = page_client_for(manager)
    response = start(client, programme, cohort.values(), django_capture_on_commit_callbacks)
    job = BulkIssue.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()

    assert job.status == BulkIssueStatus.DONE and job.progress == 100
    assert (job.total, job.issued_count) == (3, 2)
    assert [error["person"] for error in job.errors] == [str(cohort["marta"].person)]
    assert "signed off" in job.errors[0]["message"]
    for name in ("ana", "jorge"):
        enrolment = cohort[name]
        enrolment.refresh_from_db()
        assert enrolment.status == EnrolmentStatus.CERTIFIED
        credential = enrolment.credentials.get()
        assert credential.status == CredentialStatus.ACTIVE and credential.jwt and credential.certificate
        assert audit_entries(Credential, credential.pk, "create").get().actor == manager
    cohort["marta"].refresh_from_db()
    assert cohort["marta"].status == EnrolmentStatus.PANEL_DECISION
    assert not cohort["marta"].credentials.exists()
    assert audit_entries(BulkIssue, job.pk, "create").get().actor == manager

    # The job's page: progress, the count and the person who was not certified.
    body = text(client.get(job.get_absolute_url()))
    assert "2 of 3 credentials issued" in body
    assert "Marta Diaz" in body
    assert reverse("certification:bulk_issue_progress", args=[job.pk]) in body


def test_progress_json(world, page_client_for, programme, cohort, django_capture_on_commit_callbacks):
    start(
        page_client_for(world.user("programme_manager")),
        programme,
        cohort.values(),
        django_capture_on_commit_callbacks,
    )
    job = BulkIssue.objects.get()
    response = page_client_for(world.user("programme_officer")).get(
        reverse("certification:bulk_issue_progress", args=[job.pk])
    )
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "done" and data["finished"] is True
    assert (data["progress"], data["issued_count"], data["total"]) == (100, 2, 3)
    assert [error["person"] for error in data["errors"]] == ["Marta Diaz"]


def test_progress_json_of_a_queued_job(world, page_client_for, programme, cohort):
    # Without running the on-commit callbacks the job stays queued, as it is before a worker takes it.
    page_client_for(world.user("programme_manager")).post(
        reverse("certification:bulk_issue_create", args=[programme.pk]),
        {"enrolments": [cohort["ana"].pk]},
    )
    job = BulkIssue.objects.get()
    data = (
        page_client_for(world.user("programme_officer"))
        .get(reverse("certification:bulk_issue_progress", args=[job.pk]))
        .json()
    )
    assert data == {
        "status": "queued",
        "status_label": "Queued",
        "progress": 0,
        "finished": False,
        "total": 1,
        "issued_count": 0,
        "errors": [],
    }
    body = text(page_client_for(world.user("programme_officer")).get(job.get_absolute_url()))
    assert "data-bulk-progress-url" in body and 'data-bulk-finished="false"' in body


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", 200),
        ("programme_manager", 200),
        ("programme_officer", 200),
        ("integrator", 403),
        ("hr_officer", 403),
        ("focal_point", 403),
        ("official", 403),  # sees the programme of their institution's Action, not its panel
        ("expert", 404),
    ],
)
def test_candidates_page_per_role(world, page_client_for, programme, cohort, role, status):
    response = page_client_for(world.user(role)).get(
        reverse("certification:bulk_issue_create", args=[programme.pk])
    )
    assert response.status_code == status
    if status == 200:
        body = text(response)
        assert "Marta Diaz" in body and "Not signed off" in body
        assert ("Certify and issue credentials</button>" in body) == (role != "programme_officer")
        # The ready candidates are ticked, the one without sign-off is not.
        assert f'value="{cohort["ana"].pk}" id="candidate-{cohort["ana"].pk}" checked' in body or role == (
            "programme_officer"
        )
        assert f'value="{cohort["marta"].pk}" id="candidate-{cohort["marta"].pk}">' in body or role == (
            "programme_officer"
        )


def test_institution_b_gets_404_on_bulk_pages(
    world, page_client_for, programme, cohort, django_capture_on_commit_callbacks
):
    start(
        page_client_for(world.user("programme_manager")),
        programme,
        [cohort["ana"]],
        django_capture_on_commit_callbacks,
    )
    job = BulkIssue.objects.get()
    client = page_client_for(world.focal_b)
    assert client.get(reverse("certification:bulk_issue_create", args=[programme.pk])).status_code == 404
    assert client.post(reverse("certification:bulk_issue_create", args=[programme.pk]), {}).status_code == 404
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("certification:bulk_issue_progress", args=[job.pk])).status_code == 404
    hr_a = page_client_for(world.user("hr_officer"))
    assert hr_a.get(job.get_absolute_url()).status_code == 404
    assert hr_a.get(reverse("certification:bulk_issue_progress", args=[job.pk])).status_code == 404


@pytest.mark.parametrize("role", ["programme_officer", "hr_officer", "integrator"])
def test_only_managers_start_a_job(world, page_client_for, programme, cohort, role):
    response = page_client_for(world.user(role)).post(
        reverse("certification:bulk_issue_create", args=[programme.pk]),
        {"enrolments": [cohort["ana"].pk]},
    )
    assert response.status_code == 403
    assert not BulkIssue.objects.exists()


def test_no_candidate_chosen_is_a_form_error(world, page_client_for, programme, cohort):
    response = page_client_for(world.user("programme_manager")).post(
        reverse("certification:bulk_issue_create", args=[programme.pk]), {}
    )
    assert response.status_code == 200
    assert "enrolments" in response.context["form"].errors
    assert "Choose at least one candidate." in text(response)
    assert not BulkIssue.objects.exists()


def test_a_candidate_not_at_the_panel_cannot_be_chosen(world, page_client_for, programme, cohort):
    elsewhere = enrol(programme, candidate(programme, world.institution_a, email="early@inm.example"))
    other_programme = programme_for(world.institution_a, name_en="Another programme")
    foreign = at_panel(
        other_programme, candidate(other_programme, world.institution_a, email="f@inm.example")
    )
    client = page_client_for(world.user("programme_manager"))
    for bad in ([elsewhere.pk], [foreign.pk], ["abc"]):
        response = client.post(
            reverse("certification:bulk_issue_create", args=[programme.pk]), {"enrolments": bad}
        )
        assert response.status_code == 200, bad
        assert "enrolments" in response.context["form"].errors
    assert not BulkIssue.objects.exists()


def test_candidates_page_query_count_does_not_depend_on_jobs(world, page_client_for, programme, cohort):
    """The eligibility of each candidate costs a few queries; the rest of the page is constant."""
    client = page_client_for(world.user("programme_officer"))
    url = reverse("certification:bulk_issue_create", args=[programme.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for _index in range(4):
        BulkIssue.objects.create(programme=programme, total=1)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(before) == len(after)


# --- A real worker ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_the_credentials_queue_issues_the_cohort(world):
    """The job goes through Redis to a worker listening on the credentials queue (as `make run` and
    compose start it), and its progress reaches the database the page polls."""
    import os
    import time

    from celery.contrib.testing.worker import start_worker

    from certification import services
    from mieux.celery import app as celery_app
    from tests.conftest import skip_unless

    broker = os.environ.get("CELERY_BROKER_URL", "")
    skip_unless(broker.startswith("redis://"), "needs Redis as the Celery broker (set CELERY_BROKER_URL)")
    programme = programme_for(world.institution_a)
    hr = world.user("hr_officer")
    signed = [
        at_panel(
            programme, candidate(programme, world.institution_a, email=f"c{n}@inm.example"), signed_off_by=hr
        )
        for n in range(2)
    ]
    unsigned = at_panel(programme, candidate(programme, world.institution_a, email="late@inm.example"))
    celery_app.conf.task_always_eager = False
    try:
        with start_worker(
            celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10, queues=["credentials"]
        ):
            job = services.bulk_issue_request(
                actor=world.user("programme_manager"), programme=programme, enrolments=[*signed, unsigned]
            )
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                job.refresh_from_db()
                if job.is_finished:
                    break
                time.sleep(0.2)
    finally:
        celery_app.conf.task_always_eager = True
    assert job.status == BulkIssueStatus.DONE, job.errors
    assert job.progress == 100 and job.issued_count == 2
    assert Credential.objects.filter(enrolment__in=signed, status=CredentialStatus.ACTIVE).count() == 2
    assert [error["enrolment"] for error in job.errors] == [unsigned.pk]
    issued = Credential.objects.filter(enrolment=signed[0]).get()
    entry = audit_entries(Credential, issued.pk, "create").get()
    assert entry.origin.startswith("task:certification.bulk_issue_run:")
