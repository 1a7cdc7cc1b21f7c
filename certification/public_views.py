"""What anyone may read without an account: the credentials as issued, the issuer's profile and
public keys, the status lists, and the verification page."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods
from joserfc.errors import JoseError

from . import issuer, openbadges
from .choices import CredentialStatus
from .models import Credential

logger = logging.getLogger(__name__)

JSON_LD = "application/ld+json"
# A VC-JWT or credential document of ours is a few kilobytes; anything much larger is not one.
UPLOAD_LIMIT = 64 * 1024


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


# --- The verification page ----------------------------------------------------------------------


@dataclass(frozen=True)
class PublicStatus:
    """What the verification page says about a credential now (never the internal note)."""

    key: str  # valid, expired, suspended, revoked, superseded
    label: str
    explanation: str
    tone: str  # success, warning, danger: the badge and banner colours
    reason: str = ""
    successor: Credential | None = None


def public_status(credential: Credential, today=None) -> PublicStatus:
    today = today or timezone.localdate()
    status = credential.status
    if status == CredentialStatus.REVOKED:
        return PublicStatus(
            "revoked",
            pgettext_lazy("credential", "Revoked"),
            _("The issuer has withdrawn this credential. It no longer certifies its holder."),
            "danger",
            reason=credential.get_revocation_reason_display() if credential.revocation_reason else "",
        )
    if status == CredentialStatus.SUPERSEDED:
        return PublicStatus(
            "superseded",
            pgettext_lazy("credential", "Superseded"),
            _("This credential was renewed: a newer credential replaces it."),
            "warning",
            successor=credential.superseded_by,
        )
    if status == CredentialStatus.SUSPENDED:
        return PublicStatus(
            "suspended",
            pgettext_lazy("credential", "Suspended"),
            _(
                "The issuer has suspended this credential for now. It does not certify its holder while "
                "suspended."
            ),
            "warning",
        )
    if status == CredentialStatus.EXPIRED or credential.valid_until < today:
        return PublicStatus(
            "expired",
            pgettext_lazy("credential", "Expired"),
            _("This credential was valid until %(date)s. Its holder needs to renew it.")
            % {"date": date_format(credential.valid_until, "DATE_FORMAT")},
            "warning",
        )
    return PublicStatus(
        "valid",
        pgettext_lazy("credential", "Valid"),
        _("This credential was issued by this platform and is in force."),
        "success",
    )


@dataclass(frozen=True)
class CheckResult:
    """The answer to an uploaded or pasted credential."""

    outcome: str  # signature_valid, record_matches, record_differs, tampered, foreign, not_credential
    title: str
    detail: str = ""
    credential: Credential | None = None
    status: PublicStatus | None = None

    @property
    def good(self) -> bool:
        return self.outcome in {"signature_valid", "record_matches"}


class CredentialCheckForm(forms.Form):
    credential_file = forms.FileField(
        label=_("Credential file"),
        required=False,
        help_text=_("The .jwt or .json file you received (at most 64 KB)."),
    )
    token = forms.CharField(
        label=_("Or paste the credential (VC-JWT)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "autocomplete": "off"}),
        max_length=UPLOAD_LIMIT,
        error_messages={"max_length": _("This is too long for a credential (at most 64 KB).")},
    )

    def clean_credential_file(self):
        upload = self.cleaned_data.get("credential_file")
        if upload is None:
            return None
        if upload.size > UPLOAD_LIMIT:
            raise forms.ValidationError(_("Not a credential file: it is larger than 64 KB."))
        data = upload.read(UPLOAD_LIMIT + 1)
        if len(data) > UPLOAD_LIMIT:
            raise forms.ValidationError(_("Not a credential file: it is larger than 64 KB."))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
        if text is None or "\x00" in text:
            raise forms.ValidationError(_("Not a credential file: it is not text (a .jwt or .json file)."))
        return text

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("credential_file") or (cleaned.get("token") or "").strip()
        if not self.errors and not text:
            raise forms.ValidationError(_("Choose a credential file or paste a credential."))
        cleaned["text"] = text
        return cleaned


def _public_id_from_url(url) -> str | None:
    """Our credential's public id from its address (the `id` of the document, `jti` of the JWT)."""
    if not isinstance(url, str) or not url.startswith(settings.SITE_URL.rstrip("/") + "/"):
        return None
    path = url[len(settings.SITE_URL.rstrip("/")) :].split("#")[0].split("?")[0]
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.url_name not in {"credential_json", "credential_jwt", "credential_verify"}:
        return None
    return match.kwargs.get("public_id")


def _issued_credential(public_id: str | None) -> Credential | None:
    if not public_id:
        return None
    return (
        Credential.objects.exclude(jwt="").select_related("superseded_by").filter(public_id=public_id).first()
    )


NOT_A_CREDENTIAL = _("Not a credential file")


