"""Credentials as issued: the Open Badges 3.0 document against the specification's required fields,
the VC-JWT against the published keys, the hashed subject, status changes and their status lists,
expiry, key rotation, the PDF certificate, and the eligibility rules and guards on the way there."""

from __future__ import annotations

import base64
import datetime
import hashlib
import io
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, OKPKey

from certification import issuer, openbadges, services, tasks
from certification.choices import AssessmentKind, CredentialStatus, EnrolmentStatus, RevocationReason
from certification.eligibility import enrolment_eligibility
from certification.models import Assessment, Credential, ReplicaSession, SignOff
from mieux.errors import ApplicationError, Conflict, PermissionDenied
from tests.actions.factories import ParticipationFactory
from tests.certification import builders
from tests.conftest import ALL_ROLES
from tests.factories import InstitutionFactory
from tests.resources import MANAGERS, audit_entries

SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "ob_v3p0_achievementcredential.schema.json").read_text()
)


def issue_credential(
    world,
    *,
    email: str = "ana.lopez@inm.example",
    first_name: str = "Ana",
    last_name: str = "López",
    languages=("es",),
    co_signer: bool = True,
) -> Credential:
    """A candidate of institution A brought to the panel with every rule met and HR's sign-off, then
    certified by a programme manager: the credential is issued by the service, as in real life."""
    fields = {}
    if co_signer:
        fields["co_signer"] = InstitutionFactory(
            name_en="Escuela Nacional de Formación Migratoria", acronym="ENFM", country="MX"
        )
    programme = builders.programme_for(world.institution_a, **fields)
    person = builders.candidate(
        programme,
        world.institution_a,
        email=email,
        first_name=first_name,
        last_name=last_name,
        languages=list(languages),
    )
    enrolment = builders.at_panel(programme, person, signed_off_by=world.user("hr_officer"))
    services.enrolment_transition(
        enrolment, actor=world.user("programme_manager"), to=EnrolmentStatus.CERTIFIED
    )
    return Credential.objects.get(enrolment=enrolment)


