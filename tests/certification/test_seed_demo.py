"""The demo certification data (certification.demo): programmes named in three languages with their
competencies, mandatory modules and co-signer; candidates at every step of the path with the evidence
that step needs; credentials active, expired and revoked; institution A's curriculum, learning records
and a career step. Written through the services by the accounts the rules require, idempotent, never
loaded in production.

`manage.py seed_demo` calls certification.demo.seed_certification last; the whole command, with the
programmes on the demo's own holistic Action, is tested in tests/actions/test_seed_demo.py. Here the
seeding runs on a small world holding only what it needs: institution A, its holistic Action with
officials who attended its modules, and the demo accounts that act."""

import io
from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError

from actions.choices import ActionType, ActivityStatus, ActivityType, PartnerRole
from actions.models import ActionPartner
from certification import demo_data, issuer
from certification.demo import check_demo_data, seed_certification
from certification.eligibility import enrolment_eligibility
from certification.models import (
    Assessment,
    CareerStep,
    CertificationProgramme,
    Competency,
    Credential,
    Curriculum,
    CurriculumModule,
    Enrolment,
    LearningRecord,
    RecognitionEvidence,
    ReplicaSession,
    SignOff,
)
from mieux.models import AuditEntry
from mieux.roles import Role
from partners.choices import InstitutionType
from tests.actions.factories import ActionFactory, ActivityFactory, ParticipationFactory
from tests.factories import InstitutionFactory, PersonFactory, UserFactory

CERTIFICATION_MODELS = (
    CertificationProgramme,
    Competency,
    Enrolment,
    Assessment,
    ReplicaSession,
    SignOff,
    Credential,
    RecognitionEvidence,
    Curriculum,
    CurriculumModule,
    LearningRecord,
    CareerStep,
    AuditEntry,
)


def test_the_demo_data_is_consistent():
    assert check_demo_data() == []
    for seed in demo_data.PROGRAMMES:
        english, french, spanish = seed.name
        assert len({english, french, spanish}) == 3
        assert len(set(seed.description)) == 3
        assert all(len(set(names)) == 3 for names in seed.competencies)
    assert {seed.kind for seed in demo_data.PROGRAMMES} == {"trainer", "expert"}
    # Every step of the path, and every fate of a credential.
    assert {seed.outcome for seed in demo_data.ENROLMENTS} == set(demo_data.ENROLMENT_OUTCOMES)
    assert {seed.credential for seed in demo_data.ENROLMENTS} - {""} == set(demo_data.CREDENTIAL_FATES)
    panel = [seed for seed in demo_data.ENROLMENTS if seed.outcome == "panel_decision"]
    assert {seed.signed_off for seed in panel} == {True, False}


