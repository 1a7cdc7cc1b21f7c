"""The demo portfolio: realistic, deterministic, idempotent, and never loaded in production."""

import io
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

from mieux.models import AuditEntry, User
from partners.models import CoordinationMechanism, Expert, Institution, Person
from tests.conftest import production_env

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
    return [m.objects.count() for m in (User, Institution, Person, Expert, CoordinationMechanism, AuditEntry)]


def test_seed_demo_creates_the_portfolio_and_a_second_run_changes_nothing(db):
    call_command("seed_demo", "--password", "demo-password-2026", stdout=io.StringIO())
    assert Institution.objects.values("country").distinct().count() >= 100
    assert Expert.objects.count() >= 100
    assert CoordinationMechanism.objects.exists()
    for email, role in DEMO_ACCOUNTS.items():
        user = User.objects.get(email=email)
        assert user.role == role
        assert user.check_password("demo-password-2026")
    institution_a = User.objects.get(email="focal.a@mieux.test").person.institution
    institution_b = User.objects.get(email="focal.b@mieux.test").person.institution
    assert institution_a.country != institution_b.country
    for email in ("hr.a@mieux.test", "training.a@mieux.test", "official.a@mieux.test"):
        assert User.objects.get(email=email).person.institution == institution_a
    assert Expert.objects.filter(person__user__email="expert@mieux.test").exists()

    before = _counts()
    call_command("seed_demo", "--password", "demo-password-2026", stdout=io.StringIO())
    assert _counts() == before


def test_seed_demo_is_refused_in_production(tmp_path):
    root = Path(__file__).resolve().parents[2]
    env = production_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "refused in production" in result.stderr