def b64url_decode(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def tamper_payload(token: str) -> str:
    """The same token with one byte of its payload changed (the holder hash's first hex digit)."""
    header, payload, signature = token.split(".")
    data = bytearray(b64url_decode(payload))
    position = data.index(b"sha256$") + len(b"sha256$")
    data[position] = ord("0") if data[position] != ord("0") else ord("1")
    return ".".join([header, b64url_encode(bytes(data)), signature])


def published_keys(client) -> KeySet:
    response = client.get(reverse("jwks"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jwk-set+json"
    return KeySet.import_key_set(response.json())


@pytest.fixture
def fresh_keys():
    """Key settings changed by a test are forgotten before and after it."""
    issuer.reset_key_cache()
    yield
    issuer.reset_key_cache()


# --- The document and the JWT -------------------------------------------------------------------


def test_document_validates_against_the_open_badges_schema(world, client):
    credential = issue_credential(world)
    served = client.get(reverse("credential_json", args=[credential.public_id]))
    assert served.status_code == 200
    assert served["Content-Type"] == "application/ld+json"
    document = served.json()
    jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert document == credential.document
    assert document["@context"] == openbadges.CONTEXTS
    assert document["credentialSubject"]["achievement"]["achievementType"] == "Certification"
    assert {entry["statusPurpose"] for entry in document["credentialStatus"]} == {"revocation", "suspension"}
    assert document["credentialSubject"]["source"]["name"] == "Escuela Nacional de Formación Migratoria"


@pytest.mark.parametrize(
    "breaks",
    [
        lambda document: document.pop("issuer"),
        lambda document: document["issuer"].pop("name"),
        lambda document: document["@context"].pop(),
        lambda document: document["type"].remove("OpenBadgeCredential"),
        lambda document: document["credentialSubject"]["achievement"].pop("criteria"),
        lambda document: document["credentialSubject"]["identifier"][0].pop("salt"),
        lambda document: document["credentialStatus"][0].update(statusListIndex=7),
    ],
    ids=[
        "no issuer",
        "issuer without name",
        "one context",
        "not an OB credential",
        "no criteria",
        "hash without salt",
        "index not a string",
    ],
)
def test_schema_refuses_a_document_missing_a_required_part(world, breaks):
    document = json.loads(json.dumps(issue_credential(world).document))
    breaks(document)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_jwt_verifies_with_the_published_key_and_fails_after_one_byte_changes(world, client):
    credential = issue_credential(world)
    served = client.get(reverse("credential_jwt", args=[credential.public_id]))
    assert served["Content-Type"] == "application/vc+jwt"
    token = served.content.decode()
    keys = published_keys(client)

    decoded = jwt.decode(token, keys, algorithms=["Ed25519", "RS256"])
    assert decoded.header["kid"] == credential.signing_key_id
    assert decoded.claims["vc"] == credential.document
    assert decoded.claims["jti"] == credential.document["id"]
    assert decoded.claims["iss"] == credential.document["issuer"]["id"]
    assert decoded.claims["sub"] == credential.subject_hash

    with pytest.raises(JoseError):
        jwt.decode(tamper_payload(token), keys, algorithms=["Ed25519", "RS256"])
    header, payload, signature = token.split(".")
    flipped = bytearray(b64url_decode(signature))
    flipped[10] ^= 0x01
    with pytest.raises(JoseError):
        jwt.decode(".".join([header, payload, b64url_encode(bytes(flipped))]), keys, algorithms=["Ed25519"])


def test_subject_is_a_salted_hash_and_the_address_appears_nowhere(world, client):
    email = "ana.lopez@inm.example"
    credential = issue_credential(world, email=email)
    json_text = client.get(reverse("credential_json", args=[credential.public_id])).content.decode()
    token = client.get(reverse("credential_jwt", args=[credential.public_id])).content.decode()
    payload = b64url_decode(token.split(".")[1]).decode()
    for text in (json_text, payload, token):
        assert email not in text.lower()
        assert "ana.lopez" not in text.lower()
    identity = credential.document["credentialSubject"]["identifier"][0]
    assert identity["salt"] == credential.subject_salt
    expected = "sha256$" + hashlib.sha256((email + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == expected == credential.subject_hash
    # A second credential for the same address has another salt, so the two cannot be linked.
    other = issue_credential(world, email=email)
    assert other.subject_hash != credential.subject_hash


# --- Status changes and the status lists --------------------------------------------------------


def status_bit(client, purpose: str, credential) -> bool:
    response = client.get(reverse("credential_status_list", args=[purpose]))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["credentialSubject"]["statusPurpose"] == purpose
    return openbadges.bit_is_set(body["credentialSubject"]["encodedList"], credential.status_index)


def test_revocation_flips_the_page_and_the_revocation_list(world, client):
    credential = issue_credential(world)
    manager = world.user("programme_manager")
    assert not status_bit(client, "revocation", credential)
    services.credential_revoke(
        credential, actor=manager, reason=RevocationReason.MISCONDUCT, note="Internal: complaint 2026/14"
    )
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.REVOKED
    assert status_bit(client, "revocation", credential)
    assert not status_bit(client, "suspension", credential)
    page = client.get(reverse("credential_verify", args=[credential.public_id])).content.decode()
    assert 'data-status="revoked"' in page
    assert "Professional misconduct" in page
    assert "complaint 2026/14" not in page
    entry = audit_entries(Credential, credential.pk, "update").get()
    assert entry.actor == manager


def test_suspension_flips_the_suspension_list_and_reinstating_clears_it(world, client):
    credential = issue_credential(world)
    manager = world.user("programme_manager")
    services.credential_suspend(credential, actor=manager, note="Investigation pending")
    assert status_bit(client, "suspension", credential)
    assert not status_bit(client, "revocation", credential)
    page = client.get(reverse("credential_verify", args=[credential.public_id])).content.decode()
    assert 'data-status="suspended"' in page and "Investigation pending" not in page
    services.credential_reinstate(credential, actor=manager, note="Cleared")
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.ACTIVE
    assert not status_bit(client, "suspension", credential)
    assert audit_entries(Credential, credential.pk, "update").count() == 2


def test_renewal_supersedes_the_old_credential(world, client):
    old = issue_credential(world)
    manager = world.user("programme_manager")
    new = services.credential_renew(old, actor=manager)
    old.refresh_from_db()
    assert old.status == CredentialStatus.SUPERSEDED
    assert old.superseded_by == new
    assert new.status == CredentialStatus.ACTIVE and new.jwt and new.public_id != old.public_id
    page = client.get(reverse("credential_verify", args=[old.public_id])).content.decode()
    assert 'data-status="superseded"' in page
    assert reverse("credential_verify", args=[new.public_id]) in page
    assert audit_entries(Credential, old.pk, "update").get().actor == manager
    assert audit_entries(Credential, new.pk, "create").get().actor == manager


def test_expiry_task_expires_past_validity_and_is_idempotent(world, client):
    credential = issue_credential(world)
    current = issue_credential(world, email="b@inm.example")
    Credential.objects.filter(pk=credential.pk).update(
        valid_until=datetime.date.today() - datetime.timedelta(1)
    )
    assert tasks.credentials_expire.delay().get() == 1
    credential.refresh_from_db()
    current.refresh_from_db()
    assert credential.status == CredentialStatus.EXPIRED
    assert current.status == CredentialStatus.ACTIVE
    entry = audit_entries(Credential, credential.pk, "update").get()
    assert entry.actor is None
    assert tasks.credentials_expire.delay().get() == 0
    assert audit_entries(Credential, credential.pk, "update").count() == 1
    page = client.get(reverse("credential_verify", args=[credential.public_id])).content.decode()
    assert 'data-status="expired"' in page


CREDENTIAL_SERVICES = {
    "suspend": lambda credential, actor: services.credential_suspend(credential, actor=actor, note="Why"),
    "revoke": lambda credential, actor: services.credential_revoke(
        credential, actor=actor, reason=RevocationReason.ISSUED_IN_ERROR
    ),
    "renew": lambda credential, actor: services.credential_renew(credential, actor=actor),
}


@pytest.mark.parametrize("service", sorted(CREDENTIAL_SERVICES))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_managers_change_a_credential(world, role, service):
    credential = issue_credential(world)
    actor = world.user(role)
    if role in MANAGERS:
        CREDENTIAL_SERVICES[service](credential, actor)
        assert audit_entries(Credential, credential.pk, "update").get().actor == actor
    else:
        with pytest.raises(PermissionDenied):
            CREDENTIAL_SERVICES[service](credential, actor)
        credential.refresh_from_db()
        assert credential.status == CredentialStatus.ACTIVE
        assert not audit_entries(Credential, credential.pk, "update").exists()


def test_reinstate_is_for_managers_only(world):
    credential = issue_credential(world)
    services.credential_suspend(credential, actor=world.user("programme_manager"), note="Why")
    with pytest.raises(PermissionDenied):
        services.credential_reinstate(credential, actor=world.user("programme_officer"))
    services.credential_reinstate(credential, actor=world.user("administrator"))
    assert audit_entries(Credential, credential.pk, "update").count() == 2


def test_revoking_needs_a_known_reason_and_writes_nothing_otherwise(world):
    credential = issue_credential(world)
    with pytest.raises(ApplicationError) as error:
        services.credential_revoke(credential, actor=world.user("programme_manager"), reason="because")
    assert "reason" in error.value.fields
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.ACTIVE
    assert not audit_entries(Credential, credential.pk, "update").exists()


# --- Key rotation -------------------------------------------------------------------------------


def write_key(path: Path) -> Path:
    path.write_bytes(OKPKey.generate_key("Ed25519").as_pem(private=True))
    return path


def test_rotation_keeps_old_credentials_verifying(world, client, tmp_path, fresh_keys):
    old_key = write_key(tmp_path / "old.pem")
    new_key = write_key(tmp_path / "new.pem")
    with override_settings(CREDENTIAL_ISSUER_KEY="", CREDENTIAL_ISSUER_KEY_FILE=str(old_key)):
        issuer.reset_key_cache()
        before = issue_credential(world)
        old_kid = issuer.signing_key().kid
    assert before.signing_key_id == old_kid
    with override_settings(
        CREDENTIAL_ISSUER_KEY="",
        CREDENTIAL_ISSUER_KEY_FILE=str(new_key),
        CREDENTIAL_RETIRED_KEY_FILES=[str(old_key)],
    ):
        issuer.reset_key_cache()
        new_kid = issuer.signing_key().kid
        assert new_kid != old_kid
        keys = client.get(reverse("jwks")).json()["keys"]
        assert {key["kid"] for key in keys} == {old_kid, new_kid}
        assert all("d" not in key for key in keys)  # public halves only
        jwt.decode(before.jwt, published_keys(client), algorithms=["Ed25519"])
        issuer.verify(before.jwt)
        after = issue_credential(world, email="second@inm.example")
        assert after.signing_key_id == new_kid
        assert jwt.decode(after.jwt, published_keys(client), algorithms=["Ed25519"]).header["kid"] == new_kid
        response = client.post(reverse("credential_verify", args=[before.public_id]), {"token": before.jwt})
        assert 'data-outcome="signature_valid"' in response.content.decode()
    # Once the old key is no longer listed, its credentials are no longer ours.
    with override_settings(CREDENTIAL_ISSUER_KEY="", CREDENTIAL_ISSUER_KEY_FILE=str(new_key)):
        issuer.reset_key_cache()
        with pytest.raises(issuer.SignatureError, match="unknown_key"):
            issuer.verify(before.jwt)


# --- The PDF certificate ------------------------------------------------------------------------


def pdf_text(credential) -> str:
    from pypdf import PdfReader

    credential.certificate.open("rb")
    try:
        reader = PdfReader(io.BytesIO(credential.certificate.read()))
    finally:
        credential.certificate.close()
    assert len(reader.pages) == 1, "the certificate fits one page"
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert width > height and round(width / 72 * 25.4) == 297 and round(height / 72 * 25.4) == 210
    return " ".join(page.extract_text().split())


def squeeze(text: str) -> str:
    return "".join(text.split())


def test_certificate_names_the_holder_and_the_verification_address(world):
    credential = issue_credential(world, first_name="Ana", last_name="López", languages=("en",))
    text = pdf_text(credential)
    assert "Ana López" in text
    url = openbadges.absolute(reverse("credential_verify", args=[credential.public_id]))
    assert url in squeeze(text)
    assert "Certified trainer" in text
    assert "Competency 1" in text and "Competency 3" in text
    assert "Escuela Nacional de Formación Migratoria" in text
    assert credential.public_id in squeeze(text)


def test_certificate_is_in_the_holders_language(world):
    credential = issue_credential(world, first_name="Aminata", last_name="Diallo", languages=("fr",))
    assert credential.language == "fr"
    text = pdf_text(credential)
    assert "Aminata Diallo" in text
    # Django's own French catalogue: the dates are French whatever our catalogue holds yet.
    with translation.override("fr"):
        issued = date_format(credential.issued_on, "j F Y")
        phrase = gettext("This certifies that")
    assert issued in text
    assert date_format(credential.issued_on, "F") not in text  # not the English month
    assert phrase in text


def test_certificates_render_fast(world):
    import time

    from certification.certificates import render_certificate_pdf

    credential = issue_credential(world)
    render_certificate_pdf(credential)  # warm-up: fonts are loaded once per thread
    times = []
    for _round in range(5):
        started = time.process_time()
        render_certificate_pdf(credential)
        times.append(time.process_time() - started)
    # The target is 20 a second on one core (50 ms of CPU); leave room for a busy CI machine.
    assert min(times) < 0.1, f"{min(times) * 1000:.0f} ms of CPU per certificate"


# --- Eligibility: each rule at its threshold and just below --------------------------------------


@pytest.fixture
def bare(world):
    """A candidate at the panel with no evidence yet."""
    programme = builders.programme_for(world.institution_a)
    person = builders.candidate(programme, world.institution_a)
    return builders.enrol(programme, person, status=EnrolmentStatus.PANEL_DECISION)


def rule(enrolment, key):
    return next(result for result in enrolment_eligibility(enrolment).rules if result.key == key)


@pytest.mark.parametrize("attendance, met", [("80", True), ("79.9", False)])
def test_attendance_rule_at_threshold(bare, attendance, met):
    for activity in bare.programme.mandatory_activities.all():
        ParticipationFactory(activity=activity, person=bare.person, attendance_percent=Decimal(attendance))
    assert rule(bare, "attendance").met is met


@pytest.mark.parametrize(
    "kind, key", [(AssessmentKind.KNOWLEDGE_TEST, "knowledge_test"), (AssessmentKind.PRACTICAL, "practical")]
)
@pytest.mark.parametrize("score, met", [("70", True), ("69.9", False)])
def test_score_rules_at_threshold(bare, kind, key, score, met):
    Assessment.objects.create(
        enrolment=bare, kind=kind, assessed_on=datetime.date(2026, 4, 1), score=Decimal(score)
    )
    assert rule(bare, key).met is met


@pytest.mark.parametrize("ratings, met", [(("4.0", "4.0"), True), (("4.0", "3.9"), False)])
def test_replica_sessions_rule_at_threshold(bare, ratings, met):
    for number, rating in enumerate(ratings):
        ReplicaSession.objects.create(
            trainer=bare.person,
            institution=bare.institution,
            enrolment=bare,
            title=f"Replica {number}",
            held_on=datetime.date(2026, 4, 1),
            supervised=True,
            average_rating=Decimal(rating),
        )
    assert rule(bare, "replica_sessions").met is met


@pytest.mark.parametrize("accepted, met", [(True, True), (False, False)])
def test_portfolio_rule(bare, accepted, met):
    Assessment.objects.create(
        enrolment=bare,
        kind=AssessmentKind.PORTFOLIO_REVIEW,
        assessed_on=datetime.date(2026, 4, 1),
        portfolio_accepted=accepted,
    )
    assert rule(bare, "portfolio").met is met


def test_certifying_is_refused_with_an_unmet_rule(world):
    programme = builders.programme_for(world.institution_a)
    person = builders.candidate(programme, world.institution_a)
    enrolment = builders.at_panel(programme, person, signed_off_by=world.user("hr_officer"))
    Assessment.objects.filter(enrolment=enrolment, kind=AssessmentKind.KNOWLEDGE_TEST).update(
        score=Decimal("69.9")
    )
    with pytest.raises(Conflict, match="Knowledge test"):
        services.enrolment_transition(enrolment, actor=world.user("programme_manager"), to="certified")
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.PANEL_DECISION
    assert not Credential.objects.filter(enrolment=enrolment).exists()


def test_certifying_is_refused_without_the_institutions_sign_off(world):
    programme = builders.programme_for(world.institution_a)
    person = builders.candidate(programme, world.institution_a)
    enrolment = builders.at_panel(programme, person)
    with pytest.raises(Conflict, match="signed off"):
        services.enrolment_transition(enrolment, actor=world.user("programme_manager"), to="certified")
    assert not Credential.objects.filter(enrolment=enrolment).exists()
    SignOff.objects.create(
        enrolment=enrolment, step=EnrolmentStatus.PANEL_DECISION, unit="training_unit", signed_by=None
    )
    services.enrolment_transition(enrolment, actor=world.user("programme_manager"), to="certified")
    assert Credential.objects.filter(enrolment=enrolment).count() == 1


def test_an_officer_cannot_certify(world):
    programme = builders.programme_for(world.institution_a)
    person = builders.candidate(programme, world.institution_a)
    enrolment = builders.at_panel(programme, person, signed_off_by=world.user("hr_officer"))
    with pytest.raises((PermissionDenied, Conflict)):
        services.enrolment_transition(enrolment, actor=world.user("programme_officer"), to="certified")
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.PANEL_DECISION
    assert not Credential.objects.filter(enrolment=enrolment).exists()


@pytest.mark.django_db
def test_two_issues_drawing_the_same_status_position_at_once_both_succeed(world, monkeypatch):
    """The race between two issues: the second draws a position the first took after its check (the
    validation saw it free); the database refuses it and the service draws again."""
    first = issue_credential(world)
    draws = iter([first.status_index, first.status_index + 1])
    monkeypatch.setattr(openbadges, "allocate_status_index", lambda: next(draws))
    # The uniqueness check ran before the other transaction committed: skip it, as the race would.
    monkeypatch.setattr(Credential, "validate_unique", lambda self, exclude=None: None)

    second = issue_credential(world, email="luis.ortega@inm.example", first_name="Luis", last_name="Ortega")

    assert second.status_index == first.status_index + 1
    assert Credential.objects.filter(status_index=first.status_index).get() == first
