"""Requests in the partner portal: a focal point drafts, edits, reviews, sends and withdraws its
institution's request; the eligibility check and what is missing are explained before sending; the
programme's clarification questions reach the focal points by e-mail and are answered on the
request's page. Nobody outside the institution sees a draft, and another institution sees nothing."""

from __future__ import annotations

import html
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from actions import services
from actions.choices import DOCUMENT_MAX_BYTES, RequestChannel, RequesterRole, RequestStatus
from actions.models import RequestClarification, SupportRequest
from mieux.models import AuditEntry
from mieux.roles import Role
from partners.choices import InstitutionType
from tests.factories import InstitutionFactory, PersonFactory, UserFactory
from tests.resources import audit_entries

from .factories import SupportRequestFactory, ThematicAreaFactory

STAFF = ["administrator", "programme_manager", "programme_officer"]
NOT_WRITING = ["hr_officer", "training_officer", "official", "expert", "integrator", *STAFF]
REFERENCE = re.compile(rf"^R-{timezone.localdate().year}-\d{{3}}$")


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    translation.deactivate()


@pytest.fixture
def areas(db):
    imt = ThematicAreaFactory(code="IMT", name_en="Irregular migration and trafficking")
    return {
        "imt": imt,
        "thb": ThematicAreaFactory(code="IMT-THB", name_en="Trafficking in human beings", parent=imt),
        "lm": ThematicAreaFactory(code="LM", name_en="Legal migration and mobility"),
    }


@pytest.fixture
def focal(world):
    return world.user("focal_point")


def text(response) -> str:
    return response.content.decode()


