"""Programme pages: who sees what (200/403/404), the transition forms, the stale edit form, the
Steering Committee decision form and the portfolio's query count."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from actions import services
from actions.choices import ActionStatus, ActivityStatus, PartnerRole, RequestStatus
from actions.models import Action, SupportRequest
from mieux.models import AuditEntry
from partners.choices import InstitutionType
from tests.factories import InstitutionFactory

from .factories import (
    ActionFactory,
    ActivityFactory,
    GlobalCompactObjectiveFactory,
    MeetingFactory,
    ProgrammePhaseFactory,
    PurposeCodeFactory,
    SupportRequestFactory,
    ThematicAreaFactory,
)

STAFF = ["administrator", "programme_manager", "programme_officer"]
REQUESTING = ["focal_point", "hr_officer", "training_officer"]
ALL = [*STAFF, *REQUESTING, "official", "expert", "integrator"]


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """The locale middleware leaves a request's language active in the thread: reset it, so a
    French page here does not turn the next test module's messages French."""
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
def support_request(world, code_lists):
    return SupportRequestFactory(
        lead=world.institution_a,
        title="Identification of victims of trafficking",
        thematic_area=code_lists["imt"],
    )


@pytest.fixture
def action(world, code_lists):
    return ActionFactory(
        lead=world.institution_a,
        short_name="Mexico III",
        title_en="Strengthening the identification of victims",
        thematic_area=code_lists["imt"],
        phase=code_lists["phase"],
        officer=world.user("programme_officer"),
    )


def status_of(client, url) -> int:
    return client.get(url).status_code


def page_text(response) -> str:
    return response.content.decode()


# --- Who sees which page -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL)
def test_list_pages_open_to_every_signed_in_role(world, code_lists, page_client_for, role):
    client = page_client_for(world.user(role))
    for name in (
        "actions:request_list",
        "actions:meeting_list",
        "actions:action_list",
        "actions:code_lists",
        "actions:thematic_area_list",
        "actions:gcm_objective_list",
        "actions:purpose_code_list",
        "actions:phase_list",
    ):
        assert status_of(client, reverse(name)) == 200, name


def test_pages_require_login(client, support_request):
    for url in (reverse("actions:request_list"), support_request.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize(
    ("role", "expected"),
    [(role, 200) for role in [*STAFF, *REQUESTING, "integrator"]] + [("official", 404), ("expert", 404)],
)
def test_request_page_per_role(world, support_request, page_client_for, role, expected):
    assert status_of(page_client_for(world.user(role)), support_request.get_absolute_url()) == expected


def test_other_institutions_focal_point_gets_404_on_the_request(world, support_request, page_client_for):
    client = page_client_for(world.focal_b)
    assert status_of(client, support_request.get_absolute_url()) == 404
    assert support_request.reference not in page_text(client.get(reverse("actions:request_list")))


def test_request_list_shows_lead_eligibility_and_scopes_partners(world, support_request, page_client_for):
    page = page_text(page_client_for(world.user("focal_point")).get(reverse("actions:request_list")))
    assert support_request.reference in page and "National Migration Institute" in page and "Eligible" in page


@pytest.mark.parametrize(
    ("role", "expected"),
    [("programme_officer", 200), ("administrator", 200), ("integrator", 200)]
    + [(role, 403) for role in ["hr_officer", "training_officer", "official", "expert"]],
)
def test_register_request_page_per_role(world, code_lists, page_client_for, role, expected):
    assert status_of(page_client_for(world.user(role)), reverse("actions:request_create")) == expected


def test_register_request_page_sends_a_focal_point_to_the_portal_form(world, code_lists, page_client_for):
    """A focal point writes its institution's requests on the guided portal form, as drafts."""
    client = page_client_for(world.user("focal_point"))
    response = client.get(reverse("actions:request_create"))
    assert response.status_code == 302 and response["Location"] == reverse("actions:request_draft_create")
    response = client.post(reverse("actions:request_create"), {"title": "On the staff form"})
    assert response.status_code == 302 and response["Location"] == reverse("actions:request_draft_create")
    assert not SupportRequest.objects.filter(title="On the staff form").exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [(role, 200) for role in [*STAFF, "integrator"]]
    + [(role, 404) for role in [*REQUESTING, "official", "expert"]],
)
def test_meeting_page_per_role(world, page_client_for, role, expected):
    meeting = MeetingFactory()
    assert status_of(page_client_for(world.user(role)), meeting.get_absolute_url()) == expected


