"""The platform's issuer keys: signing credentials and checking signatures.

The private key comes from `CREDENTIAL_ISSUER_KEY` (PEM text) or `CREDENTIAL_ISSUER_KEY_FILE` (a PEM
file outside the repository); production refuses to start without one (settings/prod.py). Keys
retired by a rotation stay in `CREDENTIAL_RETIRED_KEY_FILES`: their public halves are still published
in the JWK set, so credentials signed before the rotation keep verifying.

Ed25519 keys sign with the fully specified JOSE algorithm "Ed25519" (RFC 9864); RSA keys with RS256.
The key id is the key's RFC 7638 thumbprint, so it is stable and derived from the key alone."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, OKPKey, RSAKey
from joserfc.jws import extract_compact

logger = logging.getLogger(__name__)

ALGORITHMS = ["Ed25519", "RS256"]


@dataclass(frozen=True)
class IssuerKey:
    key: OKPKey | RSAKey
    kid: str

    @property
    def algorithm(self) -> str:
        return "Ed25519" if isinstance(self.key, OKPKey) else "RS256"

    def public_jwk(self) -> dict:
        return {**self.key.as_dict(private=False), "kid": self.kid, "alg": self.algorithm, "use": "sig"}


def _import_pem(pem: bytes | str, source: str) -> IssuerKey:
    data = pem.encode() if isinstance(pem, str) else pem
    for key_type in (OKPKey, RSAKey):
        try:
            key = key_type.import_key(data)
        except (ValueError, TypeError, JoseError):
            continue
        return IssuerKey(key=key, kid=key.thumbprint())
    raise ImproperlyConfigured(f"{source} is not an Ed25519 or RSA key in PEM format.")


def _generate_development_key(path: Path) -> None:
    """Outside production only: make a key on first use so `make run` needs no set-up step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(OKPKey.generate_key("Ed25519").as_pem(private=True))
    path.chmod(0o600)
    logger.warning("Generated a development issuer key at %s", path)


@functools.cache
def signing_key() -> IssuerKey:
    if settings.CREDENTIAL_ISSUER_KEY:
        return _import_pem(settings.CREDENTIAL_ISSUER_KEY, "CREDENTIAL_ISSUER_KEY")
    if not settings.CREDENTIAL_ISSUER_KEY_FILE:
        raise ImproperlyConfigured(
            "Set CREDENTIAL_ISSUER_KEY or CREDENTIAL_ISSUER_KEY_FILE to issue credentials."
        )
    path = Path(settings.CREDENTIAL_ISSUER_KEY_FILE)
    if not path.exists() and settings.CREDENTIAL_ISSUER_KEY_AUTOCREATE:
        _generate_development_key(path)
    try:
        return _import_pem(path.read_bytes(), str(path))
    except OSError as error:
        raise ImproperlyConfigured(f"Cannot read the issuer key file {path}: {error}") from error


@functools.cache
def retired_keys() -> tuple[IssuerKey, ...]:
    keys = []
    for name in settings.CREDENTIAL_RETIRED_KEY_FILES:
        try:
            keys.append(_import_pem(Path(name).read_bytes(), name))
        except OSError as error:
            raise ImproperlyConfigured(f"Cannot read the retired issuer key file {name}: {error}") from error
    return tuple(keys)


def all_keys() -> tuple[IssuerKey, ...]:
    current = signing_key()
    return (current, *(key for key in retired_keys() if key.kid != current.kid))


def reset_key_cache() -> None:
    """After the settings change (tests, a rotation in a running shell)."""
    signing_key.cache_clear()
    retired_keys.cache_clear()


def jwks() -> dict:
    """The public keys, current and retired, as a JWK set (served at /.well-known/jwks.json)."""
    return {"keys": [key.public_jwk() for key in all_keys()]}


def sign(claims: dict) -> tuple[str, str]:
    """A compact JWS of `claims` with the current key; returns (token, key id)."""
    key = signing_key()
    header = {"alg": key.algorithm, "kid": key.kid, "typ": "JWT"}
    return jwt.encode(header, claims, key.key, algorithms=[key.algorithm]), key.kid


class SignatureError(Exception):
    """Why a token does not verify, in words for the verification page."""


def verify(token: str) -> tuple[dict, dict]:
    """Check a compact JWS against the published keys; returns (header, claims) or raises
    SignatureError saying what is wrong."""
    token = (token or "").strip()
    try:
        compact = extract_compact(token.encode("ascii"))
        header = compact.headers()
    except (JoseError, ValueError, UnicodeEncodeError) as error:
        raise SignatureError("malformed") from error
    kid = header.get("kid")
    if not isinstance(kid, str):
        raise SignatureError("unknown_key")
    known = {key.kid: key for key in all_keys()}
    if kid not in known:
        raise SignatureError("unknown_key")
    key = known[kid]
    if header.get("alg") != key.algorithm:
        raise SignatureError("bad_signature")
    try:
        decoded = jwt.decode(token, KeySet([key.key]), algorithms=[key.algorithm])
    except (JoseError, ValueError) as error:
        raise SignatureError("bad_signature") from error
    return dict(decoded.header), dict(decoded.claims)
