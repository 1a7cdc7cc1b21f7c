"""What partners and experts write through the API: a focal point's draft requests, sending them
and answering the programme's questions; a participant's questionnaires; the named HR or
training-unit officer's sign-off of a coordination cell; the assigned expert's mission report.
Per role, with the 400 naming the field, the audit entry and a query count that stays flat."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.choices import ActionType, ActivityStatus, CoordinationStatus, RequesterRole, RequestStatus
from actions.models import RequestAttachment, RequestClarification, RequestingInstitution, SupportRequest
from mieux.models import AuditEntry
from partners.choices import InstitutionType
from tests.conftest import ALL_ROLES
from tests.factories import ExpertFactory, InstitutionFactory, PersonFactory, UserFactory
from tests.resources import audit_entries

from .factories import (
    ActionFactory,
    ActivityFactory,
    CoordinationCellFactory,
    ExpertAssignmentFactory,
    ParticipationFactory,
    SupportRequestFactory,
    ThematicAreaFactory,
)

TODAY = datetime.date.today()


def url(basename: str, *args, action: str = "detail") -> str:
    return reverse(f"{basename}-{action}", args=args)


def transition(client, basename: str, obj_id: int, to: str, comment: str | None = None):
    payload = {"to": to} if comment is None else {"to": to, "comment": comment}
    return client.post(url(basename, obj_id, action="transition"), payload, format="json")


def error_fields(response) -> dict:
    return response.json()["error"]["fields"]


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def count_queries(client, path: str, params: dict | None = None) -> int:
    client.get(path, params or {})  # warm-up: the token's first use records last_used_at
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def imt(db):
    return ThematicAreaFactory(code="IMT", name_en="Irregular migration and trafficking")


def draft_payload(world, imt, **overrides) -> dict:
    """What a focal point sends: no channel and no date (the portal sets both)."""
    payload = {
        "title": "Training of border officials on victim identification",
        "thematic_area": imt.pk,
        "countries": ["MX"],
        "requesters": [{"institution": world.institution_a.pk, "role": "lead"}],
    }
    payload.update(overrides)
    return payload


COMPLETE = {
    "needs_statement": "Front-line officers need to identify victims at the southern border.",
    "expected_results": "A referral procedure in use at three border posts.",
    "target_groups": "Immigration officers and labour inspectors.",
    "timing": "From March; not in December.",
}


def make_draft(world, imt, **fields) -> SupportRequest:
    """A draft of institution A, as request_create leaves it."""
    draft = SupportRequestFactory(
        reference=f"DRAFT-{SupportRequest.objects.count():06d}",
        lead=world.institution_a,
        thematic_area=imt,
        status=RequestStatus.DRAFT,
        channel="portal",
        needs_statement="",
        **fields,
    )
    return draft


# --- Drafts: a focal point writes its institution's request ------------------------------------


def test_focal_point_drafts_a_request_its_institution_alone_sees(world, imt, api_client_for):
    focal = world.user("focal_point")
    client = api_client_for(focal)
    response = client.post(url("request", action="list"), draft_payload(world, imt), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["channel"] == "portal"
    assert body["reference"].startswith("DRAFT-") and body["received_on"] == TODAY.isoformat()
    assert body["clarifications"] == [] and body["timing"] == ""
    entry = audit_entries(SupportRequest, body["id"], "create").get()
    assert entry.actor == focal and entry.origin.startswith("request:")

    assert ids(client.get(url("request", action="list"), {"status": "draft"})) == {body["id"]}
    assert ids(client.get(url("request", action="list"), {"status": "received"})) == set()
    # The institution's HR officer follows its requests, drafts included; nobody else sees it.
    assert api_client_for(world.user("hr_officer")).get(url("request", body["id"])).status_code == 200
    for user in (world.user("programme_officer"), world.user("administrator"), world.focal_b):
        other = api_client_for(user)
        assert other.get(url("request", body["id"])).status_code == 404
        assert body["id"] not in ids(other.get(url("request", action="list"), {"status": "draft"}))


@pytest.mark.parametrize("role", ["hr_officer", "training_officer", "official", "expert"])
def test_only_focal_points_among_partners_draft_requests(world, imt, api_client_for, role):
    response = api_client_for(world.user(role)).post(
        url("request", action="list"), draft_payload(world, imt), format="json"
    )
    assert response.status_code == 403, response.content
    assert not SupportRequest.objects.exists()


def test_programme_staff_must_say_how_a_request_arrived(world, imt, api_client_for):
    client = api_client_for(world.user("programme_officer"))
    response = client.post(url("request", action="list"), draft_payload(world, imt), format="json")
    assert response.status_code == 400, response.content
    assert "channel" in error_fields(response)
    assert not SupportRequest.objects.exists()


def test_focal_point_names_its_own_institution_among_the_requesters(world, imt, api_client_for):
    neighbour = InstitutionFactory(name_en="Mexican Ministry of Labour", country="MX")
    client = api_client_for(world.user("focal_point"))
    audit_before = AuditEntry.objects.count()

    # Another country's institution is not one a focal point can name: it "does not exist".
    only_b = draft_payload(world, imt, requesters=[{"institution": world.institution_b.pk, "role": "lead"}])
    response = client.post(url("request", action="list"), only_b, format="json")
    assert response.status_code == 400, response.content
    assert set(error_fields(response)) == {"requesters.0.institution"}

    # A co-requester of its own country, but without its own institution: refused by the service.
    only_neighbour = draft_payload(world, imt, requesters=[{"institution": neighbour.pk, "role": "lead"}])
    response = client.post(url("request", action="list"), only_neighbour, format="json")
    assert response.status_code == 400, response.content
    assert set(error_fields(response)) == {"requesters"}
    assert not SupportRequest.objects.exists() and AuditEntry.objects.count() == audit_before

    joint = draft_payload(
        world,
        imt,
        requesters=[
            {"institution": neighbour.pk, "role": RequesterRole.LEAD},
            {"institution": world.institution_a.pk, "role": RequesterRole.CO_REQUESTER},
        ],
    )
    response = client.post(url("request", action="list"), joint, format="json")
    assert response.status_code == 201, response.content
    assert {row["institution"] for row in response.json()["requesters"]} == {
        neighbour.pk,
        world.institution_a.pk,
    }


def test_focal_point_edits_its_draft_with_the_version_it_read(world, imt, api_client_for):
    draft = make_draft(world, imt)
    focal = api_client_for(world.user("focal_point"))
    path = url("request", draft.pk)
    assert focal.get(path)["ETag"] == '"1"'

    assert focal.patch(path, {"timing": "Spring"}, format="json").status_code == 428
    response = focal.patch(path, {"timing": "Spring", **COMPLETE}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.content
    assert response["ETag"] == '"2"' and response.json()["timing"] == COMPLETE["timing"]
    entry = audit_entries(SupportRequest, draft.pk, "update").get()
    assert entry.actor == world.user("focal_point") and {"timing", "needs_statement"} <= set(entry.changes)
    stale = focal.patch(path, {"title": "Other"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412

    # Dropping its own institution from the requesters is refused, naming the field.
    neighbour = InstitutionFactory(country="MX", type=InstitutionType.LOCAL_AUTHORITY)
    response = focal.patch(
        path,
        {"requesters": [{"institution": neighbour.pk, "role": "lead"}]},
        format="json",
        HTTP_IF_MATCH='"2"',
    )
    assert response.status_code == 400 and "requesters" in error_fields(response)
    assert list(
        RequestingInstitution.objects.filter(request=draft).values_list("institution", flat=True)
    ) == [world.institution_a.pk]

    # The institution's other roles read it but do not edit it; other institutions do not see it.
    hr = api_client_for(world.user("hr_officer"))
    assert hr.patch(path, {"title": "HR"}, format="json", HTTP_IF_MATCH='"2"').status_code == 403
    focal_b = api_client_for(world.focal_b)
    assert focal_b.patch(path, {"title": "B"}, format="json", HTTP_IF_MATCH='"2"').status_code == 404
    assert (
        api_client_for(world.user("programme_officer"))
        .patch(path, {"title": "Staff"}, format="json", HTTP_IF_MATCH='"2"')
        .status_code
        == 404
    )
    draft.refresh_from_db()
    assert draft.title != "B" and draft.version == 2


def test_focal_point_sends_a_complete_draft_then_no_longer_edits_it(world, imt, api_client_for):
    draft = make_draft(world, imt)
    focal = api_client_for(world.user("focal_point"))
    offered = focal.get(url("request", draft.pk, action="transitions")).json()
    labels = {row["to"]: row for row in offered}
    assert set(labels) == {"received", "withdrawn"}
    assert labels["received"]["label"] == "Send the request"
    assert labels["received"]["blocked_by"].startswith("Before sending, describe the needs")
    assert labels["withdrawn"]["comment_required"] is True

    refused = transition(focal, "request", draft.pk, "received")
    assert refused.status_code == 409 and "to" in error_fields(refused)

    focal.patch(url("request", draft.pk), COMPLETE, format="json", HTTP_IF_MATCH='"1"')
    sent = transition(focal, "request", draft.pk, "received")
    assert sent.status_code == 200, sent.content
    body = sent.json()
    assert body["status"] == "received" and body["received_on"] == TODAY.isoformat()
    assert re.fullmatch(rf"R-{TODAY.year}-\d{{3}}", body["reference"])
    entry = audit_entries(SupportRequest, draft.pk, "transition").get()
    assert entry.actor == world.user("focal_point")

    # Now the programme sees it, and the focal point only reads it (withdrawing stays possible).
    assert api_client_for(world.user("programme_officer")).get(url("request", draft.pk)).status_code == 200
    edit = focal.patch(url("request", draft.pk), {"title": "Later"}, format="json", HTTP_IF_MATCH='"3"')
    assert edit.status_code == 403
    assert {row["to"] for row in focal.get(url("request", draft.pk, action="transitions")).json()} == {
        "withdrawn"
    }


def test_clarification_asked_by_the_programme_and_answered_by_the_focal_point(
    world, imt, api_client_for, django_capture_on_commit_callbacks
):
    officer_user = world.user("programme_officer")
    officer_user.full_name = "Olga Officer"
    officer_user.save()
    request = SupportRequestFactory(lead=world.institution_a, thematic_area=imt, status="screening")
    officer = api_client_for(officer_user)
    focal = api_client_for(world.user("focal_point"))

    with django_capture_on_commit_callbacks(execute=True):
        asked = transition(officer, "request", request.pk, "clarification_requested", "Which border posts?")
    assert asked.status_code == 200, asked.content
    assert [message.to for message in mail.outbox] == [[world.user("focal_point").email]]

    body = focal.get(url("request", request.pk)).json()
    (question,) = body["clarifications"]
    assert question["question"] == "Which border posts?" and question["asked_by"] == "Olga Officer"
    assert question["answer"] == "" and question["answered_at"] is None and question["answered_by"] is None

    offered = {
        row["label"]: row for row in focal.get(url("request", request.pk, action="transitions")).json()
    }
    assert set(offered) == {"Answer the question", "Withdraw"}
    assert offered["Answer the question"]["to"] == "screening"
    assert offered["Answer the question"]["comment_required"] is True
    staff_offered = {
        row["label"] for row in officer.get(url("request", request.pk, action="transitions")).json()
    }
    assert "Resume screening" in staff_offered and "Answer the question" not in staff_offered

    no_answer = transition(focal, "request", request.pk, "screening")
    assert no_answer.status_code == 400 and "comment" in error_fields(no_answer)
    answered = transition(focal, "request", request.pk, "screening", "Tapachula and Ciudad Hidalgo.")
    assert answered.status_code == 200, answered.content
    (clarification,) = answered.json()["clarifications"]
    assert clarification["answer"] == "Tapachula and Ciudad Hidalgo."
    assert clarification["answered_at"] is not None and "@" not in (clarification["answered_by"] or "")
    assert answered.json()["status"] == "screening"
    stored = RequestClarification.objects.get()
    assert stored.answered_by == world.user("focal_point")
    entry = (
        audit_entries(SupportRequest, request.pk, "transition").filter(actor=world.user("focal_point")).get()
    )
    assert entry.reason == "Tapachula and Ciudad Hidalgo."

    # Another institution's focal point cannot answer, nor see the question.
    request.status = "clarification_requested"
    request.save()
    assert (
        transition(api_client_for(world.focal_b), "request", request.pk, "screening", "x").status_code == 404
    )


def test_focal_point_adds_files_while_drafting_and_answering_only(world, imt, api_client_for, media):
    draft = make_draft(world, imt)
    asked = SupportRequestFactory(
        lead=world.institution_a, thematic_area=imt, status="clarification_requested"
    )
    screening = SupportRequestFactory(lead=world.institution_a, thematic_area=imt, status="screening")
    focal = api_client_for(world.user("focal_point"))

    def attach(client, request):
        upload = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter", content_type="application/pdf")
        return client.post(
            url("request", request.pk, action="attachments"),
            {"file": upload, "title": "Letter"},
            format="multipart",
        )

    for request in (draft, asked):
        response = attach(focal, request)
        assert response.status_code == 201, response.content
        attachment = RequestAttachment.objects.get(pk=response.json()["id"])
        assert audit_entries(RequestAttachment, attachment.pk, "create").get().actor == world.user(
            "focal_point"
        )
        download = focal.get(response.json()["url"])
        assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 letter"
    assert attach(focal, screening).status_code == 403
    assert attach(api_client_for(world.user("hr_officer")), draft).status_code == 403
    assert attach(api_client_for(world.focal_b), asked).status_code == 404
    bad = focal.post(
        url("request", draft.pk, action="attachments"),
        {"file": SimpleUploadedFile("tool.exe", b"MZ")},
        format="multipart",
    )
    assert bad.status_code == 400 and "file" in error_fields(bad)
    assert RequestAttachment.objects.count() == 2


def test_request_list_query_count_is_flat_with_clarifications(world, imt, api_client_for):
    officer = world.user("programme_officer")

    def add_request():
        request = SupportRequestFactory(lead=world.institution_a, thematic_area=imt, status="screening")
        RequestClarification.objects.create(request=request, question="Which posts?", asked_by=officer)
        RequestClarification.objects.create(
            request=request, question="How many?", asked_by=officer, answer="Ten", answered_by=officer
        )

    add_request()
    clients = [api_client_for(world.user("focal_point")), api_client_for(officer)]
    path = url("request", action="list")
    one = [count_queries(client, path) for client in clients]
    for _index in range(6):
        add_request()
    many = [count_queries(client, path) for client in clients]
    assert one == many


# --- Questionnaires: the participant answers ------------------------------------------------------


@pytest.fixture
def held_participation(world):
    """The official of A attended an activity of A's Action held ten days ago."""
    action = ActionFactory(lead=world.institution_a)
    held = TODAY - datetime.timedelta(days=10)
    activity = ActivityFactory(action=action, status=ActivityStatus.HELD, planned_start=held, held_on=held)
    return ParticipationFactory(activity=activity, person=world.user("official").person)