@pytest.mark.parametrize(
    ("role", "expected"), [("programme_manager", 200), ("administrator", 200), ("programme_officer", 403)]
)
def test_meeting_form_is_for_managers(world, page_client_for, role, expected):
    meeting = MeetingFactory()
    client = page_client_for(world.user(role))
    assert status_of(client, reverse("actions:meeting_create")) == expected
    assert status_of(client, reverse("actions:meeting_update", args=[meeting.pk])) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [(role, 200) for role in [*STAFF, *REQUESTING, "official", "integrator"]] + [("expert", 404)],
)
def test_unpublished_action_page_per_role(world, action, page_client_for, role, expected):
    assert status_of(page_client_for(world.user(role)), action.get_absolute_url()) == expected


def test_other_institutions_focal_point_sees_only_published_actions(world, action, page_client_for):
    client = page_client_for(world.focal_b)
    assert status_of(client, action.get_absolute_url()) == 404
    assert "Mexico III" not in page_text(client.get(reverse("actions:action_list")))
    Action.objects.filter(pk=action.pk).update(published=True)
    page = page_text(client.get(action.get_absolute_url()))
    assert "Mexico III" in page
    # Not a partner of this Action: no timeline, no officer.
    assert "Timeline" not in page and world.user("programme_officer").full_name not in page


@pytest.mark.parametrize(
    ("role", "expected"),
    [("programme_officer", 200), ("programme_manager", 200), ("integrator", 200), ("focal_point", 403)],
)
def test_action_edit_page_per_role(world, action, page_client_for, role, expected):
    assert (
        status_of(page_client_for(world.user(role)), reverse("actions:action_update", args=[action.pk]))
        == expected
    )


@pytest.mark.parametrize(("role", "expected"), [("programme_manager", 200), ("programme_officer", 403)])
def test_action_create_page_is_for_managers(world, code_lists, page_client_for, role, expected):
    assert status_of(page_client_for(world.user(role)), reverse("actions:action_create")) == expected


@pytest.mark.parametrize(("role", "expected"), [("programme_manager", 200), ("programme_officer", 403)])
def test_code_list_forms_are_for_managers(world, code_lists, page_client_for, role, expected):
    client = page_client_for(world.user(role))
    gcm = GlobalCompactObjectiveFactory(number=2)
    for url in (
        reverse("actions:thematic_area_create"),
        code_lists["imt"].get_absolute_url(),
        gcm.get_absolute_url(),
        code_lists["purpose"].get_absolute_url(),
        code_lists["phase"].get_absolute_url(),
    ):
        assert status_of(client, url) == expected, url


