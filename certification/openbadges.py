"""Open Badges 3.0 credentials (W3C Verifiable Credentials Data Model 2.0) and Bitstring Status Lists.

A credential names the programme as issuer (the partner's capacity development institution as
co-signer, as the subject's `source`), the holder by a salted SHA-256 of their e-mail address, the
achievement (a Certification, the programme's competencies as criteria) and two status entries
(revocation, suspension) pointing at the platform's status list credentials, read live."""

from __future__ import annotations

import base64
import gzip
import hashlib
import secrets

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.urls import reverse

from .choices import CredentialKind, CredentialStatus

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
# The specification's minimum: 16 KB of bits, so one credential's index says little about the others.
STATUS_LIST_MIN_BITS = 131_072
STATUS_PURPOSES = ("revocation", "suspension")
# Which credential statuses set the bit of each list.
STATUS_BITS = {"revocation": {CredentialStatus.REVOKED}, "suspension": {CredentialStatus.SUSPENDED}}


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def issuer_id() -> str:
    return absolute(reverse("credential_issuer"))


def issuer_profile() -> dict:
    return {
        "@context": CONTEXTS,
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.CREDENTIAL_ISSUER_NAME,
        "url": settings.CREDENTIAL_ISSUER_URL,
    }


def subject_identity(email: str, salt: str | None = None) -> tuple[str, str]:
    """(salt, "sha256$<hex>") for an e-mail address, as OB 3.0's IdentityObject hashes it."""
    salt = salt or secrets.token_hex(16)
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return salt, f"sha256${digest}"


def status_list_url(purpose: str) -> str:
    return absolute(reverse("credential_status_list", args=[purpose]))


def credential_url(credential) -> str:
    return absolute(reverse("credential_json", args=[credential.public_id]))


def programme_competencies(programme) -> list:
    """The programme's competencies, read once per programme object: a credential's document and its
    certificate both list them."""
    prefetch_related_objects([programme], "competencies")
    return list(programme.competencies.all())


def credential_document(credential) -> dict:
    """The credential as issued (no proof: the VC-JWT is its proof)."""
    programme = credential.programme
    competencies = programme_competencies(programme)
    kind_label = {
        CredentialKind.TRAINER: "Certified trainer",
        CredentialKind.EXPERT: "Certified expert",
    }[credential.kind]
    criteria = "; ".join(competency.name for competency in competencies) or programme.description
    achievement = {
        "id": absolute(reverse("certification:programme_detail", args=[programme.pk])) + "#achievement",
        "type": ["Achievement"],
        "achievementType": "Certification",
        "name": f"{kind_label}: {programme.name}",
        "description": programme.description or programme.name,
        "criteria": {"narrative": criteria or programme.name},
        "creator": {"id": issuer_id(), "type": ["Profile"], "name": settings.CREDENTIAL_ISSUER_NAME},
    }
    if competencies:
        achievement["alignment"] = [
            {
                "type": ["Alignment"],
                "targetName": competency.name,
                "targetDescription": competency.description or competency.name,
                "targetType": "Competency",
                "targetUrl": achievement["id"] + f"-competency-{competency.pk}",
            }
            for competency in competencies
        ]
    document = {
        "@context": CONTEXTS,
        "id": credential_url(credential),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {key: value for key, value in issuer_profile().items() if key != "@context"},
        "validFrom": f"{credential.issued_on.isoformat()}T00:00:00Z",
        "validUntil": f"{credential.valid_until.isoformat()}T23:59:59Z",
        "name": achievement["name"],
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": credential.subject_hash,
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": credential.subject_salt,
                }
            ],
            "achievement": achievement,
        },
        "evidence": [
            {
                "id": absolute(reverse("credential_verify", args=[credential.public_id])),
                "type": ["Evidence"],
                "name": "Verification page",
                "narrative": "Assessed against the programme's rules and decided by its panel with the "
                "candidate's institution.",
            }
        ],
        "credentialStatus": [
            {
                "id": f"{status_list_url(purpose)}#{credential.status_index}",
                "type": "BitstringStatusListEntry",
                "statusPurpose": purpose,
                "statusListIndex": str(credential.status_index),
                "statusListCredential": status_list_url(purpose),
            }
            for purpose in STATUS_PURPOSES
        ],
    }
    if programme.co_signer_id:
        # OB 3.0's `source`: the organisation that assessed the achievement with the issuer.
        co_signer = programme.co_signer
        document["credentialSubject"]["source"] = {
            "id": f"{issuer_id()}#co-signer-{co_signer.pk}",
            "type": ["Profile"],
            "name": co_signer.name,
        }
    return document


def jwt_claims(credential, document: dict) -> dict:
    """OB 3.0's VC-JWT: the credential in `vc`, with the registered claims that mirror it."""
    return {
        "vc": document,
        "iss": document["issuer"]["id"],
        "jti": document["id"],
        "sub": credential.subject_hash,
        "nbf": _epoch(credential.issued_on, end=False),
        "exp": _epoch(credential.valid_until, end=True),
    }


def _epoch(day, *, end: bool) -> int:
    import calendar

    seconds = calendar.timegm(day.timetuple())
    return seconds + 86_399 if end else seconds


def encode_bitstring(indexes, size: int) -> str:
    """GZIP-compressed, base64url (multibase "u") bitstring with the given bits set; bit 0 is the
    most significant bit of the first byte, as the specification says."""
    bits = bytearray(size // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def decode_bitstring(encoded: str) -> bytes:
    data = encoded[1:] if encoded.startswith("u") else encoded
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def bit_is_set(encoded: str, index: int) -> bool:
    return bool(decode_bitstring(encoded)[index // 8] & (0x80 >> (index % 8)))


def list_size(highest_index: int | None) -> int:
    needed = (highest_index or 0) + 1
    blocks = -(-needed // STATUS_LIST_MIN_BITS)
    return max(1, blocks) * STATUS_LIST_MIN_BITS


def status_list_credential(purpose: str) -> dict:
    """The status list credential of one purpose, computed from the credentials' statuses now."""
    from django.db.models import Max
    from django.utils import timezone

    from .models import Credential

    highest = Credential.objects.aggregate(highest=Max("status_index"))["highest"]
    indexes = Credential.objects.filter(status__in=STATUS_BITS[purpose]).values_list(
        "status_index", flat=True
    )
    url = status_list_url(purpose)
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": timezone.now().replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode_bitstring(indexes, list_size(highest)),
        },
    }


def allocate_status_index() -> int:
    """A random free position in the status lists (the first 131,072 positions while they last)."""
    from .models import Credential

    for _attempt in range(20):
        size = list_size(Credential.objects.count() * 2)
        candidate = secrets.randbelow(size)
        if not Credential.objects.filter(status_index=candidate).exists():
            return candidate
    raise RuntimeError("Could not find a free status list position")  # pragma: no cover
