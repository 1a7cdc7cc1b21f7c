from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from mieux.models import ApiToken, hash_token


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <token>`, looked up by its SHA-256 digest (see ApiToken)."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        digest = hash_token(key)
        token = cache.get(token_cache_key(digest))
        if token is None:
            token = ApiToken.objects.active().select_related("user").filter(digest=digest).first()
            if token is None:
                raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
            cache.set(token_cache_key(digest), token, TOKEN_CACHE_SECONDS)
        now = timezone.now()
        # Record use at most once a minute: a write per API call would double the cost of reads.
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
            cache.set(token_cache_key(digest), token, TOKEN_CACHE_SECONDS)
        return token.user, token


# A token and its user are read from the cache (Redis in production) for up to a minute: the lookup
# was a third of an API list's cost. Whatever could make a cached token wrong — revoking it, changing
# or deactivating its user — deletes it from the cache when it is saved (mieux.signals).
TOKEN_CACHE_SECONDS = 60


def token_cache_key(digest: str) -> str:
    return f"mieux:api-token:{digest}"


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "mieux.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <token>`, issued with `manage.py issue_api_token EMAIL`.",
        }
