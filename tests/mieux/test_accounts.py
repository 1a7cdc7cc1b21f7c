"""Sign-in security: the generic login error, session renewal, idle timeout, CSRF, the django-axes
lockout and `unlock_login`, password reset by e-mail and password change."""

from __future__ import annotations

import io
import re
import time

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from mieux.models import AuditEntry, UserSession
from mieux.services import user_deactivate
from tests.factories import PASSWORD

NEW_PASSWORD = "Correct-horse-battery-9"


def log_in(client, email, password=PASSWORD, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def login_errors(response) -> str:
    match = re.search(r'<div class="form-errors" role="alert">(.*?)</div>', response.content.decode(), re.S)
    assert match, "the login page shows an error"
    return match.group(1)


def main_text(response) -> str:
    """The page's own content, without the header (whose CSRF token differs per response)."""
    content = response.content.decode()
    return content[content.index('<main id="main"') : content.index("</main>")]


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def focal(world):
    return world.user("focal_point")


# --- Login page ---------------------------------------------------------------------------------


def test_the_login_page_links_to_password_reset(db, client):
    content = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}"' in content
    assert "Forgot your password?" in content


def test_one_generic_error_for_unknown_address_wrong_password_and_deactivated_account(world, focal):
    gone = world.user("official")
    user_deactivate(gone, actor=world.user("programme_manager"), reason="left")

    unknown = log_in(Client(), "nobody@mieux.test")
    wrong = log_in(Client(), focal.email, "not-the-password")
    deactivated = log_in(Client(), gone.email, PASSWORD)

    assert unknown.status_code == wrong.status_code == deactivated.status_code == 200
    assert login_errors(unknown) == login_errors(wrong) == login_errors(deactivated)
    assert "Please enter a correct e-mail address and password" in login_errors(unknown)


def test_login_gives_the_session_a_new_key(world, focal):
    browser = Client()
    session = browser.session  # a session exists before login (e.g. an earlier visit)
    session["visited"] = True
    session.save()
    before = browser.cookies[settings.SESSION_COOKIE_NAME].value

    response = log_in(browser, focal.email)

    assert response.status_code == 302
    after = browser.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert is_signed_in(browser)
    assert UserSession.objects.filter(user=focal, session_key=after).exists()
    assert not UserSession.objects.filter(session_key=before).exists()


def test_an_idle_session_is_signed_out_and_the_login_page_says_why(world, focal):
    browser = Client()
    log_in(browser, focal.email)
    own_page = focal.person.get_absolute_url()
    assert browser.get(own_page).status_code == 200

    session = browser.session
    session["mieux:last_seen"] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 5
    session.save()

    response = browser.get(own_page)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not is_signed_in(browser)
    login_page = browser.get(response["Location"]).content.decode()
    assert "You were signed out after 30 minutes without activity" in login_page
    # Said once: the next visit to the login page is a plain one.
    assert "without activity" not in browser.get(reverse("login")).content.decode()


def test_an_active_session_is_not_timed_out(world, focal):
    browser = Client()
    log_in(browser, focal.email)
    session = browser.session
    session["mieux:last_seen"] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT + 60
    session.save()
    assert browser.get(focal.person.get_absolute_url()).status_code == 200
    assert browser.session["mieux:last_seen"] >= int(time.time()) - 5  # refreshed


def test_login_needs_the_csrf_token(world, focal):
    response = Client(enforce_csrf_checks=True).post(
        reverse("login"), {"username": focal.email, "password": PASSWORD}
    )
    assert response.status_code == 403


# --- Lockout (django-axes) ----------------------------------------------------------------------


def fail_five_times(email: str, ip: str = "10.0.0.1") -> None:
    """Five wrong passwords: the first four show the login error, the fifth already the lockout."""
    for attempt in range(1, settings.AXES_FAILURE_LIMIT + 1):
        response = log_in(Client(), email, "wrong-password", ip)
        assert response.status_code == (429 if attempt == settings.AXES_FAILURE_LIMIT else 200)


