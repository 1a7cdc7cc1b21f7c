"""`seed_demo` at programme scale on SQLite, as `make run` does it: its time, against 60 seconds.

A fresh SQLite file in a temporary directory, the development settings, `manage.py migrate` (not
timed), then `manage.py seed_demo` alone, timed from outside: starting Python and Django is part of
what a newcomer waits for. The issuer key and media go to the same temporary directory, so nothing
of the developer's own set-up is read or written.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.core import Result, at_most

ROOT = Path(__file__).resolve().parent.parent
MAXIMUM_SECONDS = 60
TIMEOUT_SECONDS = 900
# Variables of the developer's shell that would point `make run` elsewhere than a fresh SQLite file.
FOREIGN_VARIABLES = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND")


def _manage(arguments: list[str], environment: dict) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=TIMEOUT_SECONDS,
    )


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(context) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="mieux-bench-seed-") as directory:
        environment = {key: value for key, value in os.environ.items() if key not in FOREIGN_VARIABLES}
        environment |= {
            "DATABASE_URL": f"sqlite:///{Path(directory) / 'db.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "mieux.settings.dev",
            "MIEUX_ISSUER_KEY_FILE": str(Path(directory) / "issuer-key.pem"),
            "MEDIA_ROOT": str(Path(directory) / "media"),
            "LOG_LEVEL": "WARNING",
        }
        context.log("seed_demo: migrating a fresh SQLite database")
        _manage(["migrate", "--noinput", "-v0"], environment)
        context.log("seed_demo: seeding the demo programme")
        started, cpu_before = time.perf_counter(), _children_cpu_seconds()
        _manage(["seed_demo"], environment)
        seconds, cpu_seconds = time.perf_counter() - started, _children_cpu_seconds() - cpu_before
    # The CPU time too: on a loaded machine the wall time also counts the waits for a core.
    context.log(f"seed_demo: {seconds:.1f} s ({cpu_seconds:.1f} s of CPU)")
    return [at_most("seed_demo on SQLite (programme scale)", seconds, MAXIMUM_SECONDS, "s")]
