"""Staff credential pages: the list and the page of a credential as each role sees them, the
certificate download, the manager's status changes (suspend, reinstate, revoke, renew) with their
audit entries and bad input, and the multiplier figures per institution.

Credentials that are only listed are written directly (a fixed status index, no PDF); those whose
files or status changes are exercised are issued through the services."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certification import services
from certification.choices import CredentialKind, CredentialStatus, EnrolmentStatus, RevocationReason
from certification.models import Credential, ReplicaSession
from mieux.models import AuditEntry
from tests.certification.builders import at_panel, candidate, enrol, programme_for
from tests.factories import InstitutionFactory, PersonFactory
from tests.resources import audit_entries

STAFF = ["administrator", "programme_manager", "programme_officer"]
MANAGERS = ["administrator", "programme_manager"]
_indexes = itertools.count(500_000)


def text(response) -> str:
    return response.content.decode()


def listed_credential(
    programme, person, *, status=CredentialStatus.ACTIVE, issued_on=datetime.date(2026, 5, 1), kind=None
):
    """A credential row as issuing leaves it, without the signed documents (enough for lists)."""
    enrolment = enrol(programme, person, status=EnrolmentStatus.CERTIFIED)
    return Credential.objects.create(
        enrolment=enrolment,
        programme=programme,
        person=person,
        institution=person.institution,
        kind=kind or programme.kind,
        issued_on=issued_on,
        valid_until=issued_on + datetime.timedelta(days=3 * 365),
        status=status,
        status_index=next(_indexes),
        subject_salt="salt",
        subject_hash="sha256$test",
    )


def issued_credential(world, programme, person) -> Credential:
    """A credential issued through the panel decision, with its PDF and signed documents."""
    enrolment = at_panel(programme, person, signed_off_by=world.user("hr_officer"))
    services.enrolment_transition(
        enrolment, actor=world.user("programme_manager"), to=EnrolmentStatus.CERTIFIED
    )
    return enrolment.credentials.get()


@pytest.fixture
def programme_a(world):
    return programme_for(world.institution_a)


@pytest.fixture
def programme_b(world):
    return programme_for(world.institution_b, name_en="Nigerian trainers")


@pytest.fixture
def credential_a(world, programme_a):
    return issued_credential(world, programme_a, candidate(programme_a, world.institution_a))


@pytest.fixture
def credential_b(world, programme_b):
    person = PersonFactory(institution=world.institution_b, email="trainer@naptip.example")
    return listed_credential(programme_b, person)


# --- list ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees_a", "sees_b"),
    [
        ("administrator", True, True),
        ("programme_manager", True, True),
        ("programme_officer", True, True),
        ("integrator", True, True),
        ("hr_officer", True, False),
        ("training_officer", True, False),
        ("focal_point", True, False),
        ("official", False, False),  # not the holder
        ("expert", False, False),
    ],
)
def test_list_shows_what_each_role_may_see(
    world, page_client_for, credential_a, credential_b, role, sees_a, sees_b
):
    response = page_client_for(world.user(role)).get(reverse("certification:credential_list"))
    assert response.status_code == 200
    body = text(response)
    assert (reverse("certification:credential_detail", args=[credential_a.pk]) in body) == sees_a
    assert (reverse("certification:credential_detail", args=[credential_b.pk]) in body) == sees_b


def test_list_of_institution_b_hides_a_and_its_choices(world, page_client_for, credential_a, credential_b):
    body = text(page_client_for(world.focal_b).get(reverse("certification:credential_list")))
    assert reverse("certification:credential_detail", args=[credential_b.pk]) in body
    assert reverse("certification:credential_detail", args=[credential_a.pk]) not in body
    assert str(credential_a.programme) not in body  # not even as a filter choice


def test_holder_sees_own_credential_in_the_list(world, page_client_for, programme_a):
    official = world.user("official")
    own = listed_credential(programme_a, official.person)
    other = listed_credential(programme_a, candidate(programme_a, world.institution_a, email="x@inm.example"))
    body = text(page_client_for(official).get(reverse("certification:credential_list")))
    assert reverse("certification:credential_detail", args=[own.pk]) in body
    assert reverse("certification:credential_detail", args=[other.pk]) not in body


def test_list_filters_by_status_programme_institution_and_search(
    world, page_client_for, programme_a, programme_b, credential_b
):
    active = listed_credential(programme_a, candidate(programme_a, world.institution_a, last_name="Alvarez"))
    revoked = listed_credential(
        programme_a,
        candidate(programme_a, world.institution_a, email="r@inm.example", last_name="Zapata"),
        status=CredentialStatus.REVOKED,
    )
    client = page_client_for(world.user("programme_officer"))
    url = reverse("certification:credential_list")

    def shown(**params):
        body = text(client.get(url, params))
        return {
            credential.pk
            for credential in (active, revoked, credential_b)
            if reverse("certification:credential_detail", args=[credential.pk]) in body
        }

    assert shown(status="revoked") == {revoked.pk}
    assert shown(programme=programme_b.pk) == {credential_b.pk}
    assert shown(institution=world.institution_a.pk) == {active.pk, revoked.pk}
    assert shown(q="Zapata") == {revoked.pk}
    assert shown(kind=CredentialKind.EXPERT) == set()
    # A bad filter value is a field error and an empty list, never a 500.
    response = client.get(url, {"programme": "abc"})
    assert response.status_code == 200 and b"field__error" in response.content


def test_list_query_count_is_flat(world, page_client_for, programme_a):
    client = page_client_for(world.user("programme_officer"))
    url = reverse("certification:credential_list")
    listed_credential(programme_a, candidate(programme_a, world.institution_a, email="c0@inm.example"))
    client.get(url)  # warm-up: session and content types are cached
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for number in range(1, 5):
        listed_credential(
            programme_a, candidate(programme_a, world.institution_a, email=f"c{number}@inm.example")
        )
    with CaptureQueriesContext(connection) as five:
        response = client.get(url)
    assert response.context["page_obj"].paginator.count == 5
    assert len(one) == len(five), "\n".join(query["sql"] for query in five.captured_queries)


# --- detail and downloads -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", 200),
        ("programme_manager", 200),
        ("programme_officer", 200),
        ("integrator", 200),
        ("hr_officer", 200),
        ("training_officer", 200),
        ("focal_point", 200),
        ("official", 404),
        ("expert", 404),
    ],
)
def test_detail_per_role(world, page_client_for, credential_a, role, status):
    response = page_client_for(world.user(role)).get(credential_a.get_absolute_url())
    assert response.status_code == status
    if status == 200:
        body = text(response)
        assert str(credential_a.person) in body
        assert reverse("credential_verify", args=[credential_a.public_id]) in body
        assert reverse("credential_json", args=[credential_a.public_id]) in body
        assert reverse("credential_jwt", args=[credential_a.public_id]) in body
        assert reverse("certification:credential_certificate", args=[credential_a.pk]) in body
        manages = role in MANAGERS
        assert (reverse("certification:credential_revoke", args=[credential_a.pk]) in body) == manages
        assert (reverse("certification:credential_suspend", args=[credential_a.pk]) in body) == manages
        assert (reverse("certification:credential_renew", args=[credential_a.pk]) in body) == manages


def test_institution_b_gets_404_for_page_certificate_and_changes(world, page_client_for, credential_a):
    client = page_client_for(world.focal_b)
    assert client.get(credential_a.get_absolute_url()).status_code == 404
    assert (
        client.get(reverse("certification:credential_certificate", args=[credential_a.pk])).status_code == 404
    )
    for name, data in (
        ("credential_suspend", {"suspend-note": "x"}),
        ("credential_revoke", {"revoke-reason": RevocationReason.OTHER}),
        ("credential_renew", {}),
        ("credential_reinstate", {}),
    ):
        assert client.post(reverse(f"certification:{name}", args=[credential_a.pk]), data).status_code == 404
    credential_a.refresh_from_db()
    assert credential_a.status == CredentialStatus.ACTIVE


def test_holder_downloads_own_certificate(world, page_client_for, programme_a):
    official = world.user("official")
    credential = issued_credential(world, programme_a, official.person)
    response = page_client_for(official).get(
        reverse("certification:credential_certificate", args=[credential.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_hr_of_a_reads_and_downloads_but_cannot_change(world, page_client_for, credential_a):
    client = page_client_for(world.user("hr_officer"))
    response = client.get(reverse("certification:credential_certificate", args=[credential_a.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    response = client.post(
        reverse("certification:credential_suspend", args=[credential_a.pk]), {"suspend-note": "x"}
    )
    assert response.status_code == 403
    credential_a.refresh_from_db()
    assert credential_a.status == CredentialStatus.ACTIVE


def test_renewal_links_both_ways_within_scope(world, page_client_for, credential_a):
    renewed = services.credential_renew(credential_a, actor=world.user("programme_manager"))
    body = text(page_client_for(world.user("hr_officer")).get(credential_a.get_absolute_url()))
    assert renewed.get_absolute_url() in body and "Superseded by" in body
    body = text(page_client_for(world.user("hr_officer")).get(renewed.get_absolute_url()))
    assert credential_a.get_absolute_url() in body and "Renews" in body


# --- status changes by managers -----------------------------------------------------------------


def test_manager_suspends_and_reinstates_with_audit(world, page_client_for, credential_a):
    manager = world.user("programme_manager")
    client = page_client_for(manager)
    response = client.post(
        reverse("certification:credential_suspend", args=[credential_a.pk]),
        {"suspend-note": "Under investigation"},
    )
    assert response.status_code == 302
    credential_a.refresh_from_db()
    assert credential_a.status == CredentialStatus.SUSPENDED
    assert credential_a.status_note == "Under investigation"
    entry = audit_entries(Credential, credential_a.pk, "update").get()
    assert entry.actor == manager and entry.changes["status"][1] == CredentialStatus.SUSPENDED

    body = text(client.get(credential_a.get_absolute_url()))
    assert reverse("certification:credential_reinstate", args=[credential_a.pk]) in body
    assert "Under investigation" in body  # the timeline shows the note to staff
    hr_body = text(page_client_for(world.user("hr_officer")).get(credential_a.get_absolute_url()))
    assert "Under investigation" not in hr_body and "Suspended" in hr_body

    response = client.post(
        reverse("certification:credential_reinstate", args=[credential_a.pk]), {"reinstate-note": "Cleared"}
    )
    assert response.status_code == 302
    credential_a.refresh_from_db()
    assert credential_a.status == CredentialStatus.ACTIVE
    assert audit_entries(Credential, credential_a.pk, "update").count() == 2


def test_manager_revokes_with_reason(world, page_client_for, credential_a):
    manager = world.user("administrator")
    response = page_client_for(manager).post(
        reverse("certification:credential_revoke", args=[credential_a.pk]),
        {"revoke-reason": RevocationReason.ISSUED_IN_ERROR, "revoke-note": "Wrong cohort"},
    )
    assert response.status_code == 302
    credential_a.refresh_from_db()
    assert credential_a.status == CredentialStatus.REVOKED
    assert credential_a.revocation_reason == RevocationReason.ISSUED_IN_ERROR
    entry = audit_entries(Credential, credential_a.pk, "update").get()
    assert entry.actor == manager and entry.reason == "Wrong cohort"


def test_manager_renews(world, page_client_for, credential_a):
    manager = world.user("programme_manager")
    response = page_client_for(manager).post(
        reverse("certification:credential_renew", args=[credential_a.pk])
    )
    credential_a.refresh_from_db()
    renewed = credential_a.superseded_by
    assert renewed is not None
    assert response.status_code == 302 and response["Location"] == renewed.get_absolute_url()
    assert credential_a.status == CredentialStatus.SUPERSEDED
    assert renewed.status == CredentialStatus.ACTIVE
    assert audit_entries(Credential, renewed.pk, "create").get().actor == manager
    assert audit_entries(Credential, credential_a.pk, "update").get().actor == manager


@pytest.mark.parametrize(
    "role", ["programme_officer", "integrator", "hr_officer", "training_officer", "focal_point"]
)
def test_only_managers_change_a_credential(world, page_client_for, credential_a, role):
    client = page_client_for(world.user(role))
    before = AuditEntry.objects.count()
    for name, data in (
        ("credential_suspend", {"suspend-note": "x"}),
        ("credential_revoke", {"revoke-reason": RevocationReason.OTHER}),
        ("credential_renew", {}),
        ("credential_reinstate", {}),
    ):
        response = client.post(reverse(f"certification:{name}", args=[credential_a.pk]), data)
        assert response.status_code == 403, name
    credential_a.refresh_from_db()
    assert credential_a.status == CredentialStatus.ACTIVE
    assert Credential.objects.count() == 1
    assert AuditEntry.objects.count() == before


def test_revoke_without_reason_is_a_form_error(world, page_client_for, credential_a):
    before = AuditEntry.objects.count()
    response = page_client_for(world.user("programme_manager")).post(
        reverse("certification:credential_revoke", args=[credential_a.pk]), {"revoke-note": "No reason"}
    )
    assert response.status_code == 200
    form = response.context["manager_forms"]["revoke"]
    assert "reason" in form.errors
    assert b"field__error" in response.content
    credential_a.refresh_from_db()
    assert credential_a.status == CredentialStatus.ACTIVE
    assert AuditEntry.objects.count() == before


def test_revoke_with_an_unknown_reason_is_a_form_error(world, page_client_for, credential_a):
    response = page_client_for(world.user("programme_manager")).post(
        reverse("certification:credential_revoke", args=[credential_a.pk]), {"revoke-reason": "bored"}
    )
    assert response.status_code == 200
    assert "reason" in response.context["manager_forms"]["revoke"].errors
    credential_a.refresh_from_db()
    assert credential_a.status == CredentialStatus.ACTIVE


def test_suspend_without_note_is_a_form_error(world, page_client_for, credential_a):
    response = page_client_for(world.user("programme_manager")).post(
        reverse("certification:credential_suspend", args=[credential_a.pk]), {"suspend-note": "   "}
    )
    assert response.status_code == 200
    assert "note" in response.context["manager_forms"]["suspend"].errors
    credential_a.refresh_from_db()
    assert credential_a.status == CredentialStatus.ACTIVE
    assert not audit_entries(Credential, credential_a.pk, "update").exists()


def test_renewing_a_revoked_credential_is_refused_with_a_message(world, page_client_for, credential_a):
    manager = world.user("programme_manager")
    services.credential_revoke(credential_a, actor=manager, reason=RevocationReason.MISCONDUCT)
    client = page_client_for(manager)
    body = text(client.get(credential_a.get_absolute_url()))
    assert reverse("certification:credential_renew", args=[credential_a.pk]) not in body
    response = client.post(reverse("certification:credential_renew", args=[credential_a.pk]), follow=True)
    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    assert any("cannot be renewed" in message for message in shown), shown
    assert Credential.objects.count() == 1


def test_suspending_a_revoked_credential_is_refused_with_a_message(world, page_client_for, credential_a):
    manager = world.user("programme_manager")
    services.credential_revoke(credential_a, actor=manager, reason=RevocationReason.MISCONDUCT)
    response = page_client_for(manager).post(
        reverse("certification:credential_suspend", args=[credential_a.pk]),
        {"suspend-note": "x"},
        follow=True,
    )
    assert response.status_code == 200
    assert [str(message) for message in response.context["messages"]]
    credential_a.refresh_from_db()
    assert credential_a.status == CredentialStatus.REVOKED


# --- multiplier tracking ------------------------------------------------------------------------


def session(trainer, held_on, *, colleagues, rating):
    return ReplicaSession.objects.create(
        trainer=trainer,
        institution=trainer.institution,
        title=f"Replica {held_on}",
        held_on=held_on,
        colleagues_trained=colleagues,
        average_rating=Decimal(rating),
    )


@pytest.fixture
def multiplier_world(world, programme_a, programme_b):
    """Institution A: two active trainers (one with a session before certification), one revoked
    trainer and one expert; institution B: one expired trainer with sessions."""
    issued = datetime.date(2026, 5, 1)
    ana = candidate(programme_a, world.institution_a, email="ana@inm.example")
    luis = candidate(programme_a, world.institution_a, email="luis@inm.example")
    revoked = candidate(programme_a, world.institution_a, email="rev@inm.example")
    expert = candidate(programme_a, world.institution_a, email="exp@inm.example")
    listed_credential(programme_a, ana, issued_on=issued)
    listed_credential(programme_a, luis, issued_on=issued)
    listed_credential(programme_a, revoked, issued_on=issued, status=CredentialStatus.REVOKED)
    listed_credential(programme_a, expert, issued_on=issued, kind=CredentialKind.EXPERT)
    session(ana, datetime.date(2026, 4, 1), colleagues=30, rating="3.0")  # before certification
    session(ana, datetime.date(2026, 6, 1), colleagues=12, rating="4.0")
    session(ana, datetime.date(2026, 9, 1), colleagues=8, rating="5.0")
    session(luis, datetime.date(2026, 7, 1), colleagues=10, rating="4.5")
    session(revoked, datetime.date(2026, 7, 1), colleagues=99, rating="1.0")
    session(expert, datetime.date(2026, 7, 1), colleagues=77, rating="2.0")
    b_trainer = PersonFactory(institution=world.institution_b, email="t@naptip.example")
    listed_credential(programme_b, b_trainer, issued_on=issued, status=CredentialStatus.EXPIRED)
    session(b_trainer, datetime.date(2026, 8, 1), colleagues=20, rating="4.0")
    return {"issued": issued}


def independent_figures(institution, *, held_from=None, held_to=None) -> dict:
    """The figures counted row by row in Python, from every session and credential."""
    trainers = {
        credential.person_id
        for credential in Credential.objects.filter(institution=institution)
        if credential.kind == CredentialKind.TRAINER and credential.status == CredentialStatus.ACTIVE
    }
    counted = []
    for replica in ReplicaSession.objects.filter(institution=institution):
        if (held_from and replica.held_on < held_from) or (held_to and replica.held_on > held_to):
            continue
        if any(
            credential.kind == CredentialKind.TRAINER
            and credential.status != CredentialStatus.REVOKED
            and credential.issued_on <= replica.held_on
            for credential in Credential.objects.filter(person=replica.trainer)
        ):
            counted.append(replica)
    ratings = [replica.average_rating for replica in counted]
    return {
        "trainers": len(trainers),
        "sessions": len(counted),
        "colleagues": sum(replica.colleagues_trained for replica in counted),
        "rating": (sum(ratings) / len(ratings)) if ratings else None,
    }


def figures_of(response, institution) -> dict:
    return next(row for row in response.context["rows"] if row["institution"] == institution)


def test_multiplier_figures_match_an_independent_count(world, page_client_for, multiplier_world):
    response = page_client_for(world.user("programme_officer")).get(reverse("certification:multiplier"))
    assert response.status_code == 200
    for institution in (world.institution_a, world.institution_b):
        row = figures_of(response, institution)
        expected = independent_figures(institution)
        assert row["trainers"] == expected["trainers"]
        assert row["sessions"] == expected["sessions"]
        assert row["colleagues"] == expected["colleagues"]
        assert Decimal(str(row["rating"])).quantize(Decimal("0.01")) == expected["rating"].quantize(
            Decimal("0.01")
        )
    a = figures_of(response, world.institution_a)
    assert (a["trainers"], a["sessions"], a["colleagues"], a["trainers_delivering"]) == (2, 3, 30, 2)
    b = figures_of(response, world.institution_b)
    assert (b["trainers"], b["sessions"], b["colleagues"]) == (0, 1, 20)
    assert "National Migration Institute" in text(response)


def test_multiplier_filters_by_period_and_programme(world, page_client_for, multiplier_world, programme_b):
    client = page_client_for(world.user("programme_manager"))
    response = client.get(
        reverse("certification:multiplier"), {"held_from": "2026-06-15", "held_to": "2026-12-31"}
    )
    a = figures_of(response, world.institution_a)
    expected = independent_figures(
        world.institution_a, held_from=datetime.date(2026, 6, 15), held_to=datetime.date(2026, 12, 31)
    )
    assert (a["sessions"], a["colleagues"]) == (expected["sessions"], expected["colleagues"]) == (2, 18)
    response = client.get(reverse("certification:multiplier"), {"programme": programme_b.pk})
    assert [row["institution"] for row in response.context["rows"]] == [world.institution_b]
    # A period that ends before it starts is a field error, not a 500.
    response = client.get(
        reverse("certification:multiplier"), {"held_from": "2026-06-15", "held_to": "2026-01-01"}
    )
    assert response.status_code == 200 and "held_to" in response.context["form"].errors
    assert response.context["rows"] == []


@pytest.mark.parametrize("role", ["hr_officer", "training_officer", "focal_point"])
def test_multiplier_shows_partners_their_own_row(world, page_client_for, multiplier_world, role):
    response = page_client_for(world.user(role)).get(reverse("certification:multiplier"))
    assert response.status_code == 200
    assert [row["institution"] for row in response.context["rows"]] == [world.institution_a]
    response = page_client_for(world.focal_b).get(reverse("certification:multiplier"))
    assert [row["institution"] for row in response.context["rows"]] == [world.institution_b]
    assert "National Migration Institute" not in text(response)


def test_multiplier_query_count_is_flat(world, page_client_for, programme_a):
    client = page_client_for(world.user("programme_officer"))
    url = reverse("certification:multiplier")

    def add_institution(number):
        institution = InstitutionFactory(acronym=f"I{number}")
        trainer = PersonFactory(institution=institution, email=f"t{number}@example.org")
        listed_credential(programme_a, trainer)
        session(trainer, datetime.date(2026, 6, 1), colleagues=5, rating="4.0")

    add_institution(0)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(1, 5):
        add_institution(number)
    with CaptureQueriesContext(connection) as five:
        response = client.get(url)
    assert len(response.context["rows"]) == 5
    assert len(one) == len(five), "\n".join(query["sql"] for query in five.captured_queries)
