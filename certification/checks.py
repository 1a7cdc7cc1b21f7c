"""System checks of what issuing credentials needs from the machine and the settings.

- certification.W001: WeasyPrint renders certificates about ten times slower without HarfBuzz's
  subsetting library (it falls back to fontTools), which bulk issuing feels at once.
- certification.E001: the issuer key cannot be loaded. Checked by `check --deploy`, and on every start
  with production settings (DEBUG off, no development key generated), so a server never runs unable
  to issue or verify credentials."""

from __future__ import annotations

import ctypes.util

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured


def harfbuzz_subset_missing() -> bool:
    return ctypes.util.find_library("harfbuzz-subset") is None


@register(Tags.compatibility)
def check_harfbuzz_subset(app_configs=None, **kwargs):
    if not harfbuzz_subset_missing():
        return []
    return [
        Warning(
            "The HarfBuzz subsetting library (libharfbuzz-subset) is missing: WeasyPrint renders the PDF "
            "certificates about ten times slower without it.",
            hint="Install it: apt-get install libharfbuzz-subset0 (see the README's Credentials section).",
            id="certification.W001",
        )
    ]


def _is_production() -> bool:
    return not settings.DEBUG and not settings.CREDENTIAL_ISSUER_KEY_AUTOCREATE


def _issuer_key_errors() -> list[Error]:
    from . import issuer

    issuer.reset_key_cache()
    try:
        issuer.all_keys()
    except ImproperlyConfigured as error:
        return [
            Error(
                f"The credential issuer key cannot be loaded: {error}",
                hint="Set MIEUX_ISSUER_KEY (PEM text) or MIEUX_ISSUER_KEY_FILE (a PEM file outside the "
                "application's directory); see the README's Credentials section.",
                id="certification.E001",
            )
        ]
    return []


@register(Tags.security)
def check_issuer_key(app_configs=None, **kwargs):
    """With production settings, on every start."""
    return _issuer_key_errors() if _is_production() else []


@register(Tags.security, deploy=True)
def check_issuer_key_for_deploy(app_configs=None, **kwargs):
    """With `check --deploy` under any settings (production's own start already checked it above)."""
    return [] if _is_production() else _issuer_key_errors()
