"""Attendance lists imported in the background: CSV (comma or semicolon, English, French or Spanish
headers), XLSX and pasted rows; people matched or created; every error named by row and column with
nothing written; files that are not lists; the task's idempotence; and one run by a real worker."""

import io
import os
import time
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from actions import services, tasks
from actions.choices import ActionStatus, ImportStatus, PartnerRole
from actions.models import ActionPartner, AttendanceImport, Participation
from mieux.celery import app as celery_app
from mieux.models import AuditEntry
from partners.choices import Gender
from partners.models import Person
from tests.conftest import skip_unless
from tests.factories import PersonFactory

from .factories import ActionFactory, ActivityFactory


@pytest.fixture
def officer(world):
    return world.user("programme_officer")


@pytest.fixture
def activity(world):
    action = ActionFactory(lead=world.institution_a, status=ActionStatus.IMPLEMENTATION)
    return ActivityFactory(action=action, status="confirmed", duration_hours=Decimal("8"))


@pytest.fixture
def ana(world):
    return PersonFactory(
        institution=world.institution_a, first_name="Ana", last_name="López", email="Ana.Lopez@inm.example"
    )


@pytest.fixture
def run_import(officer, activity, django_capture_on_commit_callbacks):
    """Start an import as the page does and let its on-commit task run (eagerly) at once."""

    def run(name: str, content: bytes | str, *, actor=None):
        if isinstance(content, str):
            content = content.encode("utf-8")
        with django_capture_on_commit_callbacks(execute=True):
            job = services.attendance_import_start(
                actor=actor or officer, activity=activity, source=SimpleUploadedFile(name, content)
            )
        return AttendanceImport.objects.get(pk=job.pk)

    return run


def entries_for(model):
    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def participation_of(activity, email) -> Participation:
    return Participation.objects.select_related("person").get(activity=activity, person__email__iexact=email)


# --- Formats and languages --------------------------------------------------------------------

COMMA_ENGLISH = """email,first_name,last_name,gender,attendance %,pre-test,post-test,satisfaction,follow-up
ana.lopez@INM.EXAMPLE,,,,100,40,80,5,yes
juan.perez@inm.example,Juan,Pérez,m,75,50,62.5,4,no
"""

SEMICOLON_FRENCH = """courriel;prénom;nom;sexe;présence;pré-test;post-test;satisfaction;suivi
ANA.LOPEZ@inm.example;;;;100;40;80;5;oui
juan.perez@inm.example;Juan;Pérez;homme;75;50;62,5;4;non
"""

COMMA_SPANISH = """correo,nombre,apellido,sexo,asistencia,prueba inicial,prueba final,satisfacción,seguimiento
ana.lopez@inm.example,,,,100,40,80,5,sí
juan.perez@inm.example,Juan,Pérez,hombre,75,50,62.5,4,no
"""

PASTED = (
    "email\tfirst name\tlast name\tgender\tattendance\tpre test\tpost test\trating\tfollow up\n"
    "ana.lopez@inm.example\t\t\t\t100\t40\t80\t5\tyes\n"
    "juan.perez@inm.example\tJuan\tPérez\tmale\t75\t50\t62.5\t4\tno\n"
)

XLSX_ROWS = [
    [
        "E-mail",
        "First name",
        "Last name",
        "Gender",
        "Attendance (%)",
        "Pre-test",
        "Post-test",
        "Satisfaction",
    ],
    ["ana.lopez@inm.example", None, None, None, 100, 40, 80, 5],
    ["juan.perez@inm.example", "Juan", "Pérez", "M", 75, 50, 62.5, 4],
]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("list.csv", COMMA_ENGLISH),
        ("liste.csv", SEMICOLON_FRENCH),
        ("lista.csv", COMMA_SPANISH),
        ("lista-cp1252.csv", COMMA_SPANISH.encode("cp1252")),
        ("pasted.txt", PASTED),
        ("list.xlsx", xlsx(XLSX_ROWS)),
    ],
)
def test_a_list_is_imported_in_every_format(world, activity, ana, run_import, officer, name, content):
    people_before = Person.objects.count()
    job = run_import(name, content)
    assert job.status == ImportStatus.DONE, job.errors
    assert job.errors == [] and job.progress == 100 and job.finished_at is not None
    assert (job.rows_total, job.rows_imported) == (2, 2)

    known = participation_of(activity, "ana.lopez@inm.example")
    assert known.person == ana  # matched by e-mail, whatever its case
    assert (known.attendance_percent, known.attendance_hours) == (Decimal("100"), Decimal("8"))
    assert (known.pre_test_score, known.post_test_score, known.satisfaction) == (40, 80, 5)

    newcomer = participation_of(activity, "juan.perez@inm.example")
    person = newcomer.person
    assert (person.first_name, person.last_name, person.gender) == ("Juan", "Pérez", Gender.MALE)
    assert person.institution == world.institution_a  # the Action's partner
    assert (newcomer.gender, newcomer.institution) == (Gender.MALE, world.institution_a)
    assert (newcomer.attendance_percent, newcomer.attendance_hours) == (Decimal("75"), Decimal("6"))
    assert newcomer.post_test_score == Decimal("62.5")
    assert Person.objects.count() == people_before + 1


