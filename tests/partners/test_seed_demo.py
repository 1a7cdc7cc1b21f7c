"""The demo partner registry: realistic, deterministic, idempotent, and never loaded in production.

`manage.py seed_demo` (certification app) calls partners.demo.seed_partners first; the partner
registry and the portal invitations are tested here on their own, the whole command in
tests/actions/test_seed_demo.py."""

import io
import random

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management.base import CommandError

from mieux.models import AuditEntry, User
from partners import demo_data
from partners.accounts import invitation_for_token
from partners.choices import EU_MEMBER_STATES, Gender, InstitutionType
from partners.demo import build_plan, seed_partners
from partners.models import CoordinationMechanism, Expert, Institution, Invitation, Person

DEMO_ACCOUNTS = {
    "admin@mieux.test": "administrator",
    "manager@mieux.test": "programme_manager",
    "officer@mieux.test": "programme_officer",
    "expert@mieux.test": "expert",
    "integrator@mieux.test": "integrator",
    "focal.a@mieux.test": "focal_point",
    "hr.a@mieux.test": "hr_officer",
    "training.a@mieux.test": "training_officer",
    "official.a@mieux.test": "official",
    "focal.b@mieux.test": "focal_point",
}


def _counts():
    models = (User, Institution, Person, Expert, CoordinationMechanism, Invitation, AuditEntry)
    return [model.objects.count() for model in models]


def test_seed_partners_creates_the_registry_and_a_second_run_changes_nothing(db):
    summary = seed_partners(password="demo-password-2026", stdout=io.StringIO())
    assert summary.created["institutions"] == Institution.objects.count()
    assert Institution.objects.values("country").distinct().count() >= 100
    # DOMAIN: a roster of 700+ officials from 26 Member States, a third of them non-EU, 42 % women.
    roster = Expert.objects.select_related("person__institution")
    assert roster.count() >= 700
    non_eu = roster.exclude(member_state__in=EU_MEMBER_STATES).count() / roster.count()
    assert 0.30 <= non_eu <= 0.37
    women = roster.filter(person__gender=Gender.FEMALE).count() / roster.count()
    assert 0.38 <= women <= 0.46
    eu = roster.filter(member_state__in=EU_MEMBER_STATES)
    assert len(set(eu.values_list("member_state", flat=True))) == 26
    assert set(eu.values_list("person__institution__type", flat=True)) == {
        InstitutionType.MEMBER_STATE_ADMINISTRATION
    }
    for expert in roster:
        assert expert.member_state == expert.person.institution.country  # Expert.clean's rule
    non_eu_homes = set(
        roster.exclude(member_state__in=EU_MEMBER_STATES).values_list("person__institution__type", flat=True)
    )
    assert non_eu_homes <= {
        InstitutionType.NATIONAL_AUTHORITY,
        InstitutionType.CAPACITY_DEVELOPMENT_INSTITUTION,
    }
    assert Person.objects.values("email").distinct().count() == Person.objects.count()
    assert CoordinationMechanism.objects.exists()
    for email, role in DEMO_ACCOUNTS.items():
        user = User.objects.get(email=email)
        assert user.role == role
        assert user.check_password("demo-password-2026")
    invited = Invitation.objects.get(accepted_at__isnull=False).person.user
    assert [email for email, _role, created in summary.accounts if created] == [*DEMO_ACCOUNTS, invited.email]
    institution_a = User.objects.get(email="focal.a@mieux.test").person.institution
    institution_b = User.objects.get(email="focal.b@mieux.test").person.institution
    assert institution_a.country != institution_b.country
    for email in ("hr.a@mieux.test", "training.a@mieux.test", "official.a@mieux.test"):
        assert User.objects.get(email=email).person.institution == institution_a
    assert Expert.objects.filter(person__user__email="expert@mieux.test").exists()
    assert set(AuditEntry.objects.values_list("origin", flat=True)) == {"command:seed_demo"}

    before = _counts()
    out = io.StringIO()
    again = seed_partners(password="demo-password-2026", stdout=out)
    assert _counts() == before
    assert again.created_total == 0
    assert "already present" in out.getvalue()


def test_seed_partners_sends_invitations_to_the_portal(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        seed_partners(password="demo-password-2026", stdout=io.StringIO())
    invitations = Invitation.objects.select_related("person__institution", "invited_by").order_by("id")
    assert [(i.role, i.language, i.status) for i in invitations] == [
        (seed.role, seed.language, seed.outcome) for seed in demo_data.INVITATIONS
    ]
    assert {i.invited_by.email for i in invitations} == {"officer@mieux.test"}
    assert {(i.person.institution.country.code, i.person.institution.acronym) for i in invitations} >= {
        ("MX", "INM"),
        ("NG", "NAPTIP"),
        ("MX", "COMAR"),
    }
    expert = invitations.get(role="expert").person
    assert expert.expert_profile.member_state == "FR"
    # Waiting ones are the only ones pending; the expired one ran out without being used.
    assert set(Invitation.objects.pending()) == set(invitations.filter(role__in=["hr_officer", "expert"]))
    expired = invitations.get(role="focal_point")
    assert expired.accepted_at is None and expired.revoked_at is None and expired.person.user is None
    # The accepted one opened an official's account of institution A with the demo password.
    accepted = invitations.get(accepted_at__isnull=False)
    account = accepted.person.user
    assert (account.email, account.role, account.language) == (accepted.email, "official", "es")
    assert account.check_password("demo-password-2026")
    assert accepted.person.institution.acronym == "INM"
    # Only the digest is stored; the tokens left in the e-mails, one per invitation.
    assert sorted(message.to[0] for message in mail.outbox) == sorted(i.email for i in invitations)
    links = [line for message in mail.outbox for line in message.body.splitlines() if "/invitation/" in line]
    tokens = [link.rstrip("/").rsplit("/", 1)[1] for link in links]
    assert {invitation_for_token(token) for token in tokens} == set(invitations)
    assert not Invitation.objects.filter(digest__in=tokens).exists()
    invitation_type = ContentType.objects.get_for_model(Invitation)
    created = AuditEntry.objects.filter(content_type=invitation_type, action="create")
    assert created.count() == len(demo_data.INVITATIONS)
    assert AuditEntry.objects.filter(content_type=invitation_type, action="update", actor=account).exists()


def test_the_partner_plan_is_the_same_every_time():
    first, second = build_plan(random.Random(2020)), build_plan(random.Random(2020))
    assert first == second


def test_seed_partners_is_refused_in_production(monkeypatch):
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "mieux.settings.prod")
    with pytest.raises(CommandError, match="refused in production"):
        seed_partners(password="demo-password-2026")
