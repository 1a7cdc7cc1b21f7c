"""Portal accounts from the person page: invitations (staff only), the single-use expiring link,
acceptance, revocation, deactivation that ends sessions, and the invitations list."""

from __future__ import annotations

import datetime
import hashlib
import html
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail, serializers
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from mieux.models import AuditAction, AuditEntry, User, UserSession
from mieux.roles import Role
from partners.accounts import invitation_send
from partners.models import Invitation
from tests.factories import PASSWORD, ExpertFactory, PersonFactory

NEW_PASSWORD = "Correct-horse-battery-9"
NON_STAFF_ROLES = [
    "focal_point",
    "hr_officer",
    "training_officer",
    "official",
    "expert",
    "integrator",
    "focal_b",
]


@pytest.fixture
def newcomer(world):
    """A person of institution A with no account yet, who speaks Spanish first."""
    return PersonFactory(
        institution=world.institution_a,
        first_name="Lucía",
        last_name="Hernández",
        email="lucia.hernandez@inm.example",
        languages=["pt", "es", "en"],
    )


@pytest.fixture
def officer(world):
    return world.user("programme_officer")


@pytest.fixture
def staff_client(officer, page_client_for):
    return page_client_for(officer)


def invite(client, person, *, role="focal_point", language="en"):
    return client.post(
        reverse("partners:person_invite", args=[person.pk]), {"role": role, "language": language}
    )


def sent_token(message) -> str:
    match = re.search(r"/invitation/([A-Za-z0-9_-]+)/", message.body)
    assert match, message.body
    return match.group(1)


def invite_and_get_token(client, person, django_capture_on_commit_callbacks, **kwargs) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, person, **kwargs)
    assert response.status_code == 302, response.content.decode()[:2000]
    return sent_token(mail.outbox[-1])


def accept_url(token: str) -> str:
    return reverse("invitation_accept", args=[token])


def accept(client, token, *, password=NEW_PASSWORD, again=None, full_name="Lucía Hernández"):
    return client.post(
        accept_url(token),
        {
            "full_name": full_name,
            "password": password,
            "password_again": password if again is None else again,
        },
    )


def client_as(world, role: str, page_client_for) -> Client:
    return page_client_for(world.focal_b if role == "focal_b" else world.user(role))


# --- Who sees and uses the panel ----------------------------------------------------------------


def test_programme_staff_see_the_portal_account_panel(world, newcomer, page_client_for):
    for role in ("programme_officer", "programme_manager", "administrator"):
        page = page_client_for(world.user(role)).get(newcomer.get_absolute_url())
        assert page.status_code == 200
        content = page.content.decode()
        assert 'id="portal-account"' in content
        assert "Invite to the portal" in content


@pytest.mark.parametrize("role", ["focal_point", "hr_officer", "training_officer", "official", "integrator"])
def test_partners_and_integrators_never_see_the_panel(world, newcomer, page_client_for, role):
    # Officials see only their own person record; the others see their institution's people.
    person = world.user("official").person if role == "official" else newcomer
    page = page_client_for(world.user(role)).get(person.get_absolute_url())
    assert page.status_code == 200  # the person is visible to them ...
    content = page.content.decode()
    assert "portal-account" not in content and "Invite to the portal" not in content  # ... the panel is not


def test_the_invite_form_offers_partner_roles_and_the_persons_first_platform_language(staff_client, newcomer):
    content = staff_client.get(newcomer.get_absolute_url()).content.decode()
    # Portuguese comes first but the platform has no Portuguese: Spanish is the first it speaks.
    assert re.search(r'<option value="es"[^>]*selected', content)
    for role in ("focal_point", "hr_officer", "training_officer", "official"):
        assert f'<option value="{role}"' in content
    assert '<option value="expert"' not in content  # not on the roster
    assert '<option value="programme_officer"' not in content


