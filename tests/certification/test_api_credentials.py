"""The credentials API: who sees a credential, the managers' suspend / reinstate / revoke / renew,
the PDF download, and bulk issuing for a cohort run end to end as a (eager) Celery job. Per role,
across institutions, with the 400 naming the field, the audit entry and a flat query count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certification import services
from certification.choices import BulkIssueStatus, CredentialStatus, EnrolmentStatus
from certification.models import BulkIssue, Credential
from mieux.models import AuditEntry
from tests.certification.builders import at_panel, candidate, enrol, programme_for
from tests.conftest import ALL_ROLES
from tests.resources import MANAGERS, PORTFOLIO_READERS, audit_entries

INSTITUTION_READERS = {"focal_point", "hr_officer", "training_officer"}
READERS = PORTFOLIO_READERS | INSTITUTION_READERS


def url(basename: str, *args, action: str = "detail") -> str:
    return reverse(f"{basename}-{action}", args=args)


def error_fields(response) -> dict:
    return response.json()["error"]["fields"]


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def count_queries(client, path: str, **params) -> int:
    client.get(path)  # warm-up: the token's first use records last_used_at
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, {"page_size": 100, **params})
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.fixture
def programme(world):
    return programme_for(world.institution_a)


def issue(world, programme, person=None, **person_fields):
    """A credential of a certified candidate of A, issued through the service."""
    if person is None:
        count = Credential.objects.count()
        person = candidate(
            programme, world.institution_a, email=f"holder{count}@inm.example", **person_fields
        )
    enrolment = enrol(programme, person, status=EnrolmentStatus.CERTIFIED)
    return services.credential_issue(enrolment, actor=world.user("programme_manager"))


@pytest.fixture
def credential(world, programme):
    return issue(world, programme, first_name="Ana", last_name="Official")


# --- Reading ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_credential_visibility_per_role(world, programme, credential, api_client_for, role):
    own = issue(world, programme, person=world.user("official").person)
    client = api_client_for(world.user(role))
    listed = ids(client.get(url("credential", action="list")))
    if role in READERS:
        assert listed == {credential.pk, own.pk}
        assert client.get(url("credential", credential.pk)).status_code == 200
    elif role == "official":
        # An official sees (and downloads) their own credential only.
        assert listed == {own.pk}
        assert client.get(url("credential", credential.pk)).status_code == 404
        assert client.get(url("credential", own.pk, action="certificate")).status_code == 200
    else:
        assert listed == set()
        assert client.get(url("credential", credential.pk)).status_code == 404


def test_credential_body_carries_its_public_addresses(world, credential, api_client_for):
    body = api_client_for(world.user("hr_officer")).get(url("credential", credential.pk)).json()
    public_id = credential.public_id
    assert body["public_id"] == public_id and body["kind"] == "trainer" and body["status"] == "active"
    assert body["person"] == credential.person_id and body["person_name"] == "Ana Official"
    assert body["institution"] == world.institution_a.pk and body["programme"] == credential.programme_id
    assert body["revocation_reason"] == "" and body["valid_until"] == credential.valid_until.isoformat()
    assert body["verification_url"].endswith(f"/verify/{public_id}/")
    assert body["json_url"].endswith(f"/credentials/{public_id}.json")
    assert body["jwt_url"].endswith(f"/credentials/{public_id}.jwt")
    assert body["certificate_url"].endswith(url("credential", credential.pk, action="certificate"))
    assert "subject_hash" not in body and "jwt" not in body  # the documents are served publicly


def test_certificate_download(world, credential, api_client_for):
    response = api_client_for(world.user("hr_officer")).get(
        url("credential", credential.pk, action="certificate")
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_another_institution_gets_404_everywhere(world, credential, api_client_for):
    client = api_client_for(world.focal_b)
    assert client.get(url("credential", credential.pk)).status_code == 404
    assert client.get(url("credential", credential.pk, action="certificate")).status_code == 404
    for action, payload in (
        ("suspend", {"note": "x"}),
        ("reinstate", {}),
        ("revoke", {"reason": "misconduct"}),
        ("renew", {}),
    ):
        response = client.post(url("credential", credential.pk, action=action), payload, format="json")
        assert response.status_code == 404, action
    assert ids(client.get(url("credential", action="list"))) == set()
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.ACTIVE and Credential.objects.count() == 1


def test_credentials_are_not_posted_edited_or_deleted(world, credential, api_client_for):
    client = api_client_for(world.user("administrator"))
    assert client.post(url("credential", action="list"), {}, format="json").status_code == 405
    assert (
        client.patch(url("credential", credential.pk), {"status": "revoked"}, format="json").status_code
        == 405
    )
    assert client.delete(url("credential", credential.pk)).status_code == 405
    assert Credential.objects.get(pk=credential.pk).status == CredentialStatus.ACTIVE


def test_credential_filters(world, programme, credential, api_client_for):
    revoked = issue(world, programme)
    services.credential_revoke(revoked, actor=world.user("programme_manager"), reason="misconduct")
    client = api_client_for(world.user("programme_officer"))
    path = url("credential", action="list")
    assert ids(client.get(path, {"status": "revoked"})) == {revoked.pk}
    assert ids(client.get(path, {"person": credential.person_id})) == {credential.pk}
    assert ids(client.get(path, {"q": credential.public_id})) == {credential.pk}
    assert ids(client.get(path, {"programme": programme.pk})) == {credential.pk, revoked.pk}
    response = client.get(path, {"status": "lost"})
    assert response.status_code == 400 and "status" in error_fields(response)


def test_credential_list_query_count_is_flat(world, programme, credential, api_client_for):
    clients = [api_client_for(world.user("programme_officer")), api_client_for(world.user("hr_officer"))]
    path = url("credential", action="list")
    one = [count_queries(client, path) for client in clients]
    for _index in range(4):
        issue(world, programme)
    assert Credential.objects.count() == 5
    assert [count_queries(client, path) for client in clients] == one


# --- Managers' services ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_suspend_and_reinstate_per_role(world, credential, api_client_for, role):
    client = api_client_for(world.user(role))
    suspended = client.post(
        url("credential", credential.pk, action="suspend"), {"note": "Under investigation."}, format="json"
    )
    if role in MANAGERS:
        assert suspended.status_code == 200, suspended.content
        assert suspended.json()["status"] == "suspended"
        entry = audit_entries(Credential, credential.pk, "update").get()
        assert entry.actor == world.user(role) and entry.reason == "Under investigation."
        reinstated = client.post(url("credential", credential.pk, action="reinstate"), {}, format="json")
        assert reinstated.status_code == 200 and reinstated.json()["status"] == "active"
        assert audit_entries(Credential, credential.pk, "update").count() == 2
    else:
        assert suspended.status_code == (403 if role in READERS else 404), suspended.content
        assert Credential.objects.get(pk=credential.pk).status == CredentialStatus.ACTIVE


@pytest.mark.parametrize("role", ALL_ROLES)
def test_revoke_per_role(world, credential, api_client_for, role):
    response = api_client_for(world.user(role)).post(
        url("credential", credential.pk, action="revoke"),
        {"reason": "misconduct", "note": "Decision of the panel, 3 June."},
        format="json",
    )
    credential.refresh_from_db()
    if role in MANAGERS:
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["status"] == "revoked" and body["revocation_reason"] == "misconduct"
        assert credential.status_note == "Decision of the panel, 3 June."
        assert audit_entries(Credential, credential.pk, "update").get().actor == world.user(role)
    else:
        assert response.status_code == (403 if role in READERS else 404), response.content
        assert credential.status == CredentialStatus.ACTIVE


def test_credential_service_bad_input(world, credential, api_client_for):
    client = api_client_for(world.user("programme_manager"))
    before = AuditEntry.objects.count()
    cases = [
        ("revoke", {}, "reason"),
        ("revoke", {"reason": "boredom"}, "reason"),
        ("revoke", {"reason": "misconduct", "note": 7}, "note"),
        ("suspend", {}, "note"),
        ("suspend", {"note": ["x"]}, "note"),
    ]
    for action, payload, field in cases:
        response = client.post(url("credential", credential.pk, action=action), payload, format="json")
        assert response.status_code == 400, (action, payload, response.content)
        assert field in error_fields(response), (action, payload, response.json())
    blank = client.post(url("credential", credential.pk, action="suspend"), {"note": "  "}, format="json")
    assert blank.status_code == 400 and "note" in error_fields(blank)
    not_suspended = client.post(url("credential", credential.pk, action="reinstate"), {}, format="json")
    assert not_suspended.status_code == 409 and "status" in error_fields(not_suspended)
    assert AuditEntry.objects.count() == before
    assert Credential.objects.get(pk=credential.pk).status == CredentialStatus.ACTIVE


@pytest.mark.parametrize("role", ALL_ROLES)
def test_renew_per_role(world, credential, api_client_for, role):
    response = api_client_for(world.user(role)).post(
        url("credential", credential.pk, action="renew"), {}, format="json"
    )
    credential.refresh_from_db()
    if role in MANAGERS:
        assert response.status_code == 201, response.content
        renewed = Credential.objects.get(pk=response.json()["id"])
        assert renewed.pk != credential.pk and renewed.public_id != credential.public_id
        assert response.json()["status"] == "active" and renewed.enrolment_id == credential.enrolment_id
        assert credential.status == CredentialStatus.SUPERSEDED and credential.superseded_by_id == renewed.pk
        assert audit_entries(Credential, renewed.pk, "create").get().actor == world.user(role)
        assert audit_entries(Credential, credential.pk, "update").get().actor == world.user(role)
    else:
        assert response.status_code == (403 if role in READERS else 404), response.content
        assert credential.status == CredentialStatus.ACTIVE and Credential.objects.count() == 1


def test_a_revoked_credential_is_not_renewed(world, credential, api_client_for):
    client = api_client_for(world.user("programme_manager"))
    assert (
        client.post(
            url("credential", credential.pk, action="revoke"), {"reason": "issued_in_error"}, format="json"
        ).status_code
        == 200
    )
    response = client.post(url("credential", credential.pk, action="renew"), {}, format="json")
    assert response.status_code == 409 and "status" in error_fields(response)
    again = client.post(url("credential", credential.pk, action="revoke"), {"reason": "other"}, format="json")
    assert again.status_code == 409
    assert Credential.objects.count() == 1


# --- Bulk issuing -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_batch_request_per_role(world, programme, api_client_for, role):
    enrolment = at_panel(
        programme, candidate(programme, world.institution_a), signed_off_by=world.user("hr_officer")
    )
    response = api_client_for(world.user(role)).post(
        url("credential-batch", action="list"),
        {"programme": programme.pk, "enrolments": [enrolment.pk]},
        format="json",
    )
    if role in MANAGERS:
        assert response.status_code == 202, response.content
        assert audit_entries(BulkIssue, response.json()["id"], "create").get().actor == world.user(role)
    else:
        assert response.status_code == 403, response.content
        assert not BulkIssue.objects.exists()


def test_batch_issues_the_cohort_and_names_who_was_not_certified(
    world, programme, api_client_for, django_capture_on_commit_callbacks
):
    hr = world.user("hr_officer")
    first = at_panel(
        programme, candidate(programme, world.institution_a, email="first@inm.example"), signed_off_by=hr
    )
    second = at_panel(
        programme, candidate(programme, world.institution_a, email="second@inm.example"), signed_off_by=hr
    )
    unsigned = at_panel(
        programme,
        candidate(
            programme, world.institution_a, email="third@inm.example", first_name="Noe", last_name="Unsigned"
        ),
    )
    client = api_client_for(world.user("programme_manager"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("credential-batch", action="list"),
            {"programme": programme.pk, "enrolments": [first.pk, second.pk, unsigned.pk]},
            format="json",
        )
    assert response.status_code == 202, response.content
    job = client.get(url("credential-batch", response.json()["id"])).json()
    assert job["status"] == BulkIssueStatus.DONE and job["progress"] == 100
    assert job["total"] == 3 and job["issued_count"] == 2
    assert [(row["enrolment"], row["person"]) for row in job["errors"]] == [(unsigned.pk, "Noe Unsigned")]
    assert "signed off" in job["errors"][0]["message"]
    assert set(Credential.objects.values_list("enrolment_id", flat=True)) == {first.pk, second.pk}
    unsigned.refresh_from_db()
    assert unsigned.status == EnrolmentStatus.PANEL_DECISION


def test_batch_bad_input_names_the_field(world, programme, api_client_for):
    other = programme_for(world.institution_a, name_en="Certified experts")
    ours = at_panel(programme, candidate(programme, world.institution_a))
    theirs = at_panel(other, candidate(other, world.institution_a, email="other@inm.example"))
    client = api_client_for(world.user("programme_manager"))
    cases = [
        ({"enrolments": [ours.pk, theirs.pk]}, "enrolments"),  # a candidate of another programme
        ({"enrolments": []}, "enrolments"),
        ({"enrolments": [10**9]}, "enrolments"),
        ({"enrolments": "all"}, "enrolments"),
        ({"programme": None}, "programme"),
        ({"programme": 10**9}, "programme"),
    ]
    for override, field in cases:
        payload = {"programme": programme.pk, "enrolments": [ours.pk]} | override
        response = client.post(url("credential-batch", action="list"), payload, format="json")
        assert response.status_code == 400, (override, response.content)
        assert any(key == field or key.startswith(f"{field}.") for key in error_fields(response)), (
            override,
            response.json(),
        )
    assert not BulkIssue.objects.exists() and not Credential.objects.exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_batch_is_seen_by_programme_staff_only(world, programme, api_client_for, role):
    job = services.bulk_issue_request(
        actor=world.user("programme_manager"),
        programme=programme,
        enrolments=[at_panel(programme, candidate(programme, world.institution_a))],
    )
    client = api_client_for(world.user(role))
    response = client.get(url("credential-batch", job.pk))
    assert response.status_code == (200 if role in PORTFOLIO_READERS else 404), response.content
    assert (job.pk in ids(client.get(url("credential-batch", action="list")))) == (role in PORTFOLIO_READERS)


def test_batch_list_query_count_is_flat(world, programme, api_client_for):
    def request_one():
        person = candidate(programme, world.institution_a, email=f"c{BulkIssue.objects.count()}@inm.example")
        services.bulk_issue_request(
            actor=world.user("programme_manager"),
            programme=programme,
            enrolments=[at_panel(programme, person)],
        )

    request_one()
    client = api_client_for(world.user("programme_officer"))
    path = url("credential-batch", action="list")
    one = count_queries(client, path)
    for _index in range(4):
        request_one()
    assert count_queries(client, path) == one
