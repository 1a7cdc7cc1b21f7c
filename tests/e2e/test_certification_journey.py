"""From nomination to a credential anyone can verify, in the browser.

A's HR officer nominates an official for a trainer programme; a programme officer enrols her, records
her knowledge test and her practical assessment on the rubric, a supervised replica session and the
portfolio review, each step forward refused until its evidence is there; the HR officer signs the
panel step off; the programme manager certifies her and the credential is issued. The official
downloads her credential from the portal; a visitor with no account opens the verification page from
the credential and checks the signed file there — and after the manager revokes it, the same page
says revoked. Screenshots along the way (MIEUX_SCREENSHOTS)."""

from __future__ import annotations

import datetime
import re

import pytest

from certification.choices import CredentialStatus, EnrolmentStatus
from certification.models import Credential, Enrolment
from tests.actions.factories import ParticipationFactory
from tests.certification.builders import programme_for
from tests.factories import PASSWORD, PersonFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TODAY = datetime.date.today()


def log_in(page, live_server, email: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


def move_on(page, label: str) -> None:
    """Press an enabled status-change button on the enrolment page."""
    page.locator(".transition-list").get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def is_refused(page, label: str) -> bool:
    return page.locator(".transition-list").get_by_role("button", name=label, exact=True).is_disabled()


def record_assessment(page, kind: str, **fields) -> None:
    page.locator("summary", has_text="Record an assessment").click()
    form = page.locator("form[action$='/assessments/new/']")
    form.locator("select[name='kind']").select_option(kind)
    form.locator("input[name='assessed_on']").fill(TODAY.isoformat())
    for name, value in fields.items():
        control = form.locator(f"[name='{name}']")
        if control.evaluate("element => element.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    form.get_by_role("button", name="Record the assessment").click()
    page.wait_for_load_state()


def test_from_nomination_to_a_credential_anyone_can_verify(world, live_server, browser_page, screenshot):
    page = browser_page
    institution = world.institution_a
    programme = programme_for(
        institution,
        modules=2,
        competencies=2,
        replica_sessions_required=1,
        name_en="Certified border trainers",
    )
    competencies = list(programme.competencies.order_by("position"))
    official_user = UserFactory(email="lucia@mieux.test", role="official", full_name="Lucía Herrera")
    official = PersonFactory(
        institution=institution,
        user=official_user,
        first_name="Lucía",
        last_name="Herrera",
        email="lucia@inm.example",
    )
    # Her attendance of the two mandatory modules (recorded by the attendance import in real life).
    for activity in programme.mandatory_activities.all():
        ParticipationFactory(activity=activity, person=official, attendance_percent=90)

    # 1. A's HR officer nominates her.
    log_in(page, live_server, "hr_officer@mieux.test")
    page.goto(f"{live_server.url}/certification/programmes/{programme.pk}/#nominate")
    form = page.locator("#nominate")
    form.get_by_role("combobox", name=re.compile("^Official")).select_option(str(official.pk))
    form.get_by_label("Why this official").fill("Runs the induction course of the border inspectors.")
    form.get_by_role("button", name="Nominate").click()
    page.wait_for_load_state()
    enrolment = Enrolment.objects.get(person=official)
    assert enrolment.status == EnrolmentStatus.NOMINATED
    log_out(page)

    # 2. The programme officer takes her along the path, recording the evidence as it comes.
    log_in(page, live_server, "programme_officer@mieux.test")
    page.goto(f"{live_server.url}/certification/enrolments/{enrolment.pk}/")
    move_on(page, "Enrol")
    move_on(page, "Start training")
    move_on(page, "Move to assessment")
    assert is_refused(page, "Move to supervised practice")  # no test, no rubric yet
    record_assessment(page, "knowledge_test", score="82")
    rubric = {f"rubric_{competency.pk}": "3" for competency in competencies}
    record_assessment(page, "practical", **rubric)
    screenshot(page, "certification-enrolment-assessment")
    move_on(page, "Move to supervised practice")

    page.locator("summary", has_text="Record a replica session").click()
    replica = page.locator("form[action$='/replica-sessions/new/']")
    replica.locator("input[name='title']").fill("Induction course, Tapachula")
    replica.locator("input[name='held_on']").fill(TODAY.isoformat())
    replica.locator("input[name='supervised']").check()
    replica.locator("input[name='colleagues_trained']").fill("14")
    replica.locator("input[name='average_rating']").fill("4.6")
    replica.get_by_role("button", name="Record the session").click()
    page.wait_for_load_state()
    move_on(page, "Move to portfolio review")
    record_assessment(page, "portfolio_review", portfolio_accepted="yes")
    move_on(page, "Refer to the panel")
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.PANEL_DECISION
    rules = page.locator("#eligibility")
    assert rules.count() == 0 or "unmet" not in rules.inner_text().lower()
    log_out(page)

    # 3. The HR officer signs the panel step off for the institution.
    log_in(page, live_server, "hr_officer@mieux.test")
    page.goto(f"{live_server.url}/certification/enrolments/{enrolment.pk}/")
    page.locator("#sign-offs").get_by_label("Comment").fill("She trains our inspectors from January.")
    page.locator("#sign-offs").get_by_role("button", name=re.compile("^Sign off this step")).click()
    page.wait_for_load_state()
    assert enrolment.sign_offs.filter(step=EnrolmentStatus.PANEL_DECISION).exists()
    log_out(page)

    # 4. The programme manager certifies her: the credential is issued.
    log_in(page, live_server, "programme_manager@mieux.test")
    page.goto(f"{live_server.url}/certification/enrolments/{enrolment.pk}/")
    move_on(page, "Certify")
    credential = Credential.objects.get(enrolment=enrolment)
    assert credential.status == CredentialStatus.ACTIVE and credential.jwt
    screenshot(page, "certification-enrolment-certified")
    log_out(page)

    # 5. The official finds her credential on the portal and downloads the signed file.
    log_in(page, live_server, "lucia@mieux.test")
    page.goto(f"{live_server.url}/portal/certification/")
    screenshot(page, "certification-my-certification")
    with page.expect_download() as download:
        page.get_by_role("link", name="Signed credential (VC-JWT)").click()
    signed_file = download.value.path()
    log_out(page)

    # 6. A visitor with no account opens the verification page and checks the file there.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/verify/{credential.public_id}/")
    assert page.get_by_text("Lucía Herrera").first.is_visible()
    assert "valid" in page.locator("main").inner_text().lower()
    page.locator("input[name='credential_file']").set_input_files(str(signed_file))
    page.locator("#check").get_by_role("button", name="Check").click()
    page.wait_for_load_state()
    outcome = page.locator("#check [data-outcome]")
    assert outcome.get_attribute("data-outcome") == "signature_valid", outcome.inner_text()
    screenshot(page, "certification-verify-valid")

    # 7. Revoked by the manager, the same credential no longer verifies as valid.
    log_in(page, live_server, "programme_manager@mieux.test")
    page.goto(f"{live_server.url}/certification/credentials/{credential.pk}/")
    revoke = page.locator("form[action$='/revoke/']")
    revoke.locator("select[name='revoke-reason']").select_option("issued_in_error")
    revoke.locator("[name='revoke-note']").fill("Assessment records belonged to another candidate.")
    revoke.get_by_role("button").click()
    page.wait_for_load_state()
    log_out(page)
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/verify/{credential.public_id}/")
    text = page.locator("main").inner_text()
    assert "Revoked" in text and "Issued in error" in text
    assert "another candidate" not in text  # the internal note stays internal
    screenshot(page, "certification-verify-revoked")
