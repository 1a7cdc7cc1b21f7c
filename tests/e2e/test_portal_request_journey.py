"""A partner's request in the browser, in French: institution A's focal point logs in, drafts a
request, comes back to complete it, reviews its eligibility and sends it; the programme asks a
question, which the focal point answers on the request's page; the other institution's focal point
sees none of it.

Labels are looked up through the French catalogue (`fr`), so the journey holds whether or not a
string has been translated yet."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from actions.choices import RequestStatus
from actions.models import RequestClarification, SupportRequest
from partners.choices import InstitutionType
from tests.actions.factories import ThematicAreaFactory
from tests.factories import PASSWORD, InstitutionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fr(text: str) -> str:
    with translation.override("fr"):
        return translation.gettext(text)


def log_in(page, live_server, email: str) -> None:
    """Through the login form (in the browser's English: the account's language applies once
    signed in)."""
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    assert "/login/" not in page.url


def log_out(page) -> None:
    page.locator("form[action='/logout/'] button").click()
    page.wait_for_load_state()


def test_focal_point_drafts_sends_and_answers_in_french(world, live_server, browser_page, screenshot):
    area = ThematicAreaFactory(code="IMT", name_en="Irregular migration and trafficking in human beings")
    specific = ThematicAreaFactory(code="IMT-THB", name_en="Trafficking in human beings", parent=area)
    co_requester = InstitutionFactory(
        name_en="Chiapas State Migration Council",
        acronym="CEM",
        country="MX",
        type=InstitutionType.LOCAL_AUTHORITY,
    )
    focal = world.user("focal_point")
    focal.email, focal.language = "focal.a@mieux.test", "fr"
    focal.save(update_fields=["email", "language"])
    page = browser_page
    list_url = f"{live_server.url}{reverse('actions:request_list')}"

    # focal.a logs in: the interface speaks French.
    log_in(page, live_server, "focal.a@mieux.test")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("button", name=fr("Log out")).is_visible()

    # A first draft: the title and the thematic area are enough to save it.
    page.goto(list_url)
    assert page.get_by_role("heading", name=fr("My institution's requests")).is_visible()
    page.get_by_role("link", name=fr("New request")).click()
    assert page.get_by_text("National Migration Institute (INM)").first.is_visible()
    page.get_by_label(fr("Title of the request")).fill(
        "Identification des victimes de la traite à la frontière sud"
    )
    page.locator("select[name=thematic_area]").select_option(str(area.pk))
    page.get_by_role("button", name=fr("Save draft")).click()
    draft = SupportRequest.objects.get()
    page.wait_for_url(f"{live_server.url}{draft.get_absolute_url()}")
    assert draft.status == RequestStatus.DRAFT
    assert page.locator(".page-header .status--draft").inner_text() == fr("Draft")
    screenshot(page, "fr-00-draft-saved")
    # Half-written, it cannot be sent yet: the review says what is missing.
    page.get_by_role("link", name=fr("Review and send")).click()
    assert page.get_by_role("button", name=fr("Send the request")).is_disabled()
    assert page.get_by_text(fr("Before sending, describe %(missing)s.").split("%")[0]).first.is_visible()
    screenshot(page, "fr-00-review-incomplete")

    # Later, back to it from the list: complete it, with a co-requester and a concept note.
    page.goto(list_url)
    page.get_by_role("link", name=fr("Draft, not sent")).click()
    page.get_by_role("link", name=fr("Edit the draft")).click()
    page.locator("select[name=specific_area]").select_option(str(specific.pk))
    page.locator("select[name=co_requester_1]").select_option(str(co_requester.pk))
    page.get_by_label(fr("Holistic capacity development")).check()
    page.get_by_label(fr("Needs")).fill(
        "Les agents de première ligne doivent identifier plus tôt les victimes de la traite."
    )
    page.locator("[name=expected_results]").fill(
        "Une procédure d'orientation appliquée à chaque poste frontière."
    )
    page.locator("[name=target_groups]").fill("Quarante agents frontaliers et dix formateurs.")
    page.locator("input[name=languages][value=es]").check()
    page.locator("input[name=languages][value=fr]").check()
    page.locator("[name=timing]").fill("À partir de mars ; pas pendant les vacances d'été.")
    page.locator("input[name=attachments]").set_input_files(
        files=[{"name": "note-conceptuelle.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 note"}]
    )
    screenshot(page, "fr-01-request-form")
    page.get_by_role("button", name=fr("Review and send")).click()
    page.wait_for_url(f"{live_server.url}{reverse('actions:request_review', args=[draft.pk])}")

    # The review explains the eligibility and what happens after sending.
    assert page.get_by_text(fr("The request is eligible.")).is_visible()
    assert page.get_by_text(fr("Everything the programme needs to screen the request is there.")).is_visible()
    assert page.get_by_role("heading", name=fr("What happens after sending")).is_visible()
    screenshot(page, "fr-02-review")
    page.get_by_role("button", name=fr("Send the request")).click()
    draft.refresh_from_db()
    page.wait_for_url(f"{live_server.url}{draft.get_absolute_url()}")
    assert draft.status == RequestStatus.RECEIVED and re.match(r"^R-\d{4}-\d{3}$", draft.reference)
    assert page.locator(".page-header .code").inner_text() == draft.reference
    assert draft.attachments.get().title == "note-conceptuelle.pdf"
    assert sorted(draft.requesters.values_list("institution_id", flat=True)) == sorted(
        [world.institution_a.pk, co_requester.pk]
    )

    # An officer screens it and asks a question on the request's page: focal.a is e-mailed.
    log_out(page)
    log_in(page, live_server, "programme_officer@mieux.test")
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    page.get_by_role("button", name="Start screening").click()
    page.get_by_label("Question to the institution").fill(
        "Quels postes frontières la formation doit-elle couvrir ?"
    )
    screenshot(page, "en-officer-asks")
    page.get_by_role("button", name="Ask for clarification").click()
    assert page.get_by_text("The status is now “Clarification requested”.").is_visible()
    draft.refresh_from_db()
    assert draft.status == RequestStatus.CLARIFICATION_REQUESTED
    assert [message.to for message in mail.outbox] == [["focal.a@mieux.test"]]
    log_out(page)
    log_in(page, live_server, "focal.a@mieux.test")
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")

    # focal.a sees the question on the request's page and answers it.
    assert page.get_by_text("Quels postes frontières la formation doit-elle couvrir ?").first.is_visible()
    screenshot(page, "fr-03-question-to-answer")
    page.get_by_label(fr("Your answer")).fill("Tapachula et Ciudad Hidalgo, puis Tenosique.")
    page.get_by_role("button", name=fr("Send the answer")).click()
    page.wait_for_load_state()
    draft.refresh_from_db()
    assert draft.status == RequestStatus.SCREENING
    clarification = RequestClarification.objects.get(request=draft)
    assert clarification.answered_by == focal and clarification.answer.startswith("Tapachula")
    thread = page.locator(".thread")
    assert thread.get_by_text("Tapachula et Ciudad Hidalgo, puis Tenosique.").is_visible()
    assert page.locator(".page-header .status").inner_text() == fr("Screening")
    screenshot(page, "fr-04-request-with-thread")
    log_out(page)

    # focal.b, of another institution, sees none of it.
    log_in(page, live_server, "focal.b@mieux.test")
    page.goto(list_url)
    assert page.get_by_text("Identification des victimes").count() == 0
    assert page.get_by_text(draft.reference).count() == 0
    screenshot(page, "fr-05-other-institution-list")
    response = page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    assert response.status == 404
    response = page.goto(f"{live_server.url}{reverse('actions:request_review', args=[draft.pk])}")
    assert response.status == 404