def test_five_failures_lock_the_address_from_that_ip_even_with_the_right_password(world, focal):
    fail_five_times(focal.email)

    browser = Client()
    locked = log_in(browser, focal.email, PASSWORD)
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    assert f'href="{reverse("password_reset")}"' in locked.content.decode()
    assert not is_signed_in(browser)
    # The same address in other letters is the same counter.
    assert log_in(Client(), focal.email.upper(), PASSWORD).status_code == 429

    elsewhere = Client()
    assert log_in(elsewhere, focal.email, PASSWORD, ip="10.0.0.2").status_code == 302
    assert is_signed_in(elsewhere)


def test_the_lockout_page_is_the_same_for_an_address_without_account(world, focal):
    fail_five_times(focal.email)
    fail_five_times("nobody@mieux.test")

    existing = log_in(Client(), focal.email, PASSWORD)
    missing = log_in(Client(), "nobody@mieux.test", PASSWORD)

    assert existing.status_code == missing.status_code == 429
    assert main_text(existing) == main_text(missing)
    assert focal.email not in existing.content.decode()


def test_unlock_login_clears_the_failures(world, focal):
    fail_five_times(focal.email)
    assert log_in(Client(), focal.email, PASSWORD).status_code == 429

    out = io.StringIO()
    call_command("unlock_login", focal.email.upper(), "--ip", "10.0.0.9", stdout=out)
    assert "Cleared 0" in out.getvalue()  # another client address: nothing to clear
    assert log_in(Client(), focal.email, PASSWORD).status_code == 429

    out = io.StringIO()
    call_command("unlock_login", focal.email.upper(), stdout=out)
    assert "Cleared 1 failed login record(s) for focal_point@mieux.test." in out.getvalue()

    browser = Client()
    assert log_in(browser, focal.email, PASSWORD).status_code == 302
    assert is_signed_in(browser)


def test_unlock_login_for_one_client_address(world, focal):
    fail_five_times(focal.email, ip="10.0.0.1")
    fail_five_times(focal.email, ip="10.0.0.2")

    out = io.StringIO()
    call_command("unlock_login", focal.email, "--ip", "10.0.0.1", stdout=out)
    assert "Cleared 1" in out.getvalue() and "from 10.0.0.1" in out.getvalue()

    assert log_in(Client(), focal.email, PASSWORD, ip="10.0.0.1").status_code == 302
    assert log_in(Client(), focal.email, PASSWORD, ip="10.0.0.2").status_code == 429


def test_unlock_login_works_for_an_address_without_account(db):
    fail_five_times("nobody@mieux.test")
    out = io.StringIO()
    call_command("unlock_login", "nobody@mieux.test", stdout=out)
    assert "Cleared 1" in out.getvalue()
    assert log_in(Client(), "nobody@mieux.test", "wrong-password").status_code == 200


# --- Password reset -----------------------------------------------------------------------------


def request_reset(email: str):
    browser = Client()
    response = browser.post(reverse("password_reset"), {"email": email})
    return response, browser.get(response["Location"])


def reset_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/password/reset/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_a_reset_link_is_sent_only_to_an_active_account_and_the_page_says_the_same(world, focal):
    gone = world.user("official")
    user_deactivate(gone, actor=world.user("programme_manager"), reason="left")

    answers = [request_reset(email) for email in (focal.email.upper(), "nobody@mieux.test", gone.email)]

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [focal.email]
    assert {response.status_code for response, _done in answers} == {302}
    assert {response["Location"] for response, _done in answers} == {reverse("password_reset_done")}
    assert len({main_text(done) for _response, done in answers}) == 1
    assert "If an account uses this e-mail address" in main_text(answers[0][1])


