"""What anyone may read without an account: the credentials as issued, the issuer's profile and
public keys, the status lists, and the verification page."""

from __future__ import annotations

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control

from . import issuer, openbadges
from .models import Credential

JSON_LD = "application/ld+json"


def _credential(public_id: str) -> Credential:
    return get_object_or_404(Credential.objects.exclude(jwt=""), public_id=public_id)


def credential_json(request, public_id: str):
    credential = _credential(public_id)
    return JsonResponse(credential.document, content_type=JSON_LD, json_dumps_params={"indent": 2})


def credential_jwt(request, public_id: str):
    credential = _credential(public_id)
    return HttpResponse(credential.jwt, content_type="application/vc+jwt")


@cache_control(max_age=300, public=True)
def jwks(request):
    return JsonResponse(issuer.jwks(), content_type="application/jwk-set+json")


@cache_control(max_age=3600, public=True)
def issuer_profile(request):
    return JsonResponse(openbadges.issuer_profile(), content_type=JSON_LD)


# Verifiers must see a revocation at once: the status list is not cached.
@cache_control(no_cache=True, max_age=0)
def status_list(request, purpose: str):
    if purpose not in openbadges.STATUS_PURPOSES:
        raise Http404
    return JsonResponse(openbadges.status_list_credential(purpose), content_type=JSON_LD)
