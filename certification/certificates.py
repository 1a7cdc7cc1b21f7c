"""The PDF certificate of a credential, in the holder's language, with a QR code of its verification
page. Rendered by WeasyPrint from an HTML template with the system's DejaVu fonts and an inline SVG QR
code: no web fonts and no images to fetch, so a certificate renders in a few tens of milliseconds
(bulk issuing renders one per candidate)."""

from __future__ import annotations

import threading

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from . import openbadges


def qr_svg(url: str) -> str:
    # Error correction "m" survives a crease or a smudge on a printed certificate.
    return segno.make(url, error="m").svg_inline(scale=3, border=2, dark="#0b2a5b")


def certificate_html(credential) -> str:
    """The certificate as HTML, in the holder's language (credential.language)."""
    verification_url = openbadges.absolute(credential.get_verification_url())
    programme = credential.programme
    with translation.override(credential.language):
        return render_to_string(
            "certification/certificate.html",
            {
                "credential": credential,
                "programme": programme,
                "competencies": list(programme.competencies.all()),
                "issuer_name": settings.CREDENTIAL_ISSUER_NAME,
                "verification_url": verification_url,
                # Printed on two lines (the number on its own), so a long address never runs into
                # the QR code, without asking WeasyPrint to break words (slow).
                "verification_prefix": verification_url.removesuffix(f"{credential.public_id}/"),
                "qr_svg": qr_svg(verification_url),
            },
        )


_local = threading.local()


def _font_config():
    """One WeasyPrint font configuration per thread: building it (fontconfig, Pango's font map) is a
    third of a certificate's rendering time, and it is not meant to be shared between threads."""
    if not hasattr(_local, "font_config"):
        from weasyprint.text.fonts import FontConfiguration

        _local.font_config = FontConfiguration()
    return _local.font_config


def render_certificate_pdf(credential) -> bytes:
    from weasyprint import HTML

    return HTML(string=certificate_html(credential)).write_pdf(font_config=_font_config())
