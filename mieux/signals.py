"""Keep UserSession in step with sign-ins and sign-outs (see mieux.services.sessions_end), and the
cached API tokens in step with their rows (mieux.api.authentication)."""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import ApiToken, UserSession


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


def _forget_tokens(digests: list[str]) -> None:
    from .api.authentication import token_cache_key

    keys = [token_cache_key(digest) for digest in digests]
    if keys:
        cache.delete_many(keys)
        # Again once the change is committed: a request between the save and the commit could have
        # cached the row as it was.
        transaction.on_commit(lambda: cache.delete_many(keys))


@receiver([post_save, post_delete], sender=ApiToken, dispatch_uid="mieux.api_token_changed")
def api_token_changed(sender, instance, **kwargs):
    _forget_tokens([instance.digest])


@receiver([post_save, post_delete], sender=settings.AUTH_USER_MODEL, dispatch_uid="mieux.token_user_changed")
def token_user_changed(sender, instance, created=False, **kwargs):
    if not created:
        _forget_tokens(list(ApiToken.objects.filter(user_id=instance.pk).values_list("digest", flat=True)))
