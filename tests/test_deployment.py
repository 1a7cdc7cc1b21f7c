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
