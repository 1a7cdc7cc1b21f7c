"""Shared fixtures: a small world with two partner institutions and an account for every role."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pytest
from rest_framework.test import APIClient

from mieux.roles import Role
from mieux.services import api_token_issue
from partners.choices import InstitutionType

from .factories import ExpertFactory, InstitutionFactory, PersonFactory, UserFactory

ALL_ROLES = [role.value for role in Role]
# In CI every service is there: a test that would skip for a missing one must fail instead.
REQUIRE_ALL = os.environ.get("MIEUX_REQUIRE_ALL") == "1"


def skip_unless(condition: bool, reason: str) -> None:
    if condition:
        return
    if REQUIRE_ALL:
        pytest.fail(f"{reason} (MIEUX_REQUIRE_ALL=1: CI must provide it)")
    pytest.skip(reason)


def production_env(tmp_path, **overrides) -> dict:
    """The environment production settings need, with a throwaway SQLite database and issuer key."""
    key_file = tmp_path / "issuer-key.pem"
    if not key_file.exists():
        from joserfc.jwk import OKPKey

        key_file.write_bytes(OKPKey.generate_key("Ed25519").as_pem(private=True))
    env = {
        "MIEUX_ISSUER_KEY_FILE": str(key_file),
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "mieux.settings.prod",
        "DJANGO_SECRET_KEY": "a-production-secret-" + "k" * 40 + "0123456789",
        "ALLOWED_HOSTS": "mieux.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    env.update(overrides)
    return env


@pytest.fixture(autouse=True)
def _empty_cache():
    """Counters kept in the cache (password-reset requests) start from zero in every test."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _worker_queues_restored():
    """A test worker started on named queues (start_worker(queues=…)) narrows the app's queues for the
    whole process; the next test's worker would then never see the default queue. Restore them."""
    yield
    from mieux.celery import app

    app.amqp.queues._consume_from = None


@pytest.fixture(autouse=True)
def _reset_language():
    """A page in French leaves the thread's language active; each test starts in English."""
    from django.utils import translation

    yield
    translation.deactivate()


@dataclass
class World:
    """Institution A (Mexico) with an account per partner role; institution B (Nigeria) with a focal
    point; staff, an expert and an integrator."""

    institution_a: object
    institution_b: object
    member_state_administration: object
    users: dict[str, object] = field(default_factory=dict)
    focal_b: object = None

    def user(self, role: str):
        return self.users[role]


def build_world() -> World:
    """Institution A with an account per partner role, B with its focal point, a Member State
    administration with the expert, and staff: the `world` fixture, also built once per module by the
    query-count guards (tests/query_guards.py)."""
    institution_a = InstitutionFactory(name_en="National Migration Institute", acronym="INM", country="MX")
    institution_b = InstitutionFactory(
        name_en="National Agency for the Prohibition of Trafficking in Persons",
        acronym="NAPTIP",
        country="NG",
    )
    administration = InstitutionFactory(
        name_en="Federal Office for Migration and Refugees",
        acronym="BAMF",
        country="DE",
        type=InstitutionType.MEMBER_STATE_ADMINISTRATION,
    )
    users = {}
    for role in ALL_ROLES:
        users[role] = UserFactory(email=f"{role}@mieux.test", role=role)
        if role in {Role.FOCAL_POINT, Role.HR_OFFICER, Role.TRAINING_OFFICER, Role.OFFICIAL}:
            PersonFactory(institution=institution_a, user=users[role], email=f"{role}@inm.example")
    expert_person = PersonFactory(institution=administration, user=users[Role.EXPERT])
    ExpertFactory(person=expert_person, member_state="DE")
    focal_b = UserFactory(email="focal.b@mieux.test", role=Role.FOCAL_POINT)
    PersonFactory(institution=institution_b, user=focal_b, email="focal@naptip.example")
    return World(institution_a, institution_b, administration, users, focal_b)


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def api_client_for():
    """An API client authenticated with a fresh token of the given user."""

    def make(user, *, read_only: bool = False) -> APIClient:
        _token, raw = api_token_issue(actor=None, user=user, read_only=read_only)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
        return client

    return make


@pytest.fixture
def page_client_for(client):
    """A browser-like client logged in as the given user (session auth, CSRF enforced)."""
    from django.test import Client

    def make(user) -> Client:
        page_client = Client()
        page_client.force_login(user)
        return page_client

    return make
