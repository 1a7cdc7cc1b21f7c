"""Staff pages of what happens inside an Action: its tabs, the activity page, attendance imports,
deliverables, the results framework, the coordination matrix and the programme's results roll-up.
Who sees what (200/403/404), every form writing through its service with an audit entry, form
errors for bad input, and query counts that do not grow with the Action's size."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from actions import services
from actions.choices import (
    ActionType,
    ActivityStatus,
    CoordinationStatus,
    DeliverableStatus,
    ImportStatus,
    IndicatorMeasure,
    OecdLevel,
    PeriodStatus,
    ResultKind,
)
from actions.models import (
    Activity,
    AttendanceImport,
    CoordinationCell,
    Deliverable,
    ExpertAssignment,
    Indicator,
    IndicatorPeriod,
    Participation,
    Result,
)
from mieux.models import AuditEntry
from partners.models import Expert, Person
from tests.factories import ExpertFactory, InstitutionFactory, PersonFactory

from .factories import (
    ActionFactory,
    ActivityFactory,
    CoordinationCellFactory,
    DeliverableFactory,
    ExpertAssignmentFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    ParticipationFactory,
    ProgrammePhaseFactory,
    PurposeCodeFactory,
    ResultFactory,
    ThematicAreaFactory,
)

STAFF = ["administrator", "programme_manager", "programme_officer"]
PARTNERS_A = ["focal_point", "hr_officer", "training_officer", "official"]
TABS = ["overview", "activities", "experts", "participants", "deliverables", "results", "coordination"]
TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    yield
    translation.deactivate()


@pytest.fixture
def code_lists(db):
    return {
        "imt": ThematicAreaFactory(code="IMT", name_en="Irregular migration and trafficking"),
        "purpose": PurposeCodeFactory(),
        "phase": ProgrammePhaseFactory(
            code="NEXT",
            name_en="Next phase",
            starts_on=datetime.date(2024, 4, 1),
            ends_on=datetime.date(2099, 1, 1),
        ),
    }


@pytest.fixture
def action(world, code_lists):
    return ActionFactory(
        lead=world.institution_a,
        short_name="Mexico III",
        type=ActionType.HOLISTIC,
        thematic_area=code_lists["imt"],
        phase=code_lists["phase"],
        approved_on=TODAY.replace(month=1, day=1),
        officer=world.user("programme_officer"),
    )


@pytest.fixture
def roster_expert(world):
    return Expert.objects.get(person__user=world.user("expert"))


@pytest.fixture
def filled(world, action, roster_expert):
    """One of everything inside the Action, with a file on each row that has one."""
    activity = ActivityFactory(
        action=action,
        title="Training of border officers",
        planned_start=TODAY,
        planned_end=TODAY,
        agenda=SimpleUploadedFile("agenda.pdf", b"%PDF agenda"),
        report=SimpleUploadedFile("report.pdf", b"%PDF report"),
    )
    assignment = ExpertAssignmentFactory(
        activity=activity, expert=roster_expert, mission_report=SimpleUploadedFile("mission.pdf", b"%PDF m")
    )
    participant = PersonFactory(institution=world.institution_a, first_name="Lucía", last_name="Pérez")
    participation = ParticipationFactory(
        activity=activity, person=participant, pre_test_score=40, post_test_score=80
    )
    deliverable = DeliverableFactory(action=action, file=SimpleUploadedFile("sop.pdf", b"%PDF sop"))
    outcome = ResultFactory(action=action, code="OC1")
    indicator = IndicatorFactory(action=action, result=outcome, name="Officers who apply the SOP")
    period = IndicatorPeriodFactory(
        indicator=indicator, actual=5, evidence=SimpleUploadedFile("evidence.pdf", b"%PDF e")
    )
    cell = CoordinationCellFactory(action=action)
    return {
        "activity": activity,
        "assignment": assignment,
        "participation": participation,
        "deliverable": deliverable,
        "outcome": outcome,
        "indicator": indicator,
        "period": period,
        "cell": cell,
    }


def tab_url(action, tab: str) -> str:
    return f"{action.get_absolute_url()}?tab={tab}"


def file_urls(filled) -> list[str]:
    return [
        reverse("actions:activity_agenda", args=[filled["activity"].pk]),
        reverse("actions:activity_report", args=[filled["activity"].pk]),
        reverse("actions:mission_report", args=[filled["assignment"].pk]),
        reverse("actions:deliverable_file", args=[filled["deliverable"].pk]),
        reverse("actions:period_evidence", args=[filled["period"].pk]),
    ]


def form_urls(filled, action) -> dict[str, str]:
    """Every form page (GET) of the new pages."""
    return {
        "activity_update": reverse("actions:activity_update", args=[filled["activity"].pk]),
        "participation_update": reverse("actions:participation_update", args=[filled["participation"].pk]),
        "deliverable_update": reverse("actions:deliverable_update", args=[filled["deliverable"].pk]),
        "result_update": reverse("actions:result_update", args=[filled["outcome"].pk]),
        "indicator_update": reverse("actions:indicator_update", args=[filled["indicator"].pk]),
        "period_update": reverse("actions:period_update", args=[filled["period"].pk]),
        "cell_update": reverse("actions:cell_update", args=[filled["cell"].pk]),
    }


def post_urls(filled, action) -> list[str]:
    """Every form of the tabs and the activity page (POST)."""
    activity = filled["activity"]
    return [
        reverse("actions:activity_create", args=[action.pk]),
        reverse("actions:deliverable_create", args=[action.pk]),
        reverse("actions:result_create", args=[action.pk]),
        reverse("actions:indicator_create", args=[action.pk]),
        reverse("actions:period_create", args=[action.pk]),
        reverse("actions:coordination_plan", args=[action.pk]),
        reverse("actions:assignment_create", args=[activity.pk]),
        reverse("actions:attendance_upload", args=[activity.pk]),
        reverse("actions:activity_documents", args=[activity.pk]),
        reverse("actions:activity_transition", args=[activity.pk]),
        reverse("actions:mission_report_upload", args=[filled["assignment"].pk]),
        reverse("actions:assignment_delete", args=[filled["assignment"].pk]),
    ]


def text(response) -> str:
    return response.content.decode()


def audited(model, action: str, **filters) -> bool:
    from django.contrib.contenttypes.models import ContentType

    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), action=action, **filters
    ).exists()


# --- Who sees which page ---------------------------------------------------------------------


@pytest.mark.parametrize("role", STAFF)
def test_staff_open_every_tab_page_form_and_file(world, action, filled, page_client_for, role):
    client = page_client_for(world.user(role))
    for tab in TABS:
        response = client.get(tab_url(action, tab))
        assert response.status_code == 200, tab
        assert 'aria-current="page">' in text(response)
    assert client.get(filled["activity"].get_absolute_url()).status_code == 200
    for name, url in form_urls(filled, action).items():
        assert client.get(url).status_code == 200, name
    for url in file_urls(filled):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("role", PARTNERS_A)
def test_partners_of_the_action_view_its_tabs_but_get_403_on_forms(
    world, action, filled, page_client_for, role
):
    client = page_client_for(world.user(role))
    for tab in TABS:
        response = client.get(tab_url(action, tab))
        assert response.status_code == 200, tab
        assert "Add activity" not in text(response) and "Plan the matrix" not in text(response)
    page = text(client.get(filled["activity"].get_absolute_url()))
    assert "Training of border officers" in page and "Assign an expert" not in page
    assert "Record the attendance list" not in page
    for name, url in form_urls(filled, action).items():
        status = client.get(url).status_code
        # Participations are personal data: an official sees only their own (404), the others 403.
        expected = 404 if name == "participation_update" and role == "official" else 403
        assert status == expected, name
    for url in post_urls(filled, action):
        assert client.post(url, {"to": "confirmed"}).status_code == 403, url
    mission_report = reverse("actions:mission_report", args=[filled["assignment"].pk])
    for url in file_urls(filled):
        # The expert's mission report is for the programme; the partner gets the activity report.
        assert client.get(url).status_code == (404 if url == mission_report else 200), url


def test_other_institutions_focal_point_gets_404_everywhere(world, action, filled, page_client_for):
    job = AttendanceImport.objects.create(
        activity=filled["activity"], source=SimpleUploadedFile("list.csv", b"email\n"), requested_by=None
    )
    client = page_client_for(world.focal_b)
    for tab in TABS:
        assert client.get(tab_url(action, tab)).status_code == 404, tab
    assert client.get(filled["activity"].get_absolute_url()).status_code == 404
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("actions:attendance_import_status", args=[job.pk])).status_code == 404
    for url in [*file_urls(filled), *form_urls(filled, action).values()]:
        assert client.get(url).status_code == 404, url
    for url in post_urls(filled, action):
        assert client.post(url, {"to": "confirmed"}).status_code == 404, url


def test_attendance_imports_are_for_staff(world, filled, page_client_for):
    job = AttendanceImport.objects.create(
        activity=filled["activity"], source=SimpleUploadedFile("list.csv", b"email\n"), requested_by=None
    )
    assert page_client_for(world.user("programme_officer")).get(job.get_absolute_url()).status_code == 200
    assert page_client_for(world.user("focal_point")).get(job.get_absolute_url()).status_code == 404


def test_a_missing_file_is_404(world, action, page_client_for):
    activity = ActivityFactory(action=action)
    client = page_client_for(world.user("programme_officer"))
    assert client.get(reverse("actions:activity_agenda", args=[activity.pk])).status_code == 404


def test_coordination_tab_is_for_holistic_actions(world, code_lists, page_client_for):
    classic = ActionFactory(type=ActionType.CLASSIC)
    page = text(page_client_for(world.user("programme_officer")).get(tab_url(classic, "coordination")))
    assert "Coordination matrix" not in page and 'href="?tab=coordination"' not in page


def test_results_rollup_is_for_staff(world, page_client_for):
    assert (
        page_client_for(world.user("programme_manager")).get(reverse("actions:results_rollup")).status_code
        == 200
    )
    assert (
        page_client_for(world.user("focal_point")).get(reverse("actions:results_rollup")).status_code == 403
    )
    page = text(page_client_for(world.user("programme_officer")).get(reverse("home")))
    assert reverse("actions:results_rollup") in page
    page = text(page_client_for(world.user("focal_point")).get(reverse("home")))
    assert reverse("actions:results_rollup") not in page


# --- Activities ------------------------------------------------------------------------------


def test_add_activity_with_the_new_fields(world, action, page_client_for):
    client = page_client_for(world.user("programme_officer"))
    response = client.post(
        reverse("actions:activity_create", args=[action.pk]),
        {
            "activity-type": "training",
            "activity-title": "Training of trainers",
            "activity-modality": "hybrid",
            "activity-planned_start": "2030-05-02",
            "activity-planned_end": "2030-05-03",
            "activity-duration_hours": "12",
            "activity-city": "Tapachula",
            "activity-country": "MX",
            "activity-oecd_level": "individual",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("?tab=activities")
    activity = Activity.objects.get(title="Training of trainers")
    assert (
        activity.modality == "hybrid"
        and activity.city == "Tapachula"
        and activity.status == ActivityStatus.PLANNED
    )
    assert audited(Activity, "create", object_id=str(activity.pk))
    page = text(client.get(tab_url(action, "activities")))
    assert "Tapachula, Mexico" in page and "Hybrid" in page


def test_activity_edit_transitions_and_documents(world, action, roster_expert, page_client_for):
    activity = ActivityFactory(action=action, planned_start=TODAY - datetime.timedelta(days=1))
    client = page_client_for(world.user("programme_officer"))
    url = reverse("actions:activity_update", args=[activity.pk])
    response = client.post(
        url,
        {
            "type": "workshop",
            "title": "Renamed workshop",
            "modality": "online",
            "planned_start": str(activity.planned_start),
        },
    )
    assert response.status_code == 302, text(response)
    activity.refresh_from_db()
    assert activity.title == "Renamed workshop" and audited(Activity, "update", object_id=str(activity.pk))
    # The status moves only through transitions: the edit form has no status field.
    assert 'name="status"' not in text(client.get(url))
    transition = reverse("actions:activity_transition", args=[activity.pk])
    response = client.post(transition, {"to": "confirmed"}, follow=True)
    assert "Assign at least one expert before confirming the activity." in text(response)
    services.expert_assignment_create(
        actor=world.user("programme_officer"), activity=activity, expert=roster_expert
    )
    client.post(transition, {"to": "confirmed"})
    client.post(transition, {"to": "held"})
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.HELD and activity.held_on == activity.planned_start
    assert audited(Activity, "transition", object_id=str(activity.pk))
    page = text(client.get(activity.get_absolute_url()))
    assert "Timeline" in page and "Mark as reported" in page

    documents = reverse("actions:activity_documents", args=[activity.pk])
    response = client.post(documents, {"documents-agenda": SimpleUploadedFile("agenda.exe", b"MZ")})
    assert response.status_code == 200 and "File extension “exe” is not allowed." in text(response)
    response = client.post(documents, {})
    assert "Choose the agenda, the report or both." in text(response)
    response = client.post(
        documents, {"documents-agenda": SimpleUploadedFile("agenda.pdf", b"%PDF-1.7 agenda")}
    )
    assert response.status_code == 302
    download = client.get(reverse("actions:activity_agenda", args=[activity.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.7 agenda"


def test_assign_an_expert_and_a_double_booking_is_a_form_error(world, action, roster_expert, page_client_for):
    first = ActivityFactory(action=action, title="Assessment mission", planned_start=TODAY, planned_end=TODAY)
    second = ActivityFactory(action=action, title="Same-day workshop", planned_start=TODAY, planned_end=TODAY)
    client = page_client_for(world.user("programme_officer"))
    response = client.post(
        reverse("actions:assignment_create", args=[first.pk]),
        {"expert-expert": roster_expert.pk, "expert-role": "lead_expert", "expert-days": "2.5"},
    )
    assert response.status_code == 302
    assignment = ExpertAssignment.objects.get(activity=first)
    assert assignment.days == Decimal("2.5") and audited(
        ExpertAssignment, "create", object_id=str(assignment.pk)
    )
    response = client.post(
        reverse("actions:assignment_create", args=[second.pk]),
        {"expert-expert": roster_expert.pk, "expert-role": "expert", "expert-days": "1"},
    )
    assert response.status_code == 200
    page = text(response)
    assert re.search(
        r"field__error[^>]*>[^<]*" + re.escape(str(roster_expert)) + r"[^<]*already booked", page
    )
    assert not ExpertAssignment.objects.filter(activity=second).exists()
    # Days out of range: a form error, not a 500.
    response = client.post(
        reverse("actions:assignment_create", args=[second.pk]),
        {"expert-expert": roster_expert.pk, "expert-role": "expert", "expert-days": "0"},
    )
    assert response.status_code == 200 and "field__error" in text(response)


def test_mission_report_upload_and_removal(world, filled, page_client_for):
    assignment = filled["assignment"]
    officer = page_client_for(world.user("programme_officer"))
    field = f"mission-{assignment.pk}-mission_report"
    url = reverse("actions:mission_report_upload", args=[assignment.pk])
    response = officer.post(url, {field: SimpleUploadedFile("virus.exe", b"MZ")}, follow=True)
    assert "is not allowed" in text(response)
    response = officer.post(url, {field: SimpleUploadedFile("mission-2.pdf", b"%PDF new")})
    assert response.status_code == 302 and audited(ExpertAssignment, "update", object_id=str(assignment.pk))
    download = officer.get(reverse("actions:mission_report", args=[assignment.pk]))
    assert b"".join(download.streaming_content) == b"%PDF new"
    # Officers record; managers remove rows entered by mistake.
    assert officer.post(reverse("actions:assignment_delete", args=[assignment.pk])).status_code == 403
    manager = page_client_for(world.user("programme_manager"))
    assert manager.post(reverse("actions:assignment_delete", args=[assignment.pk])).status_code == 302
    assert not ExpertAssignment.objects.filter(pk=assignment.pk).exists()
    assert audited(ExpertAssignment, "delete", object_id=str(assignment.pk))


# --- Attendance lists ------------------------------------------------------------------------


GOOD_LIST = (
    "email,first_name,last_name,gender,pre_test_score,post_test_score,satisfaction\n"
    "ana.lopez@inm.example,Ana,López,female,40,85,5\n"
    "jorge.ruiz@inm.example,Jorge,Ruiz,male,55,70,4\n"
)


def test_attendance_upload_imports_and_the_page_shows_it(
    world, filled, page_client_for, django_capture_on_commit_callbacks
):
    activity = filled["activity"]
    client = page_client_for(world.user("programme_officer"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("actions:attendance_upload", args=[activity.pk]),
            {"attendance-file": SimpleUploadedFile("list.csv", GOOD_LIST.encode())},
        )
    job = AttendanceImport.objects.get(activity=activity)
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.rows_imported == 2
    assert Participation.objects.filter(activity=activity).count() == 3
    assert audited(AttendanceImport, "create", object_id=str(job.pk))
    assert audited(Participation, "create")
    page = text(client.get(job.get_absolute_url()))
    assert "2 rows imported" in page and activity.get_absolute_url() in page
    status = client.get(reverse("actions:attendance_import_status", args=[job.pk])).json()
    assert status == {
        "status": "done",
        "status_label": "Done",
        "progress": 100,
        "finished": True,
        "rows_total": 2,
        "rows_imported": 2,
        "errors": 0,
    }


def test_a_bad_row_imports_nothing_and_names_row_and_column(
    world, filled, page_client_for, django_capture_on_commit_callbacks
):
    activity = filled["activity"]
    client = page_client_for(world.user("programme_officer"))
    bad = GOOD_LIST.replace("55,70,4", "55,140,4")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("actions:attendance_upload", args=[activity.pk]), {"attendance-pasted": bad})
    job = AttendanceImport.objects.get(activity=activity)
    assert job.source.name.endswith(".txt") and "pasted" in job.source.name
    assert job.status == ImportStatus.FAILED
    response = client.get(job.get_absolute_url())
    page = text(response)
    assert "Nothing was imported; fix the rows and upload again." in page
    assert re.search(r'<td class="num">3</td>\s*<td><code>post_test_score</code></td>', page)
    assert Participation.objects.filter(activity=activity).count() == 1


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: SimpleUploadedFile("list.pdf", b"%PDF"), "Upload a CSV or XLSX file"),
        (
            lambda: SimpleUploadedFile("list.csv", b"x" * (5 * 1024 * 1024 + 1)),
            "Upload a file of at most 5 MB.",
        ),
    ],
)
def test_wrong_or_too_large_upload_is_a_form_error(world, filled, page_client_for, upload, message):
    response = page_client_for(world.user("programme_officer")).post(
        reverse("actions:attendance_upload", args=[filled["activity"].pk]), {"attendance-file": upload()}
    )
    assert response.status_code == 200 and message in text(response)
    assert not AttendanceImport.objects.exists()


def test_attendance_form_needs_a_file_or_rows(world, filled, page_client_for):
    response = page_client_for(world.user("programme_officer")).post(
        reverse("actions:attendance_upload", args=[filled["activity"].pk]), {"attendance-pasted": "  "}
    )
    assert response.status_code == 200 and "Upload a file or paste the rows of the list." in text(response)


def test_participation_edit_checks_scores(world, filled, page_client_for):
    participation = filled["participation"]
    client = page_client_for(world.user("programme_officer"))
    url = reverse("actions:participation_update", args=[participation.pk])
    response = client.post(
        url,
        {"attendance_percent": "100", "pre_test_score": "40", "post_test_score": "140", "satisfaction": "9"},
    )
    assert response.status_code == 200
    page = text(response)
    assert "Ensure this value is less than or equal to 100." in page
    assert "Ensure this value is less than or equal to 5." in page
    response = client.post(
        url,
        {
            "attendance_percent": "90",
            "pre_test_score": "40",
            "post_test_score": "95",
            "satisfaction": "4",
            "follow_up_answer": "yes",
        },
    )
    assert response.status_code == 302 and response["Location"] == participation.activity.get_absolute_url()
    participation.refresh_from_db()
    assert participation.post_test_score == 95 and participation.follow_up_answer == "yes"
    assert audited(Participation, "update", object_id=str(participation.pk))


# --- Deliverables, results framework and coordination matrix ---------------------------------


def test_deliverable_add_edit_and_transitions(world, action, filled, page_client_for):
    client = page_client_for(world.user("programme_officer"))
    response = client.post(
        reverse("actions:deliverable_create", args=[action.pk]),
        {"deliverable-title": "", "deliverable-type": "manual", "deliverable-oecd_level": "organisational"},
    )
    assert response.status_code == 200 and "This field is required." in text(response)
    response = client.post(
        reverse("actions:deliverable_create", args=[action.pk]),
        {
            "deliverable-title": "Victim identification manual",
            "deliverable-type": "manual",
            "deliverable-oecd_level": "organisational",
            "deliverable-language": "es",
            "deliverable-activity": filled["activity"].pk,
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("?tab=deliverables")
    deliverable = Deliverable.objects.get(title="Victim identification manual")
    assert audited(Deliverable, "create", object_id=str(deliverable.pk))
    page = text(client.get(tab_url(action, "deliverables")))
    assert "Victim identification manual" in page and ">Validate</button>" in page
    transition = reverse("actions:deliverable_transition", args=[deliverable.pk])
    client.post(transition, {"to": "validated", "next": tab_url(action, "deliverables")})
    client.post(transition, {"to": "handed_over"})
    edit = reverse("actions:deliverable_update", args=[deliverable.pk])
    response = client.post(
        edit,
        {
            "title": deliverable.title,
            "type": "manual",
            "oecd_level": "organisational",
            "language": "es",
            "adopting_body": "National Migration Institute",
            "adopted_on": str(TODAY),
        },
    )
    assert response.status_code == 302, text(response)
    response = client.post(transition, {"to": "adopted", "next": edit}, follow=True)
    assert response.redirect_chain[-1][0] == edit
    deliverable.refresh_from_db()
    assert deliverable.status == DeliverableStatus.ADOPTED
    assert audited(Deliverable, "transition", object_id=str(deliverable.pk))


def test_results_framework_forms(world, action, filled, page_client_for):
    officer = page_client_for(world.user("programme_officer"))
    response = officer.post(
        reverse("actions:result_create", args=[action.pk]),
        {"result-kind": "output", "result-code": "OP1.1", "result-statement": "A manual exists."},
    )
    assert response.status_code == 200 and "Choose the outcome this output serves." in text(response)
    response = officer.post(
        reverse("actions:result_create", args=[action.pk]),
        {
            "result-kind": "output",
            "result-parent": filled["outcome"].pk,
            "result-code": "OP1.1",
            "result-statement": "A manual exists.",
        },
    )
    assert response.status_code == 302
    output = Result.objects.get(code="OP1.1")
    assert output.kind == ResultKind.OUTPUT and audited(Result, "create", object_id=str(output.pk))

    response = officer.post(
        reverse("actions:indicator_create", args=[action.pk]),
        {
            "indicator-result": output.pk,
            "indicator-name": "Officers with a knowledge gain",
            "indicator-oecd_level": "individual",
            "indicator-kirkpatrick_level": "2",
            "indicator-unit": "number",
            "indicator-measure": "participants_with_knowledge_gain",
            "indicator-baseline": "0",
            "indicator-starts_on": str(TODAY.replace(month=1, day=1)),
            "indicator-ends_on": str(TODAY.replace(month=12, day=31)),
            "indicator-target": "10",
        },
    )
    assert response.status_code == 302, text(response)
    indicator = Indicator.objects.get(name="Officers with a knowledge gain")
    period = indicator.periods.get()
    # Computed from the data: Lucía's post-test beat her pre-test in an activity… not yet held.
    assert period.status == PeriodStatus.COMPUTED and audited(
        Indicator, "create", object_id=str(indicator.pk)
    )

    # A period overlapping another is refused by the service: a form error.
    response = officer.post(
        reverse("actions:period_create", args=[action.pk]),
        {
            "period-indicator": indicator.pk,
            "period-starts_on": str(TODAY.replace(month=6, day=1)),
            "period-ends_on": str(TODAY.replace(month=6, day=30)),
            "period-target": "5",
        },
    )
    assert response.status_code == 200 and "already has a period covering these days" in text(response)

    # An entered actual: edited, submitted by the officer, approved by a manager.
    entered = filled["period"]
    edit = reverse("actions:period_update", args=[entered.pk])
    response = officer.post(
        edit,
        {
            "starts_on": str(entered.starts_on),
            "ends_on": str(entered.ends_on),
            "target": "20",
            "actual": "12",
        },
    )
    assert response.status_code == 302, text(response)
    assert audited(IndicatorPeriod, "update", object_id=str(entered.pk))
    page = text(officer.get(tab_url(action, "results")))
    assert "Submit for approval" in page and "60 %" in page
    officer.post(reverse("actions:period_transition", args=[entered.pk]), {"to": "submitted"})
    response = officer.get(edit)
    assert "locked" in text(response)
    manager = page_client_for(world.user("programme_manager"))
    manager.post(reverse("actions:period_transition", args=[entered.pk]), {"to": "approved"})
    entered.refresh_from_db()
    assert entered.status == PeriodStatus.APPROVED
    assert audited(IndicatorPeriod, "transition", object_id=str(entered.pk))


def test_coordination_matrix_plan_edit_and_sign_off(world, action, filled, page_client_for):
    client = page_client_for(world.user("programme_officer"))
    page = text(client.get(tab_url(action, "coordination")))
    assert "Plan the 29 missing cells" in page
    response = client.post(reverse("actions:coordination_plan", args=[action.pk]), follow=True)
    assert "29 cells were planned." in text(response)
    assert CoordinationCell.objects.filter(action=action).count() == 30
    assert audited(CoordinationCell, "create")
    cell = filled["cell"]
    signer = Person.objects.get(user=world.user("focal_point"))
    url = reverse("actions:cell_update", args=[cell.pk])
    response = client.post(url, {"responsible": signer.pk, "signed_off_by": signer.pk, "note": "Agreed."})
    assert response.status_code == 302 and audited(CoordinationCell, "update", object_id=str(cell.pk))
    transition = reverse("actions:cell_transition", args=[cell.pk])
    client.post(transition, {"to": "engaged", "next": url})
    client.post(transition, {"to": "signed_off", "next": url})
    cell.refresh_from_db()
    assert cell.status == CoordinationStatus.SIGNED_OFF and cell.signed_off_on == TODAY
    page = text(client.get(tab_url(action, "coordination")))
    assert f"Signed off by {signer}" in page


# --- Query counts ----------------------------------------------------------------------------


def build_action(world, code_lists, *, activities: int, people: int, indicators: int):
    """An Action with `activities` activities (one expert each), `people` participants in each,
    `indicators` indicators with two periods, deliverables, results and a full matrix, in bulk."""
    created = ActionFactory(lead=world.institution_a, type=ActionType.HOLISTIC, phase=code_lists["phase"])
    institution = InstitutionFactory(country="MX")
    persons = Person.objects.bulk_create(
        [
            Person(
                first_name=f"P{n}",
                last_name=f"L{n}",
                gender="female" if n % 2 else "male",
                institution=institution,
            )
            for n in range(people)
        ]
    )
    experts = [
        ExpertFactory(
            member_state="DE" if n % 2 else "MX", person__institution__country="DE" if n % 2 else "MX"
        )
        for n in range(2)
    ]
    rows = Activity.objects.bulk_create(
        [
            Activity(
                action=created,
                sequence=n + 1,
                type="training",
                title=f"Training {n}",
                planned_start=TODAY,
                status="held",
                held_on=TODAY,
            )
            for n in range(activities)
        ]
    )
    ExpertAssignment.objects.bulk_create(
        [ExpertAssignment(activity=row, expert=experts[n % 2], days=2) for n, row in enumerate(rows)]
    )
    Participation.objects.bulk_create(
        [
            Participation(
                activity=row,
                person=person,
                gender=person.gender,
                institution=institution,
                pre_test_score=40,
                post_test_score=70,
                satisfaction=4,
            )
            for row in rows
            for person in persons
        ]
    )
    Deliverable.objects.bulk_create(
        [
            Deliverable(action=created, title=f"Manual {n}", type="manual", oecd_level="organisational")
            for n in range(max(1, activities // 10))
        ]
    )
    outcome = Result.objects.create(action=created, kind=ResultKind.OUTCOME, code="OC1", statement="Outcome")
    Result.objects.bulk_create(
        [
            Result(
                action=created, kind=ResultKind.OUTPUT, parent=outcome, code=f"OP1.{n}", statement="Output"
            )
            for n in range(max(1, indicators // 5))
        ]
    )
    made = Indicator.objects.bulk_create(
        [
            Indicator(
                action=created,
                result=outcome,
                name=f"Indicator {n}",
                oecd_level=OecdLevel.values[n % 3],
                measure=IndicatorMeasure.ENTERED,
            )
            for n in range(indicators)
        ]
    )
    IndicatorPeriod.objects.bulk_create(
        [
            IndicatorPeriod(
                indicator=indicator,
                starts_on=datetime.date(TODAY.year - offset, 1, 1),
                ends_on=datetime.date(TODAY.year - offset, 12, 31),
                target=10,
                actual=4,
                status=PeriodStatus.DRAFT,
            )
            for indicator in made
            for offset in (0, 1)
        ]
    )
    services.coordination_matrix_plan(actor=world.user("programme_officer"), action=created)
    return created


def test_every_tab_takes_the_same_number_of_queries_whatever_the_size(world, code_lists, page_client_for):
    small = build_action(world, code_lists, activities=2, people=2, indicators=2)
    large = build_action(world, code_lists, activities=200, people=25, indicators=50)
    assert Participation.objects.filter(activity__action=large).count() == 5000
    client = page_client_for(world.user("programme_manager"))
    client.get(tab_url(small, "overview"))  # warm-up: session, content types, translations
    for tab in TABS:
        counts = {}
        for label, subject in (("small", small), ("large", large)):
            client.get(tab_url(subject, tab))
            with CaptureQueriesContext(connection) as queries:
                response = client.get(tab_url(subject, tab))
            assert response.status_code == 200
            counts[label] = len(queries)
        assert counts["small"] == counts["large"], (
            tab,
            counts,
            [q["sql"][:160] for q in queries.captured_queries],
        )


def test_activity_page_takes_the_same_number_of_queries_whatever_the_size(world, code_lists, page_client_for):
    small = build_action(world, code_lists, activities=1, people=2, indicators=1)
    large = build_action(world, code_lists, activities=1, people=80, indicators=1)
    client = page_client_for(world.user("programme_officer"))
    counts = []
    for subject in (small, large):
        activity = subject.activities.get()
        client.get(activity.get_absolute_url())
        with CaptureQueriesContext(connection) as queries:
            assert client.get(activity.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# --- Tabs' figures ---------------------------------------------------------------------------


def test_participants_tab_figures_and_filters(world, action, filled, page_client_for):
    other = PersonFactory(institution=world.institution_a, gender="male", last_name="Zapata")
    ParticipationFactory(
        activity=filled["activity"], person=other, pre_test_score=50, post_test_score=60, satisfaction=3
    )
    client = page_client_for(world.user("programme_officer"))
    page = text(client.get(tab_url(action, "participants")))
    assert "People trained" in page and "+25.0" in page
    assert "Female" in page and "Male" in page and "National authority" in page
    page = text(client.get(action.get_absolute_url(), {"tab": "participants", "gender": "male"}))
    assert "Zapata" in page and "Pérez" not in page
    page = text(client.get(action.get_absolute_url(), {"tab": "participants", "gender": "nonsense"}))
    assert "field__error" in page


def test_experts_tab_totals(world, action, filled, page_client_for):
    non_eu = ExpertFactory(member_state="MX", person__institution__country="MX", person__gender="male")
    ExpertAssignmentFactory(activity=filled["activity"], expert=non_eu, days=2)
    page = text(page_client_for(world.user("programme_officer")).get(tab_url(action, "experts")))
    assert "Expert-days" in page and ">5<" in page  # 3 + 2 days
    assert "50 %" in page and "1 expert from outside the EU" in page


def test_results_tab_shows_levels_and_bars(world, action, filled, page_client_for):
    page = text(page_client_for(world.user("programme_officer")).get(tab_url(action, "results")))
    assert "Progress by OECD level" in page and "Enabling environment" in page
    assert "Officers who apply the SOP" in page and "width: 25%" in page  # 5 of 20


# --- Programme roll-up -----------------------------------------------------------------------


def test_results_rollup_figures_and_filters(world, code_lists, page_client_for):
    classic = ActionFactory(type=ActionType.CLASSIC, phase=code_lists["phase"], countries=["MX"])
    regional = ActionFactory(type=ActionType.REGIONAL, phase=code_lists["phase"], countries=["NG"])
    for subject, actual, status in (
        (classic, 30, PeriodStatus.APPROVED),
        (regional, 10, PeriodStatus.APPROVED),
    ):
        indicator = IndicatorFactory(action=subject, oecd_level=OecdLevel.INDIVIDUAL)
        IndicatorPeriodFactory(indicator=indicator, target=40, actual=actual, status=status)
    pending = IndicatorFactory(action=classic, oecd_level=OecdLevel.ORGANISATIONAL)
    IndicatorPeriodFactory(indicator=pending, target=5, actual=5, status=PeriodStatus.SUBMITTED)
    client = page_client_for(world.user("programme_officer"))
    page = text(client.get(reverse("actions:results_rollup")))
    overall = page.split("By phase")[0]
    individual = re.search(r'data-level="individual">(.*?)</tr>', overall, re.S).group(1)
    assert "data-target>80<" in individual and "data-actual>40<" in individual and "50 %" in individual
    organisational = re.search(r'data-level="organisational">(.*?)</tr>', overall, re.S).group(1)
    # Submitted, not yet approved: the actual does not count, and it waits for approval.
    assert "data-actual>0<" in organisational and '<td class="num">1</td>\n  </tr>' not in organisational
    assert "Classic" in page and "Regional capacity development partnership" in page
    page = text(client.get(reverse("actions:results_rollup"), {"type": "classic"}))
    individual = re.search(r'data-level="individual">(.*?)</tr>', page.split("By phase")[0], re.S).group(1)
    assert "data-target>40<" in individual and "data-actual>30<" in individual and "75 %" in individual
    page = text(client.get(reverse("actions:results_rollup"), {"region": "africa"}))
    assert "Africa" in page
    assert client.get(reverse("actions:results_rollup"), {"phase": "999999"}).status_code == 200


def test_a_published_actions_documents_stay_with_those_taking_part(
    world, filled, page_client_for, api_client_for
):
    """Institution B sees A's published Action and its activities, but not what lies inside them:
    no document, no participant, no expert's mission report — through the page or the API."""
    action = filled["activity"].action
    action.published = True
    action.save(update_fields=["published"])
    activity = filled["activity"]
    outsider, insider = world.focal_b, world.user("focal_point")
    page = page_client_for(outsider).get(activity.get_absolute_url())
    assert page.status_code == 200
    body = text(page)
    assert "Download the agenda" not in body and "Pérez" not in body
    for url in file_urls(filled):
        assert page_client_for(outsider).get(url).status_code == 404, url
    api = api_client_for(outsider)
    for kind in ("agenda", "report"):
        assert api.get(f"/api/v1/activities/{activity.pk}/files/{kind}/").status_code == 404
    assert (
        page_client_for(insider).get(reverse("actions:activity_agenda", args=[activity.pk])).status_code
        == 200
    )
    assert "Download the agenda" in text(page_client_for(insider).get(activity.get_absolute_url()))
    response = api_client_for(insider).get(f"/api/v1/activities/{activity.pk}/files/agenda/")
    assert response.status_code == 200