def test_reset_emails_to_one_address_are_limited_to_three_an_hour(world, focal):
    answers = [request_reset(focal.email) for _ in range(5)]
    assert len(mail.outbox) == 3
    # The fourth and fifth askers read the same page: nothing tells them the limit was reached.
    assert len({main_text(done) for _response, done in answers}) == 1
    other = world.user("hr_officer")
    request_reset(other.email)
    assert mail.outbox[-1].to == [other.email]


def test_the_reset_email_links_to_the_site_and_speaks_the_accounts_language(world, focal, monkeypatch):
    from django.contrib.auth import forms as auth_forms
    from django.utils import translation

    from mieux.services import user_language_set

    rendered_in = []
    render = auth_forms.loader.render_to_string

    def spy(template_name, context=None, *args, **kwargs):
        rendered_in.append((template_name, translation.get_language()))
        return render(template_name, context, *args, **kwargs)

    monkeypatch.setattr(auth_forms.loader, "render_to_string", spy)
    user_language_set(focal, language="fr")
    request_reset(focal.email)  # asked from an English page
    assert [(name, language) for name, language in rendered_in if name.endswith(".txt")] == [
        ("registration/password_reset_subject.txt", "fr"),
        ("registration/password_reset_email.txt", "fr"),
    ]
    message = mail.outbox[0]
    assert f"{settings.SITE_URL}/password/reset/" in message.body
    assert "\n" not in message.subject


def test_a_reset_sets_the_new_password_once_audits_it_and_lifts_a_lockout(world, focal):
    fail_five_times(focal.email)
    request_reset(focal.email)
    link = reset_link(mail.outbox[0])

    browser = Client()
    opened = browser.get(link)  # moves the token into the session, out of the address bar
    assert opened.status_code == 302 and opened["Referrer-Policy"] == "no-referrer"
    set_password_url = opened["Location"]
    assert set_password_url.endswith("/set-password/")
    assert browser.get(set_password_url).status_code == 200
    too_short = browser.post(set_password_url, {"new_password1": "short", "new_password2": "short"})
    assert too_short.status_code == 200 and "new_password2" in too_short.context["form"].errors
    done = browser.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")

    focal.refresh_from_db()
    assert focal.check_password(NEW_PASSWORD)
    entry = AuditEntry.objects.filter(content_type__model="user", object_id=str(focal.pk)).latest("id")
    assert entry.reason == "password reset through an e-mailed link" and entry.changes == {}
    assert log_in(Client(), focal.email, NEW_PASSWORD).status_code == 302  # the lockout is lifted

    used_again = Client().get(link, follow=True)
    assert "This link no longer works" in used_again.content.decode()


# --- Password change ----------------------------------------------------------------------------


def test_the_header_links_to_password_change(world, focal, page_client_for):
    content = page_client_for(focal).get(focal.person.get_absolute_url()).content.decode()
    assert f'href="{reverse("password_change")}"' in content


def test_password_change_keeps_this_session_and_ends_the_others(world, focal):
    here, elsewhere = Client(), Client()
    log_in(here, focal.email)
    log_in(elsewhere, focal.email, ip="10.0.0.2")
    own_page = focal.person.get_absolute_url()

    wrong_old = here.post(
        reverse("password_change"),
        {"old_password": "nope", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong_old.status_code == 200 and "old_password" in wrong_old.context["form"].errors

    response = here.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")

    assert here.get(own_page).status_code == 200
    assert elsewhere.get(own_page).status_code == 302
    focal.refresh_from_db()
    assert focal.check_password(NEW_PASSWORD)
    key = here.cookies[settings.SESSION_COOKIE_NAME].value
    assert UserSession.objects.filter(user=focal, session_key=key).exists()
    entry = AuditEntry.objects.filter(content_type__model="user", object_id=str(focal.pk)).latest("id")
    assert entry.reason == "password changed by its holder"


def test_password_change_needs_a_signed_in_user(db):
    response = Client().get(reverse("password_change"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