def _check_document(document) -> CheckResult:
    """A credential document without proof: ours only if its id names a credential we issued, and
    then it must be the very document we issued."""
    if not isinstance(document, dict) or "credentialSubject" not in document:
        return CheckResult(
            "not_credential", NOT_A_CREDENTIAL, _("This JSON file is not an Open Badges credential.")
        )
    credential = _issued_credential(_public_id_from_url(document.get("id")))
    if credential is None:
        return CheckResult(
            "not_credential",
            NOT_A_CREDENTIAL,
            _("This JSON file does not name a credential issued by this platform."),
        )
    if document == credential.document:
        return CheckResult(
            "record_matches",
            _("Matches our record"),
            _(
                "This document is exactly the credential %(id)s as we issued it. A JSON file carries no "
                "signature: the signed proof is the .jwt file."
            )
            % {"id": credential.public_id},
            credential,
            public_status(credential),
        )
    return CheckResult(
        "record_differs",
        _("Differs from what we issued"),
        _(
            "This document names the credential %(id)s but its content is not what we issued: it has "
            "been changed. Rely only on the credential as shown on this page."
        )
        % {"id": credential.public_id},
        credential,
        public_status(credential),
    )


def _check_token(token: str) -> CheckResult:
    try:
        _header, claims = issuer.verify(token)
    except issuer.SignatureError as error:
        reason = str(error)
        if reason == "unknown_key":
            return CheckResult(
                "foreign",
                _("Not issued by this platform"),
                _("This credential is signed with a key that is not one of this platform's keys."),
            )
        if reason == "bad_signature":
            return CheckResult(
                "tampered",
                _("Signature does not match"),
                _(
                    "The signature does not match the content: the credential was changed after it was "
                    "issued, or it was not signed by this platform. Do not rely on it."
                ),
            )
        return CheckResult(
            "not_credential",
            NOT_A_CREDENTIAL,
            _("This is not a signed credential (VC-JWT) or JSON document."),
        )
    except (JoseError, ValueError, TypeError, KeyError, AttributeError):
        # A token crafted to be odd (a key id that is a list, a header that is not an object…).
        logger.info("Credential check: unreadable token", exc_info=True)
        return CheckResult(
            "not_credential",
            NOT_A_CREDENTIAL,
            _("This is not a signed credential (VC-JWT) or JSON document."),
        )
    vc = claims.get("vc") if isinstance(claims.get("vc"), dict) else {}
    credential = _issued_credential(_public_id_from_url(vc.get("id") or claims.get("jti")))
    if credential is None:
        return CheckResult(
            "not_credential",
            NOT_A_CREDENTIAL,
            _("The signature is ours but the token does not name a credential we issued."),
        )
    return CheckResult(
        "signature_valid",
        _("Signature valid"),
        _("Issued by this platform: credential %(id)s.") % {"id": credential.public_id},
        credential,
        public_status(credential),
    )


def check_credential_text(text: str) -> CheckResult:
    """Check what a visitor uploaded or pasted: a VC-JWT by its signature, a JSON document against
    our record. Never raises: anything unreadable is "not a credential file"."""
    text = text.strip()
    if text.startswith("{") or text.startswith("["):
        try:
            document = json.loads(text)
        except ValueError:
            return CheckResult("not_credential", NOT_A_CREDENTIAL, _("This file is not valid JSON."))
        return _check_document(document)
    return _check_token(text)


def _issuer_context() -> dict:
    return {"issuer_name": settings.CREDENTIAL_ISSUER_NAME, "issuer_url": settings.CREDENTIAL_ISSUER_URL}


def _page_context(credential: Credential) -> dict:
    return {
        **_issuer_context(),
        "credential": credential,
        "status": public_status(credential),
        "competencies": list(credential.programme.competencies.all()),
    }


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def credential_verify(request, public_id: str):
    """The public verification page of one credential, with a form to check a credential file."""
    credential = (
        Credential.objects.exclude(jwt="")
        .select_related("programme__co_signer", "person", "institution", "superseded_by")
        .filter(public_id=public_id)
        .first()
    )
    if credential is None:
        return render(
            request,
            "certification/verify.html",
            {
                **_issuer_context(),
                "not_found": True,
                "public_id": public_id[:64],
                "form": CredentialCheckForm(),
            },
            status=404,
        )
    context = _page_context(credential)
    context.update(_handle_check(request))
    return render(request, "certification/verify.html", context)


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def credential_check(request):
    """Check a credential file without knowing its number."""
    return render(request, "certification/verify.html", {**_issuer_context(), **_handle_check(request)})


def _handle_check(request) -> dict:
    if request.method != "POST":
        return {"form": CredentialCheckForm()}
    form = CredentialCheckForm(request.POST, request.FILES)
    if not form.is_valid():
        return {"form": form, "check_failed": True}
    return {"form": CredentialCheckForm(), "check": check_credential_text(form.cleaned_data["text"])}
