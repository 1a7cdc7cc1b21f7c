"""The certification API: programmes (set up by programme staff, read by the partners of their
Actions) and enrolments (nominations by the HR or training unit, moved on through the workflow).
Per role, across institutions, with the 400 naming the field, the audit entry and a flat query
count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.choices import ActionType
from certification.choices import CredentialKind, EnrolmentStatus
from certification.models import CertificationProgramme, Enrolment
from mieux.models import AuditEntry
from tests.actions.factories import ActionFactory
from tests.conftest import ALL_ROLES
from tests.factories import PersonFactory, UserFactory
from tests.resources import PORTFOLIO_READERS, STAFF, audit_entries

NOMINATORS = STAFF | {"hr_officer", "training_officer"}
INSTITUTION_READERS = {"focal_point", "hr_officer", "training_officer"}


def url(basename: str, *args, action: str = "detail") -> str:
    return reverse(f"{basename}-{action}", args=args)


def error_fields(response) -> dict:
    return response.json()["error"]["fields"]


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def count_queries(client, path: str) -> int:
    client.get(path)  # warm-up: the token's first use records last_used_at
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, {"page_size": 100})
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.fixture
def holistic_a(world):
    return ActionFactory(lead=world.institution_a, type=ActionType.HOLISTIC)


def make_programme(*actions, **fields) -> CertificationProgramme:
    programme = CertificationProgramme.objects.create(
        name_en=fields.pop("name_en", "Certified trainers in victim identification"),
        kind=fields.pop("kind", CredentialKind.TRAINER),
        **fields,
    )
    programme.actions.set(actions)
    return programme


@pytest.fixture
def programme_a(holistic_a):
    return make_programme(holistic_a)


@pytest.fixture
def official_a(world):
    """An official of A without an account (most nominees have none yet)."""
    return PersonFactory(institution=world.institution_a, first_name="Ana", last_name="Official")


def nominate(world, programme, person, *, by="hr_officer", **fields) -> Enrolment:
    return Enrolment.objects.create(
        programme=programme,
        person=person,
        institution=person.institution,
        nominated_by=world.user(by),
        nominated_on="2024-05-01",
        **fields,
    )


# --- Certification programmes -------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_programme_visible_to_staff_and_the_partners_of_its_actions(world, programme_a, api_client_for, role):
    client = api_client_for(world.user(role))
    readers = PORTFOLIO_READERS | {"focal_point", "hr_officer", "training_officer", "official"}
    response = client.get(url("certification-programme", programme_a.pk))
    assert response.status_code == (200 if role in readers else 404), response.content
    assert (programme_a.pk in ids(client.get(url("certification-programme", action="list")))) == (
        role in readers
    )


def test_another_institution_does_not_see_the_programme(world, programme_a, api_client_for):
    client = api_client_for(world.focal_b)
    assert client.get(url("certification-programme", programme_a.pk)).status_code == 404
    assert ids(client.get(url("certification-programme", action="list"))) == set()
    # Once B takes part in one of the programme's Actions, it sees it.
    programme_a.actions.add(ActionFactory(lead=world.institution_b, type=ActionType.HOLISTIC))
    assert client.get(url("certification-programme", programme_a.pk)).status_code == 200


@pytest.mark.parametrize("role", ALL_ROLES)
def test_programme_create_per_role(world, holistic_a, api_client_for, role):
    payload = {
        "name_en": "Certified trainers",
        "name_fr": "Formateurs certifiés",
        "name_es": "Formadores certificados",
        "description_en": "Trainers who pass the skills on.",
        "kind": "trainer",
        "actions": [holistic_a.pk],
    }
    response = api_client_for(world.user(role)).post(
        url("certification-programme", action="list"), payload, format="json"
    )
    if role in STAFF:
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["name"] == "Certified trainers" and body["name_es"] == "Formadores certificados"
        assert body["actions"] == [holistic_a.pk] and body["accepts_nominations"] is True
        entry = audit_entries(CertificationProgramme, body["id"], "create").get()
        assert entry.actor == world.user(role) and entry.origin.startswith("request:")
    else:
        assert response.status_code == 403, response.content
        assert not CertificationProgramme.objects.exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_programme_update_and_delete_per_role(world, programme_a, api_client_for, role):
    client = api_client_for(world.user(role))
    edited = client.patch(
        url("certification-programme", programme_a.pk), {"accepts_nominations": False}, format="json"
    )
    readers = PORTFOLIO_READERS | {"focal_point", "hr_officer", "training_officer", "official"}
    if role in STAFF:
        assert edited.status_code == 200, edited.content
        assert edited.json()["accepts_nominations"] is False
        entry = audit_entries(CertificationProgramme, programme_a.pk, "update").get()
        assert entry.actor == world.user(role) and "accepts_nominations" in entry.changes
        assert client.delete(url("certification-programme", programme_a.pk)).status_code == 204
        assert audit_entries(CertificationProgramme, programme_a.pk, "delete").get().actor == world.user(role)
    else:
        assert edited.status_code == (403 if role in readers else 404), edited.content
        deleted = client.delete(url("certification-programme", programme_a.pk))
        assert deleted.status_code == (403 if role in readers else 404)
        assert CertificationProgramme.objects.filter(pk=programme_a.pk, accepts_nominations=True).exists()


def test_programme_with_enrolments_is_not_deleted(world, programme_a, official_a, api_client_for):
    nominate(world, programme_a, official_a)
    response = api_client_for(world.user("administrator")).delete(
        url("certification-programme", programme_a.pk)
    )
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "protected"
    assert CertificationProgramme.objects.filter(pk=programme_a.pk).exists()


def test_programme_bad_input_names_the_field_and_writes_nothing(world, holistic_a, api_client_for):
    client = api_client_for(world.user("programme_officer"))
    valid = {"name_en": "Certified experts", "kind": "expert", "actions": [holistic_a.pk]}
    cases = [
        ({"name_en": ""}, "name_en"),
        ({"name_en": 12}, "name_en"),
        ({"kind": "wizard"}, "kind"),
        ({"kind": None}, "kind"),
        ({"actions": [10**9]}, "actions"),
        ({"actions": "all"}, "actions"),
        ({"accepts_nominations": "perhaps"}, "accepts_nominations"),
    ]
    before = AuditEntry.objects.count()
    for override, field in cases:
        response = client.post(url("certification-programme", action="list"), valid | override, format="json")
        assert response.status_code == 400, (override, response.content)
        assert any(key == field or key.startswith(f"{field}.") for key in error_fields(response)), (
            override,
            response.json(),
        )
    assert not CertificationProgramme.objects.exists() and AuditEntry.objects.count() == before


def test_programme_filters(world, holistic_a, api_client_for):
    trainers = make_programme(holistic_a)
    experts = make_programme(
        name_en="Certified experts", kind=CredentialKind.EXPERT, accepts_nominations=False
    )
    client = api_client_for(world.user("programme_officer"))
    path = url("certification-programme", action="list")
    assert ids(client.get(path, {"kind": "expert"})) == {experts.pk}
    assert ids(client.get(path, {"accepts_nominations": "true"})) == {trainers.pk}
    assert ids(client.get(path, {"action": holistic_a.pk})) == {trainers.pk}
    response = client.get(path, {"kind": "wizard"})
    assert response.status_code == 400 and "kind" in error_fields(response)


def test_programme_list_query_count_is_flat(world, holistic_a, api_client_for):
    make_programme(holistic_a)
    clients = [api_client_for(world.user("programme_officer")), api_client_for(world.user("hr_officer"))]
    path = url("certification-programme", action="list")
    one = [count_queries(client, path) for client in clients]
    for index in range(6):
        make_programme(holistic_a, ActionFactory(lead=world.institution_a), name_en=f"Programme {index}")
    assert [count_queries(client, path) for client in clients] == one


# --- Enrolments: nominations --------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_nomination_per_role(world, programme_a, official_a, api_client_for, role):
    payload = {
        "programme": programme_a.pk,
        "person": official_a.pk,
        "motivation": "Runs the academy's courses.",
    }
    response = api_client_for(world.user(role)).post(url("enrolment", action="list"), payload, format="json")
    if role in NOMINATORS:
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["status"] == "nominated" and body["institution"] == world.institution_a.pk
        assert body["person_name"] == str(official_a) and body["nominated_by"] == world.user(role).pk
        entry = audit_entries(Enrolment, body["id"], "create").get()
        assert entry.actor == world.user(role) and entry.origin.startswith("request:")
    else:
        # Officials and focal points (and integrators and experts) do not nominate.
        assert response.status_code == 403, response.content
        assert not Enrolment.objects.exists()


def test_hr_officer_nominates_only_its_own_institutions_officials(world, programme_a, api_client_for):
    official_b = PersonFactory(institution=world.institution_b)
    hr = api_client_for(world.user("hr_officer"))
    response = hr.post(
        url("enrolment", action="list"), {"programme": programme_a.pk, "person": official_b.pk}, format="json"
    )
    assert response.status_code == 400, response.content
    assert set(error_fields(response)) == {"person"}

    # Programme staff may pick anyone, but the official's institution must take part.
    officer = api_client_for(world.user("programme_officer"))
    response = officer.post(
        url("enrolment", action="list"), {"programme": programme_a.pk, "person": official_b.pk}, format="json"
    )
    assert response.status_code == 400, response.content
    assert set(error_fields(response)) == {"person"}
    assert not Enrolment.objects.exists()


def test_another_institutions_hr_officer_cannot_reach_the_programme(world, programme_a, api_client_for):
    hr_b = UserFactory(email="hr.b@mieux.test", role="hr_officer")
    official_b = PersonFactory(institution=world.institution_b)
    PersonFactory(institution=world.institution_b, user=hr_b)
    response = api_client_for(hr_b).post(
        url("enrolment", action="list"), {"programme": programme_a.pk, "person": official_b.pk}, format="json"
    )
    assert response.status_code == 400, response.content
    assert set(error_fields(response)) == {"programme"}
    assert not Enrolment.objects.exists()


def test_nomination_rules_are_409s_naming_the_field(world, programme_a, official_a, api_client_for):
    hr = api_client_for(world.user("hr_officer"))
    path = url("enrolment", action="list")
    assert (
        hr.post(path, {"programme": programme_a.pk, "person": official_a.pk}, format="json").status_code
        == 201
    )
    again = hr.post(path, {"programme": programme_a.pk, "person": official_a.pk}, format="json")
    assert again.status_code == 409 and set(error_fields(again)) == {"person"}

    closed = make_programme(programme_a.actions.get(), name_en="Closed", accepts_nominations=False)
    response = hr.post(path, {"programme": closed.pk, "person": official_a.pk}, format="json")
    assert response.status_code == 409 and set(error_fields(response)) == {"programme"}
    assert Enrolment.objects.count() == 1


def test_nomination_bad_input_names_the_field(world, programme_a, official_a, api_client_for):
    hr = api_client_for(world.user("hr_officer"))
    valid = {"programme": programme_a.pk, "person": official_a.pk}
    cases = [
        ({"programme": None}, "programme"),
        ({"programme": "first"}, "programme"),
        ({"person": 10**9}, "person"),
        ({"motivation": 5}, "motivation"),
        ({"status": "certified", "motivation": ["x"]}, "motivation"),
    ]
    for override, field in cases:
        response = hr.post(url("enrolment", action="list"), valid | override, format="json")
        assert response.status_code == 400, (override, response.content)
        assert field in error_fields(response), (override, response.json())
    payload = dict(valid)
    del payload["person"]
    response = hr.post(url("enrolment", action="list"), payload, format="json")
    assert response.status_code == 400 and "person" in error_fields(response)
    assert not Enrolment.objects.exists()


def test_enrolments_are_not_edited_or_deleted(world, programme_a, official_a, api_client_for):
    enrolment = nominate(world, programme_a, official_a)
    client = api_client_for(world.user("administrator"))
    assert client.patch(url("enrolment", enrolment.pk), {"motivation": "x"}, format="json").status_code == 405
    assert client.delete(url("enrolment", enrolment.pk)).status_code == 405
    assert Enrolment.objects.filter(pk=enrolment.pk, motivation="").exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_enrolment_visibility_per_role(world, programme_a, official_a, api_client_for, role):
    enrolment = nominate(world, programme_a, official_a)
    own = nominate(world, programme_a, world.user("official").person)
    client = api_client_for(world.user(role))
    listed = ids(client.get(url("enrolment", action="list")))
    if role in PORTFOLIO_READERS | INSTITUTION_READERS:
        assert listed == {enrolment.pk, own.pk}
        assert client.get(url("enrolment", enrolment.pk)).status_code == 200
    elif role == "official":
        # An official sees their own nomination only.
        assert listed == {own.pk}
        assert client.get(url("enrolment", enrolment.pk)).status_code == 404
        assert client.get(url("enrolment", own.pk)).status_code == 200
    else:
        assert listed == set()
        assert client.get(url("enrolment", enrolment.pk)).status_code == 404


def test_enrolment_invisible_to_another_institution(world, programme_a, official_a, api_client_for):
    enrolment = nominate(world, programme_a, official_a)
    client = api_client_for(world.focal_b)
    assert client.get(url("enrolment", enrolment.pk)).status_code == 404
    assert client.get(url("enrolment", enrolment.pk, action="transitions")).status_code == 404
    response = client.post(
        url("enrolment", enrolment.pk, action="transition"),
        {"to": "withdrawn", "comment": "x"},
        format="json",
    )
    assert response.status_code == 404
    assert ids(client.get(url("enrolment", action="list"))) == set()


def test_staff_enrol_and_the_nominating_unit_withdraws(world, programme_a, official_a, api_client_for):
    enrolment = nominate(world, programme_a, official_a)
    hr = api_client_for(world.user("hr_officer"))
    officer = api_client_for(world.user("programme_officer"))
    official = api_client_for(world.user("official"))

    offered = hr.get(url("enrolment", enrolment.pk, action="transitions")).json()
    assert [(row["to"], row["comment_required"]) for row in offered] == [("withdrawn", True)]
    assert {
        row["to"] for row in officer.get(url("enrolment", enrolment.pk, action="transitions")).json()
    } == {
        "enrolled",
        "declined",
        "withdrawn",
    }
    refused = hr.post(url("enrolment", enrolment.pk, action="transition"), {"to": "enrolled"}, format="json")
    assert refused.status_code == 403

    enrolled = officer.post(
        url("enrolment", enrolment.pk, action="transition"), {"to": "enrolled"}, format="json"
    )
    assert enrolled.status_code == 200 and enrolled.json()["status"] == "enrolled"
    no_reason = hr.post(
        url("enrolment", enrolment.pk, action="transition"), {"to": "withdrawn"}, format="json"
    )
    assert no_reason.status_code == 400 and "comment" in error_fields(no_reason)
    withdrawn = hr.post(
        url("enrolment", enrolment.pk, action="transition"),
        {"to": "withdrawn", "comment": "Moved to another ministry."},
        format="json",
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    entries = audit_entries(Enrolment, enrolment.pk, "transition").order_by("id")
    assert [entry.actor for entry in entries] == [world.user("programme_officer"), world.user("hr_officer")]
    assert entries.last().reason == "Moved to another ministry."

    # The official follows their own path but does not move it.
    own = nominate(world, programme_a, world.user("official").person)
    assert official.get(url("enrolment", own.pk, action="transitions")).json() == []
    response = official.post(
        url("enrolment", own.pk, action="transition"),
        {"to": "withdrawn", "comment": "No time."},
        format="json",
    )
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.status == EnrolmentStatus.NOMINATED


def test_enrolment_filters(world, programme_a, official_a, api_client_for):
    nominated = nominate(world, programme_a, official_a)
    withdrawn = nominate(world, programme_a, world.user("official").person, status=EnrolmentStatus.WITHDRAWN)
    client = api_client_for(world.user("hr_officer"))
    path = url("enrolment", action="list")
    assert ids(client.get(path, {"status": "withdrawn"})) == {withdrawn.pk}
    assert ids(client.get(path, {"person": official_a.pk})) == {nominated.pk}
    assert ids(client.get(path, {"programme": programme_a.pk})) == {nominated.pk, withdrawn.pk}
    response = client.get(path, {"status": "famous"})
    assert response.status_code == 400 and "status" in error_fields(response)


def test_enrolment_list_query_count_is_flat(world, programme_a, official_a, api_client_for):
    nominate(world, programme_a, official_a)
    clients = [api_client_for(world.user("programme_officer")), api_client_for(world.user("hr_officer"))]
    path = url("enrolment", action="list")
    one = [count_queries(client, path) for client in clients]
    for _index in range(6):
        nominate(world, programme_a, PersonFactory(institution=world.institution_a))
    assert [count_queries(client, path) for client in clients] == one