def test_new_people_and_participations_are_audited_with_the_task(world, activity, ana, run_import, officer):
    job = run_import("list.csv", COMMA_ENGLISH)
    person = Person.objects.get(email="juan.perez@inm.example")
    entry = entries_for(Person).get(action="create", object_id=str(person.pk))
    assert entry.actor == officer
    assert entry.origin.startswith("task:actions.attendance_import_run:")
    created = entries_for(Participation).filter(action="create")
    assert created.count() == 2 and set(created.values_list("origin", flat=True)) == {entry.origin}
    ending = AuditEntry.objects.for_object(job).filter(action="update").get()
    assert ending.changes["status"] == ["running", "done"] and ending.origin == entry.origin


def test_institutions_are_named_by_acronym_when_the_action_has_several_partners(world, activity, run_import):
    ActionPartner.objects.create(
        action=activity.action, institution=world.institution_b, role=PartnerRole.CO_BENEFICIARY
    )
    job = run_import(
        "list.csv",
        "email,first_name,last_name,gender,institution\n"
        "a@inm.example,Rosa,Díaz,f,inm\n"
        "b@naptip.example,Ngozi,Okafor,female,NAPTIP\n",
    )
    assert job.status == ImportStatus.DONE, job.errors
    assert participation_of(activity, "a@inm.example").institution == world.institution_a
    assert participation_of(activity, "b@naptip.example").institution == world.institution_b
    missing = run_import("list.csv", "email,first_name,last_name,gender\nc@inm.example,Eva,Ruiz,f\n")
    assert missing.status == ImportStatus.FAILED
    assert [(e["row"], e["field"]) for e in missing.errors] == [(2, "institution")]


def test_people_without_e_mail_are_matched_by_name_in_the_partner_institutions(world, activity, run_import):
    known = PersonFactory(institution=world.institution_a, first_name="Rosa", last_name="Díaz", email="")
    job = run_import("list.csv", "first_name,last_name,gender,attendance\nrosa,DÍAZ,f,90\nLuis,Gil,m,80\n")
    assert job.status == ImportStatus.DONE, job.errors
    assert Participation.objects.get(activity=activity, person=known).attendance_percent == 90
    assert Person.objects.filter(first_name="Luis", last_name="Gil", institution=world.institution_a).exists()


# --- One bad row, nothing written ---------------------------------------------------------------

BAD_LIST = """email,first_name,last_name,gender,institution,post-test
ok@inm.example,Olga,Ortiz,f,INM,80
score@inm.example,Sara,Soto,f,INM,140
gender@inm.example,Gael,García,x,INM,50
unknown@inm.example,Uma,Urbina,f,XYZ,50
OK@inm.example,Olga,Ortiz,f,INM,80
,,Nadie,f,INM,50
"""


def test_a_list_with_bad_rows_fails_naming_each_row_and_column_and_writes_nothing(
    world, activity, ana, run_import
):
    people_before = Person.objects.count()
    job = run_import("list.csv", BAD_LIST)
    assert job.status == ImportStatus.FAILED and job.progress == 100
    assert (job.rows_total, job.rows_imported) == (6, 0)
    assert sorted((error["row"], error["field"]) for error in job.errors) == [
        (3, "post_test_score"),
        (4, "gender"),
        (5, "institution"),
        (6, "email"),
        (7, "first_name"),
    ]
    assert all(error["message"] for error in job.errors)
    assert "row 2" in next(e["message"] for e in job.errors if e["row"] == 6)
    assert Person.objects.count() == people_before
    assert not Participation.objects.exists()
    assert not entries_for(Person).exists() and not entries_for(Participation).exists()


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("140", "post_test_score"),
        ("-1", "post_test_score"),
        ("abc", "post_test_score"),
    ],
)
def test_one_bad_value_among_good_rows_stops_the_whole_list(world, activity, run_import, row, column):
    content = "email,first_name,last_name,gender,post-test\n" + "".join(
        f"p{n}@inm.example,P{n},Q{n},f,{row if n == 3 else 70}\n" for n in range(5)
    )
    job = run_import("list.csv", content)
    assert job.status == ImportStatus.FAILED
    assert [(e["row"], e["field"]) for e in job.errors] == [(5, column)]
    assert (
        not Participation.objects.exists()
        and not Person.objects.filter(email__in=[f"p{n}@inm.example" for n in range(5)]).exists()
    )


