"""From request to Action in the browser: an officer screens a request and submits it to the
Steering Committee, a manager records the approval, and the officer starts formulating the Action."""

import re

import pytest

from actions.models import Action
from tests.actions.factories import (
    MeetingFactory,
    ProgrammePhaseFactory,
    PurposeCodeFactory,
    SupportRequestFactory,
    ThematicAreaFactory,
)
from tests.factories import PASSWORD, InstitutionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, email: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")


def log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


def test_request_screened_approved_and_formulated(world, live_server, browser_page, screenshot):
    # Transactional tests start from an empty database: bring the code lists an approval needs.
    area = ThematicAreaFactory(code="IMT", name_en="Irregular migration and trafficking in human beings")
    PurposeCodeFactory()
    ProgrammePhaseFactory()
    co_requester = InstitutionFactory(name_en="Chiapas State Migration Council", acronym="CEM", country="MX")
    request = SupportRequestFactory(
        lead=world.institution_a,
        reference="R-2024-017",
        title="Identification of victims of trafficking at the southern border",
        thematic_area=area,
        countries=["MX"],
        languages=["es"],
        needs_statement="Front-line officers need tools and training to identify victims early.",
        eligibility_reasons=["Eligible: every requesting institution may request support."],
    )
    request.requesters.create(institution=co_requester, role="co_requester")
    meeting = MeetingFactory(location="Brussels", members_present=["DG INTPA", "DG HOME", "EEAS", "ICMPD"])
    page = browser_page

    # The officer screens the request and submits it to the Committee.
    log_in(page, live_server, "programme_officer@mieux.test")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Requests").click()
    page.wait_for_url(re.compile(r".*/programme/requests/$"))
    screenshot(page, "01-request-inbox")
    page.get_by_role("link", name="R-2024-017").click()
    assert page.get_by_role("heading", name=re.compile("Identification of victims")).is_visible()
    screenshot(page, "02-request-received")
    page.get_by_label("Comment").first.fill("Letter and concept note complete.")
    page.get_by_role("button", name="Start screening").click()
    assert page.get_by_text("The status is now “Screening”.").is_visible()
    page.get_by_role("button", name="Submit to the Steering Committee").click()
    assert page.get_by_text("The status is now “Submitted to the Steering Committee”.").is_visible()
    screenshot(page, "03-request-submitted")
    log_out(page)

    # The manager records the Committee's approval at the meeting.
    log_in(page, live_server, "programme_manager@mieux.test")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Steering Committee").click()
    screenshot(page, "04-meetings")
    page.get_by_role("link", name=re.compile(str(meeting.held_on.year))).first.click()
    page.get_by_label("Request").select_option(label=str(request))
    page.get_by_label("Outcome").select_option("approved")
    page.get_by_label("Programme officer of the new Action").select_option(
        label=str(world.user("programme_officer"))
    )
    screenshot(page, "05-meeting-decision-form")
    page.get_by_role("button", name="Record the decision").click()
    assert page.get_by_text(re.compile("The Action .* was created")).is_visible()
    action = Action.objects.get(request=request)
    assert page.get_by_role("link", name=str(action)).is_visible()
    screenshot(page, "06-meeting-decided")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Actions").click()
    assert page.get_by_role("link", name=action.code).is_visible()
    screenshot(page, "07-portfolio")
    log_out(page)

    # The officer takes the new Action into formulation.
    log_in(page, live_server, "programme_officer@mieux.test")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Actions").click()
    page.get_by_role("link", name=action.code).click()
    page.get_by_label("Comment").first.fill("Identification mission planned with INM.")
    page.get_by_role("button", name="Start formulation").click()
    assert page.get_by_text("The status is now “Formulation”.").is_visible()
    timeline = page.locator(".timeline")
    assert timeline.get_by_text("Formulation").is_visible()
    assert timeline.get_by_text("Identification mission planned with INM.").is_visible()
    screenshot(page, "08-action-formulation")

    page.goto(f"{live_server.url}{request.get_absolute_url()}")
    steps = page.locator(".timeline__step")
    assert steps.count() == 3
    for status in ("Screening", "Submitted to the Steering Committee", "Approved"):
        assert page.locator(".timeline").get_by_text(status, exact=True).first.is_visible()
    assert page.locator(".timeline").get_by_text("Letter and concept note complete.").is_visible()
    screenshot(page, "09-request-timeline")

    # The forms the officer works with look finished too.
    page.get_by_role("link", name="Requests").first.click()
    page.get_by_role("link", name="Register a request").click()
    assert page.get_by_role("group", name="Requesting institutions").is_visible()
    screenshot(page, "12-register-request-form")
    page.goto(f"{live_server.url}{action.get_absolute_url()}edit/")
    assert page.get_by_label("Lead beneficiary").input_value() == str(world.institution_a.pk)
    screenshot(page, "13-action-edit-form")
    page.goto(f"{live_server.url}/programme/code-lists/thematic-areas/")
    screenshot(page, "14-thematic-areas")

    # The Action, once published, is on the public catalogue for anyone.
    Action.objects.filter(pk=action.pk).update(published=True)
    log_out(page)
    page.goto(f"{live_server.url}/catalogue/")
    assert page.get_by_role("link", name=re.compile("Identification of victims")).is_visible()
    screenshot(page, "10-catalogue")
    page.get_by_role("link", name=re.compile("Identification of victims")).click()
    screenshot(page, "11-catalogue-action")