@pytest.fixture
def demo_world(db, settings, tmp_path):
    """Institution A (INM, Mexico) with the demo accounts the seeding uses, and a holistic Action of A
    (with COMAR and the capacity development institution IMR) whose held modules — a training of
    trainers, an assessment, a drafting support — ten officials attended in full, four only half of
    the training of trainers; the official of the demo accounts attended everything. A classic Action
    of A beside it."""
    settings.MEDIA_ROOT = tmp_path
    institution_a = InstitutionFactory(name_en="National Migration Institute", acronym="INM", country="MX")
    other = InstitutionFactory(acronym="COMAR", country="MX")
    academy = InstitutionFactory(
        acronym="IMR", country="MX", type=InstitutionType.CAPACITY_DEVELOPMENT_INSTITUTION
    )
    accounts = {
        "officer@mieux.test": Role.PROGRAMME_OFFICER,
        "manager@mieux.test": Role.PROGRAMME_MANAGER,
        "hr.a@mieux.test": Role.HR_OFFICER,
        "training.a@mieux.test": Role.TRAINING_OFFICER,
        "official.a@mieux.test": Role.OFFICIAL,
    }
    users = {}
    for email, role in accounts.items():
        users[email] = UserFactory(email=email, role=role)
        if role not in {Role.PROGRAMME_OFFICER, Role.PROGRAMME_MANAGER}:
            PersonFactory(institution=institution_a, user=users[email], email=email)
    holistic = ActionFactory(type=ActionType.HOLISTIC, lead=institution_a)
    ActionPartner.objects.create(action=holistic, institution=other, role=PartnerRole.CO_BENEFICIARY)
    ActionPartner.objects.create(
        action=holistic, institution=academy, role=PartnerRole.CAPACITY_DEVELOPMENT_INSTITUTION
    )
    classic = ActionFactory(lead=institution_a)
    modules = {
        kind: ActivityFactory(action=holistic, type=kind, status=ActivityStatus.HELD)
        for kind in (
            ActivityType.TRAINING_OF_TRAINERS,
            ActivityType.ASSESSMENT,
            ActivityType.DRAFTING_SUPPORT,
        )
    }
    ActivityFactory(action=holistic, type=ActivityType.TRAINING_OF_TRAINERS, status=ActivityStatus.PLANNED)
    for activity in modules.values():
        ParticipationFactory(activity=activity, person=users["official.a@mieux.test"].person)
    tot = modules[ActivityType.TRAINING_OF_TRAINERS]
    for number in range(10):
        ParticipationFactory(
            activity=tot, person=PersonFactory(institution=institution_a, email=f"q{number}@inm.mx")
        )
    for number in range(4):
        person = PersonFactory(institution=institution_a, email=f"s{number}@inm.mx")
        ParticipationFactory(activity=tot, person=person, attendance_percent=50)
    ParticipationFactory(activity=tot, person=PersonFactory(institution=other))
    return {
        "institution": institution_a,
        "academy": academy,
        "holistic": holistic,
        "classic": classic,
        "modules": modules,
        "users": users,
    }


