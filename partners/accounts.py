"""Portal accounts: invitations to people of partner institutions (and roster experts), and the
single-use, expiring link through which they choose their password.

Accounts belong to the framework (mieux.User); who may have one belongs to the registry, so the
invitation lives here, next to Person.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mieux import audit
from mieux.errors import ApplicationError, Conflict
from mieux.models import AuditAction, User
from mieux.roles import PARTNER_ROLES, Role
from mieux.services import require, update_fields_audited, user_create

from .models import Invitation, Person
from .permissions import can_invite

INVITABLE_ROLES = PARTNER_ROLES | {Role.EXPERT}


def invitation_link(token: str) -> str:
    return settings.SITE_URL + reverse("invitation_accept", args=[token])


def _invitation_email_send(invitation: Invitation, token: str) -> None:
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "person": invitation.person,
            "link": invitation_link(token),
            "programme": settings.PROGRAMME_NAME,
            "valid_days": settings.INVITATION_VALID_DAYS,
        }
        subject = render_to_string("partners/email/invitation_subject.txt", context).strip()
        body = render_to_string("partners/email/invitation_body.txt", context)
    send_mail(subject, body, None, [invitation.email])


def invitation_send(*, actor, person: Person, role: str, language: str | None = None) -> Invitation:
    """Invite a person to the portal (see invitation_issue); the link goes only into the e-mail."""
    invitation, _token = invitation_issue(actor=actor, person=person, role=role, language=language)
    return invitation


@transaction.atomic
def invitation_issue(
    *, actor, person: Person, role: str, language: str | None = None
) -> tuple[Invitation, str]:
    """Invite a person to the portal with a role. An earlier invitation still waiting is revoked, so
    only the newest link works. People who already have an account are not invited again."""
    require(can_invite(actor), _("Only programme staff invite people to the portal."))
    person = Person.objects.select_for_update().select_related("institution").get(pk=person.pk)
    if role not in INVITABLE_ROLES:
        raise ApplicationError(
            _("Choose a partner role or expert."),
            fields={"role": [_("This role is not given by invitation.")]},
        )
    if role == Role.EXPERT and not hasattr(person, "expert_profile"):
        raise ApplicationError(
            _("Only people on the expert roster can be invited as experts."),
            fields={"role": [_("This person is not on the expert roster.")]},
        )
    if not person.email:
        raise ApplicationError(
            _("Record the person's e-mail address first."),
            fields={"email": [_("The person has no e-mail address.")]},
        )
    if person.user_id is not None:
        raise Conflict(
            _("This person already has an account."), fields={"person": [_("Already has an account.")]}
        )
    email = User.objects.normalize_email(person.email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise Conflict(
            _("An account with this e-mail address exists already."),
            fields={"email": [_("An account with this e-mail address exists already.")]},
        )
    language = language or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise ApplicationError(
            _("Choose English, French or Spanish."), fields={"language": [_("Unknown language.")]}
        )

    now = timezone.now()
    for waiting in person.invitations.select_for_update().pending():
        update_fields_audited(waiting, actor=actor, reason="replaced by a new invitation", revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        person=person,
        email=email,
        role=role,
        language=language,
        digest=Invitation.digest_of(token),
        invited_by=actor,
        created_at=now,
        expires_at=now + datetime.timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    try:
        invitation.full_clean()
    except ValidationError as error:
        raise ApplicationError("; ".join(error.messages), fields=error.message_dict) from error
    invitation.save()
    audit.record(
        actor=actor, instance=invitation, action=AuditAction.CREATE, after=audit.snapshot(invitation)
    )
    # The e-mail leaves only once the invitation is stored; the plain token exists only in it.
    transaction.on_commit(lambda: _invitation_email_send(invitation, token))
    # Like api_token_issue, the plain token is returned once to the caller (the demo opens an
    # account with it); pages and the API call invitation_send, which keeps it to the e-mail.
    return invitation, token


@transaction.atomic
def invitation_revoke(invitation: Invitation, *, actor) -> Invitation:
    require(can_invite(actor), _("Only programme staff manage invitations."))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != "pending":
        raise Conflict(_("Only an invitation still waiting can be revoked."))
    return update_fields_audited(invitation, actor=actor, revoked_at=timezone.now())


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link's token belongs to, whatever its state (the page explains an expired or
    used link); None for a token that was never issued."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("person__institution")
        .filter(digest=Invitation.digest_of(token))
        .first()
    )


@transaction.atomic
def invitation_accept(*, token: str, password: str, full_name: str = "") -> User:
    """Open the account an invitation offers: once, before it expires, with a password that passes
    the password rules. The account is linked to the invited person and remembers the invitation's
    language."""
    invitation = invitation_for_token(token)
    if invitation is None:
        raise ApplicationError(
            _("This invitation link is not valid."), fields={"token": [_("Unknown link.")]}
        )
    invitation = Invitation.objects.select_for_update().select_related("person").get(pk=invitation.pk)
    if invitation.status != "pending":
        messages = {
            "accepted": _("This invitation link has been used already. Sign in, or reset your password."),
            "revoked": _("This invitation was replaced or withdrawn. Ask the programme team for a new one."),
            "expired": _("This invitation link has expired. Ask the programme team for a new one."),
        }
        raise Conflict(messages[invitation.status], fields={"token": [messages[invitation.status]]})
    person = Person.objects.select_for_update().get(pk=invitation.person_id)
    if person.user_id is not None or User.objects.filter(email__iexact=invitation.email).exists():
        raise Conflict(_("An account exists already for this person. Sign in, or reset your password."))
    probe = User(email=invitation.email, full_name=full_name or str(person), role=invitation.role)
    try:
        password_validation.validate_password(password, probe)
    except ValidationError as error:
        raise ApplicationError(" ".join(error.messages), fields={"password": error.messages}) from error
    user = user_create(
        actor=None,
        email=invitation.email,
        role=invitation.role,
        password=password,
        full_name=(full_name or str(person))[:200],
        language=invitation.language,
    )
    update_fields_audited(person, actor=user, user=user)
    update_fields_audited(invitation, actor=user, accepted_at=timezone.now())
    return user