def test_participant_answers_the_satisfaction_questionnaire(world, held_participation, api_client_for):
    official = world.user("official")
    client = api_client_for(official)
    path = url("participation", held_participation.pk, action="questionnaire")
    response = client.post(path, {"satisfaction": 4}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["satisfaction"] == 4 and response.json()["id"] == held_participation.pk
    entry = audit_entries(type(held_participation), held_participation.pk, "update").get()
    assert entry.actor == official and "satisfaction" in entry.changes

    # The follow-up opens three months after the activity.
    early = client.post(path, {"follow_up_answer": "yes"}, format="json")
    assert early.status_code == 400 and "follow_up_answer" in error_fields(early)
    activity = held_participation.activity
    activity.held_on = activity.planned_start = TODAY - datetime.timedelta(days=120)
    activity.save()
    response = client.post(
        path, {"follow_up_answer": "partly", "follow_up_comment": "New SOP."}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["follow_up_answer"] == "partly"


def test_questionnaire_bad_input_names_the_field_and_changes_nothing(
    world, held_participation, api_client_for
):
    client = api_client_for(world.user("official"))
    path = url("participation", held_participation.pk, action="questionnaire")
    before = AuditEntry.objects.count()
    cases = [
        ({"satisfaction": 6}, "satisfaction"),
        ({"satisfaction": "great"}, "satisfaction"),
        ({"follow_up_answer": "maybe"}, "follow_up_answer"),
        ({"follow_up_comment": 12}, "follow_up_comment"),
        ({"satisfaction": 3, "post_test_score": 100}, "post_test_score"),
        ({}, "satisfaction"),
    ]
    for payload, field in cases:
        response = client.post(path, payload, format="json")
        assert response.status_code == 400, (payload, response.content)
        assert field in error_fields(response), (payload, response.json())
    held_participation.refresh_from_db()
    assert held_participation.satisfaction is None and AuditEntry.objects.count() == before


def test_questionnaire_opens_once_the_activity_is_held(world, api_client_for):
    activity = ActivityFactory(action=ActionFactory(lead=world.institution_a), planned_start=TODAY)
    participation = ParticipationFactory(activity=activity, person=world.user("official").person)
    response = api_client_for(world.user("official")).post(
        url("participation", participation.pk, action="questionnaire"), {"satisfaction": 5}, format="json"
    )
    assert response.status_code == 409, response.content


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_participant_answers(world, held_participation, api_client_for, role):
    response = api_client_for(world.user(role)).post(
        url("participation", held_participation.pk, action="questionnaire"),
        {"satisfaction": 2},
        format="json",
    )
    if role == "official":
        assert response.status_code == 200, response.content
        return
    # Those who see the participation (staff, the institution's focal point, HR and training
    # unit) are refused; everyone else does not find it.
    seers = {"administrator", "programme_manager", "programme_officer", "integrator"}
    seers |= {"focal_point", "hr_officer", "training_officer"}
    assert response.status_code == (403 if role in seers else 404), response.content
    held_participation.refresh_from_db()
    assert held_participation.satisfaction is None


def test_another_institution_cannot_answer(world, held_participation, api_client_for):
    response = api_client_for(world.focal_b).post(
        url("participation", held_participation.pk, action="questionnaire"),
        {"satisfaction": 1},
        format="json",
    )
    assert response.status_code == 404


def test_read_only_token_cannot_answer(world, held_participation, api_client_for):
    client = api_client_for(world.user("official"), read_only=True)
    response = client.post(
        url("participation", held_participation.pk, action="questionnaire"),
        {"satisfaction": 1},
        format="json",
    )
    assert response.status_code == 403


# --- Coordination matrix: the named HR or training-unit officer signs off ---------------------------


@pytest.fixture
def engaged_cell(world):
    holistic = ActionFactory(lead=world.institution_a, type=ActionType.HOLISTIC)
    return CoordinationCellFactory(
        action=holistic, status=CoordinationStatus.ENGAGED, responsible=world.user("hr_officer").person
    )


def test_named_hr_officer_signs_off_in_their_own_name(world, engaged_cell, api_client_for):
    hr_user = world.user("hr_officer")
    hr = api_client_for(hr_user)
    offered = hr.get(url("coordination-cell", engaged_cell.pk, action="transitions")).json()
    assert offered == [
        {"to": "signed_off", "label": "Sign off", "comment_required": False, "blocked_by": None}
    ]
    response = transition(hr, "coordination-cell", engaged_cell.pk, "signed_off", "Curriculum agreed.")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "signed_off" and body["signed_off_by"] == hr_user.person.pk
    # The signer's words go with the sign-off in the timeline; the cell's own note stays the programme's.
    assert body["signed_off_on"] == TODAY.isoformat() and body["note"] == engaged_cell.note
    cell_model = type(engaged_cell)
    signed = audit_entries(cell_model, engaged_cell.pk, "transition").get()
    assert signed.actor == hr_user and signed.reason == "Curriculum agreed."
    assert audit_entries(cell_model, engaged_cell.pk, "update").get().actor == hr_user


@pytest.mark.parametrize("role", ["training_officer", "focal_point", "official"])
def test_other_partner_roles_do_not_sign_off(world, engaged_cell, api_client_for, role):
    client = api_client_for(world.user(role))
    assert client.get(url("coordination-cell", engaged_cell.pk, action="transitions")).json() == []
    response = transition(client, "coordination-cell", engaged_cell.pk, "signed_off")
    assert response.status_code == 403, response.content
    engaged_cell.refresh_from_db()
    assert engaged_cell.status == CoordinationStatus.ENGAGED and engaged_cell.signed_off_by is None


def test_another_institutions_hr_officer_does_not_find_the_cell(world, engaged_cell, api_client_for):
    hr_b = UserFactory(email="hr.b@mieux.test", role="hr_officer")
    PersonFactory(institution=world.institution_b, user=hr_b)
    response = transition(api_client_for(hr_b), "coordination-cell", engaged_cell.pk, "signed_off")
    assert response.status_code == 404


def test_officer_still_records_a_sign_off_given_on_paper(world, engaged_cell, api_client_for):
    officer = api_client_for(world.user("programme_officer"))
    offered = {
        row["to"]: row
        for row in officer.get(url("coordination-cell", engaged_cell.pk, action="transitions")).json()
    }
    assert offered["signed_off"]["blocked_by"] == "Name the person who signs off first."
    assert transition(officer, "coordination-cell", engaged_cell.pk, "signed_off").status_code == 409


# --- Mission reports: the assigned expert uploads theirs --------------------------------------------


@pytest.fixture
def expert_assignment(world):
    activity = ActivityFactory(action=ActionFactory(lead=world.institution_a), planned_start=TODAY)
    return ExpertAssignmentFactory(activity=activity, expert=world.user("expert").person.expert_profile)


def test_assigned_expert_uploads_their_mission_report(world, expert_assignment, api_client_for, media):
    expert = world.user("expert")
    client = api_client_for(expert)
    path = url("expert-assignment", expert_assignment.pk, action="mission-report")
    upload = SimpleUploadedFile("mission.pdf", b"%PDF mission", content_type="application/pdf")
    response = client.post(path, {"file": upload}, format="multipart")
    assert response.status_code == 200, response.content
    assert response.json()["mission_report"].endswith(path)
    entry = audit_entries(type(expert_assignment), expert_assignment.pk, "update").get()
    assert entry.actor == expert and "mission_report" in entry.changes

    for user in (expert, world.user("programme_officer")):
        download = api_client_for(user).get(path)
        assert download.status_code == 200, user
        assert b"".join(download.streaming_content) == b"%PDF mission"
    # The report is the expert's to the programme: the Action's partners see the assignment only.
    assert (
        api_client_for(world.user("focal_point"))
        .get(url("expert-assignment", expert_assignment.pk))
        .status_code
        == 200
    )
    assert api_client_for(world.user("focal_point")).get(path).status_code == 404
    assert api_client_for(world.focal_b).get(path).status_code == 404

    bad = client.post(path, {"file": SimpleUploadedFile("run.exe", b"MZ")}, format="multipart")
    assert bad.status_code == 400 and "file" in error_fields(bad)
    # The expert uploads the report only: the rest of the assignment stays the officers'.
    edit = client.patch(url("expert-assignment", expert_assignment.pk), {"days": 9}, format="json")
    assert edit.status_code == 403


def test_other_experts_and_partners_do_not_upload_mission_reports(
    world, expert_assignment, api_client_for, media
):
    other_expert = UserFactory(email="other.expert@mieux.test", role="expert")
    ExpertFactory(person=PersonFactory(institution=world.member_state_administration, user=other_expert))
    path = url("expert-assignment", expert_assignment.pk, action="mission-report")

    def upload(client):
        return client.post(path, {"file": SimpleUploadedFile("m.pdf", b"%PDF")}, format="multipart")

    assert upload(api_client_for(other_expert)).status_code == 404
    assert upload(api_client_for(world.user("focal_point"))).status_code == 403
    assert upload(api_client_for(world.focal_b)).status_code == 404
    assert upload(api_client_for(world.user("expert"), read_only=True)).status_code == 403
    expert_assignment.refresh_from_db()
    assert not expert_assignment.mission_report