def test_experts_of_the_roster_may_be_invited_as_experts(
    world, staff_client, django_capture_on_commit_callbacks
):
    expert = ExpertFactory(
        person=PersonFactory(institution=world.member_state_administration, languages=["de"])
    )
    content = staff_client.get(expert.person.get_absolute_url()).content.decode()
    assert '<option value="expert"' in content
    assert re.search(r'<option value="en"[^>]*selected', content)  # no platform language: English
    invite_and_get_token(staff_client, expert.person, django_capture_on_commit_callbacks, role="expert")
    assert Invitation.objects.get(person=expert.person).role == Role.EXPERT


def test_expert_role_is_refused_for_someone_not_on_the_roster(staff_client, newcomer):
    response = invite(staff_client, newcomer, role="expert")
    assert response.status_code == 200
    assert "role" in response.context["invitation_form"].errors
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", NON_STAFF_ROLES)
def test_only_programme_staff_invite_revoke_deactivate_and_reactivate(
    world, newcomer, officer, page_client_for, role, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pending = invitation_send(actor=officer, person=newcomer, role=Role.FOCAL_POINT)
    official = world.user("official")
    client = client_as(world, role, page_client_for)

    answers = [
        invite(client, newcomer).status_code,
        client.post(reverse("partners:invitation_revoke", args=[pending.pk])).status_code,
        client.post(reverse("partners:person_account_deactivate", args=[official.person.pk])).status_code,
        client.post(reverse("partners:person_account_reactivate", args=[official.person.pk])).status_code,
        client.get(reverse("partners:invitation_list")).status_code,
    ]

    assert all(status in (403, 404) for status in answers), answers
    assert Invitation.objects.count() == 1
    pending.refresh_from_db()
    assert pending.status == "pending"
    official.refresh_from_db()
    assert official.is_active
    assert len(mail.outbox) == 1  # only the staff invitation of the setup


# --- Sending ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "role_label"), [("en", "Focal point"), ("fr", "Point focal"), ("es", "Punto focal")]
)
def test_the_invitation_email_speaks_its_language_and_holds_the_link(
    staff_client, newcomer, django_capture_on_commit_callbacks, language, role_label
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(staff_client, newcomer, language=language)
    assert response.status_code == 302
    assert response["Location"].endswith("#portal-account")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lucia.hernandez@inm.example"]
    assert role_label in message.body
    token = sent_token(message)
    assert f"{settings.SITE_URL}{accept_url(token)}" in message.body
    invitation = Invitation.objects.get()
    assert invitation.language == language and invitation.status == "pending"
    page = staff_client.get(newcomer.get_absolute_url()).content.decode()
    assert "Waiting for the invitee" in page and "Revoke the invitation" in page


def test_only_the_digest_of_the_token_is_stored(
    world, staff_client, newcomer, django_capture_on_commit_callbacks
):
    token = invite_and_get_token(staff_client, newcomer, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    assert invitation.digest == hashlib.sha256(token.encode()).hexdigest()
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            dump = serializers.serialize("json", model._default_manager.all())
            assert token not in dump, f"the token is stored in {model._meta.label}"


def test_a_new_invitation_revokes_the_one_still_waiting(
    staff_client, newcomer, django_capture_on_commit_callbacks
):
    first = invite_and_get_token(staff_client, newcomer, django_capture_on_commit_callbacks)
    second = invite_and_get_token(
        staff_client, newcomer, django_capture_on_commit_callbacks, role="hr_officer"
    )
    assert [i.status for i in Invitation.objects.order_by("id")] == ["revoked", "pending"]

    refused = Client().get(accept_url(first))
    assert refused.status_code == 410
    assert "withdrawn" in refused.content.decode()
    assert Client().get(accept_url(second), follow=True).status_code == 200


def test_a_person_with_an_account_is_not_invited_again(world, staff_client):
    person = world.user("official").person
    response = invite(staff_client, person)
    assert response.status_code == 200
    assert "Already has an account." in response.content.decode()
    assert not Invitation.objects.exists() and not mail.outbox


def test_a_person_without_email_gets_an_error_naming_the_email_field(world, staff_client):
    person = PersonFactory(institution=world.institution_a, email="")
    page = staff_client.get(person.get_absolute_url()).content.decode()
    assert "Record this person's e-mail address first" in page
    response = invite(staff_client, person)
    assert response.status_code == 200
    errors = response.context["invitation_form"].non_field_errors()
    assert any("e-mail address" in error for error in errors), errors
    assert "e-mail address" in response.content.decode()
    assert not Invitation.objects.exists() and not mail.outbox


def test_bad_choices_are_form_errors_not_500(staff_client, newcomer):
    response = invite(staff_client, newcomer, role="administrator", language="de")
    assert response.status_code == 200
    errors = response.context["invitation_form"].errors
    assert "role" in errors and "language" in errors
    assert not Invitation.objects.exists()


def test_staff_revoke_a_waiting_invitation(staff_client, newcomer, django_capture_on_commit_callbacks):
    token = invite_and_get_token(staff_client, newcomer, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    response = staff_client.post(reverse("partners:invitation_revoke", args=[invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "revoked"
    assert Client().get(accept_url(token)).status_code == 410
    # Revoking again is refused with a message, not an error page.
    again = staff_client.post(reverse("partners:invitation_revoke", args=[invitation.pk]), follow=True)
    assert "Only an invitation still waiting can be revoked." in again.content.decode()


# --- The link -----------------------------------------------------------------------------------


def test_the_link_page_shows_who_is_invited_and_never_uses_the_link(
    staff_client, newcomer, django_capture_on_commit_callbacks
):
    token = invite_and_get_token(
        staff_client, newcomer, django_capture_on_commit_callbacks, role="hr_officer"
    )
    visitor = Client()
    for _ in range(2):
        # The link itself only moves the secret into the session, out of the address bar.
        link = visitor.get(accept_url(token))
        assert link.status_code == 302
        assert link["Location"] == accept_url("set-password")
        assert link["Referrer-Policy"] == "no-referrer"
        assert "no-store" in link["Cache-Control"]
        page = visitor.get(link["Location"])
        assert page.status_code == 200
        content = page.content.decode()
        assert "Lucía Hernández" in content
        assert "National Migration Institute" in content
        assert "HR officer" in content
        assert token not in content
        assert "no-store" in page["Cache-Control"]
    assert Invitation.objects.get().status == "pending"
    assert not User.objects.filter(email="lucia.hernandez@inm.example").exists()


def test_accepting_opens_the_account_links_the_person_and_signs_in(
    staff_client, newcomer, django_capture_on_commit_callbacks
):
    token = invite_and_get_token(staff_client, newcomer, django_capture_on_commit_callbacks, language="es")
    visitor = Client()
    visitor.get(accept_url(token))
    response = accept(visitor, "set-password", full_name="Lucía Hernández Ruiz")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert "partners:invitation_token" not in visitor.session

    account = User.objects.get(email="lucia.hernandez@inm.example")
    assert account.role == Role.FOCAL_POINT
    assert account.language == "es"
    assert account.full_name == "Lucía Hernández Ruiz"
    assert account.check_password(NEW_PASSWORD)
    newcomer.refresh_from_db()
    assert newcomer.user == account
    assert Invitation.objects.get().status == "accepted"
    assert int(visitor.session["_auth_user_id"]) == account.pk
    assert UserSession.objects.filter(user=account, session_key=visitor.session.session_key).exists()
    home = visitor.get(reverse("home"), follow=True)
    assert home.status_code == 200
    # The welcome is said in the account's language (Spanish here).
    with translation.override("es"):
        welcome = gettext("Welcome, %(name)s. Your account is ready; you are signed in.") % {"name": account}
    assert welcome in html.unescape(home.content.decode())


def test_the_link_works_once(staff_client, newcomer, django_capture_on_commit_callbacks):
    token = invite_and_get_token(staff_client, newcomer, django_capture_on_commit_callbacks)
    assert accept(Client(), token).status_code == 302

    second = accept(Client(), token, password="Another-password-42")
    assert second.status_code == 410
    assert "used already" in second.content.decode()
    assert Client().get(accept_url(token)).status_code == 410
    assert User.objects.filter(email="lucia.hernandez@inm.example").count() == 1
    assert User.objects.get(email="lucia.hernandez@inm.example").check_password(NEW_PASSWORD)


def test_an_expired_link_is_refused(staff_client, newcomer, django_capture_on_commit_callbacks):
    token = invite_and_get_token(staff_client, newcomer, django_capture_on_commit_callbacks)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    page = Client().get(accept_url(token))
    assert page.status_code == 410
    assert "expired" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert accept(Client(), token).status_code == 410
    assert not User.objects.filter(email="lucia.hernandez@inm.example").exists()
    assert "Expired" in staff_client.get(newcomer.get_absolute_url()).content.decode()


@pytest.mark.parametrize("token", ["not-a-token", "x" * 300])
def test_an_unknown_link_is_a_404_page_that_says_what_to_do(db, token):
    for response in (Client().get(accept_url(token)), accept(Client(), token)):
        assert response.status_code == 404
        assert "not valid" in response.content.decode()
        assert "no-store" in response["Cache-Control"]


def test_the_form_address_without_a_link_opened_first_is_a_404_page(db):
    for response in (Client().get(accept_url("set-password")), accept(Client(), "set-password")):
        assert response.status_code == 404
        assert "not valid" in response.content.decode()


def test_password_rules_appear_on_the_password_field_and_nothing_is_saved(
    staff_client, newcomer, django_capture_on_commit_callbacks
):
    token = invite_and_get_token(staff_client, newcomer, django_capture_on_commit_callbacks)
    visitor = Client()

    too_short = accept(visitor, token, password="12345")
    assert too_short.status_code == 200
    assert too_short.context["form"].errors["password"]
    assert "This password is too short" in " ".join(too_short.context["form"].errors["password"])

    mismatch = accept(visitor, token, password=NEW_PASSWORD, again=NEW_PASSWORD + "x")
    assert mismatch.status_code == 200
    assert "password_again" in mismatch.context["form"].errors

    like_the_name = accept(visitor, token, password="lucia.hernandez")
    assert "password" in like_the_name.context["form"].errors

    assert Invitation.objects.get().status == "pending"
    assert not User.objects.filter(email="lucia.hernandez@inm.example").exists()
    assert "_auth_user_id" not in visitor.session


def test_csrf_protects_the_link_page(staff_client, newcomer, django_capture_on_commit_callbacks):
    token = invite_and_get_token(staff_client, newcomer, django_capture_on_commit_callbacks)
    response = accept(Client(enforce_csrf_checks=True), token)
    assert response.status_code == 403
    assert Invitation.objects.get().status == "pending"


# --- Accounts -----------------------------------------------------------------------------------


def test_deactivating_ends_the_accounts_sessions(world, staff_client, django_capture_on_commit_callbacks):
    official = world.user("official")
    browser = Client()
    own_page = official.person.get_absolute_url()
    browser.post(reverse("login"), {"username": official.email, "password": PASSWORD})
    assert browser.get(own_page).status_code == 200
    assert UserSession.objects.filter(user=official).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("partners:person_account_deactivate", args=[official.person.pk]),
            {"reason": "Left the institute"},
        )
    assert response.status_code == 302
    official.refresh_from_db()
    assert not official.is_active
    assert not UserSession.objects.filter(user=official).exists()
    next_request = browser.get(own_page)
    assert next_request.status_code == 302 and next_request["Location"].startswith(reverse("login"))
    assert (
        Client().post(reverse("login"), {"username": official.email, "password": PASSWORD}).status_code == 200
    )

    page = staff_client.get(official.person.get_absolute_url()).content.decode()
    assert "Deactivated" in page and "Reactivate the account" in page

    staff_client.post(
        reverse("partners:person_account_reactivate", args=[official.person.pk]), {"reason": "Back"}
    )
    official.refresh_from_db()
    assert official.is_active
    assert (
        Client().post(reverse("login"), {"username": official.email, "password": PASSWORD}).status_code == 302
    )


def test_the_account_panel_shows_the_account(world, staff_client):
    official = world.user("official")
    Client().post(reverse("login"), {"username": official.email, "password": PASSWORD})
    content = staff_client.get(official.person.get_absolute_url()).content.decode()
    assert official.email in content
    assert "Official" in content and "Active" in content
    assert "Never" not in content  # last sign-in is shown
    assert "Deactivate the account" in content


def test_deactivating_a_person_without_account_is_a_404(staff_client, newcomer):
    response = staff_client.post(reverse("partners:person_account_deactivate", args=[newcomer.pk]))
    assert response.status_code == 404


def test_every_step_is_audited(world, officer, staff_client, newcomer, django_capture_on_commit_callbacks):
    first = invite_and_get_token(staff_client, newcomer, django_capture_on_commit_callbacks)
    staff_client.post(reverse("partners:invitation_revoke", args=[Invitation.objects.get().pk]))
    token = invite_and_get_token(staff_client, newcomer, django_capture_on_commit_callbacks)
    assert first != token
    accept(Client(), token)
    account = User.objects.get(email="lucia.hernandez@inm.example")
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("partners:person_account_deactivate", args=[newcomer.pk]), {"reason": "Duplicate"}
        )

    invitation_entries = AuditEntry.objects.filter(content_type__model="invitation").order_by("id")
    sent = invitation_entries.filter(action=AuditAction.CREATE)
    assert sent.count() == 2 and all(entry.actor == officer for entry in sent)
    revoked = [e for e in invitation_entries if e.action == AuditAction.UPDATE and "revoked_at" in e.changes]
    assert len(revoked) == 1 and revoked[0].actor == officer
    accepted = [e for e in invitation_entries if "accepted_at" in e.changes]
    assert len(accepted) == 1 and accepted[0].actor == account

    user_entries = AuditEntry.objects.filter(content_type__model="user", object_id=str(account.pk))
    assert user_entries.filter(action=AuditAction.CREATE).exists()
    deactivated = user_entries.get(action=AuditAction.UPDATE, changes__has_key="is_active")
    assert deactivated.actor == officer and deactivated.reason == "Duplicate"
    assert deactivated.changes["is_active"] == [True, False]
    assert AuditEntry.objects.filter(content_type__model="person", object_id=str(newcomer.pk)).exists()


# --- The invitations list -----------------------------------------------------------------------


def test_the_invitations_list_filters_by_status(
    world, officer, staff_client, django_capture_on_commit_callbacks
):
    waiting = PersonFactory(institution=world.institution_a, email="waiting@inm.example")
    withdrawn = PersonFactory(institution=world.institution_b, email="withdrawn@naptip.example")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(actor=officer, person=waiting, role=Role.OFFICIAL)
        from partners.accounts import invitation_revoke

        invitation_revoke(
            invitation_send(actor=officer, person=withdrawn, role=Role.FOCAL_POINT), actor=officer
        )

    everything = staff_client.get(reverse("partners:invitation_list")).content.decode()
    assert "waiting@inm.example" in everything and "withdrawn@naptip.example" in everything
    pending = staff_client.get(reverse("partners:invitation_list"), {"status": "pending"}).content.decode()
    assert "waiting@inm.example" in pending and "withdrawn@naptip.example" not in pending
    revoked = staff_client.get(reverse("partners:invitation_list"), {"status": "revoked"}).content.decode()
    assert "withdrawn@naptip.example" in revoked and "waiting@inm.example" not in revoked
    bad = staff_client.get(reverse("partners:invitation_list"), {"status": "lost"})
    assert bad.status_code == 200 and "field__error" in bad.content.decode()


def test_the_invitations_list_costs_the_same_queries_for_one_or_many(world, officer, staff_client):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(reverse("partners:invitation_list")).status_code == 200
        return len(queries)

    invitation_send(actor=officer, person=PersonFactory(institution=world.institution_a), role=Role.OFFICIAL)
    one = count_queries()
    for institution in (world.institution_a, world.institution_b, world.institution_a, world.institution_b):
        invitation_send(actor=officer, person=PersonFactory(institution=institution), role=Role.OFFICIAL)
    assert count_queries() == one
