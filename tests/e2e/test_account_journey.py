"""Portal accounts in the browser: an officer invites a person from the person page, the invitee
opens the e-mailed link, chooses a password and lands signed in; repeated wrong passwords end on
the lockout page."""

import re

import pytest
from django.core import mail

from mieux.models import User
from partners.models import Invitation
from tests.factories import PASSWORD, PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Correct-horse-battery-9"


def log_in(page, live_server, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_officer_invites_a_person_who_opens_the_account(world, live_server, browser_page, screenshot):
    person = PersonFactory(
        institution=world.institution_a,
        first_name="Lucía",
        last_name="Hernández",
        position="Head of training",
        email="lucia.hernandez@inm.example",
        languages=["es", "en"],
    )
    page = browser_page

    # The officer opens the person's page and invites her as focal point, in English.
    log_in(page, live_server, "programme_officer@mieux.test")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}{person.get_absolute_url()}")
    panel = page.locator("#portal-account")
    assert panel.get_by_role("heading", name="Portal account").is_visible()
    assert panel.get_by_text("has no portal account and has not been invited").is_visible()
    assert panel.get_by_label("Language").input_value() == "es"  # her first language
    screenshot(page, "01-person-page-with-account-panel")
    panel.get_by_label("Role").select_option("focal_point")
    panel.get_by_label("Language").select_option("en")
    panel.get_by_role("button", name="Invite to the portal").click()
    page.wait_for_url(re.compile(r".*/partners/people/\d+/(#portal-account)?$"))
    assert page.get_by_text("An invitation was sent to lucia.hernandez@inm.example").is_visible()
    assert panel.get_by_text("Waiting for the invitee").is_visible()
    assert panel.get_by_role("button", name="Revoke the invitation").is_visible()
    screenshot(page, "02-invitation-sent")
    panel.get_by_role("link", name="Invitations sent").click()
    page.wait_for_url(re.compile(r".*/partners/invitations/\?person=\d+$"))
    assert page.get_by_role("cell", name="lucia.hernandez@inm.example").is_visible()
    screenshot(page, "02b-invitations-list")

    # The invitation e-mail holds the link.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/invitation/[A-Za-z0-9_-]+/", mail.outbox[0].body).group(0)
    path = link[link.index("/invitation/") :]
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(r".*/login/$"))

    # The invitee opens the link, sees who is invited, and chooses a password.
    page.goto(f"{live_server.url}{path}")
    assert page.get_by_role("heading", name="Open your account").is_visible()
    assert page.get_by_text("National Migration Institute").is_visible()
    assert page.get_by_text("Focal point", exact=True).is_visible()
    assert page.get_by_label("Full name").input_value() == "Lucía Hernández"
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Password again").fill("short")
    page.get_by_role("button", name="Open my account").click()
    assert page.locator(".field--error .field__error").first.is_visible()
    screenshot(page, "03-accept-page-password-error")
    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Password again").fill(NEW_PASSWORD)
    screenshot(page, "04-accept-page")
    page.get_by_role("button", name="Open my account").click()
    page.wait_for_load_state()
    assert page.get_by_text("Your account is ready; you are signed in.").is_visible()
    assert page.locator(".user-badge").get_by_text("Lucía Hernández").is_visible()
    screenshot(page, "05-signed-in")

    account = User.objects.get(email="lucia.hernandez@inm.example")
    assert account.role == "focal_point" and account.person.pk == person.pk
    assert Invitation.objects.get().status == "accepted"

    # The link is used: opening it again says so.
    page.goto(f"{live_server.url}{path}")
    assert page.get_by_role("heading", name="This link has been used").is_visible()
    screenshot(page, "06-link-used")

    # Five wrong passwords lock the address; the page names no account.
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(r".*/login/$"))
    for _ in range(5):
        log_in(page, live_server, "lucia.hernandez@inm.example", "wrong-password")
        page.wait_for_load_state()
    log_in(page, live_server, "lucia.hernandez@inm.example", NEW_PASSWORD)
    assert page.get_by_role("heading", name="Too many attempts").is_visible()
    assert page.get_by_role("link", name="Reset your password").is_visible()
    screenshot(page, "07-locked-out")

    # The lockout page leads to a password reset, whose link lifts the lockout.
    page.get_by_role("link", name="Reset your password").click()
    page.get_by_label("E-mail address").fill("lucia.hernandez@inm.example")
    page.get_by_role("button", name="Send the link").click()
    assert page.get_by_role("heading", name="Check your e-mail").is_visible()
    screenshot(page, "08-reset-requested")
    reset = re.search(r"https?://\S+(/password/reset/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(f"{live_server.url}{reset}")
    assert page.url.endswith("/set-password/")
    page.get_by_label("New password", exact=True).fill("Another-horse-battery-7")
    page.get_by_label("New password confirmation").fill("Another-horse-battery-7")
    screenshot(page, "09-reset-new-password")
    page.get_by_role("button", name="Save the new password").click()
    assert page.get_by_role("heading", name="Password saved").is_visible()
    log_in(page, live_server, "lucia.hernandez@inm.example", "Another-horse-battery-7")
    page.wait_for_load_state()
    assert page.locator(".user-badge").get_by_text("Lucía Hernández").is_visible()
