import re
import uuid

from django.conf import settings
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