def test_manager_creates_and_edits_a_specific_area(world, code_lists, page_client_for):
    client = page_client_for(world.user("programme_manager"))
    response = client.post(
        reverse("actions:thematic_area_create"),
        {
            "code": "IMT-PILOT",
            "name_en": "Pilot specific area",
            "parent": code_lists["imt"].pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    page = page_text(client.get(reverse("actions:thematic_area_list"), {"q": "IMT-PILOT"}))
    assert "Pilot specific area" in page
    assert AuditEntry.objects.filter(object_repr__startswith="IMT-PILOT", action="create").exists()


# --- Attachments -----------------------------------------------------------------------------


def test_attachment_streams_only_to_those_who_see_the_request(world, support_request, page_client_for):
    attachment = services.request_attachment_add(
        support_request,
        actor=world.user("programme_officer"),
        file=SimpleUploadedFile("letter.txt", b"Dear MIEUX team"),
        title="Request letter",
    )
    url = reverse("actions:request_attachment", args=[support_request.pk, attachment.pk])
    response = page_client_for(world.user("focal_point")).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Dear MIEUX team"
    assert "attachment" in response["Content-Disposition"]
    assert status_of(page_client_for(world.focal_b), url) == 404
    assert status_of(page_client_for(world.user("official")), url) == 404
    other = SupportRequestFactory(lead=world.institution_b, thematic_area=support_request.thematic_area)
    wrong_parent = reverse("actions:request_attachment", args=[other.pk, attachment.pk])
    assert status_of(page_client_for(world.user("programme_officer")), wrong_parent) == 404
    page = page_text(page_client_for(world.user("focal_point")).get(support_request.get_absolute_url()))
    assert url in page and "Request letter" in page


def test_register_request_with_requesters_and_attachments(world, code_lists, page_client_for):
    client = page_client_for(world.user("programme_officer"))
    co = InstitutionFactory(name_en="Ministry of Foreign Affairs", country="MX")
    response = client.post(
        reverse("actions:request_create"),
        {
            "title": "Labour migration statistics",
            "channel": "direct",
            "received_on": "2024-02-01",
            "countries": ["MX"],
            "thematic_area": code_lists["imt"].pk,
            "proposed_action_type": "classic",
            "languages": "es, en",
            "needs_statement": "Better data on labour migration.",
            "lead_institution": world.institution_a.pk,
            "co_requester_1": co.pk,
            "attachments": [
                SimpleUploadedFile("letter.pdf", b"%PDF-1.4"),
                SimpleUploadedFile("note.txt", b"x"),
            ],
        },
    )
    assert response.status_code == 302, page_text(response)
    created = SupportRequest.objects.get(title="Labour migration statistics")
    assert created.reference == "R-2024-001" and created.is_eligible
    assert sorted(created.requesters.values_list("role", flat=True)) == ["co_requester", "lead"]
    assert created.attachments.count() == 2
    page = page_text(client.get(created.get_absolute_url()))
    assert "Ministry of Foreign Affairs" in page and "Co-requester" in page and "letter.pdf" in page


def test_register_form_refuses_the_same_institution_twice(world, code_lists, page_client_for):
    response = page_client_for(world.user("programme_officer")).post(
        reverse("actions:request_create"),
        {
            "title": "Twice",
            "channel": "direct",
            "received_on": "2024-02-01",
            "thematic_area": code_lists["imt"].pk,
            "proposed_action_type": "classic",
            "needs_statement": "x",
            "lead_institution": world.institution_a.pk,
            "co_requester_2": world.institution_a.pk,
        },
    )
    assert response.status_code == 200 and "Each institution can be named once." in page_text(response)
    assert not SupportRequest.objects.filter(title="Twice").exists()


# --- Transition forms ------------------------------------------------------------------------


def transition(client, obj, kind: str, to: str, comment: str = ""):
    return client.post(
        reverse(f"actions:{kind}_transition", args=[obj.pk]), {"to": to, "comment": comment}, follow=True
    )


def test_panel_lists_only_the_transitions_the_user_may_make(world, support_request, page_client_for):
    officer_page = page_text(
        page_client_for(world.user("programme_officer")).get(support_request.get_absolute_url())
    )
    assert 'value="screening"' in officer_page and 'value="withdrawn"' in officer_page
    assert 'value="approved"' not in officer_page and 'value="submitted"' not in officer_page
    focal_page = page_text(page_client_for(world.user("focal_point")).get(support_request.get_absolute_url()))
    assert 'value="withdrawn"' in focal_page and 'value="screening"' not in focal_page
    # Withdrawing needs a comment: the textarea says so.
    assert re.search(r'name="comment"[^>]*required', focal_page)


def test_allowed_transition_moves_the_request_and_shows_in_the_timeline(
    world, support_request, page_client_for
):
    client = page_client_for(world.user("programme_officer"))
    response = transition(client, support_request, "request", "screening", "Letter complete.")
    assert response.status_code == 200
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.SCREENING
    page = page_text(response)
    assert "The status is now" in page and "Letter complete." in page
    # The requesting institution follows its request's progress too.
    focal_page = page_text(page_client_for(world.user("focal_point")).get(support_request.get_absolute_url()))
    assert "Timeline" in focal_page and "Letter complete." in focal_page


def test_guard_refusal_is_shown_disabled_and_a_post_is_a_message(world, code_lists, page_client_for):
    administration = InstitutionFactory(type=InstitutionType.MEMBER_STATE_ADMINISTRATION, country="DE")
    ineligible = SupportRequestFactory(
        lead=administration,
        thematic_area=code_lists["imt"],
        status=RequestStatus.SCREENING,
        is_eligible=False,
    )
    client = page_client_for(world.user("programme_officer"))
    page = page_text(client.get(ineligible.get_absolute_url()))
    assert re.search(r"<button[^>]*disabled[^>]*>\s*Submit to the Steering Committee", page)
    assert "cannot request support" in page
    response = transition(client, ineligible, "request", "submitted")
    assert response.status_code == 200 and "cannot request support" in page_text(response)
    ineligible.refresh_from_db()
    assert ineligible.status == RequestStatus.SCREENING


def test_missing_comment_comes_back_as_a_message(world, support_request, page_client_for):
    SupportRequest.objects.filter(pk=support_request.pk).update(status=RequestStatus.SCREENING)
    response = transition(
        page_client_for(world.user("programme_officer")),
        support_request,
        "request",
        "clarification_requested",
    )
    assert response.status_code == 200
    assert "A comment is required for this change." in page_text(response)
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.SCREENING


def test_a_transition_from_the_wrong_state_is_a_message_not_a_500(world, support_request, page_client_for):
    response = transition(
        page_client_for(world.user("programme_manager")), support_request, "request", "approved"
    )
    assert response.status_code == 200 and "cannot go from" in page_text(response)


def test_forbidden_role_gets_403(world, support_request, action, page_client_for):
    response = page_client_for(world.user("focal_point")).post(
        reverse("actions:request_transition", args=[support_request.pk]), {"to": "screening"}
    )
    assert response.status_code == 403
    Action.objects.filter(pk=action.pk).update(published=True)
    response = page_client_for(world.user("expert")).post(
        reverse("actions:action_transition", args=[action.pk]), {"to": "formulation"}
    )
    assert response.status_code == 403
    # Invisible is 404 before it is forbidden.
    response = page_client_for(world.focal_b).post(
        reverse("actions:request_transition", args=[support_request.pk]), {"to": "withdrawn", "comment": "x"}
    )
    assert response.status_code == 404
    support_request.refresh_from_db()
    action.refresh_from_db()
    assert support_request.status == RequestStatus.RECEIVED and action.status == ActionStatus.APPROVED


def test_action_transitions_guards_and_returned_steps(world, action, page_client_for):
    client = page_client_for(world.user("programme_officer"))
    transition(client, action, "action", "formulation", "Identification mission next month.")
    page = page_text(client.get(action.get_absolute_url()))
    # No activity planned yet: the guard disables "Record the agreed plan" and says why.
    assert "Plan at least one activity first." in page
    response = client.post(
        reverse("actions:activity_create", args=[action.pk]),
        {"activity-type": "identification_mission", "activity-title": "Identification mission"},
        follow=True,
    )
    assert "Identification mission" in page_text(response)
    transition(client, action, "action", "plan_agreed")
    response = transition(client, action, "action", "formulation")
    assert "A comment is required for this change." in page_text(response)
    response = transition(client, action, "action", "formulation", "Plan needs a training of trainers.")
    action.refresh_from_db()
    assert action.status == ActionStatus.FORMULATION
    page = page_text(response)
    assert "Returned" in page and "Plan needs a training of trainers." in page


def test_activity_form_errors_render_on_the_action_page(world, action, page_client_for):
    response = page_client_for(world.user("programme_officer")).post(
        reverse("actions:activity_create", args=[action.pk]),
        {
            "activity-type": "workshop",
            "activity-title": "",
            "activity-planned_start": "2024-05-02",
            "activity-planned_end": "2024-05-01",
        },
    )
    assert response.status_code == 200
    assert "The planned end cannot be before the planned start." in page_text(response)
    assert not action.activities.exists()
    assert (
        page_client_for(world.user("focal_point"))
        .post(
            reverse("actions:activity_create", args=[action.pk]),
            {"activity-type": "workshop", "activity-title": "x"},
        )
        .status_code
        == 403
    )


# --- Stale edit forms ------------------------------------------------------------------------


def _form_data(response) -> dict:
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or name == "attachments":
            continue
        if isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif hasattr(field, "prepare_value") and not isinstance(value, str | int):
            data[name] = field.prepare_value(value)
        else:
            data[name] = value
    if "languages" in data and isinstance(data["languages"], list):
        data["languages"] = ", ".join(data["languages"])
    return {k: v for k, v in data.items() if v is not False}


def test_stale_request_edit_is_refused_and_the_first_edit_survives(world, support_request, page_client_for):
    url = reverse("actions:request_update", args=[support_request.pk])
    first, second = (
        page_client_for(world.user("programme_officer")),
        page_client_for(world.user("administrator")),
    )
    first_data, second_data = _form_data(first.get(url)), _form_data(second.get(url))
    assert first_data["version"] == second_data["version"] == 1
    response = first.post(url, {**first_data, "title": "First editor's title"})
    assert response.status_code == 302
    response = second.post(url, {**second_data, "title": "Second editor's title"})
    assert response.status_code == 200
    page = page_text(response)
    assert "Someone else changed this record" in page and "form-errors" in page
    support_request.refresh_from_db()
    assert support_request.title == "First editor's title" and support_request.version == 2


def test_stale_action_edit_is_refused_and_partners_are_edited(world, action, page_client_for):
    url = reverse("actions:action_update", args=[action.pk])
    cdi = InstitutionFactory(
        type=InstitutionType.CAPACITY_DEVELOPMENT_INSTITUTION, name_en="Diplomatic Academy"
    )
    gcm = GlobalCompactObjectiveFactory(number=10)
    first, second = (
        page_client_for(world.user("programme_officer")),
        page_client_for(world.user("programme_manager")),
    )
    first_data, second_data = _form_data(first.get(url)), _form_data(second.get(url))
    assert first_data["lead_beneficiary"] == world.institution_a.pk
    response = first.post(
        url,
        {
            **first_data,
            "short_name": "Mexico III bis",
            "capacity_development_institution": cdi.pk,
            "gcm_objectives": [gcm.pk],
            "budget_eur": "120000.50",
        },
    )
    assert response.status_code == 302, page_text(response)
    response = second.post(url, {**second_data, "short_name": "Overwritten"})
    assert response.status_code == 200 and "Someone else changed this record" in page_text(response)
    action.refresh_from_db()
    assert action.short_name == "Mexico III bis" and action.version == 2
    assert set(action.partner_links.values_list("role", flat=True)) == {
        PartnerRole.LEAD_BENEFICIARY,
        PartnerRole.CAPACITY_DEVELOPMENT_INSTITUTION,
    }
    assert list(action.gcm_objectives.all()) == [gcm]
    page = page_text(first.get(action.get_absolute_url()))
    assert "Diplomatic Academy" in page and "120,000.50" in page


def test_manager_creates_an_action_directly(world, code_lists, page_client_for):
    client = page_client_for(world.user("programme_manager"))
    response = client.post(
        reverse("actions:action_create"),
        {
            "code": "MX-2010-01",
            "approved_on": "2010-05-04",
            "short_name": "Mexico I",
            "title_en": "First Action with Mexico",
            "type": "classic",
            "thematic_area": code_lists["imt"].pk,
            "countries": ["MX"],
            "lead_beneficiary": world.institution_a.pk,
        },
    )
    assert response.status_code == 302, page_text(response)
    created = Action.objects.get(code="MX-2010-01")
    # The phase follows from the approval date; the purpose code is the default (15190).
    assert created.phase.code == "MIEUX_I" and created.purpose_code == code_lists["purpose"]


# --- Steering Committee ----------------------------------------------------------------------


def test_decision_form_approves_and_creates_the_action(world, support_request, page_client_for):
    SupportRequest.objects.filter(pk=support_request.pk).update(status=RequestStatus.SUBMITTED)
    meeting = MeetingFactory(held_on=datetime.date(2024, 3, 5))
    client = page_client_for(world.user("programme_manager"))
    page = page_text(client.get(meeting.get_absolute_url()))
    assert "Record a decision" in page and support_request.reference in page
    response = client.post(
        reverse("actions:meeting_decide", args=[meeting.pk]),
        {"request": support_request.pk, "outcome": "approved", "officer": world.user("programme_officer").pk},
    )
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    created = Action.objects.get(request=support_request)
    assert created.officer == world.user("programme_officer") and created.approved_on == meeting.held_on
    page = page_text(client.get(meeting.get_absolute_url()))
    assert created.get_absolute_url() in page and "was created" in page
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.APPROVED


def test_decision_form_errors_and_limits(world, support_request, page_client_for):
    meeting = MeetingFactory()
    client = page_client_for(world.user("programme_manager"))
    # A request still in "received" is not offered and not accepted.
    response = client.post(
        reverse("actions:meeting_decide", args=[meeting.pk]),
        {"request": support_request.pk, "outcome": "approved"},
    )
    assert response.status_code == 200 and "field__error" in page_text(response)
    SupportRequest.objects.filter(pk=support_request.pk).update(status=RequestStatus.SUBMITTED)
    response = client.post(
        reverse("actions:meeting_decide", args=[meeting.pk]),
        {"request": support_request.pk, "outcome": "rejected"},
    )
    assert response.status_code == 200 and "Give the reason for the decision." in page_text(response)
    assert not Action.objects.exists()
    response = page_client_for(world.user("programme_officer")).post(
        reverse("actions:meeting_decide", args=[meeting.pk]),
        {"request": support_request.pk, "outcome": "rejected", "reason": "x"},
    )
    assert response.status_code == 403


def test_meeting_form_takes_one_member_per_line(world, page_client_for):
    client = page_client_for(world.user("programme_manager"))
    response = client.post(
        reverse("actions:meeting_create"),
        {"held_on": "2024-06-11", "location": "Brussels", "members_present": "DG INTPA\n\nDG HOME\nICMPD\n"},
    )
    assert response.status_code == 302
    page = page_text(client.get(response["Location"]))
    assert "DG HOME" in page and "ICMPD" in page


# --- Portfolio -------------------------------------------------------------------------------


def test_portfolio_flags_overdue_launch_and_filters(world, code_lists, page_client_for):
    ActionFactory(short_name="Late one", approved_on=datetime.date.today() - datetime.timedelta(days=200))
    ActionFactory(short_name="Fresh one", countries=["NG"])
    client = page_client_for(world.user("programme_officer"))
    page = page_text(client.get(reverse("actions:action_list")))
    assert re.search(r"Late one\s*<span class=\"badge badge--danger\"", page)
    assert not re.search(r"Fresh one\s*<span class=\"badge", page)
    page = page_text(client.get(reverse("actions:action_list"), {"country": "NG"}))
    assert "Fresh one" in page and "Late one" not in page and "Nigeria" in page


def test_portfolio_query_count_does_not_grow_with_page_size(world, code_lists, page_client_for):
    officers = [world.user("programme_officer"), world.user("programme_manager")]
    for number in range(50):
        created = ActionFactory(officer=officers[number % 2], countries=["MX", "GT"])
        ActivityFactory(action=created, status=ActivityStatus.PLANNED)
    client = page_client_for(world.user("programme_manager"))
    url = reverse("actions:action_list")
    client.get(url, {"page_size": 1})  # warm-up: sessions, content types, translations
    counts = {}
    for size in (1, 50):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"page_size": size})
        assert response.status_code == 200
        counts[size] = len(queries)
    assert counts[1] == counts[50], counts


