"""The PDF certificate of a credential, in the holder's language, with a QR code of its verification
page. Rendered by WeasyPrint from an HTML template and its stylesheet with the system's DejaVu fonts
and the QR code as a small inline PNG: no web fonts and nothing to fetch, so bulk issuing, which
renders one per candidate, gives at least 20 certificates a second on one core (bench.certificates).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from . import openbadges

TEMPLATES = Path(settings.BASE_DIR) / "templates" / "certification"
STYLESHEET = TEMPLATES / "certificate.css"
USER_AGENT_STYLESHEET = TEMPLATES / "certificate_user_agent.css"


def qr_png(url: str) -> str:
    """The QR code of `url` as a PNG data URI, one pixel per module (the stylesheet scales it up
    without smoothing)."""
    # Error correction "m" survives a crease or a smudge on a printed certificate.
    return segno.make(url, error="m").png_data_uri(scale=1, border=2, dark="#0b2a5b")


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
                "competencies": openbadges.programme_competencies(programme),
                "issuer_name": settings.CREDENTIAL_ISSUER_NAME,
                "verification_url": verification_url,
                # Printed on two lines (the number on its own), so a long address never runs into
                # the QR code, without asking WeasyPrint to break words (slow).
                "verification_prefix": verification_url.removesuffix(f"{credential.public_id}/"),
                "qr_png": qr_png(verification_url),
            },
        )


_local = threading.local()


@dataclass(frozen=True)
class _Renderer:
    font_config: object
    stylesheet: object
    document_class: type


def _renderer() -> _Renderer:
    """What every certificate reuses, one per thread (none of it is meant to be shared between
    threads): the font configuration (building it, fontconfig and Pango's font map, costs more than a
    certificate), the parsed stylesheet, and an HTML document class that applies our cut-down
    user-agent rules instead of WeasyPrint's full set (see certificate_user_agent.css)."""
    if not hasattr(_local, "renderer"):
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        font_config = FontConfiguration()
        user_agent_stylesheet = CSS(filename=USER_AGENT_STYLESHEET)

        class CertificateHTML(HTML):
            # WeasyPrint's hook for its user-agent stylesheet (constraints.txt pins the version).
            def _ua_stylesheets(self, forms=False):
                return [user_agent_stylesheet]

        _local.renderer = _Renderer(
            font_config=font_config,
            stylesheet=CSS(filename=STYLESHEET, font_config=font_config),
            document_class=CertificateHTML,
        )
    return _local.renderer


def render_certificate_pdf(credential) -> bytes:
    renderer = _renderer()
    return renderer.document_class(string=certificate_html(credential)).write_pdf(
        font_config=renderer.font_config, stylesheets=[renderer.stylesheet]
    )
