"""The public verification page: what a visitor without an account reads about a credential, and the
form that checks a credential file (signature, issuer, our record), which never answers with a 500.
Browser screenshots of the page and of a certificate at the end."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from joserfc import jws, jwt
from joserfc.jwk import OKPKey

from certification import issuer, services
from certification.choices import RevocationReason
from certification.models import Competency, Credential
from tests.certification.test_credentials import b64url_encode, issue_credential, tamper_payload
from tests.e2e.conftest import SCREENSHOTS, browser_page, screenshot  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def verify_url(credential) -> str:
    return reverse("credential_verify", args=[credential.public_id])


def check(client, credential, **data):
    response = client.post(verify_url(credential), data)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def outcome(body: str) -> str:
    marker = 'data-outcome="'
    assert marker in body, "no check result on the page"
    start = body.index(marker) + len(marker)
    return body[start : body.index('"', start)]


# --- The page -----------------------------------------------------------------------------------


def test_page_shows_the_credential_to_anyone(world, client):
    credential = issue_credential(world)
    response = client.get(verify_url(credential))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-status="valid"' in body
    for text in (
        "Ana López",
        "National Migration Institute",
        "Certified trainer",
        "Certified trainers in victim identification",
        "Competency 1",
        "Competency 3",
        settings.CREDENTIAL_ISSUER_NAME,
        "Escuela Nacional de Formación Migratoria",
        credential.public_id,
        reverse("credential_json", args=[credential.public_id]),
        reverse("credential_jwt", args=[credential.public_id]),
    ):
        assert text in body, text
    assert credential.issued_on.strftime("%Y") in body
    # Nothing of the holder's address, nor the staff's pages.
    assert "ana.lopez" not in body
    assert "Log out" not in body


def test_page_is_in_the_visitors_language(world):
    credential = issue_credential(world)
    for language in ("fr", "es"):
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        body = client.get(verify_url(credential)).content.decode()
        assert f'<html lang="{language}">' in body


def test_unknown_number_is_a_404_in_words(world, client):
    response = client.get(reverse("credential_verify", args=["0" * 32]))
    assert response.status_code == 404
    body = response.content.decode()
    assert "No credential with this number" in body
    assert "0" * 32 in body
    # The check form is still there, and still answers.
    response = client.post(reverse("credential_verify", args=["0" * 32]), {"token": "hello"})
    assert response.status_code == 404


def test_revoked_page_says_why_in_category_only(world, client):
    credential = issue_credential(world)
    services.credential_revoke(
        credential,
        actor=world.user("programme_manager"),
        reason=RevocationReason.HOLDER_REQUEST,
        note="Secret",
    )
    body = client.get(verify_url(credential)).content.decode()
    assert 'data-status="revoked"' in body
    assert "At the holder&#x27;s request" in body or "At the holder's request" in body
    assert "Secret" not in body


def test_page_query_count_does_not_grow_with_competencies(world, client):
    counts = []
    for extra in (0, 4):
        credential = issue_credential(world, email=f"c{extra}@inm.example")
        Competency.objects.filter(programme=credential.programme).exclude(position=0).delete()
        for position in range(extra):
            Competency.objects.create(
                programme=credential.programme, position=10 + position, name_en=f"Extra {position}"
            )
        client.get(verify_url(credential))  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(verify_url(credential))
        assert response.status_code == 200
        assert response.content.decode().count("Extra ") == extra
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# --- The check form -----------------------------------------------------------------------------


def test_the_issued_jwt_checks_as_valid_with_its_status_now(world, client):
    credential = issue_credential(world)
    body = check(client, credential, token=credential.jwt)
    assert outcome(body) == "signature_valid"
    assert "Signature valid" in body and credential.public_id in body
    services.credential_suspend(credential, actor=world.user("programme_manager"), note="Inquiry")
    body = check(client, credential, credential_file=SimpleUploadedFile("c.jwt", credential.jwt.encode()))
    assert outcome(body) == "signature_valid"
    assert "Status now: <strong>Suspended</strong>" in body


def test_a_changed_jwt_does_not_match(world, client):
    credential = issue_credential(world)
    body = check(client, credential, token=tamper_payload(credential.jwt))
    assert outcome(body) == "tampered"
    assert "Signature does not match" in body


def test_a_jwt_signed_by_another_key_is_refused(world, client):
    credential = issue_credential(world)
    stranger = OKPKey.generate_key("Ed25519")
    claims = {"vc": credential.document, "jti": credential.document["id"]}
    same_kid = jwt.encode(
        {"alg": "Ed25519", "kid": credential.signing_key_id, "typ": "JWT"},
        claims,
        stranger,
        algorithms=["Ed25519"],
    )
    body = check(client, credential, token=same_kid)
    assert outcome(body) == "tampered" and "Signature does not match" in body
    own_kid = jwt.encode(
        {"alg": "Ed25519", "kid": stranger.thumbprint(), "typ": "JWT"},
        claims,
        stranger,
        algorithms=["Ed25519"],
    )
    body = check(client, credential, token=own_kid)
    assert outcome(body) == "foreign" and "Not issued by this platform" in body


def test_the_json_document_is_compared_with_our_record(world, client):
    credential = issue_credential(world)
    document = json.dumps(credential.document).encode()
    body = check(client, credential, credential_file=SimpleUploadedFile("c.json", document))
    assert outcome(body) == "record_matches" and "Matches our record" in body
    changed = json.loads(document)
    changed["validUntil"] = "2099-12-31T23:59:59Z"
    body = check(
        client, credential, credential_file=SimpleUploadedFile("c.json", json.dumps(changed).encode())
    )
    assert outcome(body) == "record_differs" and "Differs from what we issued" in body
    changed["id"] = "https://elsewhere.example/credentials/x.json"
    body = check(
        client, credential, credential_file=SimpleUploadedFile("c.json", json.dumps(changed).encode())
    )
    assert outcome(body) == "not_credential"


def odd_tokens(credential) -> list[str]:
    key = issuer.signing_key()
    signed_list = jws.serialize_compact(
        {"alg": key.algorithm, "kid": key.kid}, b"[1, 2]", key.key, algorithms=[key.algorithm]
    )
    signed_text = jws.serialize_compact(
        {"alg": key.algorithm, "kid": key.kid}, b"not json", key.key, algorithms=[key.algorithm]
    )
    signed_other = jwt.encode(
        {"alg": key.algorithm, "kid": key.kid}, {"vc": {"id": 3}}, key.key, algorithms=[key.algorithm]
    )
    kid_list = ".".join([b64url_encode(b'{"alg": "Ed25519", "kid": ["x"]}'), b64url_encode(b"{}"), "c2ln"])
    header_list = ".".join([b64url_encode(b'["x"]'), b64url_encode(b"{}"), "c2ln"])
    none_alg = ".".join(
        [b64url_encode(b'{"alg": "none", "kid": "%s"}' % key.kid.encode()), b64url_encode(b"{}"), ""]
    )
    return [
        "hello",
        "a.b.c",
        "....",
        "\u00e9\u00e8.x.y",
        credential.jwt[:-10],
        credential.jwt + "x",
        signed_list,
        signed_text,
        signed_other,
        kid_list,
        header_list,
        none_alg,
        "{not json",
        "[1, 2, 3]",
        '{"id": 5, "credentialSubject": {}}',
        '"just a string"',
    ]


def test_odd_input_is_not_a_credential_and_never_a_500(world, client):
    credential = issue_credential(world)
    for token in odd_tokens(credential):
        response = client.post(verify_url(credential), {"token": token})
        assert response.status_code == 200, token
        assert outcome(response.content.decode()) in {"not_credential", "foreign", "tampered"}, token
    body = check(client, credential, token=odd_tokens(credential)[0])
    assert "Not a credential file" in body


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("big.jwt", b"a" * (64 * 1024 + 1)), "larger than 64 KB"),
        (
            SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256))),
            "not text",
        ),
        (SimpleUploadedFile("nul.jwt", b"eyJ\x00abc"), "not text"),
    ],
    ids=["too big", "binary", "nul byte"],
)
def test_unreadable_uploads_are_refused_on_the_form(world, client, upload, message):
    credential = issue_credential(world)
    response = client.post(verify_url(credential), {"credential_file": upload})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Not a credential file" in body and message in body
    assert "field__error" in body
    assert "data-outcome" not in body


def test_an_empty_or_oversized_paste_is_refused(world, client):
    credential = issue_credential(world)
    body = client.post(verify_url(credential), {"token": "  "}).content.decode()
    assert "Choose a credential file or paste a credential." in body
    body = client.post(verify_url(credential), {"token": "a" * (64 * 1024 + 1)}).content.decode()
    assert "at most 64 KB" in body


def test_the_form_needs_its_csrf_token(world):
    credential = issue_credential(world)
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(verify_url(credential), {"token": credential.jwt}).status_code == 403
    page = strict.get(verify_url(credential))
    token = page.cookies[settings.CSRF_COOKIE_NAME].value
    response = strict.post(verify_url(credential), {"token": credential.jwt, "csrfmiddlewaretoken": token})
    assert response.status_code == 200 and outcome(response.content.decode()) == "signature_valid"


def test_a_file_can_be_checked_without_its_number(world, client):
    credential = issue_credential(world)
    assert client.get(reverse("credential_check")).status_code == 200
    response = client.post(reverse("credential_check"), {"token": credential.jwt})
    body = response.content.decode()
    assert outcome(body) == "signature_valid"
    assert verify_url(credential) in body


def test_an_unissued_credential_has_no_page(world, client):
    credential = issue_credential(world)
    Credential.objects.filter(pk=credential.pk).update(jwt="")
    assert client.get(verify_url(credential)).status_code == 404


# --- What it looks like -------------------------------------------------------------------------


def test_screenshots_of_the_page_and_the_certificate(world, browser_page, live_server, screenshot, tmp_path):  # noqa: F811
    valid = issue_credential(world)
    revoked = issue_credential(world, email="revoked@inm.example", first_name="Luis", last_name="Ortega")
    services.credential_revoke(
        revoked, actor=world.user("programme_manager"), reason=RevocationReason.MISCONDUCT
    )
    browser_page.goto(live_server.url + verify_url(valid))
    assert browser_page.locator("[data-status=valid]").is_visible()
    screenshot(browser_page, "verify-valid")
    browser_page.goto(live_server.url + verify_url(revoked))
    assert browser_page.locator("[data-status=revoked]").is_visible()
    browser_page.locator("#id_token").fill(tamper_payload(valid.jwt))
    browser_page.locator("#check button[type=submit]").click()
    browser_page.wait_for_selector("[data-outcome=tampered]")
    screenshot(browser_page, "verify-revoked-and-tampered-check")
    browser_page.goto(live_server.url + reverse("credential_verify", args=["f" * 32]))
    screenshot(browser_page, "verify-unknown")
    if SCREENSHOTS and shutil.which("pdftoppm"):
        pdf = tmp_path / "certificate.pdf"
        valid.certificate.open("rb")
        pdf.write_bytes(valid.certificate.read())
        valid.certificate.close()
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(Path(SCREENSHOTS) / "certificate")],
            check=True,
        )
