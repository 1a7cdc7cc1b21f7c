import re
import time
import uuid

from django.conf import settings
from django.contrib.auth import logout
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from .audit import set_origin

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Gives each request an id (or keeps the proxy's X-Request-ID), echoed in the response and
    stamped on every audit entry the request writes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        set_origin(f"request:{request.id}")
        try:
            response = self.get_response(request)
        finally:
            set_origin("")
        response["X-Request-ID"] = request.id
        return response


class UserLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, plus: a signed-in user's remembered language wins over the
    browser's Accept-Language. The switcher sets the language cookie and updates the profile, so a
    cookie (this browser's explicit choice) still wins over both."""

    def process_request(self, request):
        user = getattr(request, "user", None)
        has_cookie = settings.LANGUAGE_COOKIE_NAME in request.COOKIES
        if user is not None and user.is_authenticated and user.language and not has_cookie:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
            return
        super().process_request(request)


class SessionIdleTimeoutMiddleware:
    """Sign out a browser session left unused for SESSION_IDLE_TIMEOUT seconds.

    The last-seen time is written at most once a minute, so an active user does not cost a session
    write on every request. The session cookie's own age (SESSION_COOKIE_AGE) caps a working day."""

    REFRESH_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            last_seen = request.session.get(_LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                request.session[_TIMED_OUT_KEY] = True
            elif last_seen is None or now - last_seen >= self.REFRESH_EVERY:
                request.session[_LAST_SEEN_KEY] = now
        return self.get_response(request)


_LAST_SEEN_KEY = "mieux:last_seen"
_TIMED_OUT_KEY = "mieux:timed_out"


def session_timed_out(request) -> bool:
    """True once, on the first page after an idle sign-out (the login page says why)."""
    return bool(request.session.pop(_TIMED_OUT_KEY, False)) if hasattr(request, "session") else False