@pytest.mark.parametrize(
    ("header", "value", "column"),
    [
        ("attendance", "101", "attendance_percent"),
        ("hours", "9", "attendance_hours"),
        ("pre-test", "100.5", "pre_test_score"),
        ("satisfaction", "0", "satisfaction"),
        ("satisfaction", "6", "satisfaction"),
        ("satisfaction", "3.5", "satisfaction"),
        ("follow-up", "maybe", "follow_up_answer"),
        ("email", "not-an-address", "email"),
    ],
)
def test_each_column_is_checked(world, activity, ana, run_import, header, value, column):
    job = run_import("list.csv", f"first_name,last_name,gender,{header}\nAna,López,f,{value}\n")
    assert job.status == ImportStatus.FAILED
    assert [(e["row"], e["field"]) for e in job.errors] == [(2, column)]
    assert not Participation.objects.exists()


def test_a_corrected_list_uploaded_again_updates_instead_of_duplicating(world, activity, ana, run_import):
    failed = run_import("list.csv", BAD_LIST)
    assert failed.status == ImportStatus.FAILED
    corrected = """email,first_name,last_name,gender,institution,post-test
ok@inm.example,Olga,Ortiz,f,INM,80
score@inm.example,Sara,Soto,f,INM,40
,Nadie,Nadie,f,INM,50
ana.lopez@inm.example,,,,,90
"""
    job = run_import("list.csv", corrected)
    assert job.status == ImportStatus.DONE, job.errors
    assert job.rows_imported == 4 and Participation.objects.filter(activity=activity).count() == 4
    people = Person.objects.count()
    again = run_import("list.csv", corrected.replace(",40\n", ",45\n").replace(",90\n", ",95\n"))
    assert again.status == ImportStatus.DONE, again.errors
    assert Participation.objects.filter(activity=activity).count() == 4
    assert Person.objects.count() == people  # the people created last time are found again
    assert participation_of(activity, "score@inm.example").post_test_score == 45
    assert Participation.objects.get(activity=activity, person=ana).post_test_score == 95
    assert again.rows_imported == 4  # every row of the list is on record; two of them changed
    updates = entries_for(Participation).filter(action="update")
    assert updates.count() == 2


# --- Files that are not attendance lists ------------------------------------------------------


def damaged_xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("list.pdf", b"%PDF-1.4 not a list"),
        ("list.docx", xlsx(XLSX_ROWS)),
        ("list", b"email\nana@inm.example\n"),
        ("list.xlsx", b"email,first_name\nnot really a workbook\n"),
        ("list.xlsx", damaged_xlsx()),
        ("list.xlsx", xlsx(XLSX_ROWS)[:300]),
        ("list.csv", b""),
        ("list.csv", b"\n\n"),
        ("list.csv", b"colour,size\nred,3\n"),
        ("list.csv", b"first_name,gender\nAna,f\n"),
        ("list.csv", b"email,first_name,last_name\n"),
        ("list.csv", b"\x00\x01\x02binary"),
        ("list.xlsx", xlsx([])),
    ],
)
def test_a_file_that_is_not_a_list_gives_one_error_naming_file(world, activity, run_import, name, content):
    job = run_import(name, content)
    assert job.status == ImportStatus.FAILED and job.progress == 100
    assert len(job.errors) == 1, job.errors
    assert job.errors[0]["field"] == "file" and job.errors[0]["message"]
    assert not Participation.objects.exists()