def test_seed_certification_writes_through_the_services_and_a_second_run_changes_nothing(demo_world):
    summary = seed_certification(stdout=io.StringIO())
    assert summary.created["certification programmes"] == 2
    assert summary.created["enrolments"] == len(demo_data.ENROLMENTS)
    users = demo_world["users"]
    modules = demo_world["modules"]

    # Programmes: three languages, competencies, mandatory modules, the co-signing academy.
    programmes = list(CertificationProgramme.objects.order_by("id"))
    for programme, seed in zip(programmes, demo_data.PROGRAMMES, strict=True):
        assert (programme.name_en, programme.name_fr, programme.name_es) == seed.name
        assert (
            programme.description_en,
            programme.description_fr,
            programme.description_es,
        ) == seed.description
        assert programme.name == programme.name_en
        assert programme.kind == seed.kind and programme.accepts_nominations
        assert list(programme.actions.all()) == [demo_world["holistic"]]
        assert programme.co_signer == demo_world["academy"]
        competencies = list(programme.competencies.order_by("position"))
        assert [(c.name_en, c.name_fr, c.name_es) for c in competencies] == list(seed.competencies)
        assert set(programme.mandatory_activities.all()) == {
            modules[kind] for kind in seed.mandatory_activity_types
        }
    trainer = programmes[0]
    assert trainer.recognitions.get().kind == "coordination_mechanism"

    # Candidates at every step, each with what their step needs.
    enrolments = list(Enrolment.objects.select_related("programme", "person__user").order_by("id"))
    expected = Counter((seed.programme, seed.outcome) for seed in demo_data.ENROLMENTS)
    assert Counter((programmes.index(e.programme), e.status) for e in enrolments) == expected
    assert {e.institution for e in enrolments} == {demo_world["institution"]}
    assert all(e.motivation for e in enrolments)
    for enrolment in enrolments:
        rules = {rule.key: rule.met for rule in enrolment_eligibility(enrolment).rules}
        if enrolment.status in {"assessment", "supervised_practice", "portfolio_review"}:
            assert rules["attendance"] and not all(rules.values())
        if enrolment.status in {"panel_decision", "certified", "not_certified"}:
            assert all(rules.values()), enrolment
        panel_sign_off = enrolment.sign_offs.filter(step="panel_decision", unit="hr").exists()
        if enrolment.status in {"certified", "not_certified"}:
            assert panel_sign_off
        if enrolment.status not in {"nominated", "withdrawn", "enrolled"}:
            assert enrolment.sign_offs.filter(step="enrolled", unit="training_unit").exists()
    at_panel = [e for e in enrolments if e.status == "panel_decision"]
    assert sorted(e.sign_offs.filter(step="panel_decision").exists() for e in at_panel) == [False, True]
    # Candidates past the training met the attendance rule; nobody of another institution.
    officials = {e.person for e in enrolments if e.person.user is None}
    assert all(person.institution == demo_world["institution"] for person in officials)
    official = users["official.a@mieux.test"]
    assert {e.status for e in enrolments if e.person.user == official} == {"certified", "assessment"}

    # Credentials, signed and rendered: active, expired (issued long ago) and revoked.
    credentials = Credential.objects.select_related("person")
    assert Counter(c.status for c in credentials) == {"active": 2, "expired": 1, "revoked": 1}
    for credential in credentials:
        assert credential.jwt and credential.document and credential.certificate
        issuer.verify(credential.jwt)  # signed with the platform's key
    expired = credentials.get(status="expired")
    assert (expired.valid_until - expired.issued_on).days > 3 * 365 - 5
    revoked = credentials.get(status="revoked")
    assert revoked.revocation_reason == demo_data.REVOCATION[0]
    assert credentials.filter(person=official.person, status="active").exists()

    # Institution A's curriculum: MIEUX+ and other providers, the certified trainers in its offer.
    curriculum = Curriculum.objects.get(institution=demo_world["institution"])
    kinds = Counter(curriculum.modules.values_list("provider_kind", flat=True))
    assert kinds["mieux"] >= 1 and kinds["other"] >= 1
    replica_course = curriculum.modules.get(provider_kind="mieux")
    assert official.person in replica_course.trainers.all()
    records = LearningRecord.objects.filter(person=official.person)
    assert records.count() == len(demo_data.LEARNING) + 1
    assert records.filter(credential__isnull=False).count() == 1
    step = CareerStep.objects.get(person=official.person)
    assert step.change == "trainer_role" and step.credential.person == official.person

    # Each write audited as the command, by the account the rules require.
    enrolment_type = ContentType.objects.get_for_model(Enrolment)
    transitions = AuditEntry.objects.filter(content_type=enrolment_type, action="transition")
    by_actor = Counter(entry.actor.email for entry in transitions)
    assert set(by_actor) == {"officer@mieux.test", "manager@mieux.test", "hr.a@mieux.test"}
    decisions = {
        entry.changes["status"][1] for entry in transitions if entry.actor.email == "manager@mieux.test"
    }
    assert decisions == {"certified", "not_certified"}
    sign_off_type = ContentType.objects.get_for_model(SignOff)
    signers = {e.actor.email for e in AuditEntry.objects.filter(content_type=sign_off_type)}
    assert signers == {"hr.a@mieux.test", "training.a@mieux.test"}
    assert set(AuditEntry.objects.values_list("origin", flat=True)) == {"command:seed_demo"}

    # What each user sees: HR of A all, the official their own, something on each portal page.
    hr = users["hr.a@mieux.test"]
    assert Enrolment.objects.for_user(hr).count() == len(enrolments)
    assert set(Enrolment.objects.for_user(official)) == {e for e in enrolments if e.person.user == official}

    counts = [model.objects.count() for model in CERTIFICATION_MODELS]
    out = io.StringIO()
    again = seed_certification(stdout=out)
    assert again.created_total == 0
    assert [model.objects.count() for model in CERTIFICATION_MODELS] == counts
    assert "already present" in out.getvalue()


def test_the_demo_accounts_find_something_on_the_portal_pages(demo_world, page_client_for):
    from django.urls import reverse

    seed_certification(stdout=io.StringIO())
    users = demo_world["users"]
    page = page_client_for(users["official.a@mieux.test"]).get(reverse("portal:my_certification"))
    assert page.status_code == 200 and b"Verification page" in page.content
    for email in ("hr.a@mieux.test", "training.a@mieux.test"):
        client = page_client_for(users[email])
        assert b"Sign off as" in client.get(reverse("certification:sign_off_list")).content
        assert b'data-task="certification_sign_off"' in client.get(reverse("portal:home")).content


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
