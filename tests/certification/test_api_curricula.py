"""The API of each institution's training programme: its curriculum and modules (kept by the
training unit), the officials' learning records (training unit and HR) and career steps (HR). Per
role, across institutions, with the 400 naming the field, the audit entry and a flat query count."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certification.choices import CareerChangeKind, ModuleProvider
from certification.models import CareerStep, Curriculum, CurriculumModule, LearningRecord
from mieux.models import AuditEntry
from tests.conftest import ALL_ROLES
from tests.factories import InstitutionFactory, PersonFactory, UserFactory
from tests.resources import PORTFOLIO_READERS, STAFF, audit_entries

PARTNERS_OF_A = {"focal_point", "hr_officer", "training_officer", "official"}
INSTITUTION_READERS = {"focal_point", "hr_officer", "training_officer"}
CURRICULUM_KEEPERS = STAFF | {"training_officer"}
LEARNING_RECORDERS = STAFF | {"hr_officer", "training_officer"}
CAREER_RECORDERS = STAFF | {"hr_officer"}


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


def assert_names(response, field: str, context) -> None:
    assert response.status_code == 400, (context, response.content)
    assert any(key == field or key.startswith(f"{field}.") for key in error_fields(response)), (
        context,
        response.json(),
    )


@pytest.fixture
def curriculum_a(world):
    return Curriculum.objects.create(institution=world.institution_a, name="INM training offer")


@pytest.fixture
def module_a(curriculum_a):
    return CurriculumModule.objects.create(
        curriculum=curriculum_a,
        title="Identification of victims",
        provider_kind=ModuleProvider.MIEUX,
        refresher_months=24,
    )


@pytest.fixture
def official_a(world):
    return PersonFactory(institution=world.institution_a, first_name="Ana", last_name="Official")


def user_of_b(world, role: str):
    user = UserFactory(email=f"{role}.b@mieux.test", role=role)
    PersonFactory(institution=world.institution_b, user=user)
    return user


# --- Curricula --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_curriculum_create_per_role(world, api_client_for, role):
    client = api_client_for(world.user(role))
    payload = {
        "institution": world.institution_a.pk,
        "name": "INM training offer",
        "description": "All of it.",
    }
    response = client.post(url("curriculum", action="list"), payload, format="json")
    if role in CURRICULUM_KEEPERS:
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["institution"] == world.institution_a.pk
        entry = audit_entries(Curriculum, body["id"], "create").get()
        assert entry.actor == world.user(role) and entry.origin.startswith("request:")
        edited = client.patch(url("curriculum", body["id"]), {"name": "INM curriculum"}, format="json")
        assert edited.status_code == 200 and edited.json()["name"] == "INM curriculum"
        assert audit_entries(Curriculum, body["id"], "update").get().actor == world.user(role)
        assert client.delete(url("curriculum", body["id"])).status_code == 405
    else:
        assert response.status_code == 403, response.content
        assert not Curriculum.objects.exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_curriculum_visibility_and_edit_per_role(world, curriculum_a, api_client_for, role):
    client = api_client_for(world.user(role))
    readers = PORTFOLIO_READERS | PARTNERS_OF_A
    assert (curriculum_a.pk in ids(client.get(url("curriculum", action="list")))) == (role in readers)
    assert client.get(url("curriculum", curriculum_a.pk)).status_code == (200 if role in readers else 404)
    edited = client.patch(url("curriculum", curriculum_a.pk), {"name": "Renamed"}, format="json")
    if role in CURRICULUM_KEEPERS:
        assert edited.status_code == 200
    else:
        assert edited.status_code == (403 if role in readers else 404), edited.content
        assert Curriculum.objects.get(pk=curriculum_a.pk).name == "INM training offer"


def test_curriculum_of_another_institution(world, curriculum_a, api_client_for):
    client = api_client_for(world.focal_b)
    assert client.get(url("curriculum", curriculum_a.pk)).status_code == 404
    assert client.patch(url("curriculum", curriculum_a.pk), {"name": "x"}, format="json").status_code == 404
    assert ids(client.get(url("curriculum", action="list"))) == set()
    # B's training unit keeps B's curriculum, and cannot name A's institution.
    training_b = api_client_for(user_of_b(world, "training_officer"))
    response = training_b.post(
        url("curriculum", action="list"), {"institution": world.institution_a.pk, "name": "x"}, format="json"
    )
    assert_names(response, "institution", "A's institution")
    created = training_b.post(
        url("curriculum", action="list"),
        {"institution": world.institution_b.pk, "name": "NAPTIP"},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert Curriculum.objects.get(pk=curriculum_a.pk).name == "INM training offer"


def test_curriculum_bad_input_names_the_field(world, curriculum_a, api_client_for):
    client = api_client_for(world.user("programme_officer"))
    other = InstitutionFactory()
    valid = {"institution": other.pk, "name": "Training offer"}
    before = AuditEntry.objects.count()
    for override, field in [
        ({"name": ""}, "name"),
        ({"name": 5}, "name"),
        ({"institution": None}, "institution"),
        ({"institution": "INM"}, "institution"),
    ]:
        assert_names(
            client.post(url("curriculum", action="list"), valid | override, format="json"), field, override
        )
    second = client.post(
        url("curriculum", action="list"),
        {"institution": world.institution_a.pk, "name": "Second"},
        format="json",
    )
    assert second.status_code == 409 and "institution" in error_fields(second)
    moved = client.patch(url("curriculum", curriculum_a.pk), {"institution": other.pk}, format="json")
    assert_names(moved, "institution", "moved")
    assert Curriculum.objects.count() == 1 and AuditEntry.objects.count() == before


def test_curriculum_list_query_count_is_flat(world, curriculum_a, api_client_for):
    client = api_client_for(world.user("programme_officer"))
    path = url("curriculum", action="list")
    one = count_queries(client, path)
    for index in range(4):
        Curriculum.objects.create(institution=InstitutionFactory(), name=f"Curriculum {index}")
    assert count_queries(client, path) == one


# --- Modules ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_module_writes_per_role(world, curriculum_a, official_a, api_client_for, role):
    client = api_client_for(world.user(role))
    payload = {
        "curriculum": curriculum_a.pk,
        "title": "Interviewing children",
        "provider_kind": "other",
        "provider": "UNICEF",
        "hours": "12.0",
        "refresher_months": 24,
        "trainers": [official_a.pk],
    }
    response = client.post(url("curriculum-module", action="list"), payload, format="json")
    readers = PORTFOLIO_READERS | PARTNERS_OF_A
    if role in CURRICULUM_KEEPERS:
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["trainers"] == [official_a.pk] and body["provider"] == "UNICEF"
        assert audit_entries(CurriculumModule, body["id"], "create").get().actor == world.user(role)
        edited = client.patch(url("curriculum-module", body["id"]), {"is_active": False}, format="json")
        assert edited.status_code == 200 and edited.json()["is_active"] is False
        assert audit_entries(CurriculumModule, body["id"], "update").get().actor == world.user(role)
        assert client.delete(url("curriculum-module", body["id"])).status_code == 204
        assert audit_entries(CurriculumModule, body["id"], "delete").get().actor == world.user(role)
    else:
        assert response.status_code == 403, response.content
        assert not CurriculumModule.objects.exists()
        module = CurriculumModule.objects.create(
            curriculum=curriculum_a, title="Existing", provider_kind=ModuleProvider.MIEUX
        )
        expected = 403 if role in readers else 404
        assert client.patch(
            url("curriculum-module", module.pk), {"title": "x"}, format="json"
        ).status_code == (expected)
        assert client.delete(url("curriculum-module", module.pk)).status_code == expected
        assert CurriculumModule.objects.get(pk=module.pk).title == "Existing"


def test_module_of_another_institution(world, module_a, api_client_for):
    client = api_client_for(world.focal_b)
    assert client.get(url("curriculum-module", module_a.pk)).status_code == 404
    assert client.delete(url("curriculum-module", module_a.pk)).status_code == 404
    assert ids(client.get(url("curriculum-module", action="list"))) == set()
    training_b = api_client_for(user_of_b(world, "training_officer"))
    response = training_b.post(
        url("curriculum-module", action="list"),
        {"curriculum": module_a.curriculum_id, "title": "x", "provider_kind": "mieux"},
        format="json",
    )
    assert_names(response, "curriculum", "A's curriculum")
    assert CurriculumModule.objects.count() == 1


def test_module_bad_input_names_the_field(world, curriculum_a, api_client_for):
    client = api_client_for(world.user("programme_officer"))
    stranger = PersonFactory(institution=world.institution_b)
    valid = {"curriculum": curriculum_a.pk, "title": "Interviewing children", "provider_kind": "mieux"}
    cases = [
        ({"title": ""}, "title"),
        ({"provider_kind": "donor"}, "provider_kind"),
        ({"provider_kind": "other", "provider": ""}, "provider"),
        ({"refresher_months": 0}, "refresher_months"),
        ({"hours": "many"}, "hours"),
        ({"trainers": [stranger.pk]}, "trainers"),  # not of this institution
        ({"trainers": [10**9]}, "trainers"),
        ({"curriculum": None}, "curriculum"),
    ]
    for override, field in cases:
        assert_names(
            client.post(url("curriculum-module", action="list"), valid | override, format="json"),
            field,
            override,
        )
    assert not CurriculumModule.objects.exists()


def test_module_list_query_count_is_flat(world, curriculum_a, api_client_for):
    def add(index):
        module = CurriculumModule.objects.create(
            curriculum=curriculum_a, title=f"Module {index}", provider_kind=ModuleProvider.MIEUX
        )
        module.trainers.set([PersonFactory(institution=world.institution_a)])

    add(0)
    clients = [
        api_client_for(world.user("programme_officer")),
        api_client_for(world.user("training_officer")),
    ]
    path = url("curriculum-module", action="list")
    one = [count_queries(client, path) for client in clients]
    for index in range(4):
        add(index + 1)
    assert [count_queries(client, path) for client in clients] == one


# --- Learning records -------------------------------------------------------------------------


def record_of(person, **fields) -> LearningRecord:
    return LearningRecord.objects.create(
        person=person,
        institution=person.institution,
        title=fields.pop("title", "Human rights at the border"),
        provider=fields.pop("provider", "OHCHR"),
        completed_on=fields.pop("completed_on", datetime.date(2025, 6, 1)),
        **fields,
    )


@pytest.mark.parametrize("role", ALL_ROLES)
def test_learning_record_writes_per_role(world, official_a, module_a, api_client_for, role):
    client = api_client_for(world.user(role))
    payload = {"person": official_a.pk, "module": module_a.pk, "completed_on": "2026-03-10"}
    response = client.post(url("learning-record", action="list"), payload, format="json")
    if role in LEARNING_RECORDERS:
        assert response.status_code == 201, response.content
        body = response.json()
        # A record of a curriculum module takes its title, and its refresh date from the module's period.
        assert body["title"] == "Identification of victims" and body["refresh_by"] == "2028-03-10"
        assert body["institution"] == world.institution_a.pk
        assert audit_entries(LearningRecord, body["id"], "create").get().actor == world.user(role)
        edited = client.patch(url("learning-record", body["id"]), {"refresh_by": "2027-12-31"}, format="json")
        assert edited.status_code == 200 and edited.json()["refresh_by"] == "2027-12-31"
        assert audit_entries(LearningRecord, body["id"], "update").get().actor == world.user(role)
        assert client.delete(url("learning-record", body["id"])).status_code == 204
        assert audit_entries(LearningRecord, body["id"], "delete").get().actor == world.user(role)
    else:
        assert response.status_code == 403, response.content
        assert not LearningRecord.objects.exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_learning_record_visibility_per_role(world, official_a, api_client_for, role):
    record = record_of(official_a)
    own = record_of(world.user("official").person, title="My own course")
    client = api_client_for(world.user(role))
    listed = ids(client.get(url("learning-record", action="list")))
    if role in PORTFOLIO_READERS | INSTITUTION_READERS:
        assert listed == {record.pk, own.pk}
    elif role == "official":
        # An official reads their own record, and may not edit it.
        assert listed == {own.pk}
        assert client.get(url("learning-record", record.pk)).status_code == 404
        assert client.patch(url("learning-record", own.pk), {"title": "x"}, format="json").status_code == 403
    else:
        assert listed == set()
        assert client.get(url("learning-record", record.pk)).status_code == 404


def test_learning_record_of_another_institution(world, official_a, api_client_for):
    record = record_of(official_a)
    client = api_client_for(world.focal_b)
    assert client.get(url("learning-record", record.pk)).status_code == 404
    assert client.patch(url("learning-record", record.pk), {"title": "x"}, format="json").status_code == 404
    assert client.delete(url("learning-record", record.pk)).status_code == 404
    assert ids(client.get(url("learning-record", action="list"))) == set()
    hr_b = api_client_for(user_of_b(world, "hr_officer"))
    response = hr_b.post(
        url("learning-record", action="list"),
        {"person": official_a.pk, "title": "x", "completed_on": "2026-01-01"},
        format="json",
    )
    assert_names(response, "person", "A's official")
    assert LearningRecord.objects.get(pk=record.pk).title == "Human rights at the border"


def test_learning_record_bad_input_names_the_field(world, official_a, api_client_for):
    client = api_client_for(world.user("training_officer"))
    foreign_module = CurriculumModule.objects.create(
        curriculum=Curriculum.objects.create(institution=world.institution_b, name="NAPTIP"),
        title="Theirs",
        provider_kind=ModuleProvider.MIEUX,
    )
    valid = {"person": official_a.pk, "title": "Border management", "completed_on": "2026-01-15"}
    cases = [
        ({"title": ""}, "title"),  # no module to take it from
        ({"completed_on": "last spring"}, "completed_on"),
        ({"completed_on": None}, "completed_on"),
        ({"refresh_by": "2026-13-01"}, "refresh_by"),
        ({"module": foreign_module.pk}, "module"),  # not visible to A's training unit
        ({"credential": 10**9}, "credential"),
        ({"person": None}, "person"),
    ]
    for override, field in cases:
        assert_names(
            client.post(url("learning-record", action="list"), valid | override, format="json"),
            field,
            override,
        )
    staff = api_client_for(world.user("programme_officer"))
    response = staff.post(
        url("learning-record", action="list"), valid | {"module": foreign_module.pk}, format="json"
    )
    assert_names(response, "module", "another institution's module")
    assert not LearningRecord.objects.exists()


def test_learning_record_list_query_count_is_flat(world, official_a, api_client_for):
    record_of(official_a)
    clients = [
        api_client_for(world.user("programme_officer")),
        api_client_for(world.user("training_officer")),
    ]
    path = url("learning-record", action="list")
    one = [count_queries(client, path) for client in clients]
    for index in range(4):
        record_of(PersonFactory(institution=world.institution_a), title=f"Course {index}")
    assert [count_queries(client, path) for client in clients] == one


# --- Career steps -----------------------------------------------------------------------------


def step_of(person, **fields) -> CareerStep:
    return CareerStep.objects.create(
        person=person,
        institution=person.institution,
        change=fields.pop("change", CareerChangeKind.TRAINER_ROLE),
        description=fields.pop("description", "Named trainer of the academy"),
        effective_on=fields.pop("effective_on", datetime.date(2026, 7, 1)),
        **fields,
    )


@pytest.mark.parametrize("role", ALL_ROLES)
def test_career_step_writes_per_role(world, official_a, api_client_for, role):
    client = api_client_for(world.user(role))
    payload = {
        "person": official_a.pk,
        "change": "grade_step",
        "description": "Grade B2 to B3",
        "effective_on": "2026-09-01",
    }
    response = client.post(url("career-step", action="list"), payload, format="json")
    if role in CAREER_RECORDERS:
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["recorded_by"] == world.user(role).pk and body["institution"] == world.institution_a.pk
        assert audit_entries(CareerStep, body["id"], "create").get().actor == world.user(role)
        assert (
            client.patch(url("career-step", body["id"]), {"description": "x"}, format="json").status_code
            == 405
        )
        assert client.delete(url("career-step", body["id"])).status_code == 204
        assert audit_entries(CareerStep, body["id"], "delete").get().actor == world.user(role)
    else:
        assert response.status_code == 403, response.content
        assert not CareerStep.objects.exists()
        step = step_of(official_a)
        seen = role in PORTFOLIO_READERS | INSTITUTION_READERS
        assert client.delete(url("career-step", step.pk)).status_code == (403 if seen else 404)
        assert CareerStep.objects.filter(pk=step.pk).exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_career_step_visibility_per_role(world, official_a, api_client_for, role):
    step = step_of(official_a)
    own = step_of(world.user("official").person)
    listed = ids(api_client_for(world.user(role)).get(url("career-step", action="list")))
    if role in PORTFOLIO_READERS | INSTITUTION_READERS:
        assert listed == {step.pk, own.pk}
    elif role == "official":
        assert listed == {own.pk}
    else:
        assert listed == set()


def test_career_step_of_another_institution(world, official_a, api_client_for):
    step = step_of(official_a)
    client = api_client_for(world.focal_b)
    assert client.get(url("career-step", step.pk)).status_code == 404
    assert client.delete(url("career-step", step.pk)).status_code == 404
    assert ids(client.get(url("career-step", action="list"))) == set()
    hr_b = api_client_for(user_of_b(world, "hr_officer"))
    response = hr_b.post(
        url("career-step", action="list"),
        {"person": official_a.pk, "change": "other", "description": "x", "effective_on": "2026-01-01"},
        format="json",
    )
    assert_names(response, "person", "A's official")
    assert CareerStep.objects.count() == 1


def test_career_step_bad_input_names_the_field(world, official_a, api_client_for):
    from certification.choices import EnrolmentStatus
    from certification.services import credential_issue
    from tests.certification.builders import candidate, enrol, programme_for

    programme = programme_for(world.institution_a)
    holder = candidate(programme, world.institution_a)
    someone_elses = credential_issue(
        enrol(programme, holder, status=EnrolmentStatus.CERTIFIED), actor=world.user("programme_manager")
    )
    client = api_client_for(world.user("hr_officer"))
    valid = {
        "person": official_a.pk,
        "change": "trainer_role",
        "description": "Trainer",
        "effective_on": "2026-01-01",
    }
    cases = [
        ({"change": "promotion"}, "change"),
        ({"description": ""}, "description"),
        ({"effective_on": None}, "effective_on"),
        ({"credential": someone_elses.pk}, "credential"),  # not a credential Ana holds
    ]
    for override, field in cases:
        assert_names(
            client.post(url("career-step", action="list"), valid | override, format="json"), field, override
        )
    assert not CareerStep.objects.exists()


def test_career_step_list_query_count_is_flat(world, official_a, api_client_for):
    step_of(official_a)
    clients = [api_client_for(world.user("programme_officer")), api_client_for(world.user("hr_officer"))]
    path = url("career-step", action="list")
    one = [count_queries(client, path) for client in clients]
    for _index in range(4):
        step_of(PersonFactory(institution=world.institution_a))
    assert [count_queries(client, path) for client in clients] == one
