"""The API of what happens inside an Action: activity, deliverable and indicator-period workflows
through their transitions, expert double bookings, attendance lists imported in the background,
files, filters, isolation from another institution and the programme's results roll-up."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.choices import ActionType, ActivityStatus, ActivityType, IndicatorMeasure, IndicatorUnit
from actions.models import AttendanceImport, ExpertAssignment, Participation
from mieux.models import AuditEntry
from partners.models import Person
from tests.factories import ExpertFactory, PersonFactory

from .factories import (
    ActionFactory,
    ActivityFactory,
    CoordinationCellFactory,
    DeliverableFactory,
    ExpertAssignmentFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    ParticipationFactory,
    ResultFactory,
)

DAY = datetime.date(2024, 3, 4)


def url(basename: str, *args, action: str = "detail") -> str:
    return reverse(f"{basename}-{action}", args=args)


def transition(client, basename: str, obj, to: str, comment: str | None = None):
    payload = {"to": to} if comment is None else {"to": to, "comment": comment}
    return client.post(url(basename, obj.pk, action="transition"), payload, format="json")


def error_of(response) -> dict:
    return response.json()["error"]


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def action_a(world):
    """An unpublished Action of institution A, approved at the start of 2024."""
    return ActionFactory(lead=world.institution_a, approved_on=datetime.date(2024, 1, 1), published=False)


@pytest.fixture
def officer(world, api_client_for):
    return api_client_for(world.user("programme_officer"))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# --- Workflows through the API --------------------------------------------------------------


def test_activity_confirmed_needs_an_expert_except_replica_trainings(
    world, action_a, officer, api_client_for
):
    workshop = ActivityFactory(action=action_a, planned_start=DAY)
    response = transition(officer, "activity", workshop, "confirmed")
    assert response.status_code == 409
    assert error_of(response)["message"] == "Assign at least one expert before confirming the activity."
    available = officer.get(url("activity", workshop.pk, action="transitions")).json()
    confirm = next(row for row in available if row["to"] == "confirmed")
    assert confirm["blocked_by"] == "Assign at least one expert before confirming the activity."

    ExpertAssignmentFactory(activity=workshop)
    response = transition(officer, "activity", workshop, "confirmed")
    assert response.status_code == 200 and response.json()["status"] == "confirmed"

    replica = ActivityFactory(action=action_a, planned_start=DAY, type=ActivityType.REPLICA_TRAINING)
    assert transition(officer, "activity", replica, "confirmed").json()["status"] == "confirmed"

    # Partners follow the activity but do not move it.
    focal_a = api_client_for(world.user("focal_point"))
    assert transition(focal_a, "activity", replica, "cancelled", comment="No room.").status_code == 403


def test_activity_reported_needs_participants(world, action_a, officer, api_client_for):
    activity = ActivityFactory(
        action=action_a,
        planned_start=DAY,
        held_on=DAY,
        status=ActivityStatus.HELD,
        type=ActivityType.TRAINING,
    )
    response = transition(officer, "activity", activity, "reported")
    assert response.status_code == 409
    assert error_of(response)["message"] == "Record the attendance list before reporting the activity."
    assert error_of(response)["fields"] == {
        "to": ["Record the attendance list before reporting the activity."]
    }
    ParticipationFactory(activity=activity, person=PersonFactory(institution=world.institution_a))
    assert transition(officer, "activity", activity, "reported").json()["status"] == "reported"
    assert (
        transition(api_client_for(world.user("focal_point")), "activity", activity, "closed").status_code
        == 403
    )
    assert AuditEntry.objects.filter(object_id=str(activity.pk), action="transition").count() == 1


def test_activity_cancel_needs_a_comment(action_a, officer):
    activity = ActivityFactory(action=action_a)
    response = transition(officer, "activity", activity, "cancelled")
    assert response.status_code == 400 and "comment" in error_of(response)["fields"]
    response = transition(officer, "activity", activity, "cancelled", comment="The partner withdrew.")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"


def test_deliverable_adoption_needs_the_adopting_body_and_date(action_a, officer):
    deliverable = DeliverableFactory(action=action_a)
    for step in ("validated", "handed_over"):
        assert transition(officer, "deliverable", deliverable, step).status_code == 200
    response = transition(officer, "deliverable", deliverable, "adopted")
    assert response.status_code == 409
    assert error_of(response)["message"] == "Record the adopting body and the date of adoption first."
    response = officer.patch(url("deliverable", deliverable.pk), {"status": "adopted"}, format="json")
    assert response.status_code == 400 and "status" in error_of(response)["fields"]
    response = officer.patch(
        url("deliverable", deliverable.pk),
        {"adopting_body": "Council of Ministers", "adopted_on": "2024-06-01"},
        format="json",
    )
    assert response.status_code == 200, response.content
    response = transition(officer, "deliverable", deliverable, "adopted")
    assert response.status_code == 200 and response.json()["status"] == "adopted"


def test_indicator_period_submitted_then_approved_by_another_manager_and_locked(
    world, action_a, api_client_for
):
    period = IndicatorPeriodFactory(
        indicator=IndicatorFactory(action=action_a),
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
    )
    manager = api_client_for(world.user("programme_manager"))
    administrator = api_client_for(world.user("administrator"))
    response = transition(manager, "indicator-period", period, "submitted")
    assert (
        response.status_code == 409
        and error_of(response)["message"] == "Enter the actual before submitting it."
    )
    assert (
        manager.patch(url("indicator-period", period.pk), {"actual": "18"}, format="json").status_code == 200
    )
    response = transition(manager, "indicator-period", period, "submitted")
    assert (
        response.status_code == 200 and response.json()["submitted_by"] == world.user("programme_manager").pk
    )
    # Four eyes: the submitter may not approve; another manager may.
    assert transition(manager, "indicator-period", period, "approved").status_code == 403
    response = transition(administrator, "indicator-period", period, "returned")
    assert response.status_code == 400 and "comment" in error_of(response)["fields"]
    response = transition(administrator, "indicator-period", period, "returned", comment="Attach the lists.")
    assert response.status_code == 200 and response.json()["status"] == "returned"
    assert transition(manager, "indicator-period", period, "submitted").status_code == 200
    response = transition(administrator, "indicator-period", period, "approved")
    assert response.status_code == 200 and response.json()["status"] == "approved"

    before = AuditEntry.objects.count()
    response = manager.patch(url("indicator-period", period.pk), {"actual": "20"}, format="json")
    assert (
        response.status_code == 409 and error_of(response)["message"] == "This value is approved and locked."
    )
    evidence = SimpleUploadedFile("lists.pdf", b"%PDF", content_type="application/pdf")
    response = manager.post(
        url("indicator-period", period.pk, action="evidence"), {"file": evidence}, format="multipart"
    )
    assert response.status_code == 409
    assert AuditEntry.objects.count() == before
    period.refresh_from_db()
    assert period.actual == 18 and not period.evidence


def test_overlapping_expert_booking_is_a_409_naming_the_expert(action_a, officer):
    expert = ExpertFactory()
    first = ActivityFactory(action=action_a, planned_start=DAY, planned_end=DAY + datetime.timedelta(days=2))
    second = ActivityFactory(action=action_a, planned_start=DAY + datetime.timedelta(days=1))
    response = officer.post(
        url("expert-assignment", action="list"), {"activity": first.pk, "expert": expert.pk}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["nominating_focal_point"] == expert.nominating_focal_point_id
    before = AuditEntry.objects.count()
    response = officer.post(
        url("expert-assignment", action="list"),
        {"activity": second.pk, "expert": expert.pk, "days": "1"},
        format="json",
    )
    assert response.status_code == 409, response.content
    assert "expert" in error_of(response)["fields"] and "already booked" in error_of(response)["message"]
    assert ExpertAssignment.objects.filter(expert=expert).count() == 1
    assert AuditEntry.objects.count() == before


def test_participation_scores_and_attendance_are_checked(world, action_a, officer):
    activity = ActivityFactory(action=action_a, duration_hours=10)
    person = PersonFactory(institution=world.institution_a)
    base = {"activity": activity.pk, "person": person.pk}
    for field, value in (
        ("attendance_percent", "100.5"),
        ("pre_test_score", "101"),
        ("attendance_hours", "12"),
    ):
        response = officer.post(url("participation", action="list"), {**base, field: value}, format="json")
        assert response.status_code == 400 and field in error_of(response)["fields"], (
            field,
            response.content,
        )
    response = officer.post(
        url("participation", action="list"),
        {**base, "attendance_hours": "5", "pre_test_score": "40", "post_test_score": "65.5"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["attendance_percent"] == "50.0" and body["knowledge_gain"] == "25.5"
    assert body["gender"] == person.gender and body["institution"] == world.institution_a.pk
    response = officer.post(url("participation", action="list"), base, format="json")
    assert response.status_code == 400 and "person" in error_of(response)["fields"]


# --- Attendance lists -----------------------------------------------------------------------

HEADER = "email,first_name,last_name,gender,pre_test_score,post_test_score\n"
GOOD_ROWS = "ana.lopez@inm.example,Ana,López,female,40,80\nluis.perez@inm.example,Luis,Pérez,male,50,70\n"
BAD_ROWS = "ana.lopez@inm.example,Ana,López,female,40,80\nluis.perez@inm.example,Luis,Pérez,male,50,150\n"


@pytest.fixture
def held_activity(action_a):
    return ActivityFactory(
        action=action_a,
        planned_start=DAY,
        held_on=DAY,
        status=ActivityStatus.HELD,
        type=ActivityType.TRAINING,
    )


def upload_list(client, activity, captured, **payload):
    """POST the list and run the import task queued on commit (Celery runs eagerly in tests)."""
    path = url("activity", activity.pk, action="attendance-list")
    with captured(execute=True):
        if "file" in payload:
            response = client.post(path, payload, format="multipart")
        else:
            response = client.post(path, payload, format="json")
    return response


def csv_file(text: str, name: str = "attendance.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_attendance_list_with_a_bad_row_imports_nothing_then_the_fixed_list_imports(
    world, held_activity, officer, media, django_capture_on_commit_callbacks
):
    response = upload_list(
        officer, held_activity, django_capture_on_commit_callbacks, file=csv_file(HEADER + BAD_ROWS)
    )
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "queued" and response.json()["activity"] == held_activity.pk
    job_url = response["Location"]
    assert job_url.endswith(url("attendance-import", response.json()["id"]))
    job = officer.get(job_url).json()
    assert job["status"] == "failed" and job["rows_imported"] == 0 and job["finished_at"]
    assert [(e["row"], e["field"]) for e in job["errors"]] == [(3, "post_test_score")]
    assert not Participation.objects.exists()
    assert not Person.objects.filter(email__endswith="@inm.example", last_name="Pérez").exists()

    response = upload_list(
        officer, held_activity, django_capture_on_commit_callbacks, file=csv_file(HEADER + GOOD_ROWS)
    )
    job = officer.get(response["Location"]).json()
    assert job["status"] == "done" and job["progress"] == 100, job
    assert job["rows_total"] == 2 and job["rows_imported"] == 2 and job["errors"] == []
    rows = officer.get(url("participation", action="list"), {"activity": held_activity.pk}).json()["results"]
    assert sorted(row["post_test_score"] for row in rows) == ["70.0", "80.0"]
    assert {row["institution"] for row in rows} == {world.institution_a.pk}
    listed = officer.get(
        url("attendance-import", action="list"), {"activity": held_activity.pk, "status": "failed"}
    )
    assert len(ids(listed)) == 1


def test_attendance_list_as_xlsx_imports(
    world, held_activity, officer, media, django_capture_on_commit_callbacks
):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Email", "First name", "Last name", "Gender", "Attendance (%)"])
    sheet.append(["marta.ruiz@inm.example", "Marta", "Ruiz", "F", 100])
    sheet.append(["jorge.diaz@inm.example", "Jorge", "Díaz", "M", 75.5])
    content = io.BytesIO()
    workbook.save(content)
    upload = SimpleUploadedFile(
        "attendance.xlsx",
        content.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response = upload_list(officer, held_activity, django_capture_on_commit_callbacks, file=upload)
    assert response.status_code == 202, response.content
    job = officer.get(response["Location"]).json()
    assert job["status"] == "done", job
    assert sorted(Participation.objects.values_list("attendance_percent", flat=True)) == [75.5, 100]


def test_pasted_attendance_rows_import(
    world, held_activity, officer, media, django_capture_on_commit_callbacks
):
    text = "email\tfirst_name\tlast_name\tgender\nrosa.mora@inm.example\tRosa\tMora\tfemale\n"
    response = upload_list(officer, held_activity, django_capture_on_commit_callbacks, text=text)
    assert response.status_code == 202, response.content
    job = AttendanceImport.objects.get(pk=response.json()["id"])
    assert job.status == "done" and job.source.name.endswith(".txt")
    assert Participation.objects.get().person.email == "rosa.mora@inm.example"


def test_attendance_list_type_and_size_are_checked(
    held_activity, officer, media, django_capture_on_commit_callbacks
):
    bad = [
        {"file": SimpleUploadedFile("attendance.pdf", b"%PDF", content_type="application/pdf")},
        {"file": csv_file(HEADER + "x" * (5 * 1024 * 1024), name="big.csv")},
        {},
    ]
    for payload in bad:
        response = upload_list(officer, held_activity, django_capture_on_commit_callbacks, **payload)
        assert response.status_code == 400, response.content
        assert "file" in error_of(response)["fields"]
    response = upload_list(officer, held_activity, django_capture_on_commit_callbacks, text="   ")
    assert response.status_code == 400 and "text" in error_of(response)["fields"]
    assert not AttendanceImport.objects.exists()


def test_a_computed_indicator_follows_the_imported_list(
    world, held_activity, officer, media, django_capture_on_commit_callbacks
):
    indicator = IndicatorFactory(action=held_activity.action, measure=IndicatorMeasure.PARTICIPANTS_TRAINED)
    period = IndicatorPeriodFactory(
        indicator=indicator, starts_on=datetime.date(2024, 1, 1), ends_on=datetime.date(2024, 12, 31)
    )
    before = officer.get(url("indicator-period", period.pk)).json()
    assert before["status"] == "computed" and before["actual"] in (None, "0.00")
    upload_list(officer, held_activity, django_capture_on_commit_callbacks, file=csv_file(HEADER + GOOD_ROWS))
    after = officer.get(url("indicator-period", period.pk)).json()
    assert after["actual"] == "2.00"
    assert after["disaggregation"]["sex"] == {"female": 1, "male": 1}
    nested = officer.get(url("indicator", indicator.pk)).json()["periods"]
    assert nested[0]["actual"] == "2.00"


# --- Files ----------------------------------------------------------------------------------


def test_activity_agenda_and_report_upload_and_download(world, action_a, officer, api_client_for, media):
    activity = ActivityFactory(action=action_a)
    agenda_path = url("activity", activity.pk, "agenda", action="files")
    agenda = SimpleUploadedFile("agenda.docx", b"PK agenda", content_type="application/octet-stream")
    response = officer.post(agenda_path, {"file": agenda}, format="multipart")
    assert response.status_code == 200, response.content
    assert response.json()["agenda"].endswith(agenda_path) and response.json()["report"] is None
    assert AuditEntry.objects.filter(object_id=str(activity.pk), action="update").exists()

    focal_a = api_client_for(world.user("focal_point"))
    download = focal_a.get(agenda_path)
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(download.streaming_content) == b"PK agenda"
    assert officer.get(url("activity", activity.pk, "report", action="files")).status_code == 404
    assert api_client_for(world.focal_b).get(agenda_path).status_code == 404
    assert focal_a.post(agenda_path, {"file": agenda}, format="multipart").status_code == 403

    for bad in (
        SimpleUploadedFile("setup.exe", b"MZ"),
        SimpleUploadedFile("report.pdf", b"0" * (10 * 1024 * 1024 + 1)),
    ):
        response = officer.post(
            url("activity", activity.pk, "report", action="files"), {"file": bad}, format="multipart"
        )
        assert response.status_code == 400 and "file" in error_of(response)["fields"]


def test_deliverable_file_and_mission_report_upload_and_download(
    world, action_a, officer, api_client_for, media
):
    deliverable = DeliverableFactory(action=action_a)
    assignment = ExpertAssignmentFactory(activity=ActivityFactory(action=action_a))
    targets = [
        (url("deliverable", deliverable.pk, action="file"), "file", "manual.pdf"),
        (url("expert-assignment", assignment.pk, action="mission-report"), "mission_report", "mission.xlsx"),
    ]
    for path, field, name in targets:
        assert officer.get(path).status_code == 404  # nothing uploaded yet
        response = officer.post(path, {"file": SimpleUploadedFile(name, b"content")}, format="multipart")
        assert response.status_code == 200, response.content
        assert response.json()[field].endswith(path)
        assert officer.get(path).status_code == 200
        assert api_client_for(world.focal_b).get(path).status_code == 404


# --- Filters --------------------------------------------------------------------------------


def test_activity_filters(world, action_a, officer):
    other_action = ActionFactory(lead=world.institution_b, countries=["NG"])
    training = ActivityFactory(
        action=action_a,
        type=ActivityType.TRAINING,
        oecd_level="individual",
        country="MX",
        planned_start=datetime.date(2024, 3, 1),
    )
    workshop = ActivityFactory(
        action=action_a,
        type=ActivityType.WORKSHOP,
        oecd_level="organisational",
        country="GT",
        planned_start=datetime.date(2024, 6, 1),
        status=ActivityStatus.CONFIRMED,
    )
    elsewhere = ActivityFactory(action=other_action, country="NG", planned_start=datetime.date(2024, 9, 1))
    listing = url("activity", action="list")
    assert ids(officer.get(listing, {"action": action_a.pk})) == sorted(
        [training.pk, workshop.pk], reverse=True
    )
    assert ids(officer.get(listing, {"type": "training"})) == [training.pk]
    assert ids(officer.get(listing, {"status": "confirmed"})) == [workshop.pk]
    assert ids(officer.get(listing, {"level": "organisational"})) == [workshop.pk]
    assert ids(officer.get(listing, {"country": "NG"})) == [elsewhere.pk]
    assert ids(officer.get(listing, {"date_from": "2024-05-01", "date_to": "2024-07-01"})) == [workshop.pk]
    assert ids(officer.get(listing, {"date_to": ""})) == [elsewhere.pk, workshop.pk, training.pk]
    for parameter, value in (
        ("type", "party"),
        ("status", "exploded"),
        ("level", "cosmic"),
        ("country", "ZZ"),
        ("date_from", "2024-13-01"),
        ("date_to", "soon"),
        ("action", "first"),
    ):
        response = officer.get(listing, {parameter: value})
        assert response.status_code == 400 and parameter in error_of(response)["fields"], (parameter, value)


def test_filters_of_deliverables_indicators_periods_and_assignments(world, action_a, officer):
    other_action = ActionFactory(lead=world.institution_a, approved_on=datetime.date(2024, 1, 1))
    manual = DeliverableFactory(action=action_a, type="manual", oecd_level="individual")
    law = DeliverableFactory(action=other_action, type="law_or_regulation", oecd_level="enabling_environment")
    assert ids(officer.get(url("deliverable", action="list"), {"action": action_a.pk})) == [manual.pk]
    assert ids(officer.get(url("deliverable", action="list"), {"type": "law_or_regulation"})) == [law.pk]
    assert ids(officer.get(url("deliverable", action="list"), {"level": "individual"})) == [manual.pk]
    assert ids(
        officer.get(url("deliverable", action="list"), {"status": "draft", "action": other_action.pk})
    ) == [law.pk]

    individual = IndicatorFactory(action=action_a, oecd_level="individual")
    enabling = IndicatorFactory(action=other_action, oecd_level="enabling_environment")
    first = IndicatorPeriodFactory(
        indicator=individual, starts_on=datetime.date(2024, 1, 1), ends_on=datetime.date(2024, 6, 30)
    )
    second = IndicatorPeriodFactory(
        indicator=enabling, starts_on=datetime.date(2024, 7, 1), ends_on=datetime.date(2024, 12, 31)
    )
    assert ids(officer.get(url("indicator", action="list"), {"level": "enabling_environment"})) == [
        enabling.pk
    ]
    periods = url("indicator-period", action="list")
    assert ids(officer.get(periods, {"level": "individual"})) == [first.pk]
    assert ids(officer.get(periods, {"date_from": "2024-07-01"})) == [second.pk]
    assert ids(officer.get(periods, {"action": other_action.pk, "status": "draft"})) == [second.pk]

    outcome = ResultFactory(action=action_a)
    assert ids(officer.get(url("result", action="list"), {"action": action_a.pk, "kind": "outcome"})) == [
        outcome.pk
    ]
    assignment = ExpertAssignmentFactory(
        activity=ActivityFactory(action=action_a, type=ActivityType.TRAINING)
    )
    ExpertAssignmentFactory(activity=ActivityFactory(action=other_action))
    assert ids(officer.get(url("expert-assignment", action="list"), {"type": "training"})) == [assignment.pk]

    for path, parameter, value in (
        (url("deliverable", action="list"), "type", "pamphlet"),
        (url("deliverable", action="list"), "date_to", "2024-02-30"),
        (url("indicator", action="list"), "level", "cosmic"),
        (periods, "status", "lost"),
        (url("result", action="list"), "kind", "impact"),
        (url("coordination-cell", action="list"), "stage", "launch"),
        (url("participation", action="list"), "gender", "robot"),
        (url("expert-assignment", action="list"), "expert", "0"),
    ):
        response = officer.get(path, {parameter: value})
        assert response.status_code == 400 and parameter in error_of(response)["fields"], (path, parameter)


# --- Another institution sees nothing of A's Action -----------------------------------------


def test_another_institutions_focal_point_gets_404_on_every_endpoint(world, action_a, api_client_for, media):
    holistic = ActionFactory(lead=world.institution_a, type=ActionType.HOLISTIC)
    activity = ActivityFactory(action=action_a, planned_start=DAY)
    activity.agenda = SimpleUploadedFile("agenda.pdf", b"%PDF")
    activity.save()
    assignment = ExpertAssignmentFactory(
        activity=activity, mission_report=SimpleUploadedFile("m.pdf", b"%PDF")
    )
    participation = ParticipationFactory(
        activity=activity, person=PersonFactory(institution=world.institution_a)
    )
    job = AttendanceImport.objects.create(activity=activity, source="activities/attendance/list.csv")
    deliverable = DeliverableFactory(action=action_a, file=SimpleUploadedFile("manual.pdf", b"%PDF"))
    result = ResultFactory(action=action_a)
    indicator = IndicatorFactory(action=action_a, result=result)
    period = IndicatorPeriodFactory(indicator=indicator, evidence=SimpleUploadedFile("lists.pdf", b"%PDF"))
    cell = CoordinationCellFactory(action=holistic)
    paths = [
        url("activity", activity.pk),
        url("activity", activity.pk, "agenda", action="files"),
        url("activity", activity.pk, action="transitions"),
        url("expert-assignment", assignment.pk),
        url("expert-assignment", assignment.pk, action="mission-report"),
        url("participation", participation.pk),
        url("attendance-import", job.pk),
        url("deliverable", deliverable.pk),
        url("deliverable", deliverable.pk, action="file"),
        url("result", result.pk),
        url("indicator", indicator.pk),
        url("indicator-period", period.pk),
        url("indicator-period", period.pk, action="evidence"),
        url("coordination-cell", cell.pk),
    ]
    focal_b = api_client_for(world.focal_b)
    focal_a = api_client_for(world.user("focal_point"))
    for path in paths:
        assert focal_b.get(path).status_code == 404, path
        assert focal_b.patch(path, {}, format="json").status_code in {404, 405}, path
    assert focal_a.get(url("deliverable", deliverable.pk, action="file")).status_code == 200
    writes = [
        url("activity", activity.pk, action="attendance-list"),
        url("activity", activity.pk, action="transition"),
        url("deliverable", deliverable.pk, action="transition"),
        url("indicator-period", period.pk, action="transition"),
        url("coordination-cell", cell.pk, action="transition"),
        url("action", holistic.pk, action="coordination-matrix"),
    ]
    for path in writes:
        assert (
            focal_b.post(path, {"to": "confirmed", "text": "email\nx@y.example"}, format="json").status_code
            == 404
        )
    for basename in ("activity", "expert-assignment", "participation", "deliverable", "result", "indicator"):
        assert ids(focal_b.get(url(basename, action="list"))) == [], basename


# --- Coordination matrix --------------------------------------------------------------------


def test_coordination_matrix_plans_the_missing_cells(world, officer, api_client_for):
    holistic = ActionFactory(lead=world.institution_a, type=ActionType.HOLISTIC)
    CoordinationCellFactory(action=holistic, stage="design", actor="training_unit")
    response = officer.post(url("action", holistic.pk, action="coordination-matrix"))
    assert response.status_code == 200 and response.json() == {"created": 29}
    assert officer.post(url("action", holistic.pk, action="coordination-matrix")).json() == {"created": 0}
    cells = officer.get(url("coordination-cell", action="list"), {"action": holistic.pk, "page_size": 100})
    assert len(ids(cells)) == 30
    classic = ActionFactory(lead=world.institution_a)
    response = officer.post(url("action", classic.pk, action="coordination-matrix"))
    assert response.status_code == 409 and "action" in error_of(response)["fields"]
    focal_a = api_client_for(world.user("focal_point"))
    assert focal_a.post(url("action", holistic.pk, action="coordination-matrix")).status_code == 403

    cell = holistic.coordination_cells.get(stage="delivery", actor="hr")
    assert transition(officer, "coordination-cell", cell, "engaged").status_code == 200
    response = transition(officer, "coordination-cell", cell, "signed_off")
    assert (
        response.status_code == 409
        and error_of(response)["message"] == "Name the person who signs off first."
    )
    director = PersonFactory(institution=world.institution_a)
    officer.patch(url("coordination-cell", cell.pk), {"signed_off_by": director.pk}, format="json")
    response = transition(officer, "coordination-cell", cell, "signed_off")
    assert (
        response.status_code == 200 and response.json()["signed_off_on"] == datetime.date.today().isoformat()
    )


# --- Results roll-up ------------------------------------------------------------------------


def test_results_rollup_sums_per_level_and_respects_filters_and_visibility(world, api_client_for):
    mexico = ActionFactory(
        lead=world.institution_a, published=True, type=ActionType.CLASSIC, countries=["MX"]
    )
    nigeria = ActionFactory(lead=world.institution_b, type=ActionType.REGIONAL, countries=["NG"])
    trained = IndicatorFactory(action=mexico, oecd_level="individual", unit=IndicatorUnit.NUMBER)
    IndicatorPeriodFactory(indicator=trained, target=20, actual=25, status="approved")
    IndicatorPeriodFactory(
        indicator=trained,
        starts_on=datetime.date(2030, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
        target=10,
        actual=4,
        status="submitted",  # not yet approved: its actual does not count
    )
    procedures = IndicatorFactory(action=nigeria, oecd_level="organisational")
    IndicatorPeriodFactory(indicator=procedures, target=3, actual=1, status="approved")
    share = IndicatorFactory(action=mexico, oecd_level="individual", unit=IndicatorUnit.PERCENT)
    IndicatorPeriodFactory(
        indicator=share, target=80, actual=90, status="approved"
    )  # percentages do not add up

    rollup_url = reverse("results-rollup")
    staff = api_client_for(world.user("programme_manager"))
    body = staff.get(rollup_url).json()
    overall = {row["level"]: row for row in body["overall"]}
    assert list(overall) == ["individual", "organisational", "enabling_environment"]
    individual = overall["individual"]
    assert (individual["target_total"], individual["actual_total"]) == ("30.00", "25.00")
    assert (individual["periods"], individual["met"], individual["pending"]) == (2, 1, 1)
    assert (overall["organisational"]["target_total"], overall["organisational"]["actual_total"]) == (
        "3.00",
        "1.00",
    )
    assert overall["enabling_environment"]["periods"] == 0
    assert {row["action_type"] for row in body["by_type"]} == {"classic", "regional"}

    filtered = {row["level"]: row for row in staff.get(rollup_url, {"country": "NG"}).json()["overall"]}
    assert filtered["individual"]["periods"] == 0 and filtered["organisational"]["target_total"] == "3.00"
    filtered = {row["level"]: row for row in staff.get(rollup_url, {"type": "classic"}).json()["overall"]}
    assert filtered["organisational"]["periods"] == 0 and filtered["individual"]["target_total"] == "30.00"

    # B's focal point sees the published Mexican Action, but none of its indicators.
    assert mexico.pk in ids(api_client_for(world.focal_b).get(url("action", action="list")))
    seen_by_b = {row["level"]: row for row in api_client_for(world.focal_b).get(rollup_url).json()["overall"]}
    assert seen_by_b["individual"]["periods"] == 0 and seen_by_b["organisational"]["target_total"] == "3.00"
    seen_by_a = {
        row["level"]: row
        for row in api_client_for(world.user("focal_point")).get(rollup_url).json()["overall"]
    }
    assert seen_by_a["individual"]["target_total"] == "30.00" and seen_by_a["organisational"]["periods"] == 0

    response = staff.get(rollup_url, {"type": "grand"})
    assert response.status_code == 400 and "type" in error_of(response)["fields"]
    from rest_framework.test import APIClient

    assert APIClient().get(rollup_url).status_code == 401
