"""Keep UserSession in step with sign-ins and sign-outs (see mieux.services.sessions_end)."""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from .models import UserSession


@receiver(user_logged_in, dispatch_uid="mieux.session_opened")
def session_opened(sender, request, user, **kwargs):
    # Django has already given the session a new key at login (no fixation); remember that key.
    session = getattr(request, "session", None)
    if session is None:
        return
    session["mieux:last_seen"] = int(time.time())  # the idle timeout counts from now
    if session.session_key is None:
        session.save()
    UserSession.objects.update_or_create(session_key=session.session_key, defaults={"user": user})


@receiver(user_logged_out, dispatch_uid="mieux.session_closed")
def session_closed(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        UserSession.objects.filter(session_key=session.session_key).delete()
