"""The invitations API: programme staff invite people to the portal and revoke invitations still
waiting; nobody else sees or sends them, and no response ever carries the link's token."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mieux.models import AuditEntry
from partners.accounts import invitation_send
from partners.models import Invitation
from tests.conftest import ALL_ROLES
from tests.factories import ExpertFactory, PersonFactory
from tests.resources import STAFF, audit_entries

FIELDS = {
    "id",
    "person",
    "email",
    "role",
    "language",
    "status",
    "invited_by",
    "created_at",
    "expires_at",
    "accepted_at",
    "revoked_at",
}


def url(*args, action: str = "detail") -> str:
    return reverse(f"invitation-{action}", args=args)


def error_fields(response) -> dict:
    return response.json()["error"]["fields"]


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def invitee(world):
    return PersonFactory(
        institution=world.institution_a, first_name="Inés", last_name="Invitee", email="ines@inm.example"
    )


def send(world, person, role="official") -> Invitation:
    return invitation_send(actor=world.user("programme_officer"), person=person, role=role, language="es")


@pytest.mark.parametrize("role", ALL_ROLES)
def test_invitation_sent_by_staff_only(
    world, invitee, api_client_for, role, django_capture_on_commit_callbacks
):
    client = api_client_for(world.user(role))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(action="list"), {"person": invitee.pk, "role": "official", "language": "es"}, format="json"
        )
    if role not in STAFF:
        # Integrators write like officers elsewhere, but opening accounts is the programme's decision.
        assert response.status_code == 403, response.content
        assert not Invitation.objects.exists() and not mail.outbox
        return
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == FIELDS
    assert body["email"] == "ines@inm.example" and body["status"] == "pending"
    assert body["role"] == "official" and body["language"] == "es"
    assert body["invited_by"] == world.user(role).pk
    invitation = Invitation.objects.get(pk=body["id"])
    entry = audit_entries(Invitation, invitation.pk, "create").get()
    assert entry.actor == world.user(role) and entry.origin.startswith("request:")

    # The token is in the e-mail only: never in the response, nor its digest.
    (message,) = mail.outbox
    assert message.to == ["ines@inm.example"]
    token = re.search(r"/invitation/([^/\s]+)/", message.body).group(1)
    assert Invitation.digest_of(token) == invitation.digest
    for secret in (token, invitation.digest):
        assert secret not in response.content.decode()
        assert secret not in client.get(url(invitation.pk)).content.decode()
        assert secret not in client.get(url(action="list")).content.decode()


def test_language_defaults_to_english(world, invitee, api_client_for):
    response = api_client_for(world.user("programme_officer")).post(
        url(action="list"), {"person": invitee.pk, "role": "hr_officer"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["language"] == "en"


@pytest.mark.parametrize("role", ALL_ROLES)
def test_invitations_listed_to_staff_only(world, invitee, api_client_for, role):
    invitation = send(world, invitee)
    client = api_client_for(world.user(role))
    listed = ids(client.get(url(action="list")))
    detail = client.get(url(invitation.pk))
    if role in STAFF:
        assert listed == {invitation.pk} and detail.status_code == 200
    else:
        # Integrators included: an invitation names someone who has not yet agreed to the platform.
        assert listed == set() and detail.status_code == 404


def test_invitation_bad_input_names_the_field_and_writes_nothing(world, invitee, api_client_for):
    client = api_client_for(world.user("programme_officer"))
    no_email = PersonFactory(institution=world.institution_a, email="")
    has_account = world.user("official").person
    cases = [
        ({"person": invitee.pk, "role": "administrator"}, "role", 400),
        ({"person": invitee.pk, "role": "integrator"}, "role", 400),
        ({"person": invitee.pk, "role": "official", "language": "de"}, "language", 400),
        ({"person": 10**9, "role": "official"}, "person", 400),
        ({"role": "official"}, "person", 400),
        ({"person": invitee.pk}, "role", 400),
        ({"person": invitee.pk, "role": "expert"}, "role", 400),  # not on the expert roster
        ({"person": no_email.pk, "role": "official"}, "email", 400),
        ({"person": has_account.pk, "role": "official"}, "person", 409),
    ]
    before = AuditEntry.objects.count()
    for payload, field, status in cases:
        response = client.post(url(action="list"), payload, format="json")
        assert response.status_code == status, (payload, response.content)
        assert field in error_fields(response), (payload, response.json())
    assert not Invitation.objects.exists() and AuditEntry.objects.count() == before


def test_roster_expert_is_invited_as_expert(world, api_client_for):
    expert = ExpertFactory(person=PersonFactory(institution=world.member_state_administration))
    response = api_client_for(world.user("programme_manager")).post(
        url(action="list"), {"person": expert.person.pk, "role": "expert"}, format="json"
    )
    assert response.status_code == 201, response.content


def test_a_new_invitation_replaces_the_waiting_one(world, invitee, api_client_for):
    first = send(world, invitee)
    response = api_client_for(world.user("programme_officer")).post(
        url(action="list"), {"person": invitee.pk, "role": "training_officer"}, format="json"
    )
    assert response.status_code == 201, response.content
    first.refresh_from_db()
    assert first.status == "revoked"


def test_staff_revoke_a_waiting_invitation_once(world, invitee, api_client_for):
    invitation = send(world, invitee)
    manager = world.user("programme_manager")
    client = api_client_for(manager)
    response = client.post(url(invitation.pk, action="revoke"))
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "revoked" and response.json()["revoked_at"]
    entry = audit_entries(Invitation, invitation.pk, "update").get()
    assert entry.actor == manager and "revoked_at" in entry.changes

    again = client.post(url(invitation.pk, action="revoke"))
    assert again.status_code == 409, again.content
    assert audit_entries(Invitation, invitation.pk, "update").count() == 1


@pytest.mark.parametrize("role", sorted(set(ALL_ROLES) - STAFF))
def test_others_cannot_revoke(world, invitee, api_client_for, role):
    invitation = send(world, invitee)
    response = api_client_for(world.user(role)).post(url(invitation.pk, action="revoke"))
    assert response.status_code == 404, response.content
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_read_only_token_cannot_invite_or_revoke(world, invitee, api_client_for):
    invitation = send(world, invitee)
    client = api_client_for(world.user("administrator"), read_only=True)
    assert client.get(url(invitation.pk)).status_code == 200
    assert client.post(url(invitation.pk, action="revoke")).status_code == 403
    other = PersonFactory(institution=world.institution_a)
    assert (
        client.post(url(action="list"), {"person": other.pk, "role": "official"}, format="json").status_code
        == 403
    )
    invitation.refresh_from_db()
    assert invitation.status == "pending" and Invitation.objects.count() == 1


def test_invitations_are_not_edited_or_deleted(world, invitee, api_client_for):
    invitation = send(world, invitee)
    client = api_client_for(world.user("administrator"))
    assert client.patch(url(invitation.pk), {"role": "focal_point"}, format="json").status_code == 405
    assert client.delete(url(invitation.pk)).status_code == 405
    assert Invitation.objects.filter(pk=invitation.pk, role="official").exists()


def test_invitation_filters(world, invitee, api_client_for):
    waiting = send(world, invitee)
    revoked_person = PersonFactory(institution=world.institution_b, email="r@naptip.example")
    revoked = send(world, revoked_person)
    revoked.revoked_at = timezone.now()
    revoked.save()
    expired = send(world, PersonFactory(institution=world.institution_a, email="e@inm.example"))
    expired.expires_at = timezone.now() - datetime.timedelta(days=1)
    expired.save()
    client = api_client_for(world.user("programme_officer"))
    path = url(action="list")
    assert ids(client.get(path, {"status": "pending"})) == {waiting.pk}
    assert ids(client.get(path, {"status": "revoked"})) == {revoked.pk}
    assert ids(client.get(path, {"status": "expired"})) == {expired.pk}
    assert ids(client.get(path, {"person": invitee.pk})) == {waiting.pk}
    assert ids(client.get(path, {"institution": world.institution_a.pk})) == {waiting.pk, expired.pk}
    response = client.get(path, {"status": "lost"})
    assert response.status_code == 400 and "status" in error_fields(response)


def test_invitation_list_query_count_is_flat(world, invitee, api_client_for):
    send(world, invitee)
    client = api_client_for(world.user("programme_officer"))
    path = url(action="list")

    def count() -> int:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    one = count()
    for index in range(6):
        send(world, PersonFactory(institution=world.institution_a, email=f"p{index}@inm.example"))
    assert count() == one
