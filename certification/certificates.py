"""The PDF certificate of a credential, in the holder's language, with a QR code of its verification
page. Rendered by WeasyPrint from an HTML template, so it shares the site's fonts and SVG."""

from __future__ import annotations

import segno
from django.template.loader import render_to_string
from django.utils import translation

from . import openbadges


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=3, border=2)


def render_certificate_pdf(credential) -> bytes:
    from weasyprint import HTML

    verification_url = openbadges.absolute(credential.get_verification_url())
    with translation.override(credential.language):
        html = render_to_string(
            "certification/certificate.html",
            {
                "credential": credential,
                "verification_url": verification_url,
                "qr_svg": qr_svg(verification_url),
            },
        )
    return HTML(string=html).write_pdf()
