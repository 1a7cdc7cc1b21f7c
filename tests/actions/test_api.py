"""The actions API: requests, Steering Committee meetings and decisions, Actions, activities and code
lists — per role, across institutions, through the workflows, under concurrent edits, with their
audit trail and a flat query count."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import (
    Action,
    ActionPartner,
    Activity,
    RequestAttachment,
    RequestingInstitution,
    SteeringCommitteeDecision,
    SteeringCommitteeMeeting,
    SupportRequest,
    ThematicArea,
)
from actions.services import phase_for
from partners.choices import InstitutionType
from tests.conftest import ALL_ROLES
from tests.factories import InstitutionFactory
from tests.resources import MANAGERS, PORTFOLIO_READERS, STAFF, audit_entries

from .factories import (
    ActionFactory,
    ActivityFactory,
    ExpertAssignmentFactory,
    GlobalCompactObjectiveFactory,
    MeetingFactory,
    ProgrammePhaseFactory,
    PurposeCodeFactory,
    SupportRequestFactory,
    ThematicAreaFactory,
)

A_PARTNERS = {"focal_point", "hr_officer", "training_officer", "official"}
# Officials follow Actions, not requests (actions/querysets.py).
REQUEST_READERS = PORTFOLIO_READERS | {"focal_point", "hr_officer", "training_officer"}
OFFICERS = STAFF | {"integrator"}
ACTION_READERS = PORTFOLIO_READERS | A_PARTNERS


@pytest.fixture
def codes(db):
    """The code lists an Action needs (a data migration may have seeded them already)."""
    imt = ThematicAreaFactory(code="IMT", name_en="Irregular migration and trafficking")
    return {
        "imt": imt,
        "thb": ThematicAreaFactory(code="IMT-THB", name_en="Trafficking in human beings", parent=imt),
        "lm": ThematicAreaFactory(code="LM", name_en="Legal migration and mobility"),
        "purpose": PurposeCodeFactory(code="15190"),
        "phase": ProgrammePhaseFactory(code="MIEUX_PLUS"),
        "gcm": GlobalCompactObjectiveFactory(number=10),
    }


def url(basename: str, *args, action: str = "detail") -> str:
    return reverse(f"{basename}-{action}", args=args)


def transition(client, basename: str, obj, to: str, comment: str | None = None):
    payload = {"to": to} if comment is None else {"to": to, "comment": comment}
    return client.post(url(basename, obj.pk, action="transition"), payload, format="json")


def etag_of(client, basename: str, obj) -> str:
    response = client.get(url(basename, obj.pk))
    assert response.status_code == 200, response.content
    return response["ETag"]


def error_fields(response) -> dict:
    return response.json()["error"]["fields"]


def names_field(response, field: str) -> bool:
    """The 400 names the field, or an item of it (`countries.0`, `requesters.1.role`)."""
    return any(key == field or key.startswith(f"{field}.") for key in error_fields(response))


def request_payload(world, codes, **overrides) -> dict:
    payload = {
        "title": "Identification of victims of trafficking",
        "channel": "eu_delegation",
        "received_on": "2024-03-04",
        "countries": ["MX"],
        "thematic_area": codes["imt"].pk,
        "specific_area": codes["thb"].pk,
        "proposed_action_type": "classic",
        "needs_statement": "Front-line officers need to identify victims at the southern border.",
        "languages": ["es", "en"],
        "requesters": [{"institution": world.institution_a.pk, "role": "lead"}],
    }
    payload.update(overrides)
    return payload


def action_payload(world, codes, **overrides) -> dict:
    payload = {
        "code": "MX-2019-01",
        "short_name": "Mexico I",
        "title_en": "Strengthening the identification of victims of trafficking",
        "title_es": "Fortalecimiento de la identificación de víctimas de trata",
        "summary_en": "Peer exchanges with Member State administrations.",
        "type": "classic",
        "thematic_area": codes["imt"].pk,
        "gcm_objectives": [codes["gcm"].pk],
        "countries": ["MX"],
        "partners": [{"institution": world.institution_a.pk, "role": "lead_beneficiary"}],
        "approved_on": "2019-06-01",
        "budget_eur": "120000.00",
    }
    payload.update(overrides)
    return payload


# --- Requests: who sees, creates and edits them ---------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_request_detail_and_list_per_role(world, codes, api_client_for, role):
    request = SupportRequestFactory(lead=world.institution_a, thematic_area=codes["imt"])
    client = api_client_for(world.user(role))
    response = client.get(url("request", request.pk))
    assert response.status_code == (200 if role in REQUEST_READERS else 404), response.content
    listed = {row["id"] for row in client.get(url("request", action="list")).json()["results"]}
    assert (request.pk in listed) == (role in REQUEST_READERS)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_request_create_per_role(world, codes, api_client_for, role):
    response = api_client_for(world.user(role)).post(
        url("request", action="list"), request_payload(world, codes), format="json"
    )
    if role in OFFICERS:
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["reference"] == "R-2024-001"
        assert body["status"] == "received" and body["version"] == 1
        assert body["is_eligible"] is True and body["eligibility_reasons"]
        assert body["requesters"] == [{"institution": world.institution_a.pk, "role": "lead"}]
        assert body["countries"] == ["MX"] and body["action"] is None
        entry = audit_entries(SupportRequest, body["id"], "create").get()
        assert entry.actor == world.user(role) and entry.origin.startswith("request:")
    elif role == "focal_point":
        # A focal point writes a draft of its own institution's request: it has no number until sent.
        assert response.status_code == 201, response.content
        request = SupportRequest.objects.get(pk=response.json()["id"])
        assert request.status == "draft" and request.channel == "portal"
        assert request.reference.startswith("DRAFT-")
        assert list(request.requesters.values_list("institution_id", "role")) == [
            (world.institution_a.pk, "lead")
        ]
        entry = audit_entries(SupportRequest, request.pk, "create").get()
        assert entry.actor == world.user(role) and entry.origin.startswith("request:")
    else:
        assert response.status_code == 403, response.content
        assert not SupportRequest.objects.exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_request_update_per_role(world, codes, api_client_for, role):
    request = SupportRequestFactory(lead=world.institution_a, thematic_area=codes["imt"])
    co_requester = InstitutionFactory(type=InstitutionType.LOCAL_AUTHORITY)
    payload = {
        "title": "Revised title",
        "requesters": [
            {"institution": world.institution_a.pk, "role": "lead"},
            {"institution": co_requester.pk, "role": "co_requester"},
        ],
    }
    response = api_client_for(world.user(role)).patch(
        url("request", request.pk), payload, format="json", HTTP_IF_MATCH='"1"'
    )
    if role in OFFICERS:
        assert response.status_code == 200, response.content
        assert response["ETag"] == '"2"'
        assert response.json()["title"] == "Revised title"
        assert len(response.json()["requesters"]) == 2
        changes = [entry.changes for entry in audit_entries(SupportRequest, request.pk, "update")]
        assert any("title" in change for change in changes)
        assert any("requesters" in change for change in changes)
    else:
        assert response.status_code == (403 if role in REQUEST_READERS else 404), response.content
        assert not audit_entries(SupportRequest, request.pk, "update").exists()


def test_requests_are_never_deleted(world, codes, api_client_for):
    request = SupportRequestFactory(lead=world.institution_a, thematic_area=codes["imt"])
    response = api_client_for(world.user("administrator")).delete(url("request", request.pk))
    assert response.status_code == 405
    assert SupportRequest.objects.filter(pk=request.pk).exists()


def test_request_bad_input_is_a_400_naming_the_field(world, codes, api_client_for):
    client = api_client_for(world.user("programme_officer"))
    lead = {"institution": world.institution_a.pk, "role": "lead"}
    cases = [
        ({"requesters": []}, "requesters"),
        ({"requesters": [lead, {"institution": world.institution_b.pk, "role": "lead"}]}, "requesters"),
        ({"requesters": [lead, lead | {"role": "co_requester"}]}, "requesters"),
        ({"requesters": [{"institution": 10**9, "role": "lead"}]}, "requesters.0.institution"),
        ({"requesters": [{"institution": world.institution_a.pk, "role": "boss"}]}, "requesters.0.role"),
        ({"countries": ["ZZ"]}, "countries"),
        ({"languages": ["xx"]}, "languages"),
        ({"thematic_area": 10**9}, "thematic_area"),
        ({"thematic_area": codes["thb"].pk, "specific_area": None}, "thematic_area"),
        ({"thematic_area": codes["lm"].pk}, "specific_area"),
        ({"title": 123}, "title"),
        ({"channel": "pigeon"}, "channel"),
        ({"received_on": "yesterday"}, "received_on"),
    ]
    for override, field in cases:
        response = client.post(url("request", action="list"), request_payload(world, codes, **override))
        assert response.status_code == 400, (override, response.content)
        assert names_field(response, field), (override, response.json())
    assert not SupportRequest.objects.exists()


# --- Steering Committee meetings ------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_meeting_access_per_role(world, api_client_for, role):
    meeting = MeetingFactory()
    client = api_client_for(world.user(role))
    assert client.get(url("steering-committee-meeting", meeting.pk)).status_code == (
        200 if role in PORTFOLIO_READERS else 404
    )
    created = client.post(
        url("steering-committee-meeting", action="list"),
        {"held_on": "2024-05-02", "location": "Brussels", "members_present": ["DG HOME", "EEAS"]},
        format="json",
    )
    edited = client.patch(url("steering-committee-meeting", meeting.pk), {"notes": "Quorum"}, format="json")
    if role in MANAGERS:
        assert created.status_code == 201, created.content
        assert created.json()["members_present"] == ["DG HOME", "EEAS"]
        assert audit_entries(SteeringCommitteeMeeting, created.json()["id"], "create").exists()
        assert edited.status_code == 200, edited.content
        assert audit_entries(SteeringCommitteeMeeting, meeting.pk, "update").get().actor == world.user(role)
    else:
        assert created.status_code == 403
        assert edited.status_code == (403 if role in PORTFOLIO_READERS else 404)
        assert SteeringCommitteeMeeting.objects.count() == 1


def test_meeting_members_must_be_lines_of_text(world, api_client_for):
    client = api_client_for(world.user("programme_manager"))
    for members in (["x" * 201], [1], "DG HOME"):
        response = client.post(
            url("steering-committee-meeting", action="list"),
            {"held_on": "2024-05-02", "members_present": members},
            format="json",
        )
        assert response.status_code == 400, (members, response.content)
        assert names_field(response, "members_present")


# --- The Steering Committee flow, end to end through the API --------------------------------


def test_request_to_approved_action_through_the_api(world, codes, api_client_for):
    officer = world.user("programme_officer")
    manager = world.user("programme_manager")
    officer_api, manager_api = api_client_for(officer), api_client_for(manager)

    created = officer_api.post(url("request", action="list"), request_payload(world, codes), format="json")
    assert created.status_code == 201, created.content
    request = SupportRequest.objects.get(pk=created.json()["id"])
    for target in ("screening", "submitted"):
        response = transition(officer_api, "request", request, target)
        assert response.status_code == 200, response.content
        assert response.json()["status"] == target
    assert audit_entries(SupportRequest, request.pk, "transition").count() == 2

    meeting = manager_api.post(
        url("steering-committee-meeting", action="list"),
        {"held_on": "2024-06-12", "location": "Brussels", "members_present": ["DG INTPA", "DG HOME"]},
        format="json",
    )
    assert meeting.status_code == 201, meeting.content
    meeting_id = meeting.json()["id"]
    decided = manager_api.post(
        url("steering-committee-meeting", meeting_id, action="decisions"),
        {"request": request.pk, "outcome": "approved", "officer": officer.pk},
        format="json",
    )
    assert decided.status_code == 201, decided.content
    assert decided.json()["outcome"] == "approved" and decided.json()["held_on"] == "2024-06-12"

    body = officer_api.get(url("request", request.pk)).json()
    assert body["status"] == "approved"
    assert [d["outcome"] for d in body["decisions"]] == ["approved"]
    action = Action.objects.get(request=request)
    assert body["action"] == action.pk
    action_body = officer_api.get(url("action", action.pk)).json()
    assert action_body["request"] == request.pk
    assert action_body["status"] == "approved" and action_body["iati_status"] == 1
    assert action_body["approved_on"] == "2024-06-12"
    assert action_body["officer"] == officer.pk
    assert action_body["partners"] == [{"institution": world.institution_a.pk, "role": "lead_beneficiary"}]
    assert action_body["purpose_code"] == codes["purpose"].pk
    meeting_body = manager_api.get(url("steering-committee-meeting", meeting_id)).json()
    assert [d["request"] for d in meeting_body["decisions"]] == [request.pk]
    assert audit_entries(SteeringCommitteeDecision, decided.json()["id"], "create").get().actor == manager
    # The requesting institution's focal point follows it too.
    assert api_client_for(world.user("focal_point")).get(url("action", action.pk)).status_code == 200


def test_rejection_needs_a_reason_and_only_submitted_requests_are_decided(world, codes, api_client_for):
    manager_api = api_client_for(world.user("programme_manager"))
    meeting = MeetingFactory()
    submitted = SupportRequestFactory(
        lead=world.institution_a, thematic_area=codes["imt"], status="submitted"
    )
    decisions_url = url("steering-committee-meeting", meeting.pk, action="decisions")

    response = manager_api.post(
        decisions_url, {"request": submitted.pk, "outcome": "rejected"}, format="json"
    )
    assert response.status_code == 400, response.content
    assert "reason" in error_fields(response)
    submitted.refresh_from_db()
    assert submitted.status == "submitted" and not submitted.decisions.exists()

    response = manager_api.post(
        decisions_url,
        {"request": submitted.pk, "outcome": "rejected", "reason": "Outside the programme's mandate."},
        format="json",
    )
    assert response.status_code == 201, response.content
    submitted.refresh_from_db()
    assert submitted.status == "rejected" and not Action.objects.exists()

    screening = SupportRequestFactory(
        lead=world.institution_a, thematic_area=codes["imt"], status="screening"
    )
    response = manager_api.post(
        decisions_url, {"request": screening.pk, "outcome": "approved"}, format="json"
    )
    assert response.status_code == 409, response.content
    assert "Screening" in response.json()["error"]["message"]
    assert "request" in error_fields(response)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_managers_record_decisions(world, codes, api_client_for, role):
    meeting = MeetingFactory()
    request = SupportRequestFactory(lead=world.institution_a, thematic_area=codes["imt"], status="submitted")
    response = api_client_for(world.user(role)).post(
        url("steering-committee-meeting", meeting.pk, action="decisions"),
        {"request": request.pk, "outcome": "deferred", "reason": "Awaiting the new migration law."},
        format="json",
    )
    expected = 201 if role in MANAGERS else 403 if role in PORTFOLIO_READERS else 404
    assert response.status_code == expected, response.content
    request.refresh_from_db()
    assert request.status == ("deferred" if role in MANAGERS else "submitted")


def test_decision_officer_must_be_active_staff(world, codes, api_client_for):
    meeting = MeetingFactory()
    request = SupportRequestFactory(lead=world.institution_a, thematic_area=codes["imt"], status="submitted")
    response = api_client_for(world.user("programme_manager")).post(
        url("steering-committee-meeting", meeting.pk, action="decisions"),
        {"request": request.pk, "outcome": "approved", "officer": world.user("focal_point").pk},
        format="json",
    )
    assert response.status_code == 400
    assert "officer" in error_fields(response)


# --- Actions: who sees, creates and edits them ----------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_action_detail_and_list_per_role(world, codes, api_client_for, role):
    action = ActionFactory(lead=world.institution_a, published=False)
    client = api_client_for(world.user(role))
    response = client.get(url("action", action.pk))
    assert response.status_code == (200 if role in ACTION_READERS else 404), response.content
    listed = {row["id"] for row in client.get(url("action", action="list")).json()["results"]}
    assert (action.pk in listed) == (role in ACTION_READERS)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_action_create_per_role(world, codes, api_client_for, role):
    response = api_client_for(world.user(role)).post(
        url("action", action="list"), action_payload(world, codes), format="json"
    )
    if role in MANAGERS:
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["title"] == body["title_en"]
        assert body["title_es"].startswith("Fortalecimiento")
        assert body["gcm_objectives"] == [codes["gcm"].pk]
        assert body["purpose_code"] == codes["purpose"].pk  # the default
        assert body["phase"] == phase_for(datetime.date(2019, 6, 1)).pk  # from the approval date
        assert body["partners"] == [{"institution": world.institution_a.pk, "role": "lead_beneficiary"}]
        assert body["status"] == "approved" and body["version"] == 1 and body["request"] is None
        assert body["launch_overdue"] is True and body["launched_on"] is None
        entry = audit_entries(Action, body["id"], "create").get()
        assert entry.actor == world.user(role)
    else:
        assert response.status_code == 403, response.content
        assert not Action.objects.exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_action_update_per_role(world, codes, api_client_for, role):
    action = ActionFactory(lead=world.institution_a)
    payload = {"short_name": "Mexico II", "summary_fr": "Échanges entre pairs.", "officer": None}
    response = api_client_for(world.user(role)).patch(
        url("action", action.pk), payload, format="json", HTTP_IF_MATCH='"1"'
    )
    if role in OFFICERS:
        assert response.status_code == 200, response.content
        assert response.json()["short_name"] == "Mexico II" and response["ETag"] == '"2"'
        entry = audit_entries(Action, action.pk, "update").get()
        assert entry.actor == world.user(role) and {"short_name", "summary_fr"} <= set(entry.changes)
    else:
        assert response.status_code == (403 if role in ACTION_READERS else 404), response.content
        assert not audit_entries(Action, action.pk, "update").exists()


def test_actions_are_never_deleted(world, codes, api_client_for):
    action = ActionFactory(lead=world.institution_a)
    assert api_client_for(world.user("administrator")).delete(url("action", action.pk)).status_code == 405
    assert Action.objects.filter(pk=action.pk).exists()


def test_action_bad_input_is_a_400_naming_the_field(world, codes, api_client_for):
    client = api_client_for(world.user("programme_manager"))
    lead = {"institution": world.institution_a.pk, "role": "lead_beneficiary"}
    cases = [
        ({"title_en": "", "title_es": None}, "title_en"),
        ({"planned_start": "2024-05-01", "planned_end": "2024-01-01"}, "planned_end"),
        ({"officer": world.user("focal_point").pk}, "officer"),
        (
            {"partners": [lead, {"institution": world.institution_b.pk, "role": "lead_beneficiary"}]},
            "partners",
        ),
        ({"partners": [lead, lead]}, "partners"),
        ({"budget_eur": "-1"}, "budget_eur"),
        ({"countries": ["XX"]}, "countries"),
        ({"gcm_objectives": [10**9]}, "gcm_objectives"),
        ({"specific_area": ThematicAreaFactory(code="LM-LAB", parent=codes["lm"]).pk}, "specific_area"),
        ({"type": "grand"}, "type"),
        ({"code": 7}, "code"),
    ]
    for override, field in cases:
        response = client.post(url("action", action="list"), action_payload(world, codes, **override))
        assert response.status_code == 400, (override, response.content)
        assert names_field(response, field), (override, response.json())
    assert not Action.objects.exists()
    ActionFactory(code="MX-2019-01")
    response = client.post(url("action", action="list"), action_payload(world, codes), format="json")
    assert response.status_code == 400 and "code" in error_fields(response)


# --- Isolation between institutions ---------------------------------------------------------


def test_other_institution_sees_only_published_actions_and_none_of_the_requests(world, codes, api_client_for):
    request = SupportRequestFactory(lead=world.institution_a, thematic_area=codes["imt"])
    hidden = ActionFactory(lead=world.institution_a, published=False)
    published = ActionFactory(lead=world.institution_a, published=True)
    activity = ActivityFactory(action=hidden)
    client = api_client_for(world.focal_b)

    assert client.get(url("request", request.pk)).status_code == 404
    assert client.get(url("request", request.pk, action="transitions")).status_code == 404
    assert transition(client, "request", request, "withdrawn", "Not ours").status_code == 404
    assert client.get(url("action", hidden.pk)).status_code == 404
    assert transition(client, "action", hidden, "formulation").status_code == 404
    assert client.get(url("activity", activity.pk)).status_code == 404
    assert client.get(url("action", published.pk)).status_code == 200
    assert {row["id"] for row in client.get(url("request", action="list")).json()["results"]} == set()
    assert {row["id"] for row in client.get(url("action", action="list")).json()["results"]} == {published.pk}
    request.refresh_from_db()
    assert request.status == "received"


# --- Request workflow -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_request_screening_per_role(world, codes, api_client_for, role):
    request = SupportRequestFactory(lead=world.institution_a, thematic_area=codes["imt"])
    response = transition(api_client_for(world.user(role)), "request", request, "screening")
    expected = 200 if role in OFFICERS else 403 if role in REQUEST_READERS else 404
    assert response.status_code == expected, response.content
    request.refresh_from_db()
    assert request.status == ("screening" if role in OFFICERS else "received")


def test_requesting_focal_point_may_withdraw_with_a_comment(world, codes, api_client_for):
    request = SupportRequestFactory(lead=world.institution_a, thematic_area=codes["imt"])
    client = api_client_for(world.user("focal_point"))
    offered = client.get(url("request", request.pk, action="transitions")).json()
    assert [row["to"] for row in offered] == ["withdrawn"]
    assert offered[0]["comment_required"] is True

    response = transition(client, "request", request, "withdrawn")
    assert response.status_code == 400
    assert "comment" in error_fields(response)
    response = transition(client, "request", request, "withdrawn", "The ministry was restructured.")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "withdrawn" and response["ETag"] == '"2"'
    entry = audit_entries(SupportRequest, request.pk, "transition").get()
    assert entry.actor == world.user("focal_point") and entry.reason == "The ministry was restructured."


def test_clarification_needs_a_comment_and_decisions_are_not_transitions(world, codes, api_client_for):
    request = SupportRequestFactory(lead=world.institution_a, thematic_area=codes["imt"], status="screening")
    client = api_client_for(world.user("programme_officer"))
    offered = client.get(url("request", request.pk, action="transitions")).json()
    assert {row["to"] for row in offered} == {"clarification_requested", "submitted", "withdrawn"}
    response = transition(client, "request", request, "clarification_requested", "  ")
    assert response.status_code == 400 and "comment" in error_fields(response)
    response = transition(client, "request", request, "clarification_requested", "Which border posts?")
    assert response.status_code == 200
    response = transition(client, "request", request, "approved")
    assert response.status_code == 409 and "to" in error_fields(response)
    response = transition(client, "request", request, "no_such_status")
    assert response.status_code == 409


def test_ineligible_request_is_registered_but_cannot_be_submitted(world, codes, api_client_for):
    ngo = InstitutionFactory(type=InstitutionType.CIVIL_SOCIETY, name_en="Casa del Migrante")
    client = api_client_for(world.user("programme_officer"))
    created = client.post(
        url("request", action="list"),
        request_payload(world, codes, requesters=[{"institution": ngo.pk, "role": "lead"}]),
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["is_eligible"] is False
    assert "civil-society" in " ".join(created.json()["eligibility_reasons"])
    request = SupportRequest.objects.get(pk=created.json()["id"])
    assert transition(client, "request", request, "screening").status_code == 200
    offered = client.get(url("request", request.pk, action="transitions")).json()
    submit = next(row for row in offered if row["to"] == "submitted")
    assert "civil-society" in submit["blocked_by"]
    response = transition(client, "request", request, "submitted")
    assert response.status_code == 409
    assert "civil-society" in response.json()["error"]["message"]
    request.refresh_from_db()
    assert request.status == "screening"


def test_submitted_request_can_no_longer_be_edited(world, codes, api_client_for):
    request = SupportRequestFactory(lead=world.institution_a, thematic_area=codes["imt"], status="submitted")
    response = api_client_for(world.user("programme_officer")).patch(
        url("request", request.pk), {"title": "Late change"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 409


# --- Action workflow ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_action_transitions_per_role(world, codes, api_client_for, role):
    action = ActionFactory(lead=world.institution_a)
    client = api_client_for(world.user(role))
    response = client.get(url("action", action.pk, action="transitions"))
    if role not in ACTION_READERS:
        assert response.status_code == 404
        assert transition(client, "action", action, "formulation").status_code == 404
        return
    expected_offer = {"formulation"} if role in OFFICERS else set()
    if role in MANAGERS:
        expected_offer |= {"suspended", "cancelled"}
    assert {row["to"] for row in response.json()} == expected_offer
    response = transition(client, "action", action, "formulation")
    assert response.status_code == (200 if role in OFFICERS else 403), response.content
    response = transition(client, "action", action, "cancelled", "Funding withdrawn.")
    assert response.status_code == (200 if role in MANAGERS else 403), response.content


def test_plan_agreed_needs_an_activity(world, codes, api_client_for):
    action = ActionFactory(lead=world.institution_a, status="formulation")
    client = api_client_for(world.user("programme_officer"))
    offered = client.get(url("action", action.pk, action="transitions")).json()
    assert next(row for row in offered if row["to"] == "plan_agreed")["blocked_by"]
    response = transition(client, "action", action, "plan_agreed")
    assert response.status_code == 409
    assert response.json()["error"]["message"] == "Plan at least one activity first."

    created = client.post(
        url("activity", action="list"),
        {"action": action.pk, "type": "identification_mission", "title": "Identification mission"},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["sequence"] == 1
    response = transition(client, "action", action, "plan_agreed")
    assert response.status_code == 200, response.content
    response = transition(client, "action", action, "formulation")
    assert response.status_code == 400 and "comment" in error_fields(response)
    response = transition(
        client, "action", action, "formulation", "The ministry wants a training of trainers."
    )
    assert response.status_code == 200
    entries = audit_entries(Action, action.pk, "transition").order_by("pk")
    assert [entry.reason for entry in entries] == ["", "The ministry wants a training of trainers."]


def test_holistic_action_needs_a_capacity_development_institution(world, codes, api_client_for):
    action = ActionFactory(lead=world.institution_a, type="holistic", status="formulation")
    ActivityFactory(action=action)
    client = api_client_for(world.user("programme_officer"))
    response = transition(client, "action", action, "plan_agreed")
    assert response.status_code == 409
    assert "capacity development institution" in response.json()["error"]["message"]

    academy = InstitutionFactory(
        type=InstitutionType.CAPACITY_DEVELOPMENT_INSTITUTION,
        capacity_development_kind="diplomatic_academy",
    )
    partners = [
        {"institution": world.institution_a.pk, "role": "lead_beneficiary"},
        {"institution": academy.pk, "role": "capacity_development_institution"},
    ]
    response = client.patch(
        url("action", action.pk),
        {"partners": partners},
        format="json",
        HTTP_IF_MATCH=etag_of(client, "action", action),
    )
    assert response.status_code == 200, response.content
    assert audit_entries(Action, action.pk, "update").filter(changes__has_key="partners").exists()
    assert transition(client, "action", action, "plan_agreed").status_code == 200


def test_regional_action_needs_partners_in_two_countries(world, codes, api_client_for):
    action = ActionFactory(lead=world.institution_a, type="regional", status="formulation")
    ActionPartner.objects.create(
        action=action, institution=InstitutionFactory(country="MX"), role="co_beneficiary"
    )
    ActivityFactory(action=action)
    client = api_client_for(world.user("programme_officer"))
    response = transition(client, "action", action, "plan_agreed")
    assert response.status_code == 409
    assert "two countries" in response.json()["error"]["message"]

    ActionPartner.objects.create(action=action, institution=world.institution_b, role="co_beneficiary")
    assert transition(client, "action", action, "plan_agreed").status_code == 200


def test_suspended_action_resumes_where_it_stopped(world, codes, api_client_for):
    action = ActionFactory(lead=world.institution_a, status="implementation")
    ActivityFactory(action=action)
    officer, manager = (
        api_client_for(world.user("programme_officer")),
        api_client_for(world.user("programme_manager")),
    )
    assert transition(officer, "action", action, "suspended", "Elections").status_code == 403
    assert transition(manager, "action", action, "suspended").status_code == 400
    response = transition(manager, "action", action, "suspended", "Elections")
    assert response.status_code == 200 and response.json()["iati_status"] == 6

    offered = {row["to"]: row for row in manager.get(url("action", action.pk, action="transitions")).json()}
    assert offered["implementation"]["blocked_by"] is None
    assert offered["formulation"]["blocked_by"]
    assert officer.get(url("action", action.pk, action="transitions")).json() == []
    response = transition(manager, "action", action, "formulation")
    assert response.status_code == 409
    response = transition(manager, "action", action, "implementation")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "implementation"
    reasons = list(
        audit_entries(Action, action.pk, "transition").order_by("pk").values_list("reason", flat=True)
    )
    assert reasons == ["Elections", ""]


# --- Optimistic concurrency -----------------------------------------------------------------


@pytest.mark.parametrize("basename", ["request", "action"])
def test_concurrent_edits_second_one_is_refused(world, codes, api_client_for, basename):
    if basename == "request":
        obj = SupportRequestFactory(lead=world.institution_a, thematic_area=codes["imt"])
        field, mine, theirs = "title", "Officer's title", "Integrator's title"
    else:
        obj = ActionFactory(lead=world.institution_a)
        field, mine, theirs = "short_name", "Officer's name", "Integrator's name"
    first, second = api_client_for(world.user("programme_officer")), api_client_for(world.user("integrator"))
    etag = etag_of(first, basename, obj)
    assert etag == etag_of(second, basename, obj) == '"1"'

    response = first.patch(url(basename, obj.pk), {field: mine}, format="json")
    assert response.status_code == 428
    assert "If-Match" in error_fields(response)
    response = first.patch(url(basename, obj.pk), {field: mine}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] == '"2"'
    response = second.patch(url(basename, obj.pk), {field: theirs}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert response.json()["error"]["code"] == "precondition_failed"
    assert second.get(url(basename, obj.pk)).json()[field] == mine
    assert audit_entries(type(obj), obj.pk, "update").count() == 1


# --- Query counts ---------------------------------------------------------------------------


def _assert_flat_list(client, list_url):
    client.get(list_url)  # warm-up: the token's first use records last_used_at
    counts = []
    for size in (1, 50):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(list_url, {"page_size": size})
        assert response.status_code == 200
        assert len(response.json()["results"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1], "\n".join(q["sql"] for q in queries.captured_queries)


def test_request_list_query_count_is_flat(world, codes, api_client_for):
    meeting = MeetingFactory()
    for index in range(55):
        request = SupportRequestFactory(
            lead=world.institution_a, thematic_area=codes["imt"], status="approved"
        )
        RequestingInstitution.objects.create(
            request=request, institution=InstitutionFactory(), role="co_requester"
        )
        RequestAttachment.objects.create(request=request, file=f"requests/letter-{index}.pdf", title="Letter")
        SteeringCommitteeDecision.objects.create(meeting=meeting, request=request, outcome="approved")
        if index % 2:
            ActionFactory(lead=world.institution_a, request=request)
    _assert_flat_list(api_client_for(world.user("programme_officer")), url("request", action="list"))


def test_action_list_query_count_is_flat(world, codes, api_client_for):
    objectives = [GlobalCompactObjectiveFactory(number=number) for number in (2, 10, 11)]
    officer = world.user("programme_officer")
    for _index in range(55):
        action = ActionFactory(
            lead=world.institution_a, officer=officer, specific_area=codes["thb"], published=True
        )
        action.gcm_objectives.set(objectives)
        ActionPartner.objects.create(action=action, institution=world.institution_b, role="co_beneficiary")
    _assert_flat_list(api_client_for(officer), url("action", action="list"))
    # A partner's list is scoped by a subquery, not by one query per row either.
    _assert_flat_list(api_client_for(world.focal_b), url("action", action="list"))


# --- Attachments ----------------------------------------------------------------------------


def test_attachment_upload_and_download(world, codes, api_client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    request = SupportRequestFactory(lead=world.institution_a, thematic_area=codes["imt"])
    upload_url = url("request", request.pk, action="attachments")
    officer = api_client_for(world.user("programme_officer"))
    letter = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 request letter", content_type="application/pdf")
    response = officer.post(upload_url, {"file": letter, "title": "Request letter"}, format="multipart")
    assert response.status_code == 201, response.content
    attachment = response.json()
    assert attachment["title"] == "Request letter"
    assert audit_entries(RequestAttachment, attachment["id"], "create").get().actor == world.user(
        "programme_officer"
    )
    listed = officer.get(url("request", request.pk)).json()["attachments"]
    assert listed == [attachment]

    download_path = url("request", request.pk, attachment["id"], action="attachment-download")
    assert attachment["url"].endswith(download_path)
    focal_a = api_client_for(world.user("focal_point"))
    response = focal_a.get(download_path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 request letter"

    assert api_client_for(world.focal_b).get(download_path).status_code == 404
    assert api_client_for(world.user("official")).get(download_path).status_code == 404
    other = SupportRequestFactory(lead=world.institution_a, thematic_area=codes["imt"])
    wrong_pair = url("request", other.pk, attachment["id"], action="attachment-download")
    assert officer.get(wrong_pair).status_code == 404

    # Partners may read their request's files but not add any.
    again = SimpleUploadedFile("note.txt", b"note", content_type="text/plain")
    assert focal_a.post(upload_url, {"file": again}, format="multipart").status_code == 403


def test_attachment_type_and_size_are_checked(world, codes, api_client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    request = SupportRequestFactory(lead=world.institution_a, thematic_area=codes["imt"])
    upload_url = url("request", request.pk, action="attachments")
    client = api_client_for(world.user("programme_officer"))
    bad = [
        SimpleUploadedFile("setup.exe", b"MZ", content_type="application/octet-stream"),
        SimpleUploadedFile("no-extension", b"data", content_type="text/plain"),
        SimpleUploadedFile("scan.png", b"0" * (10 * 1024 * 1024 + 1), content_type="image/png"),
    ]
    for upload in bad:
        response = client.post(upload_url, {"file": upload}, format="multipart")
        assert response.status_code == 400, (upload.name, response.content)
        assert "file" in error_fields(response)
    response = client.post(upload_url, {"title": "No file"}, format="multipart")
    assert response.status_code == 400 and "file" in error_fields(response)
    response = client.post(upload_url, {"file": "not a file"}, format="json")
    assert response.status_code == 415
    assert not RequestAttachment.objects.exists()


# --- Code lists -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_code_lists_read_by_all_written_by_managers(world, codes, api_client_for, role):
    client = api_client_for(world.user(role))
    for basename in ("thematic-area", "gcm-objective", "purpose-code", "programme-phase"):
        assert client.get(url(basename, action="list")).status_code == 200
    created = client.post(
        url("thematic-area", action="list"),
        {"code": "IMT-SMG", "name_fr": "Trafic illicite de migrants", "parent": codes["imt"].pk},
        format="json",
    )
    edited = client.patch(url("thematic-area", codes["lm"].pk), {"name_es": "Migración legal"}, format="json")
    if role in MANAGERS:
        assert created.status_code == 201, created.content
        assert created.json()["name"] == "Trafic illicite de migrants"  # falls back to French
        assert audit_entries(ThematicArea, created.json()["id"], "create").get().actor == world.user(role)
        assert edited.status_code == 200
    else:
        assert created.status_code == 403 and edited.status_code == 403


def test_code_list_rules_name_the_field(world, codes, api_client_for):
    client = api_client_for(world.user("programme_manager"))
    policy = {"code": "15150", "name_en": "Democratic participation and civil society"}
    cases = [
        ("thematic-area", {"code": "XX"}, "name_en"),
        ("thematic-area", {"code": "IMT", "name_en": "Again"}, "code"),
        ("thematic-area", {"code": "XX-Y", "name_en": "Deep", "parent": codes["thb"].pk}, "parent"),
        ("purpose-code", {**policy, "is_default": True}, "is_default"),
        ("purpose-code", {**policy, "code": "151500"}, "code"),
        ("gcm-objective", {"number": 24, "title_en": "No such objective"}, "number"),
        (
            "programme-phase",
            {"code": "MIEUX IV", "name_en": "MIEUX IV", "starts_on": "2025-01-01", "ends_on": "2024-01-01"},
            "ends_on",
        ),
    ]
    for basename, payload, field in cases:
        response = client.post(url(basename, action="list"), payload, format="json")
        assert response.status_code == 400, (payload, response.content)
        assert field in error_fields(response), (payload, response.json())
    objective = GlobalCompactObjectiveFactory(number=3)
    response = client.patch(
        url("gcm-objective", objective.pk), {"title_en": "", "title_fr": None, "title_es": ""}, format="json"
    )
    assert response.status_code == 400 and "title_en" in error_fields(response)

    response = client.post(url("purpose-code", action="list"), policy, format="json")
    assert response.status_code == 201 and response.json()["is_default"] is False
    assert client.delete(url("purpose-code", response.json()["id"])).status_code == 204
    # A code list entry in use is not deleted.
    ActionFactory(thematic_area=codes["imt"])
    response = client.delete(url("thematic-area", codes["imt"].pk))
    assert response.status_code == 400 and response.json()["error"]["code"] == "protected"


# --- Activities -----------------------------------------------------------------------------


def test_activities_plan_filter_and_launch(world, codes, api_client_for):
    action = ActionFactory(lead=world.institution_a, approved_on=datetime.date(2024, 1, 10))
    other = ActionFactory(lead=world.institution_b)
    ActivityFactory(action=other)
    client = api_client_for(world.user("programme_officer"))
    first = client.post(
        url("activity", action="list"),
        {"action": action.pk, "type": "workshop", "title": "Launch workshop", "planned_start": "2024-03-01"},
        format="json",
    )
    assert first.status_code == 201, first.content
    response = client.post(
        url("activity", action="list"),
        {"action": action.pk, "type": "training", "title": "Training", "sequence": 1},
        format="json",
    )
    assert response.status_code == 400 and "sequence" in error_fields(response)
    rows = client.get(url("activity", action="list"), {"action": action.pk}).json()["results"]
    assert [row["id"] for row in rows] == [first.json()["id"]]
    response = client.get(url("activity", action="list"), {"status": "exploded"})
    assert response.status_code == 400 and "status" in error_fields(response)

    activity = Activity.objects.get(pk=first.json()["id"])
    activity_url = url("activity", activity.pk)
    # The status moves only through its transitions, never by an edit.
    response = client.patch(activity_url, {"status": "held", "held_on": "2024-03-02"}, format="json")
    assert response.status_code == 400 and "status" in error_fields(response)
    assert transition(client, "activity", activity, "confirmed").status_code == 409  # no expert yet
    ExpertAssignmentFactory(activity=activity)
    response = transition(client, "activity", activity, "confirmed")
    assert response.status_code == 200 and response.json()["status"] == "confirmed", response.content
    response = client.patch(activity_url, {"held_on": "2024-03-02"}, format="json")
    assert response.status_code == 200, response.content
    response = transition(client, "activity", activity, "held")
    assert response.status_code == 200 and response.json()["status"] == "held", response.content
    body = client.get(url("action", action.pk)).json()
    assert body["launched_on"] == "2024-03-02" and body["days_to_launch"] == 52
    assert body["launch_overdue"] is False

    assert api_client_for(world.user("focal_point")).get(activity_url).status_code == 200
    assert api_client_for(world.user("focal_point")).delete(activity_url).status_code == 403
    assert client.delete(activity_url).status_code == 403  # officers plan, managers delete
    assert api_client_for(world.user("programme_manager")).delete(activity_url).status_code == 204
    assert api_client_for(world.user("programme_manager")).get(activity_url).status_code == 404


def test_read_only_token_cannot_transition_or_upload(world, codes, api_client_for):
    request = SupportRequestFactory(lead=world.institution_a, thematic_area=codes["imt"])
    client = api_client_for(world.user("administrator"), read_only=True)
    assert client.get(url("request", request.pk, action="transitions")).status_code == 200
    response = transition(client, "request", request, "screening")
    assert response.status_code == 403 and "read-only" in response.json()["error"]["message"]
    letter = SimpleUploadedFile("letter.pdf", b"%PDF", content_type="application/pdf")
    upload = client.post(
        url("request", request.pk, action="attachments"), {"file": letter}, format="multipart"
    )
    assert upload.status_code == 403
    request.refresh_from_db()
    assert request.status == "received" and not request.attachments.exists()