def form_data(areas, **overrides) -> dict:
    data = {
        "own_role": RequesterRole.LEAD,
        "co_requester_1_role": RequesterRole.CO_REQUESTER,
        "co_requester_2_role": RequesterRole.CO_REQUESTER,
        "co_requester_3_role": RequesterRole.CO_REQUESTER,
        "title": "Identification of victims of trafficking at the southern border",
        "thematic_area": areas["imt"].pk,
        "specific_area": areas["thb"].pk,
        "proposed_action_type": "classic",
        "needs_statement": "Front-line officers need to identify victims early.",
        "expected_results": "A referral procedure used at every border post.",
        "target_groups": "Forty border officers and ten trainers.",
        "languages": ["es", "en"],
        "timing": "From March; not during the summer holidays.",
        "step": "save",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def draft_of(world, areas, **fields) -> SupportRequest:
    """A draft written by institution A's focal point, through the service."""
    fields.setdefault("title", "Border management training")
    fields.setdefault("thematic_area", areas["imt"])
    requesters = fields.pop("requesters", [(world.institution_a, RequesterRole.LEAD)])
    return services.request_create(actor=world.user("focal_point"), requesters=requesters, **fields)


def complete_draft(world, areas) -> SupportRequest:
    return draft_of(
        world,
        areas,
        needs_statement="Officers need to identify victims.",
        expected_results="A referral procedure.",
        target_groups="Border officers.",
    )


def in_screening(world, areas) -> SupportRequest:
    request = complete_draft(world, areas)
    request = services.request_transition(request, actor=world.user("focal_point"), to=RequestStatus.RECEIVED)
    return services.request_transition(
        request, actor=world.user("programme_officer"), to=RequestStatus.SCREENING
    )


# --- The focal point writes, sends and withdraws ------------------------------------------------


def test_focal_point_drafts_edits_and_sends_its_request(world, areas, focal, page_client_for):
    client = page_client_for(focal)
    co = InstitutionFactory(name_en="Chiapas State Migration Council", acronym="CEM", country="MX")
    response = client.post(
        reverse("actions:request_draft_create"),
        form_data(areas, co_requester_1=co.pk, attachments=[SimpleUploadedFile("letter.pdf", b"%PDF-1.4")]),
    )
    draft = SupportRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()
    assert draft.status == RequestStatus.DRAFT and draft.channel == RequestChannel.PORTAL
    assert draft.reference.startswith("DRAFT-") and draft.countries == ["MX"]
    assert draft.languages == ["es", "en"] and draft.timing.startswith("From March")
    assert sorted(draft.requesters.values_list("institution_id", "role")) == sorted(
        [(world.institution_a.pk, "lead"), (co.pk, "co_requester")]
    )
    assert draft.attachments.get().title == "letter.pdf"
    assert audit_entries(SupportRequest, draft.pk, "create").get().actor == focal

    page = text(client.get(draft.get_absolute_url()))
    assert "Edit the draft" in page and "Review and send" in page and "only your institution sees it" in page
    assert draft.reference not in page  # a draft has no number yet

    # Back to it later: the form shows what was saved, and "Review and send" saves then reviews.
    url = reverse("actions:request_draft_update", args=[draft.pk])
    edit_page = text(client.get(url))
    assert f'value="{co.pk}" selected' in edit_page and "letter.pdf" in edit_page
    response = client.post(
        url, form_data(areas, title="Victims of trafficking: identification", version=1, step="review")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("actions:request_review", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.title == "Victims of trafficking: identification" and draft.version == 2
    # The co-requester left out this time is no longer named.
    assert list(draft.requesters.values_list("institution_id", flat=True)) == [world.institution_a.pk]

    review = text(client.get(reverse("actions:request_review", args=[draft.pk])))
    assert "The request is eligible." in review and "Everything the programme needs" in review
    assert "What happens after sending" in review and "Steering Committee" in review

    response = client.post(reverse("actions:request_send", args=[draft.pk]), follow=True)
    draft.refresh_from_db()
    assert draft.status == RequestStatus.RECEIVED and REFERENCE.match(draft.reference)
    assert draft.received_on == timezone.localdate() and draft.is_eligible
    assert f"Its reference is {draft.reference}" in text(response)
    entry = audit_entries(SupportRequest, draft.pk, "transition").get()
    assert entry.actor == focal and entry.changes["status"][:2] == ["draft", "received"]
    assert entry.changes["reference"][1] == draft.reference
    # Sent: no longer edited on the portal form.
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()


def test_second_sent_request_takes_the_next_number(world, areas, focal):
    first, second = complete_draft(world, areas), complete_draft(world, areas)
    first = services.request_transition(first, actor=focal, to=RequestStatus.RECEIVED)
    second = services.request_transition(second, actor=focal, to=RequestStatus.RECEIVED)
    number = int(first.reference.rsplit("-", 1)[1])
    assert second.reference == f"R-{timezone.localdate().year}-{number + 1:03d}"


def test_focal_point_withdraws_its_draft_with_a_reason(world, areas, focal, page_client_for):
    draft = draft_of(world, areas)
    client = page_client_for(focal)
    review = text(client.get(reverse("actions:request_review", args=[draft.pk])))
    assert "Reason for withdrawing" in review
    transition_url = reverse("actions:request_transition", args=[draft.pk])
    response = client.post(transition_url, {"to": "withdrawn", "comment": ""}, follow=True)
    assert "A comment is required for this change." in text(response)
    draft.refresh_from_db()
    assert draft.status == RequestStatus.DRAFT
    client.post(transition_url, {"to": "withdrawn", "comment": "Merged with another request."})
    draft.refresh_from_db()
    assert draft.status == RequestStatus.WITHDRAWN
    entry = audit_entries(SupportRequest, draft.pk, "transition").get()
    assert entry.reason == "Merged with another request." and entry.actor == focal


def test_focal_point_withdraws_a_sent_request_before_a_decision(world, areas, focal, page_client_for):
    request = in_screening(world, areas)
    page_client_for(focal).post(
        reverse("actions:request_transition", args=[request.pk]),
        {"to": "withdrawn", "comment": "No longer needed."},
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN


@pytest.mark.parametrize("role", ["focal_point", *NOT_WRITING])
def test_only_a_focal_point_opens_the_guided_form(world, areas, page_client_for, role):
    client = page_client_for(world.user(role))
    response = client.get(reverse("actions:request_draft_create"))
    assert response.status_code == (200 if role == "focal_point" else 403)
    response = client.post(reverse("actions:request_draft_create"), form_data(areas))
    assert response.status_code == (302 if role == "focal_point" else 403)
    assert SupportRequest.objects.exists() == (role == "focal_point")


def test_guided_form_shows_the_institution_candidates_and_the_action_types(
    world, areas, focal, page_client_for
):
    same_country = InstitutionFactory(
        name_en="Mexico City Council", type=InstitutionType.LOCAL_AUTHORITY, country="MX"
    )
    civil = InstitutionFactory(name_en="Sin Fronteras", type=InstitutionType.CIVIL_SOCIETY, country="MX")
    embassy = InstitutionFactory(
        name_en="EU Delegation to Mexico", type=InstitutionType.EU_INSTITUTION, country="MX"
    )
    page = text(page_client_for(focal).get(reverse("actions:request_draft_create")))
    assert "National Migration Institute" in page  # its own institution, fixed
    assert same_country.name in page and civil.name in page
    assert (
        embassy.name not in page and world.institution_b.name not in page
    )  # not a requester; another country
    for type_name in (
        "Classic",
        "Holistic capacity development",
        "Regional capacity development partnership",
    ):
        assert type_name in page
    assert "neighbouring countries learn from each other" in page
    assert "At most 10 MB per file" in page and ".pdf" in page
    for language in ("English", "French", "Spanish", "Portuguese", "Russian", "Arabic"):
        assert language in page


def test_focal_point_without_institution_is_told_why(world, areas, page_client_for):
    orphan = UserFactory(role=Role.FOCAL_POINT)
    response = page_client_for(orphan).post(reverse("actions:request_draft_create"), form_data(areas))
    assert response.status_code == 200 and "not linked to an institution" in text(response)
    assert not SupportRequest.objects.exists()


# --- Bad input: the error names the field, nothing is saved -------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"thematic_area": None}, "thematic_area", "This field is required."),
        (
            {"specific_area": "LM-child"},
            "specific_area",
            "Choose a specific area of the chosen thematic area.",
        ),
        ({"own_role": "co_requester"}, "own_role", "Exactly one institution leads the request"),
        ({"languages": ["xx"]}, "languages", "Select a valid choice."),
        ({"proposed_action_type": "grand"}, "proposed_action_type", "Select a valid choice."),
    ],
)
def test_invalid_draft_names_the_field_and_saves_nothing(
    world, areas, focal, page_client_for, overrides, field, message
):
    if overrides.get("specific_area") == "LM-child":
        overrides = {"specific_area": ThematicAreaFactory(code="LM-LAB", parent=areas["lm"]).pk}
    response = page_client_for(focal).post(
        reverse("actions:request_draft_create"), form_data(areas, **overrides)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field]), errors
    assert not SupportRequest.objects.exists()


def test_co_requester_named_twice_or_two_leads(world, areas, focal, page_client_for):
    co = InstitutionFactory(country="MX")
    client = page_client_for(focal)
    response = client.post(
        reverse("actions:request_draft_create"), form_data(areas, co_requester_1=co.pk, co_requester_2=co.pk)
    )
    assert response.context["form"].errors == {
        "co_requester_2": ["This institution is already named on the request."]
    }
    response = client.post(
        reverse("actions:request_draft_create"),
        form_data(areas, co_requester_1=co.pk, co_requester_1_role="lead"),
    )
    assert "Only one institution can lead" in response.context["form"].errors["own_role"][0]
    # Another country's institution is not on offer, nor accepted.
    response = client.post(
        reverse("actions:request_draft_create"), form_data(areas, co_requester_1=world.institution_b.pk)
    )
    assert "co_requester_1" in response.context["form"].errors
    assert not SupportRequest.objects.exists()


def test_bad_attachments_are_named_and_nothing_is_saved(world, areas, focal, page_client_for):
    client = page_client_for(focal)
    too_large = SimpleUploadedFile("scan.pdf", b"x" * (DOCUMENT_MAX_BYTES + 1))
    response = client.post(
        reverse("actions:request_draft_create"),
        form_data(areas, attachments=[SimpleUploadedFile("tool.exe", b"MZ"), too_large]),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["attachments"]
    assert any("“tool.exe” is not an accepted type of file" in error for error in errors)
    assert any("“scan.pdf” is larger than 10 MB" in error for error in errors)
    assert not SupportRequest.objects.exists()

    draft = draft_of(world, areas)
    response = client.post(
        reverse("actions:request_draft_update", args=[draft.pk]),
        form_data(areas, title="Changed", version=1, attachments=[SimpleUploadedFile("macro.xlsm", b"x")]),
    )
    assert "“macro.xlsm” is not an accepted type of file" in text(response)
    draft.refresh_from_db()
    assert draft.title == "Border management training" and not draft.attachments.exists()


def test_stale_draft_edit_is_refused(world, areas, focal, page_client_for):
    draft = draft_of(world, areas)
    client = page_client_for(focal)
    url = reverse("actions:request_draft_update", args=[draft.pk])
    assert client.post(url, form_data(areas, title="First", version=1)).status_code == 302
    response = client.post(url, form_data(areas, title="Second", version=1))
    assert response.status_code == 200 and "Someone else changed this record" in text(response)
    draft.refresh_from_db()
    assert draft.title == "First"


# --- Review: eligibility and completeness explained ----------------------------------------------


def test_review_explains_why_a_civil_society_request_is_not_eligible(world, areas, page_client_for):
    ngo = InstitutionFactory(
        name_en="Sin Fronteras", acronym="", type=InstitutionType.CIVIL_SOCIETY, country="MX"
    )
    ngo_focal = UserFactory(role=Role.FOCAL_POINT)
    PersonFactory(institution=ngo, user=ngo_focal)
    draft = services.request_create(
        actor=ngo_focal,
        requesters=[(ngo, RequesterRole.LEAD)],
        title="Legal aid for migrants",
        thematic_area=areas["imt"],
        needs_statement="Migrants in detention have no lawyer.",
        expected_results="Legal aid desks.",
        target_groups="Lawyers.",
    )
    client = page_client_for(ngo_focal)
    review = text(client.get(reverse("actions:request_review", args=[draft.pk])))
    assert "As it stands, the request is not eligible." in review
    assert "Sin Fronteras: a civil-society organisation may request only jointly with a government" in review
    assert "cannot be put to the Steering Committee as it stands" in review
    assert "Change the requesting institutions" in review
    assert not re.search(r"<button[^>]*disabled[^>]*>\s*Send the request", review)
    # It may still be sent: the programme answers every request.
    client.post(reverse("actions:request_send", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == RequestStatus.RECEIVED and not draft.is_eligible

    # With a government co-requester of the same country, the same request is eligible.
    ministry = InstitutionFactory(name_en="Ministry of the Interior", country="MX")
    second = services.request_create(
        actor=ngo_focal,
        requesters=[(ngo, RequesterRole.CO_REQUESTER), (ministry, RequesterRole.LEAD)],
        title="Legal aid, with the ministry",
        thematic_area=areas["imt"],
    )
    review = text(client.get(reverse("actions:request_review", args=[second.pk])))
    assert "The request is eligible." in review and "jointly with a government institution" in review


def test_review_lists_what_is_missing_and_sending_is_refused(world, areas, focal, page_client_for):
    draft = draft_of(world, areas)
    client = page_client_for(focal)
    review = text(client.get(reverse("actions:request_review", args=[draft.pk])))
    missing = "Before sending, describe the needs, the expected results, the target groups."
    assert missing in review and "Complete the draft" in review
    assert re.search(r"<button[^>]*disabled[^>]*>\s*Send the request", review)
    response = client.post(reverse("actions:request_send", args=[draft.pk]), follow=True)
    assert missing in text(response)
    draft.refresh_from_db()
    assert draft.status == RequestStatus.DRAFT and draft.reference.startswith("DRAFT-")
    assert not audit_entries(SupportRequest, draft.pk, "transition").exists()


def test_review_page_is_for_the_focal_point_of_a_draft(world, areas, focal, page_client_for):
    draft = draft_of(world, areas)
    url = reverse("actions:request_review", args=[draft.pk])
    assert page_client_for(world.user("hr_officer")).get(url).status_code == 403
    assert page_client_for(world.user("programme_officer")).get(url).status_code == 404
    sent = in_screening(world, areas)
    response = page_client_for(focal).get(reverse("actions:request_review", args=[sent.pk]))
    assert response.status_code == 302 and response["Location"] == sent.get_absolute_url()


# --- Who sees a draft and the institution's requests ---------------------------------------------


def test_staff_never_see_a_draft(world, areas, page_client_for):
    draft = draft_of(world, areas, title="Unsent institutional draft")
    for role in [*STAFF, "integrator"]:
        client = page_client_for(world.user(role))
        for name in ("request_detail", "request_draft_update", "request_review", "request_update"):
            assert client.get(reverse(f"actions:{name}", args=[draft.pk])).status_code == 404, (role, name)
        assert client.post(reverse("actions:request_send", args=[draft.pk])).status_code == 404
        transition = reverse("actions:request_transition", args=[draft.pk])
        assert client.post(transition, {"to": "withdrawn", "comment": "x"}).status_code == 404
        assert "Unsent institutional draft" not in text(client.get(reverse("actions:request_list")))
    draft.refresh_from_db()
    assert draft.status == RequestStatus.DRAFT


def test_a_draft_withdrawn_unsent_stays_with_its_institution(world, areas, focal, page_client_for):
    draft = draft_of(world, areas, title="Abandoned draft")
    draft = services.request_transition(draft, actor=focal, to=RequestStatus.WITHDRAWN, comment="Not needed.")
    sent = in_screening(world, areas)
    services.request_transition(sent, actor=focal, to=RequestStatus.WITHDRAWN, comment="Solved otherwise.")
    officer = page_client_for(world.user("programme_officer"))
    assert officer.get(draft.get_absolute_url()).status_code == 404
    assert officer.get(sent.get_absolute_url()).status_code == 200  # a sent request stays on record
    assert "Abandoned draft" not in text(officer.get(reverse("actions:request_list")))
    assert "Abandoned draft" in text(page_client_for(focal).get(reverse("actions:request_list")))


def test_hr_and_training_officers_read_the_draft_only(world, areas, page_client_for):
    draft = draft_of(world, areas)
    for role in ("hr_officer", "training_officer"):
        client = page_client_for(world.user(role))
        page = text(client.get(draft.get_absolute_url()))
        assert "Border management training" in page
        assert "Edit the draft" not in page and "Review and send" not in page
        assert client.get(reverse("actions:request_draft_update", args=[draft.pk])).status_code == 403
        assert client.post(reverse("actions:request_send", args=[draft.pk])).status_code == 403
        list_page = text(client.get(reverse("actions:request_list")))
        assert "Border management training" in list_page and "New request" not in list_page
    draft.refresh_from_db()
    assert draft.status == RequestStatus.DRAFT
    # The official follows Actions, not requests.
    assert page_client_for(world.user("official")).get(draft.get_absolute_url()).status_code == 404


def test_another_institution_sees_none_of_it(world, areas, page_client_for):
    draft = draft_of(world, areas, title="Draft of institution A")
    sent = in_screening(world, areas)
    services.request_transition(
        sent,
        actor=world.user("programme_officer"),
        to=RequestStatus.CLARIFICATION_REQUESTED,
        comment="Which units?",
    )
    client = page_client_for(world.focal_b)
    for request in (draft, sent):
        for name in ("request_detail", "request_draft_update", "request_review", "request_update"):
            assert client.get(reverse(f"actions:{name}", args=[request.pk])).status_code == 404, name
        assert client.post(reverse("actions:request_send", args=[request.pk])).status_code == 404
        assert (
            client.post(reverse("actions:request_answer", args=[request.pk]), {"answer": "x"}).status_code
            == 404
        )
    attachment = services.request_attachment_add(
        draft, actor=world.user("focal_point"), file=SimpleUploadedFile("note.txt", b"secret")
    )
    url = reverse("actions:request_attachment", args=[draft.pk, attachment.pk])
    assert client.get(url).status_code == 404
    page = text(client.get(reverse("actions:request_list")))
    assert "Draft of institution A" not in page and sent.reference not in page and sent.title not in page
    assert "My institution&#x27;s requests" in page and "New request" in page


def test_partner_list_marks_drafts_and_explains_status(world, areas, focal, page_client_for):
    draft = draft_of(world, areas, title="Half-written request")
    sent = in_screening(world, areas)
    client = page_client_for(focal)
    page = text(client.get(reverse("actions:request_list")))
    assert "Draft, not sent" in page and "Not sent yet" in page and sent.reference in page
    assert draft.reference not in page
    assert reverse("actions:request_draft_create") in page and "Programme region" not in page
    detail = text(client.get(sent.get_absolute_url()))
    assert "Where the request stands" in detail and "The programme team is screening the request" in detail
    officer_list = text(page_client_for(world.user("programme_officer")).get(reverse("actions:request_list")))
    assert "Half-written request" not in officer_list and "Register a request" in officer_list


def test_partner_request_list_query_count_does_not_grow(world, areas, focal, page_client_for):
    client = page_client_for(focal)
    url = reverse("actions:request_list")
    draft_of(world, areas)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for number in range(12):
        SupportRequestFactory(lead=world.institution_a, thematic_area=areas["imt"])
        draft_of(world, areas, title=f"Draft {number}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(one) == len(many), [query["sql"] for query in many.captured_queries]


# --- Clarification: asked by the programme, answered by the focal point ------------------------


def test_clarification_asked_mailed_answered_and_threaded(
    world, areas, focal, page_client_for, django_capture_on_commit_callbacks
):
    focal.language = "fr"
    focal.save(update_fields=["language"])
    request = in_screening(world, areas)
    officer = world.user("programme_officer")
    officer_client = page_client_for(officer)
    page = text(officer_client.get(request.get_absolute_url()))
    assert "Question to the institution" in page and 'value="clarification_requested"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            reverse("actions:request_transition", args=[request.pk]),
            {"to": "clarification_requested", "comment": "Which border posts should the training cover?"},
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.CLARIFICATION_REQUESTED
    clarification = RequestClarification.objects.get(request=request)
    assert clarification.question == "Which border posts should the training cover?"
    assert clarification.asked_by == officer
    # The focal point of the requesting institution is e-mailed, in its own language; nobody else.
    assert [message.to for message in mail.outbox] == [[focal.email]]
    message = mail.outbox[0]
    with translation.override("fr"):
        subject = translation.gettext("A question about your request %(reference)s") % {
            "reference": request.reference
        }
    assert message.subject == subject
    assert "Which border posts" in message.body and request.get_absolute_url() in message.body

    # The focal point sees the question and the answer form; the HR officer only the question.
    client = page_client_for(focal)
    page = text(client.get(request.get_absolute_url()))
    assert "Which border posts should the training cover?" in page and 'name="answer"' in page
    hr_client = page_client_for(world.user("hr_officer"))
    hr_page = text(hr_client.get(request.get_absolute_url()))
    assert "Which border posts" in hr_page and 'name="answer"' not in hr_page
    answer_url = reverse("actions:request_answer", args=[request.pk])
    assert hr_client.post(answer_url, {"answer": "All of them."}).status_code == 403

    # An empty answer is a form error on the request's page.
    response = client.post(answer_url, {"answer": "   "})
    with translation.override("fr"):  # the focal point reads the platform in French
        missing_answer = translation.gettext("Write your answer to the question.")
    assert response.status_code == 200 and missing_answer in html.unescape(text(response))
    request.refresh_from_db()
    assert request.status == RequestStatus.CLARIFICATION_REQUESTED

    response = client.post(
        answer_url,
        {
            "answer": "Tapachula and Ciudad Hidalgo.",
            "attachments": [SimpleUploadedFile("posts.pdf", b"%PDF-1.4")],
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    clarification.refresh_from_db()
    assert request.status == RequestStatus.SCREENING
    assert clarification.answer == "Tapachula and Ciudad Hidalgo." and clarification.answered_by == focal
    assert clarification.answered_at is not None
    assert request.attachments.get().title == "posts.pdf"
    update = audit_entries(RequestClarification, clarification.pk, "update").get()
    assert update.actor == focal and update.changes["answer"][1] == "Tapachula and Ciudad Hidalgo."
    last = AuditEntry.objects.for_object(request).filter(action="transition").order_by("-id").first()
    assert last.actor == focal and last.changes["status"][:2] == ["clarification_requested", "screening"]

    # The thread shows question and answer, with who and when, to staff and to the institution.
    # Each reads it in their own language (the focal point in French).
    for viewer, language in ((officer_client, "en"), (client, "fr"), (hr_client, "en")):
        with translation.override(language):
            heading = translation.gettext("Questions and answers")
        page = html.unescape(text(viewer.get(request.get_absolute_url())))
        assert heading in page and "Tapachula and Ciudad Hidalgo." in page
        assert str(focal) in page and str(officer) in page
    # Answered: no answer form any more, and a second answer is refused.
    assert 'name="answer"' not in text(client.get(request.get_absolute_url()))
    response = client.post(answer_url, {"answer": "Again."}, follow=True)
    with translation.override("fr"):
        nothing_waiting = translation.gettext("No question is waiting for an answer on this request.")
    assert nothing_waiting in html.unescape(text(response))


def test_asking_without_a_question_is_refused(world, areas, page_client_for):
    request = in_screening(world, areas)
    response = page_client_for(world.user("programme_officer")).post(
        reverse("actions:request_transition", args=[request.pk]),
        {"to": "clarification_requested", "comment": ""},
        follow=True,
    )
    assert "A comment is required for this change." in text(response)
    assert not RequestClarification.objects.exists()


def test_answer_with_a_bad_file_names_it_and_keeps_the_question_open(world, areas, focal, page_client_for):
    request = in_screening(world, areas)
    services.request_transition(
        request,
        actor=world.user("programme_officer"),
        to=RequestStatus.CLARIFICATION_REQUESTED,
        comment="Which posts?",
    )
    response = page_client_for(focal).post(
        reverse("actions:request_answer", args=[request.pk]),
        {"answer": "See the list.", "attachments": [SimpleUploadedFile("list.exe", b"MZ")]},
    )
    assert response.status_code == 200 and "“list.exe” is not an accepted type of file" in text(response)
    request.refresh_from_db()
    assert request.status == RequestStatus.CLARIFICATION_REQUESTED and not request.attachments.exists()
    assert RequestClarification.objects.get().answered_at is None


def test_staff_are_not_offered_the_draft_status_to_filter_on(world, page_client_for):
    from actions.filtersets import SupportRequestFilterSet

    # Build the shared filter's form field first, as generating the API schema does in a long run.
    assert SupportRequestFilterSet.base_filters["status"].field is not None
    officer_page = page_client_for(world.user("programme_officer")).get(reverse("actions:request_list"))
    focal_page = page_client_for(world.user("focal_point")).get(reverse("actions:request_list"))
    assert 'value="draft"' not in text(officer_page)
    assert 'value="draft"' in text(focal_page)
