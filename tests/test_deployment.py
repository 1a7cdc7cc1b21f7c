"""The deployment files point at code that exists, and production settings fail fast."""

import importlib
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

from tests.conftest import production_env

ROOT = Path(__file__).resolve().parent.parent


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _check_command(command: list[str]) -> None:
    program, *args = command
    if program == "gunicorn":
        module_name, attribute = args[0].split(":")
        module = importlib.import_module(module_name)
        assert callable(getattr(module, attribute)), args[0]
    elif program == "celery":
        assert args[0] == "-A"
        app = importlib.import_module(args[1]).celery_app
        assert args[2] in {"worker", "beat"}
        if "-Q" in args:
            from mieux.celery import Queue

            queues = set(args[args.index("-Q") + 1].split(","))
            assert queues == {queue.value for queue in Queue}, queues
        assert app.main == "mieux"
    elif program == "python":
        assert args[0] == "manage.py"
        assert (ROOT / "manage.py").exists()
        assert args[1] in get_commands(), args[1]
    else:
        pytest.fail(f"unexpected program {program!r}")


def test_compose_has_every_service_and_each_command_points_at_real_code():
    services = _compose()["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    for name in ("web", "worker", "beat", "migrate"):
        service = services[name]
        assert service["build"] == "."
        _check_command(service["command"])
    assert (ROOT / "Dockerfile").exists()


def test_dockerfile_default_command_is_the_web_command():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert '"gunicorn", "mieux.wsgi:application"' in dockerfile
    assert "pip install -c constraints.txt" in dockerfile


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_settings_refuse_to_start_without_required_values(missing, tmp_path):
    env = production_env(tmp_path)
    del env[missing]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


def test_production_settings_start_with_required_values(tmp_path):
    env = production_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# --- The credential issuer key and the libraries certificates need ------------------------------


def _run_check(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _issuer_key_file(tmp_path) -> Path:
    from joserfc.jwk import OKPKey

    path = tmp_path / "issuer-key.pem"
    path.write_bytes(OKPKey.generate_key("Ed25519").as_pem(private=True))
    return path


def test_production_settings_refuse_to_start_without_an_issuer_key(tmp_path):
    env = production_env(tmp_path)
    env.pop("MIEUX_ISSUER_KEY", None)
    env.pop("MIEUX_ISSUER_KEY_FILE", None)
    result = _run_check(env)
    assert result.returncode != 0
    assert "MIEUX_ISSUER_KEY_FILE must be set in production" in result.stderr


def test_production_settings_refuse_a_missing_key_file(tmp_path):
    env = production_env(tmp_path, MIEUX_ISSUER_KEY_FILE=str(tmp_path / "absent.pem"))
    result = _run_check(env)
    assert result.returncode != 0
    assert "does not exist" in result.stderr


def test_production_refuses_an_issuer_key_that_cannot_be_loaded(tmp_path):
    env = production_env(tmp_path, MIEUX_ISSUER_KEY="not a key")
    result = _run_check(env)
    assert result.returncode != 0
    assert "certification.E001" in result.stderr
    bad_file = tmp_path / "bad.pem"
    bad_file.write_text("-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n")
    result = _run_check(production_env(tmp_path, MIEUX_ISSUER_KEY_FILE=str(bad_file)))
    assert result.returncode != 0
    assert "certification.E001" in result.stderr


def test_production_starts_with_an_issuer_key_file(tmp_path):
    env = production_env(tmp_path, MIEUX_ISSUER_KEY_FILE=str(_issuer_key_file(tmp_path)))
    result = _run_check(env, "--deploy")
    assert result.returncode == 0, result.stderr
    assert "certification." not in result.stderr


def test_missing_harfbuzz_subset_is_a_warning(monkeypatch):
    from certification import checks

    monkeypatch.setattr(checks.ctypes.util, "find_library", lambda name: None)
    warnings = checks.check_harfbuzz_subset()
    assert [warning.id for warning in warnings] == ["certification.W001"]
    assert "libharfbuzz-subset0" in warnings[0].hint
    monkeypatch.setattr(checks.ctypes.util, "find_library", lambda name: f"lib{name}.so.0")
    assert checks.check_harfbuzz_subset() == []


def test_issuer_key_error_outside_production_only_with_deploy(settings):
    from certification import checks, issuer

    settings.CREDENTIAL_ISSUER_KEY = "not a key"
    try:
        assert checks.check_issuer_key() == []  # test settings: not production
        assert [error.id for error in checks.check_issuer_key_for_deploy()] == ["certification.E001"]
        settings.CREDENTIAL_ISSUER_KEY_AUTOCREATE = False
        assert [error.id for error in checks.check_issuer_key()] == ["certification.E001"]
        assert checks.check_issuer_key_for_deploy() == []  # reported once, by the check above
    finally:
        issuer.reset_key_cache()
