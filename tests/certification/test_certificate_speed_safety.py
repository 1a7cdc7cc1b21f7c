"""What the certificate's speed-ups must not change: the cut-down user-agent stylesheet gives the very
PDF WeasyPrint's own gives, and the QR code, now a one-pixel-per-module image, still encodes the
verification address (see certification/certificates.py)."""

from __future__ import annotations

import io

import pytest
import segno
from pypdf import PdfReader

from certification import certificates, openbadges
from tests.certification.test_credentials import issue_credential


@pytest.mark.parametrize("co_signer, languages", [(True, ("es",)), (False, ("fr",))])
def test_cut_down_user_agent_stylesheet_gives_the_same_pdf(world, co_signer, languages):
    from weasyprint import HTML

    credential = issue_credential(world, co_signer=co_signer, languages=languages)
    html = certificates.certificate_html(credential)
    renderer = certificates._renderer()
    options = {"font_config": renderer.font_config, "stylesheets": [renderer.stylesheet]}
    ours = renderer.document_class(string=html).write_pdf(**options)
    weasyprints = HTML(string=html).write_pdf(**options)
    # A template element whose user-agent rules are missing from certificate_user_agent.css shows here.
    assert ours == weasyprints


def test_qr_code_on_the_certificate_encodes_the_verification_address(world):
    credential = issue_credential(world)
    credential.certificate.open("rb")
    try:
        page = PdfReader(io.BytesIO(credential.certificate.read())).pages[0]
    finally:
        credential.certificate.close()
    (image,) = page.images
    drawn = image.image.convert("L")
    url = openbadges.absolute(credential.get_verification_url())
    expected = [list(row) for row in segno.make(url, error="m").matrix_iter(scale=1, border=2)]
    assert drawn.size == (len(expected[0]), len(expected))
    dark = [[drawn.getpixel((x, y)) < 128 for x in range(drawn.width)] for y in range(drawn.height)]
    assert dark == [[bool(module) for module in row] for row in expected]
