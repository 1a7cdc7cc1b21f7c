"""The demo certification programmes (certification.demo): named in three languages, written through
the services by the accounts the rules require, idempotent, never loaded in production.

`manage.py seed_demo` calls certification.demo.seed_certification last; the whole command, with the
programmes on the demo's own holistic Action, is tested in tests/actions/test_seed_demo.py. Here the
seeding runs on a small world holding only what it needs: institution A, its holistic Action with
officials who attended it, and the demo accounts that act."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError

from actions.choices import ActionType, ActivityStatus, PartnerRole
from actions.models import ActionPartner
from certification import demo_data
from certification.demo import check_demo_data, seed_certification
from certification.models import CertificationProgramme, Enrolment
from mieux.models import AuditEntry
from mieux.roles import Role
from tests.actions.factories import ActionFactory, ActivityFactory, ParticipationFactory
from tests.factories import InstitutionFactory, PersonFactory, UserFactory


def test_the_demo_data_is_consistent():
    assert check_demo_data() == []
    for seed in demo_data.PROGRAMMES:
        english, french, spanish = seed.name
        assert len({english, french, spanish}) == 3
        assert len(set(seed.description)) == 3
    assert {seed.kind for seed in demo_data.PROGRAMMES} == {"trainer", "expert"}
    assert {seed.outcome for seed in demo_data.ENROLMENTS} == {"nominated", "enrolled", "withdrawn"}


@pytest.fixture
def demo_world(db):
    """Institution A (INM, Mexico) with the demo accounts the seeding uses, a holistic Action of A with
    four officials who attended it (and one of another institution), and a classic Action of A."""
    institution_a = InstitutionFactory(name_en="National Migration Institute", acronym="INM", country="MX")
    other = InstitutionFactory(acronym="COMAR", country="MX")
    accounts = {
        "officer@mieux.test": Role.PROGRAMME_OFFICER,
        "hr.a@mieux.test": Role.HR_OFFICER,
        "training.a@mieux.test": Role.TRAINING_OFFICER,
        "official.a@mieux.test": Role.OFFICIAL,
    }
    users = {}
    for email, role in accounts.items():
        users[email] = UserFactory(email=email, role=role)
        if role != Role.PROGRAMME_OFFICER:
            PersonFactory(institution=institution_a, user=users[email], email=email)
    holistic = ActionFactory(type=ActionType.HOLISTIC, lead=institution_a)
    ActionPartner.objects.create(action=holistic, institution=other, role=PartnerRole.CO_BENEFICIARY)
    classic = ActionFactory(lead=institution_a)
    held = [ActivityFactory(action=holistic, status=ActivityStatus.HELD) for _ in range(2)]
    attendees = [users["official.a@mieux.test"].person]
    attendees += [PersonFactory(institution=institution_a) for _ in range(4)]
    for activity in held:
        for person in attendees:
            ParticipationFactory(activity=activity, person=person)
    ParticipationFactory(activity=held[0], person=PersonFactory(institution=other))
    return {"institution": institution_a, "holistic": holistic, "classic": classic, "users": users}


def test_seed_certification_writes_through_the_services_and_a_second_run_changes_nothing(demo_world):
    summary = seed_certification(stdout=io.StringIO())
    assert summary.created == {"certification programmes": 2, "enrolments": 4}
    programmes = CertificationProgramme.objects.order_by("id")
    for programme, seed in zip(programmes, demo_data.PROGRAMMES, strict=True):
        assert (programme.name_en, programme.name_fr, programme.name_es) == seed.name
        assert (
            programme.description_en,
            programme.description_fr,
            programme.description_es,
        ) == seed.description
        assert programme.name == programme.name_en
        assert programme.kind == seed.kind and programme.accepts_nominations
        # Run within the institution's holistic Action only.
        assert list(programme.actions.all()) == [demo_world["holistic"]]

    users = demo_world["users"]
    enrolments = Enrolment.objects.select_related("programme", "person").order_by("id")
    assert [(e.status, e.nominated_by.email) for e in enrolments] == [
        ("enrolled", "hr.a@mieux.test"),
        ("nominated", "hr.a@mieux.test"),
        ("withdrawn", "hr.a@mieux.test"),
        ("nominated", "training.a@mieux.test"),
    ]
    assert enrolments[0].person.user == users["official.a@mieux.test"]
    assert {e.institution for e in enrolments} == {demo_world["institution"]}
    assert all(e.motivation for e in enrolments)
    # Officials without an account who attended the Action; nobody of the other institution.
    assert all(e.person.user_id is None for e in enrolments[1:])
    assert len({e.person_id for e in enrolments}) == 4

    # Each write audited as the command, by the account the rules require.
    enrolment_type = ContentType.objects.get_for_model(Enrolment)
    transitions = AuditEntry.objects.filter(content_type=enrolment_type, action="transition")
    assert {(entry.actor.email, entry.changes["status"][1]) for entry in transitions} == {
        ("officer@mieux.test", "enrolled"),
        ("hr.a@mieux.test", "withdrawn"),
    }
    assert set(AuditEntry.objects.values_list("origin", flat=True)) == {"command:seed_demo"}

    # What each user sees: HR of A all four, the official their own, staff everything.
    assert Enrolment.objects.for_user(users["hr.a@mieux.test"]).count() == 4
    assert list(Enrolment.objects.for_user(users["official.a@mieux.test"])) == [enrolments[0]]

    counts = [CertificationProgramme.objects.count(), Enrolment.objects.count(), AuditEntry.objects.count()]
    out = io.StringIO()
    again = seed_certification(stdout=out)
    assert again.created_total == 0
    assert [
        CertificationProgramme.objects.count(),
        Enrolment.objects.count(),
        AuditEntry.objects.count(),
    ] == counts
    assert "already present" in out.getvalue()


def test_seed_certification_needs_the_partner_and_action_demo_data(db):
    with pytest.raises(CommandError, match="Seed the partner demo data first"):
        seed_certification()
    assert not CertificationProgramme.objects.exists()


def test_seed_certification_needs_the_holistic_action(demo_world):
    demo_world["holistic"].delete()
    with pytest.raises(CommandError, match="no holistic Action"):
        seed_certification()
    assert not CertificationProgramme.objects.exists()


def test_seed_certification_is_refused_in_production(monkeypatch):
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "mieux.settings.prod")
    with pytest.raises(CommandError, match="refused in production"):
        seed_certification()
