"""One training programme per institution: the curriculum its training unit keeps, its modules (MIEUX+
and other providers), each official's learning record and the career steps HR records.

Services: who may write (per role), the rules (trainers and officials of the curriculum's
institution, a named provider, a credential of the same official, title/provider/refresh date taken
from the module) and the audit entry. Pages: who sees what (200/403/404, institution B always 404),
writes through the forms, field errors for bad input, flat query counts."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certification import services
from certification.choices import CareerChangeKind, CredentialStatus, EnrolmentStatus, ModuleProvider
from certification.models import CareerStep, Credential, Curriculum, CurriculumModule, LearningRecord
from mieux.errors import ApplicationError, Conflict
from mieux.errors import PermissionDenied as ServicePermissionDenied
from tests.certification.builders import enrol, programme_for
from tests.conftest import ALL_ROLES
from tests.factories import PersonFactory
from tests.resources import STAFF, audit_entries

CURRICULUM_KEEPERS = STAFF | {"training_officer"}
LEARNING_KEEPERS = STAFF | {"training_officer", "hr_officer"}
CAREER_KEEPERS = STAFF | {"hr_officer"}
_status_index = itertools.count(1000)


def text(response) -> str:
    return response.content.decode()


def make_curriculum(institution, **fields) -> Curriculum:
    return Curriculum.objects.create(
        institution=institution, name=fields.pop("name", "INM curriculum"), **fields
    )


def make_module(curriculum, **fields) -> CurriculumModule:
    fields.setdefault("title", "Victim identification")
    fields.setdefault("provider_kind", ModuleProvider.MIEUX)
    trainers = fields.pop("trainers", ())
    module = CurriculumModule.objects.create(curriculum=curriculum, **fields)
    module.trainers.set(trainers)
    return module


def make_credential(person, *, valid_until=datetime.date(2029, 1, 31), status=CredentialStatus.ACTIVE):
    programme = programme_for(person.institution, modules=0, competencies=0)
    enrolment = enrol(programme, person, status=EnrolmentStatus.CERTIFIED)
    return Credential.objects.create(
        enrolment=enrolment,
        programme=programme,
        person=person,
        institution=person.institution,
        kind=programme.kind,
        issued_on=datetime.date(2026, 1, 1),
        valid_until=valid_until,
        status=status,
        status_index=next(_status_index),
        subject_salt="salt",
        subject_hash="sha256$hash",
    )


@pytest.fixture
def official_a(world):
    return world.user("official").person


@pytest.fixture
def curriculum_a(world):
    return make_curriculum(world.institution_a)


@pytest.fixture
def module_a(curriculum_a):
    return make_module(curriculum_a, hours=Decimal("16"), refresher_months=24)


# --- Services: curriculum and modules -----------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_curriculum_create_per_role(world, role):
    actor = world.user(role)
    if role in CURRICULUM_KEEPERS:
        curriculum = services.curriculum_create(actor=actor, institution=world.institution_a, name="INM")
        entry = audit_entries(Curriculum, curriculum.pk, "create").get()
        assert entry.actor == actor
        assert curriculum.institution == world.institution_a
    else:
        with pytest.raises(ServicePermissionDenied):
            services.curriculum_create(actor=actor, institution=world.institution_a, name="INM")
        assert not Curriculum.objects.exists()


def test_a_training_officer_keeps_only_their_own_institutions_curriculum(world):
    officer = world.user("training_officer")
    with pytest.raises(ServicePermissionDenied):
        services.curriculum_create(actor=officer, institution=world.institution_b, name="NAPTIP")
    other = make_curriculum(world.institution_b, name="NAPTIP")
    with pytest.raises(ServicePermissionDenied):
        services.curriculum_update(other, actor=officer, name="Mine now")
    with pytest.raises(ServicePermissionDenied):
        services.module_create(actor=officer, curriculum=other, title="X", provider_kind=ModuleProvider.MIEUX)


def test_one_curriculum_per_institution(world, curriculum_a):
    with pytest.raises(Conflict) as error:
        services.curriculum_create(
            actor=world.user("programme_officer"), institution=world.institution_a, name="2"
        )
    assert "institution" in error.value.fields


def test_curriculum_update_is_audited_and_keeps_its_institution(world, curriculum_a):
    officer = world.user("training_officer")
    services.curriculum_update(curriculum_a, actor=officer, name="Renamed")
    assert audit_entries(Curriculum, curriculum_a.pk, "update").get().actor == officer
    with pytest.raises(ApplicationError) as error:
        services.curriculum_update(curriculum_a, actor=officer, institution=world.institution_b)
    assert "institution" in error.value.fields


def test_module_create_with_trainers_is_audited(world, curriculum_a, official_a):
    module = services.module_create(
        actor=world.user("training_officer"),
        curriculum=curriculum_a,
        trainers=[official_a],
        title="Interviewing victims",
        provider_kind=ModuleProvider.MIEUX,
        hours=Decimal("8"),
        refresher_months=12,
    )
    assert list(module.trainers.all()) == [official_a]
    assert audit_entries(CurriculumModule, module.pk, "create").get().actor == world.user("training_officer")


def test_a_trainer_from_another_institution_is_refused(world, curriculum_a):
    stranger = world.focal_b.person
    with pytest.raises(ApplicationError) as error:
        services.module_create(
            actor=world.user("programme_officer"),
            curriculum=curriculum_a,
            trainers=[stranger],
            title="X",
            provider_kind=ModuleProvider.MIEUX,
        )
    assert "trainers" in error.value.fields
    assert not CurriculumModule.objects.exists()


def test_another_provider_must_be_named(world, curriculum_a, module_a):
    officer = world.user("training_officer")
    with pytest.raises(ApplicationError) as error:
        services.module_create(
            actor=officer,
            curriculum=curriculum_a,
            title="Border management",
            provider_kind=ModuleProvider.OTHER,
        )
    assert "provider" in error.value.fields
    with pytest.raises(ApplicationError) as error:
        services.module_update(module_a, actor=officer, provider_kind=ModuleProvider.OTHER, provider="  ")
    assert "provider" in error.value.fields
    module = services.module_create(
        actor=officer,
        curriculum=curriculum_a,
        title="Border management",
        provider_kind=ModuleProvider.OTHER,
        provider="Frontex",
    )
    assert module.provider == "Frontex"


def test_module_update_and_delete_are_audited(world, curriculum_a, module_a, official_a):
    officer = world.user("training_officer")
    services.module_update(module_a, actor=officer, trainers=[official_a], hours=Decimal("20"))
    module_a.refresh_from_db()
    assert module_a.hours == Decimal("20") and list(module_a.trainers.all()) == [official_a]
    assert audit_entries(CurriculumModule, module_a.pk, "update").exists()
    with pytest.raises(ApplicationError) as error:
        services.module_update(module_a, actor=officer, trainers=[world.focal_b.person])
    assert "trainers" in error.value.fields
    module_id = module_a.pk
    services.module_delete(module_a, actor=officer)
    assert not CurriculumModule.objects.exists()
    assert audit_entries(CurriculumModule, module_id, "delete").get().actor == officer


def test_a_module_with_learning_records_is_not_deleted(world, module_a, official_a):
    LearningRecord.objects.create(
        person=official_a,
        institution=official_a.institution,
        module=module_a,
        title=module_a.title,
        completed_on=datetime.date(2026, 1, 1),
    )
    with pytest.raises(ApplicationError):
        services.module_delete(module_a, actor=world.user("programme_manager"))
    assert CurriculumModule.objects.filter(pk=module_a.pk).exists()


# --- Services: learning records and career steps ------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_learning_record_create_per_role(world, role, official_a):
    actor = world.user(role)
    fields = {"title": "Refugee law", "provider": "UNHCR", "completed_on": datetime.date(2026, 2, 1)}
    if role in LEARNING_KEEPERS:
        record = services.learning_record_create(actor=actor, person=official_a, **fields)
        assert record.institution == world.institution_a
        assert audit_entries(LearningRecord, record.pk, "create").get().actor == actor
    else:
        with pytest.raises(ServicePermissionDenied):
            services.learning_record_create(actor=actor, person=official_a, **fields)
        assert not LearningRecord.objects.exists()


def test_a_record_of_a_module_takes_its_title_provider_and_refresh_date(world, module_a, official_a):
    record = services.learning_record_create(
        actor=world.user("hr_officer"),
        person=official_a,
        module=module_a,
        completed_on=datetime.date(2026, 1, 31),
    )
    assert record.title == module_a.title
    assert record.provider == "MIEUX+"
    assert record.refresh_by == datetime.date(2028, 1, 31)
    given = services.learning_record_create(
        actor=world.user("hr_officer"),
        person=official_a,
        module=module_a,
        completed_on=datetime.date(2026, 1, 31),
        refresh_by=datetime.date(2027, 6, 1),
    )
    assert given.refresh_by == datetime.date(2027, 6, 1)


def test_learning_record_update_recomputes_the_refresh_date_and_reminds_again(world, module_a, official_a):
    hr = world.user("hr_officer")
    record = services.learning_record_create(
        actor=hr, person=official_a, module=module_a, completed_on=datetime.date(2026, 1, 31)
    )
    LearningRecord.objects.filter(pk=record.pk).update(reminder_sent_on=datetime.date(2027, 12, 1))
    record.refresh_from_db()
    services.learning_record_update(record, actor=hr, completed_on=datetime.date(2026, 3, 15))
    record.refresh_from_db()
    assert record.refresh_by == datetime.date(2028, 3, 15)
    assert record.reminder_sent_on is None
    assert audit_entries(LearningRecord, record.pk, "update").get().actor == hr
    with pytest.raises(ApplicationError) as error:
        services.learning_record_update(record, actor=hr, person=world.focal_b.person)
    assert "person" in error.value.fields


def test_a_record_needs_a_module_of_the_officials_institution(world, official_a):
    curriculum_b = make_curriculum(world.institution_b, name="NAPTIP")
    module_b = make_module(curriculum_b)
    with pytest.raises(ApplicationError) as error:
        services.learning_record_create(
            actor=world.user("programme_officer"),
            person=official_a,
            module=module_b,
            completed_on=datetime.date(2026, 1, 1),
        )
    assert "module" in error.value.fields


def test_a_record_outside_the_curriculum_needs_a_title(world, official_a):
    with pytest.raises(ApplicationError) as error:
        services.learning_record_create(
            actor=world.user("hr_officer"), person=official_a, completed_on=datetime.date(2026, 1, 1)
        )
    assert "title" in error.value.fields
    assert not LearningRecord.objects.exists()


def test_learning_record_delete_is_audited_and_guarded(world, official_a):
    record = services.learning_record_create(
        actor=world.user("hr_officer"), person=official_a, title="X", completed_on=datetime.date(2026, 1, 1)
    )
    with pytest.raises(ServicePermissionDenied):
        services.learning_record_delete(record, actor=world.user("official"))
    with pytest.raises(ServicePermissionDenied):
        services.learning_record_delete(record, actor=world.focal_b)
    record_id = record.pk
    services.learning_record_delete(record, actor=world.user("training_officer"))
    assert audit_entries(LearningRecord, record_id, "delete").get().actor == world.user("training_officer")


@pytest.mark.parametrize("role", ALL_ROLES)
def test_career_step_record_per_role(world, role, official_a):
    actor = world.user(role)
    fields = {
        "change": CareerChangeKind.TRAINER_ROLE,
        "description": "Joins the training unit's trainer pool",
        "effective_on": datetime.date(2026, 6, 1),
    }
    if role in CAREER_KEEPERS:
        step = services.career_step_record(actor=actor, person=official_a, **fields)
        assert step.recorded_by == actor and step.institution == world.institution_a
        assert audit_entries(CareerStep, step.pk, "create").get().actor == actor
    else:
        with pytest.raises(ServicePermissionDenied):
            services.career_step_record(actor=actor, person=official_a, **fields)
        assert not CareerStep.objects.exists()


def test_a_career_step_links_only_the_officials_own_credential(world, official_a):
    colleague = PersonFactory(institution=world.institution_a)
    theirs = make_credential(colleague)
    own = make_credential(official_a)
    fields = {
        "change": CareerChangeKind.GRADE_STEP,
        "description": "Grade 7",
        "effective_on": datetime.date(2026, 6, 1),
    }
    with pytest.raises(ApplicationError) as error:
        services.career_step_record(
            actor=world.user("hr_officer"), person=official_a, credential=theirs, **fields
        )
    assert "credential" in error.value.fields
    assert not CareerStep.objects.exists()
    step = services.career_step_record(
        actor=world.user("hr_officer"), person=official_a, credential=own, **fields
    )
    step_id = step.pk
    services.career_step_delete(step, actor=world.user("hr_officer"))
    assert audit_entries(CareerStep, step_id, "delete").exists()


# --- Pages: who sees what -----------------------------------------------------------------------


def test_curriculum_list_shows_staff_all_and_partners_their_own(world, curriculum_a, page_client_for):
    curriculum_b = make_curriculum(world.institution_b, name="NAPTIP training offer")
    url = reverse("certification:curriculum_list")
    staff = text(page_client_for(world.user("programme_officer")).get(url))
    assert curriculum_a.name in staff and curriculum_b.name in staff
    for role in ("training_officer", "hr_officer", "official", "focal_point"):
        page = text(page_client_for(world.user(role)).get(url))
        assert curriculum_a.name in page and curriculum_b.name not in page
    page_b = text(page_client_for(world.focal_b).get(url))
    assert curriculum_b.name in page_b and curriculum_a.get_absolute_url() not in page_b


@pytest.mark.parametrize("role", ALL_ROLES)
def test_curriculum_detail_per_role(world, curriculum_a, module_a, role, page_client_for):
    response = page_client_for(world.user(role)).get(curriculum_a.get_absolute_url())
    visible = role in STAFF | {"integrator", "focal_point", "hr_officer", "training_officer", "official"}
    assert response.status_code == (200 if visible else 404)
    if visible:
        assert module_a.title in text(response)
        add_module = reverse("certification:module_create", args=[curriculum_a.pk])
        assert (add_module in text(response)) == (role in CURRICULUM_KEEPERS)


def test_institution_b_gets_404_on_every_page_of_a(
    world, curriculum_a, module_a, official_a, page_client_for
):
    record = LearningRecord.objects.create(
        person=official_a, institution=world.institution_a, title="X", completed_on=datetime.date(2026, 1, 1)
    )
    step = CareerStep.objects.create(
        person=official_a,
        institution=world.institution_a,
        change=CareerChangeKind.GRADE_STEP,
        description="Grade",
        effective_on=datetime.date(2026, 1, 1),
    )
    client = page_client_for(world.focal_b)
    urls = [
        reverse("certification:curriculum_detail", args=[curriculum_a.pk]),
        reverse("certification:curriculum_update", args=[curriculum_a.pk]),
        reverse("certification:module_create", args=[curriculum_a.pk]),
        reverse("certification:module_update", args=[module_a.pk]),
        reverse("certification:module_delete", args=[module_a.pk]),
        reverse("certification:learning_record", args=[official_a.pk]),
        reverse("certification:learning_record_create", args=[official_a.pk]),
        reverse("certification:learning_record_delete", args=[record.pk]),
        reverse("certification:career_step_create", args=[official_a.pk]),
        reverse("certification:career_step_delete", args=[step.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    # Every write door answers 404 too (the read-only pages answer 405 to any id).
    for url in urls[1:5] + urls[6:]:
        assert client.post(url, {}).status_code == 404, url
    assert CurriculumModule.objects.filter(pk=module_a.pk).exists()
    assert (
        LearningRecord.objects.filter(pk=record.pk).exists()
        and CareerStep.objects.filter(pk=step.pk).exists()
    )


@pytest.mark.parametrize("role", ALL_ROLES)
def test_learning_record_page_per_role(world, official_a, role, page_client_for):
    response = page_client_for(world.user(role)).get(
        reverse("certification:learning_record", args=[official_a.pk])
    )
    visible = role in STAFF | {"integrator", "focal_point", "hr_officer", "training_officer", "official"}
    assert response.status_code == (200 if visible else 404)


def test_an_official_sees_only_their_own_learning_record(world, official_a, page_client_for):
    colleague = PersonFactory(institution=world.institution_a)
    client = page_client_for(world.user("official"))
    assert client.get(reverse("certification:learning_record", args=[colleague.pk])).status_code == 404
    own = client.get(reverse("certification:my_learning"))
    assert own.status_code == 200 and "Your learning record" in text(own)
    assert (
        page_client_for(world.user("programme_officer")).get(reverse("certification:my_learning")).status_code
        == 404
    )


def test_learning_record_page_shows_every_provider_credentials_and_due_dates(
    world, module_a, official_a, page_client_for
):
    today = datetime.date.today()
    LearningRecord.objects.create(
        person=official_a,
        institution=world.institution_a,
        module=module_a,
        title=module_a.title,
        provider="MIEUX+",
        completed_on=today - datetime.timedelta(days=700),
        refresh_by=today + datetime.timedelta(days=10),
    )
    LearningRecord.objects.create(
        person=official_a,
        institution=world.institution_a,
        title="Refugee law course",
        provider="UNHCR",
        completed_on=today - datetime.timedelta(days=30),
        refresh_by=today + datetime.timedelta(days=400),
    )
    credential = make_credential(official_a, valid_until=today + datetime.timedelta(days=20))
    CareerStep.objects.create(
        person=official_a,
        institution=world.institution_a,
        credential=credential,
        change=CareerChangeKind.TRAINER_ROLE,
        description="Named in-house trainer",
        effective_on=today,
    )
    page = text(
        page_client_for(world.user("hr_officer")).get(
            reverse("certification:learning_record", args=[official_a.pk])
        )
    )
    assert module_a.title in page and "Refugee law course" in page and "UNHCR" in page
    assert credential.get_verification_url() in page
    assert "Named in-house trainer" in page
    assert page.count("Due soon") == 1 and "Renew soon" in page


# --- Pages: writes ------------------------------------------------------------------------------


def test_training_officer_opens_the_curriculum_then_may_not_open_a_second(world, page_client_for):
    client = page_client_for(world.user("training_officer"))
    url = reverse("certification:curriculum_create")
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "INM training offer", "description": ""})
    curriculum = Curriculum.objects.get()
    assert response.status_code == 302 and response["Location"] == curriculum.get_absolute_url()
    assert curriculum.institution == world.institution_a
    assert audit_entries(Curriculum, curriculum.pk, "create").get().actor == world.user("training_officer")
    assert client.get(url).status_code == 403


def test_staff_choose_the_institution_of_a_curriculum(world, page_client_for):
    client = page_client_for(world.user("programme_officer"))
    response = client.post(
        reverse("certification:curriculum_create"), {"institution": world.institution_b.pk, "name": "NAPTIP"}
    )
    assert response.status_code == 302
    assert Curriculum.objects.get().institution == world.institution_b


@pytest.mark.parametrize("role", ["hr_officer", "official", "focal_point"])
def test_partners_other_than_the_training_unit_may_not_keep_the_curriculum(
    world, curriculum_a, module_a, role, page_client_for
):
    client = page_client_for(world.user(role))
    for url in (
        reverse("certification:curriculum_create"),
        reverse("certification:curriculum_update", args=[curriculum_a.pk]),
        reverse("certification:module_create", args=[curriculum_a.pk]),
        reverse("certification:module_update", args=[module_a.pk]),
        reverse("certification:module_delete", args=[module_a.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("certification:module_delete", args=[module_a.pk])).status_code == 403
    assert CurriculumModule.objects.filter(pk=module_a.pk).exists()


def test_module_form_adds_edits_and_deletes(world, curriculum_a, official_a, page_client_for):
    client = page_client_for(world.user("training_officer"))
    response = client.post(
        reverse("certification:module_create", args=[curriculum_a.pk]),
        {
            "title": "Document fraud",
            "provider_kind": "other",
            "provider": "Frontex",
            "hours": "12",
            "refresher_months": "18",
            "trainers": [official_a.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == curriculum_a.get_absolute_url()
    module = CurriculumModule.objects.get()
    assert module.provider == "Frontex" and list(module.trainers.all()) == [official_a]
    assert audit_entries(CurriculumModule, module.pk, "create").exists()
    response = client.post(
        reverse("certification:module_update", args=[module.pk]),
        {
            "title": "Document fraud (advanced)",
            "provider_kind": "other",
            "provider": "Frontex",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    module.refresh_from_db()
    assert module.title == "Document fraud (advanced)" and not module.trainers.exists()
    assert client.post(reverse("certification:module_delete", args=[module.pk])).status_code == 302
    assert audit_entries(CurriculumModule, module.pk, "delete").exists()


def test_module_form_names_the_field_of_bad_input(world, curriculum_a, page_client_for):
    client = page_client_for(world.user("programme_officer"))
    url = reverse("certification:module_create", args=[curriculum_a.pk])
    response = client.post(url, {"title": "Border management", "provider_kind": "other", "provider": ""})
    assert response.status_code == 200
    assert "provider" in response.context["form"].errors
    response = client.post(
        url, {"title": "X", "provider_kind": "mieux", "trainers": [world.focal_b.person.pk]}
    )
    assert response.status_code == 200 and "trainers" in response.context["form"].errors
    response = client.post(url, {"title": "X", "provider_kind": "mieux", "hours": "many"})
    assert response.status_code == 200 and "hours" in response.context["form"].errors
    assert not CurriculumModule.objects.exists()


def test_a_module_in_use_shows_why_it_is_not_deleted(world, module_a, official_a, page_client_for):
    LearningRecord.objects.create(
        person=official_a,
        institution=world.institution_a,
        module=module_a,
        title="X",
        completed_on=datetime.date(2026, 1, 1),
    )
    response = page_client_for(world.user("training_officer")).post(
        reverse("certification:module_delete", args=[module_a.pk])
    )
    assert response.status_code == 200 and "still used by" in text(response)
    assert CurriculumModule.objects.filter(pk=module_a.pk).exists()


def test_hr_adds_a_learning_record_and_a_career_step(world, module_a, official_a, page_client_for):
    client = page_client_for(world.user("hr_officer"))
    learning_url = reverse("certification:learning_record", args=[official_a.pk])
    response = client.post(
        reverse("certification:learning_record_create", args=[official_a.pk]),
        {"module": module_a.pk, "completed_on": "2026-01-31"},
    )
    assert response.status_code == 302 and response["Location"] == learning_url
    record = LearningRecord.objects.get()
    assert record.title == module_a.title and record.refresh_by == datetime.date(2028, 1, 31)
    assert audit_entries(LearningRecord, record.pk, "create").get().actor == world.user("hr_officer")
    credential = make_credential(official_a)
    response = client.post(
        reverse("certification:career_step_create", args=[official_a.pk]),
        {
            "change": "trainer_role",
            "description": "In-house trainer",
            "effective_on": "2026-06-01",
            "credential": credential.pk,
        },
    )
    assert response.status_code == 302
    step = CareerStep.objects.get()
    assert step.credential == credential and step.recorded_by == world.user("hr_officer")
    assert client.post(reverse("certification:learning_record_delete", args=[record.pk])).status_code == 302
    assert client.post(reverse("certification:career_step_delete", args=[step.pk])).status_code == 302
    assert not LearningRecord.objects.exists() and not CareerStep.objects.exists()


def test_learning_forms_name_the_field_of_bad_input(world, official_a, page_client_for):
    client = page_client_for(world.user("hr_officer"))
    response = client.post(
        reverse("certification:learning_record_create", args=[official_a.pk]), {"completed_on": "not a date"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "title" in errors and "completed_on" in errors
    theirs = make_credential(PersonFactory(institution=world.institution_a))
    response = client.post(
        reverse("certification:career_step_create", args=[official_a.pk]),
        {
            "change": "grade_step",
            "description": "Grade",
            "effective_on": "2026-06-01",
            "credential": theirs.pk,
        },
    )
    assert response.status_code == 200 and "credential" in response.context["form"].errors
    assert not LearningRecord.objects.exists() and not CareerStep.objects.exists()


def test_training_unit_records_learning_but_not_career_steps(world, official_a, page_client_for):
    client = page_client_for(world.user("training_officer"))
    assert (
        client.get(reverse("certification:learning_record_create", args=[official_a.pk])).status_code == 200
    )
    assert client.get(reverse("certification:career_step_create", args=[official_a.pk])).status_code == 403
    official = page_client_for(world.user("official"))
    assert (
        official.get(reverse("certification:learning_record_create", args=[official_a.pk])).status_code == 403
    )


# --- Query counts -------------------------------------------------------------------------------


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_rows(world, curriculum, person, number: int) -> None:
    for index in range(number):
        trainer = PersonFactory(institution=world.institution_a)
        make_credential(trainer)
        module = make_module(
            curriculum,
            title=f"Module {index}",
            provider_kind=ModuleProvider.OTHER if index % 2 else ModuleProvider.MIEUX,
            provider="Frontex" if index % 2 else "",
            hours=Decimal("4"),
            refresher_months=12,
            trainers=[trainer],
        )
        LearningRecord.objects.create(
            person=person,
            institution=person.institution,
            module=module,
            title=module.title,
            completed_on=datetime.date(2026, 1, 1),
            refresh_by=datetime.date.today() + datetime.timedelta(days=index),
        )
        make_credential(person)
        CareerStep.objects.create(
            person=person,
            institution=person.institution,
            change=CareerChangeKind.GRADE_STEP,
            description=f"Step {index}",
            effective_on=datetime.date(2026, 1, 1),
        )


@pytest.mark.parametrize("role", ["programme_officer", "training_officer", "official"])
def test_curriculum_and_learning_pages_take_the_same_number_of_queries(
    world, curriculum_a, official_a, role, page_client_for
):
    client = page_client_for(world.user(role))
    urls = [
        reverse("certification:curriculum_list"),
        curriculum_a.get_absolute_url(),
        reverse("certification:learning_record", args=[official_a.pk]),
    ]
    add_rows(world, curriculum_a, official_a, 1)
    before = [count_queries(client, url) for url in urls]
    add_rows(world, curriculum_a, official_a, 4)
    after = [count_queries(client, url) for url in urls]
    assert before == after