def test_a_file_gone_from_storage_fails_naming_file(world, activity, officer):
    job = services.attendance_import_start(
        actor=officer, activity=activity, source=ContentFile(b"email\n", name="list.csv")
    )
    job.source.storage.delete(job.source.name)
    tasks.attendance_import_run(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert [e["field"] for e in job.errors] == ["file"]


# --- The task ---------------------------------------------------------------------------------


def test_the_task_is_idempotent(world, activity, ana, run_import):
    job = run_import("list.csv", COMMA_ENGLISH)
    assert job.status == ImportStatus.DONE
    entries, updated_at = AuditEntry.objects.count(), job.updated_at
    participations = list(Participation.objects.values_list("pk", "post_test_score", "updated_at"))
    tasks.attendance_import_run(job.pk)
    services.attendance_import_run(AttendanceImport.objects.get(pk=job.pk))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.updated_at == updated_at
    assert AuditEntry.objects.count() == entries
    assert list(Participation.objects.values_list("pk", "post_test_score", "updated_at")) == participations


def test_a_failed_job_is_not_run_again_either(world, activity, run_import):
    job = run_import("list.csv", BAD_LIST)
    errors = job.errors
    tasks.attendance_import_run(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and job.errors == errors


def test_the_task_returns_quietly_for_a_missing_job(db):
    assert tasks.attendance_import_run(10**9) is None


def test_progress_is_saved_as_the_import_runs(world, activity, ana, officer, monkeypatch):
    seen = []
    original = services._import_progress

    def spy(job, **fields):
        original(job, **fields)
        seen.append(AttendanceImport.objects.get(pk=job.pk).progress)

    monkeypatch.setattr(services, "_import_progress", spy)
    job = services.attendance_import_start(
        actor=officer, activity=activity, source=ContentFile(COMMA_ENGLISH.encode(), name="list.csv")
    )
    job = services.attendance_import_run(job)
    assert seen == sorted(seen) and seen[0] > 0
    assert job.progress == 100 and AttendanceImport.objects.get(pk=job.pk).progress == 100


def test_only_officers_start_an_import_and_not_on_a_finished_action(world, activity, ana):
    from mieux.errors import Conflict, PermissionDenied

    source = ContentFile(COMMA_ENGLISH.encode(), name="list.csv")
    with pytest.raises(PermissionDenied):
        services.attendance_import_start(actor=world.user("focal_point"), activity=activity, source=source)
    activity.action.status = ActionStatus.CLOSED
    activity.action.save(update_fields=["status"])
    with pytest.raises(Conflict):
        services.attendance_import_start(
            actor=world.user("programme_officer"), activity=activity, source=source
        )
    assert not AttendanceImport.objects.exists()


def test_a_list_for_a_cancelled_activity_fails_and_writes_nothing(world, activity, ana, run_import):
    type(activity).objects.filter(pk=activity.pk).update(status="cancelled")
    job = run_import("list.csv", COMMA_ENGLISH)
    assert job.status == ImportStatus.FAILED and job.errors
    assert not Participation.objects.exists()
    assert not Person.objects.filter(email="juan.perez@inm.example").exists()


# --- A real worker ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_imports_the_list(world):
    broker = os.environ.get("CELERY_BROKER_URL", "")
    skip_unless(broker.startswith("redis://"), "needs Redis as the Celery broker (set CELERY_BROKER_URL)")
    from celery.contrib.testing.worker import start_worker

    officer = world.user("programme_officer")
    PersonFactory(institution=world.institution_a, email="Ana.Lopez@inm.example")
    action = ActionFactory(lead=world.institution_a, status=ActionStatus.IMPLEMENTATION)
    activity = ActivityFactory(action=action, status="confirmed", duration_hours=Decimal("8"))
    celery_app.conf.task_always_eager = False
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            # Outside any transaction, the on-commit hook queues the task at once, to Redis.
            job = services.attendance_import_start(
                actor=officer, activity=activity, source=ContentFile(COMMA_ENGLISH.encode(), name="list.csv")
            )
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                job.refresh_from_db()
                if job.is_finished:
                    break
                time.sleep(0.2)
    finally:
        celery_app.conf.task_always_eager = True
    assert job.status == ImportStatus.DONE, job.errors
    assert job.progress == 100 and job.rows_imported == 2
    assert Participation.objects.filter(activity=activity).count() == 2
    person = Person.objects.get(email="juan.perez@inm.example")
    entry = entries_for(Person).get(action="create", object_id=str(person.pk))
    assert entry.origin.startswith("task:actions.attendance_import_run:") and entry.actor == officer
