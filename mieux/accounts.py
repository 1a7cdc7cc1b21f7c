"""Sign-in helpers shared by the login page, the password pages and django-axes: who axes counts
failures for, clearing those failures, setting a password, and keeping UserSession in step when a
session changes its key."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def axes_username(request, credentials) -> str:
    """The username django-axes counts failures for: the e-mail address as the login form compares it
    (case-insensitively), so Maria@x and maria@x share one counter."""
    username = ""
    if credentials:
        username = credentials.get("username") or credentials.get("email") or ""
    elif request is not None:
        username = request.POST.get("username", "")
    return username.strip().lower()


def login_failures_clear(*, username: str, ip_address: str | None = None, why: str = "") -> int:
    """Forget django-axes' failed sign-ins for this e-mail address (from one address only, if given),
    which lifts a lockout. Returns how many failure records were removed."""
    from axes.utils import reset

    username = axes_username(None, {"username": username})
    if not username:
        # axes resets *every* record when given neither a username nor an address.
        raise ValueError("login_failures_clear needs an e-mail address")
    cleared = reset(ip=ip_address or None, username=username)
    logger.info(
        "Cleared %d failed sign-in record(s) for %s%s%s",
        cleared,
        username,
        f" from {ip_address}" if ip_address else "",
        f" ({why})" if why else "",
    )
    return cleared


def session_key_renewed(request, *, user, previous_key: str | None) -> None:
    """After Django gave a signed-in session a new key (a password change does), record the new key
    so deactivating the account still ends this session (see mieux.services.sessions_end)."""
    from .models import UserSession

    key = request.session.session_key
    if not key or key == previous_key:
        return
    if previous_key:
        UserSession.objects.filter(session_key=previous_key).delete()
    UserSession.objects.update_or_create(session_key=key, defaults={"user": user})


def password_reset_email_send(user) -> None:
    """E-mail `user` a single-use link to choose a new password (Django's token generator: it stops
    working once the password changes, and after PASSWORD_RESET_TIMEOUT), in the account's language,
    built on SITE_URL rather than on a request's Host header."""
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import translation
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    context = {
        "user": user,
        "email": user.email,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "site_url": settings.SITE_URL,
        "programme": settings.PROGRAMME_NAME,
    }
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = "".join(render_to_string("registration/password_reset_subject.txt", context).splitlines())
        body = render_to_string("registration/password_reset_email.txt", context)
    send_mail(subject, body, None, [user.email])
