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


# --- Programme rules, issuers and competency framework --------------------------------------------


def test_programme_rules_co_signer_and_mandatory_modules_round_trip(world, api_client_for):
    from tests.certification.builders import programme_for

    template = programme_for(world.institution_a, modules=2, competencies=2)
    action = template.actions.get()
    modules = sorted(template.mandatory_activities.values_list("pk", flat=True))
    client = api_client_for(world.user("programme_officer"))
    payload = {
        "name_en": "Certified experts",
        "kind": "expert",
        "actions": [action.pk],
        "co_signer": world.institution_a.pk,
        "mandatory_activities": modules,
        "min_attendance_percent": "90.0",
        "knowledge_test_threshold": "75.0",
        "replica_sessions_required": 3,
        "portfolio_required": False,
        "validity_months": 24,
    }
    response = client.post(url("certification-programme", action="list"), payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["co_signer"] == world.institution_a.pk and sorted(body["mandatory_activities"]) == modules
    assert body["min_attendance_percent"] == "90.0" and body["validity_months"] == 24
    assert body["practical_threshold"] == "70.0" and body["competencies"] == []
    entry = audit_entries(CertificationProgramme, body["id"], "create").get()
    assert entry.actor == world.user("programme_officer")

    # The competency framework is read with the programme, in its order.
    detail = client.get(url("certification-programme", template.pk)).json()
    assert [row["name"] for row in detail["competencies"]] == ["Competency 1", "Competency 2"]

    edited = client.patch(
        url("certification-programme", body["id"]), {"replica_min_rating": "3.5"}, format="json"
    )
    assert edited.status_code == 200 and edited.json()["replica_min_rating"] == "3.5"
    assert "replica_min_rating" in audit_entries(CertificationProgramme, body["id"], "update").get().changes


def test_programme_rule_bad_input_names_the_field(world, holistic_a, api_client_for):
    from tests.certification.builders import programme_for

    stray = programme_for(world.institution_a).mandatory_activities.first()  # another Action's module
    client = api_client_for(world.user("programme_officer"))
    valid = {"name_en": "Certified experts", "kind": "expert", "actions": [holistic_a.pk]}
    cases = [
        ({"min_attendance_percent": "150"}, "min_attendance_percent"),
        ({"knowledge_test_threshold": "-1"}, "knowledge_test_threshold"),
        ({"replica_min_rating": "9"}, "replica_min_rating"),
        ({"validity_months": 0}, "validity_months"),
        ({"co_signer": 10**9}, "co_signer"),
        ({"mandatory_activities": [stray.pk]}, "mandatory_activities"),
    ]
    before = CertificationProgramme.objects.count()
    for override, field in cases:
        response = client.post(url("certification-programme", action="list"), valid | override, format="json")
        assert response.status_code == 400, (override, response.content)
        assert any(key == field or key.startswith(f"{field}.") for key in error_fields(response)), (
            override,
            response.json(),
        )
    assert CertificationProgramme.objects.count() == before


@pytest.mark.parametrize("role", ALL_ROLES)
def test_competency_writes_per_role(world, programme_a, api_client_for, role):
    from certification.models import Competency

    client = api_client_for(world.user(role))
    payload = {
        "programme": programme_a.pk,
        "position": 1,
        "name_en": "Adult learning",
        "name_fr": "Andragogie",
    }
    response = client.post(url("competency", action="list"), payload, format="json")
    readers = PORTFOLIO_READERS | {"focal_point", "hr_officer", "training_officer", "official"}
    if role in STAFF:
        assert response.status_code == 201, response.content
        competency = Competency.objects.get(pk=response.json()["id"])
        assert audit_entries(Competency, competency.pk, "create").get().actor == world.user(role)
        edited = client.patch(url("competency", competency.pk), {"name_es": "Andragogía"}, format="json")
        assert edited.status_code == 200 and edited.json()["name_es"] == "Andragogía"
        assert audit_entries(Competency, competency.pk, "update").get().actor == world.user(role)
        assert client.delete(url("competency", competency.pk)).status_code == 204
        assert audit_entries(Competency, competency.pk, "delete").exists()
    else:
        # Only programme staff edit the framework; the others are refused before the payload is read.
        assert response.status_code == 403, response.content
        assert not Competency.objects.exists()
        competency = Competency.objects.create(programme=programme_a, name_en="Facilitation")
        expected = 403 if role in readers else 404
        assert client.patch(
            url("competency", competency.pk), {"name_en": "x"}, format="json"
        ).status_code == (expected)
        assert client.delete(url("competency", competency.pk)).status_code == expected
        assert Competency.objects.get(pk=competency.pk).name_en == "Facilitation"


def test_competencies_are_seen_with_their_programme_only(world, programme_a, api_client_for):
    from certification.models import Competency

    competency = Competency.objects.create(programme=programme_a, name_en="Facilitation")
    hr = api_client_for(world.user("hr_officer"))
    assert ids(hr.get(url("competency", action="list"), {"programme": programme_a.pk})) == {competency.pk}
    focal_b = api_client_for(world.focal_b)
    assert focal_b.get(url("competency", competency.pk)).status_code == 404
    assert ids(focal_b.get(url("competency", action="list"))) == set()
    officer = api_client_for(world.user("programme_officer"))
    moved = officer.patch(
        url("competency", competency.pk), {"programme": make_programme(name_en="Other").pk}, format="json"
    )
    assert moved.status_code == 400 and "programme" in error_fields(moved)
    empty = officer.post(url("competency", action="list"), {"programme": programme_a.pk}, format="json")
    assert empty.status_code == 400 and "name_en" in error_fields(empty)


def test_competency_list_query_count_is_flat(world, programme_a, api_client_for):
    from certification.models import Competency

    Competency.objects.create(programme=programme_a, name_en="Competency 0")
    client = api_client_for(world.user("hr_officer"))
    path = url("competency", action="list")
    one = count_queries(client, path)
    for index in range(4):
        Competency.objects.create(programme=programme_a, name_en=f"Competency {index + 1}")
    assert count_queries(client, path) == one


def test_programme_list_with_rules_and_competencies_is_flat(world, api_client_for):
    from tests.certification.builders import programme_for

    programme_for(world.institution_a)
    client = api_client_for(world.user("programme_officer"))
    path = url("certification-programme", action="list")
    one = count_queries(client, path)
    for _index in range(4):
        programme_for(world.institution_a, name_en=f"Programme {_index}")
    assert count_queries(client, path) == one


# --- Enrolment detail: eligibility, assessments, sign-offs ---------------------------------------


@pytest.fixture
def path_a(world):
    """A programme of A with three competencies, and Ana in training on it."""
    from tests.certification.builders import candidate, enrol, programme_for

    programme = programme_for(world.institution_a, competencies=3)
    person = candidate(programme, world.institution_a, first_name="Ana", last_name="Official")
    return enrol(programme, person, status=EnrolmentStatus.IN_TRAINING, nominated_by=world.user("hr_officer"))


def test_enrolment_detail_lists_each_rule_with_its_figure(world, path_a, api_client_for):
    from tests.certification.builders import meet_every_rule

    client = api_client_for(world.user("hr_officer"))
    body = client.get(url("enrolment", path_a.pk)).json()
    assert body["eligibility"]["eligible"] is False
    rules = {rule["key"]: rule for rule in body["eligibility"]["rules"]}
    assert {"attendance", "knowledge_test", "practical", "replica_sessions", "portfolio"} <= set(rules)
    assert rules["attendance"]["met"] is False and rules["attendance"]["threshold"] == "80.0"
    assert body["assessments"] == [] and body["sign_offs"] == []

    meet_every_rule(path_a)
    body = client.get(url("enrolment", path_a.pk)).json()
    assert body["eligibility"]["eligible"] is True
    assert {row["kind"] for row in body["assessments"]} == {"knowledge_test", "practical", "portfolio_review"}
    # The list stays light: no eligibility there.
    listed = client.get(url("enrolment", action="list")).json()["results"]
    assert "eligibility" not in listed[0] and "assessments" not in listed[0]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_assessment_per_role(world, path_a, api_client_for, role):
    from certification.models import Assessment

    payload = {"kind": "knowledge_test", "assessed_on": "2026-04-02", "score": "82.5"}
    response = api_client_for(world.user(role)).post(
        url("enrolment", path_a.pk, action="assessments"), payload, format="json"
    )
    if role in STAFF:
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["score"] == "82.5" and body["assessor"] == world.user(role).pk
        entry = audit_entries(Assessment, body["id"], "create").get()
        assert entry.actor == world.user(role) and entry.origin.startswith("request:")
    else:
        seen = role in PORTFOLIO_READERS | INSTITUTION_READERS
        assert response.status_code == (403 if seen else 404), response.content
        assert not Assessment.objects.exists()


def test_practical_assessment_on_the_rubric(world, path_a, api_client_for):
    from certification.models import Assessment

    first, second, third = path_a.programme.competencies.values_list("pk", flat=True)
    client = api_client_for(world.user("programme_officer"))
    path = url("enrolment", path_a.pk, action="assessments")
    valid = {"kind": "practical", "assessed_on": "2026-04-02", "rubric": {str(first): 3, str(second): 4}}
    cases = [
        ({"rubric": {str(first): 3, str(second): 4, str(third): 9}}, "rubric"),  # level out of range
        ({"rubric": {str(first): 3, str(second): 4, str(third): 2, "999999": 1}}, "rubric"),  # unknown id
        ({"rubric": {str(first): 3, str(second): 4}}, "rubric"),  # one competency not scored
        ({"rubric": {str(first): "high"}}, "rubric"),
        ({"rubric": [1, 2]}, "rubric"),
        ({"kind": "oral"}, "kind"),
        ({"assessed_on": "yesterday"}, "assessed_on"),
        ({"kind": "knowledge_test", "rubric": {}, "score": "101"}, "score"),
        ({"kind": "knowledge_test", "rubric": {}}, "score"),
        ({"kind": "portfolio_review", "rubric": {}}, "portfolio_accepted"),
        ({"replica_session": 10**9}, "replica_session"),
    ]
    for override, field in cases:
        response = client.post(path, valid | override, format="json")
        assert response.status_code == 400, (override, response.content)
        assert any(key == field or key.startswith(f"{field}.") for key in error_fields(response)), (
            override,
            response.json(),
        )
    assert not Assessment.objects.exists()

    scored = client.post(
        path, valid | {"rubric": {str(first): 3, str(second): 4, str(third): 2}}, format="json"
    )
    assert scored.status_code == 201, scored.content
    assert scored.json()["score"] == "75.0"  # 9 of 12 rubric points


def test_assessment_outside_the_path_is_a_409(world, programme_a, official_a, api_client_for):
    enrolment = nominate(world, programme_a, official_a)
    response = api_client_for(world.user("programme_officer")).post(
        url("enrolment", enrolment.pk, action="assessments"),
        {"kind": "knowledge_test", "assessed_on": "2026-04-02", "score": "90"},
        format="json",
    )
    assert response.status_code == 409 and "enrolment" in error_fields(response)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_sign_off_per_role(world, path_a, api_client_for, role):
    from certification.models import SignOff

    response = api_client_for(world.user(role)).post(
        url("enrolment", path_a.pk, action="sign-off"), {"comment": "Agreed by the unit."}, format="json"
    )
    if role in {"hr_officer", "training_officer"}:
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["step"] == "in_training" and body["unit"] == {"hr_officer": "hr"}.get(
            role, "training_unit"
        )
        assert audit_entries(SignOff, body["id"], "create").get().actor == world.user(role)
        again = api_client_for(world.user(role)).post(
            url("enrolment", path_a.pk, action="sign-off"), {}, format="json"
        )
        assert again.status_code == 409 and "step" in error_fields(again)
    else:
        seen = role in PORTFOLIO_READERS | INSTITUTION_READERS
        assert response.status_code == (403 if seen else 404), response.content
        assert not SignOff.objects.exists()


def test_another_institution_cannot_assess_or_sign_off(world, path_a, api_client_for):
    client = api_client_for(world.focal_b)
    assert client.get(url("enrolment", path_a.pk)).status_code == 404
    for action, payload in (
        ("assessments", {"kind": "knowledge_test", "assessed_on": "2026-04-02", "score": "90"}),
        ("sign-off", {}),
    ):
        assert (
            client.post(url("enrolment", path_a.pk, action=action), payload, format="json").status_code == 404
        )
    assert not path_a.assessments.exists() and not path_a.sign_offs.exists()


# --- Replica sessions ---------------------------------------------------------------------------


REPLICA_WRITERS = STAFF | {"training_officer"}


def replica_of(world, person, **fields):
    from certification.models import ReplicaSession

    return ReplicaSession.objects.create(
        trainer=person,
        institution=person.institution,
        title=fields.pop("title", "Identification of victims, cohort 1"),
        held_on=fields.pop("held_on", "2026-05-04"),
        supervised=fields.pop("supervised", True),
        colleagues_trained=fields.pop("colleagues_trained", 14),
        **fields,
    )


@pytest.mark.parametrize("role", ALL_ROLES)
def test_replica_session_writes_per_role(world, official_a, api_client_for, role):
    from certification.models import ReplicaSession

    client = api_client_for(world.user(role))
    payload = {
        "trainer": official_a.pk,
        "title": "Identification of victims, cohort 2",
        "held_on": "2026-05-11",
        "supervised": True,
        "colleagues_trained": 18,
        "average_rating": "4.6",
    }
    response = client.post(url("replica-session", action="list"), payload, format="json")
    if role in REPLICA_WRITERS:
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["institution"] == world.institution_a.pk and body["recorded_by"] == world.user(role).pk
        assert audit_entries(ReplicaSession, body["id"], "create").get().actor == world.user(role)
        assert (
            client.patch(url("replica-session", body["id"]), {"title": "x"}, format="json").status_code == 405
        )
        assert client.delete(url("replica-session", body["id"])).status_code == 204
        assert audit_entries(ReplicaSession, body["id"], "delete").get().actor == world.user(role)
    else:
        # Roles that may not record are refused before the payload is read.
        assert response.status_code == 403, response.content
        assert not ReplicaSession.objects.exists()
        session = replica_of(world, official_a)
        seen = role in PORTFOLIO_READERS | INSTITUTION_READERS
        assert client.delete(url("replica-session", session.pk)).status_code == (403 if seen else 404)
        assert ReplicaSession.objects.filter(pk=session.pk).exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_replica_session_visibility_per_role(world, official_a, api_client_for, role):
    session = replica_of(world, official_a)
    own = replica_of(world, world.user("official").person, title="My own session")
    listed = ids(api_client_for(world.user(role)).get(url("replica-session", action="list")))
    if role in PORTFOLIO_READERS | INSTITUTION_READERS:
        assert listed == {session.pk, own.pk}
    elif role == "official":
        assert listed == {own.pk}
    else:
        assert listed == set()


def test_replica_session_of_another_institution(world, official_a, api_client_for):
    from certification.models import ReplicaSession

    session = replica_of(world, official_a)
    client = api_client_for(world.focal_b)
    assert client.get(url("replica-session", session.pk)).status_code == 404
    assert client.delete(url("replica-session", session.pk)).status_code == 404
    assert ids(client.get(url("replica-session", action="list"))) == set()
    # B's training unit cannot name A's official as a trainer.
    trainer_b = UserFactory(email="training.b@mieux.test", role="training_officer")
    PersonFactory(institution=world.institution_b, user=trainer_b)
    response = api_client_for(trainer_b).post(
        url("replica-session", action="list"),
        {"trainer": official_a.pk, "title": "x", "held_on": "2026-05-11"},
        format="json",
    )
    assert response.status_code == 400 and "trainer" in error_fields(response)
    assert ReplicaSession.objects.count() == 1


def test_replica_session_bad_input_names_the_field(world, official_a, api_client_for, path_a):
    from certification.models import ReplicaSession

    client = api_client_for(world.user("training_officer"))
    valid = {"trainer": official_a.pk, "title": "Cohort 3", "held_on": "2026-05-11"}
    cases = [
        ({"title": ""}, "title"),
        ({"held_on": "soon"}, "held_on"),
        ({"average_rating": "7"}, "average_rating"),
        ({"colleagues_trained": -3}, "colleagues_trained"),
        ({"trainer": None}, "trainer"),
        ({"enrolment": path_a.pk}, "enrolment"),  # Ana's enrolment, not this trainer's
    ]
    for override, field in cases:
        response = client.post(url("replica-session", action="list"), valid | override, format="json")
        assert response.status_code == 400, (override, response.content)
        assert field in error_fields(response), (override, response.json())
    assert not ReplicaSession.objects.exists()


def test_replica_session_list_query_count_is_flat(world, official_a, api_client_for):
    replica_of(world, official_a)
    clients = [
        api_client_for(world.user("programme_officer")),
        api_client_for(world.user("training_officer")),
    ]
    path = url("replica-session", action="list")
    one = [count_queries(client, path) for client in clients]
    for index in range(4):
        replica_of(world, PersonFactory(institution=world.institution_a), title=f"Session {index}")
    assert [count_queries(client, path) for client in clients] == one


def test_a_filter_given_twice_is_a_400_naming_it(world, official_a, api_client_for):
    replica_of(world, official_a)
    client = api_client_for(world.user("programme_officer"))
    response = client.get(f"{url('replica-session', action='list')}?trainer={official_a.pk}&trainer=2")
    assert response.status_code == 400 and set(error_fields(response)) == {"trainer"}
    # A filter that takes several values still does.
    response = client.get(f"{url('enrolment', action='list')}?status=nominated&status=enrolled")
    assert response.status_code == 200