def test_request_list_query_count_does_not_grow_with_page_size(world, code_lists, page_client_for):
    for _number in range(30):
        SupportRequestFactory(thematic_area=code_lists["imt"])
    client = page_client_for(world.user("programme_officer"))
    url = reverse("actions:request_list")
    client.get(url, {"page_size": 1})
    counts = {}
    for size in (1, 30):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"page_size": size}).status_code == 200
        counts[size] = len(queries)
    assert counts[1] == counts[30], counts


def test_action_page_shows_lineage_request_and_launch_figures(
    world, action, support_request, page_client_for
):
    follow_up = ActionFactory(short_name="Mexico IV", predecessor=action, lead=world.institution_a)
    Action.objects.filter(pk=action.pk).update(
        request=support_request, approved_on=datetime.date.today() - datetime.timedelta(days=120)
    )
    page = page_text(page_client_for(world.user("programme_officer")).get(action.get_absolute_url()))
    assert follow_up.get_absolute_url() in page and support_request.get_absolute_url() in page
    assert "over the three-month target" in page and "Launch overdue" in page
    assert "1 – Pipeline/identification" in page
    # The official of the partner institution sees the Action but not the request (not theirs to follow).
    official_page = page_text(page_client_for(world.user("official")).get(action.get_absolute_url()))
    assert support_request.get_absolute_url() not in official_page


def test_french_action_page_uses_the_french_title(world, action, page_client_for):
    Action.objects.filter(pk=action.pk).update(title_fr="Renforcer l'identification des victimes")
    client = page_client_for(world.user("programme_officer"))
    client.post(reverse("language_switch"), {"language": "fr", "next": "/"})
    page = page_text(client.get(action.get_absolute_url()))
    assert "Renforcer l&#x27;identification des victimes" in page


def test_portfolio_shows_the_officer_filter_to_staff_only(world, page_client_for):
    url = reverse("actions:action_list")
    staff_page = page_client_for(world.user("programme_officer")).get(url).content.decode()
    partner_page = page_client_for(world.user("focal_point")).get(url).content.decode()
    assert 'name="officer"' in staff_page
    assert 'name="officer"' not in partner_page
