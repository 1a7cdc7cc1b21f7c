"""`make bench`: make the ten-times data set, run every measurement, write bench/results.json, print
the table, exit non-zero when a target is missed.

    python -m bench.run                 # the whole suite (about 15 minutes on 2 cores)
    python -m bench.run --reuse         # keep the generated database from the previous run
    python -m bench.run --only api_lists --only pages

The database is `mieux_bench` on the PostgreSQL server DATABASE_URL names (or on 127.0.0.1), or
BENCH_DATABASE_URL; it is dropped and made again unless --reuse.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
# In the order they run; each module has measure(context) -> list[Result].
MEASUREMENTS = [
    "api_lists",
    "pages",
    "query_plans",
    "aggregation",
    "xlsx",
    "certificates",
    "mixed_load",
    "seed_demo",
]


class Context:
    """What the measurements share: the database, the accounts, and how to serve the platform."""

    def __init__(self, database_url: str, generated, *, load_seconds: int):
        self.database_url = database_url
        self.generated = generated
        self.load_seconds = load_seconds
        # Set by api_lists (the hot lists' floor, median of their p50 latencies); pages compare to it.
        self.api_floor_latency_ms: float | None = None

    @staticmethod
    def log(message: str) -> None:
        print(message, flush=True)

    @contextlib.contextmanager
    def platform_server(self):
        from . import servers

        environment = {"DJANGO_SETTINGS_MODULE": "mieux.settings.bench", "DATABASE_URL": self.database_url}
        with servers.gunicorn("mieux.wsgi:application", environment, ready_path="/health/") as base:
            yield base


def machine_line() -> str:
    import django
    import psycopg

    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return (
        f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, Django {django.get_version()}, "
        f"psycopg {psycopg.__version__}, PostgreSQL {postgres}; {platform.platform()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reuse", action="store_true", help="keep the generated database of the last run")
    parser.add_argument("--only", action="append", choices=MEASUREMENTS, help="run only these measurements")
    parser.add_argument("--load-seconds", type=int, default=int(os.environ.get("BENCH_LOAD_SECONDS", 8)))
    arguments = parser.parse_args(argv)

    from . import database

    url = database.database_url()
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "mieux.settings.bench"
    started = time.monotonic()
    if not arguments.reuse:
        print(f"Making the benchmark database ({url.rsplit('/', 1)[-1]}) and migrating it…", flush=True)
        database.recreate(url)
        database.migrate(url)

    import django

    django.setup()
    from . import core, generate

    if arguments.reuse and generate.is_generated():
        generated = generate.load_accounts()
        print("Reusing the generated data set.", flush=True)
    else:
        print("Generating ten times the programme…", flush=True)
        generated = generate.generate(log=print)
    print(f"Data set ready after {time.monotonic() - started:.0f} s: {generated.counts}", flush=True)

    context = Context(url, generated, load_seconds=arguments.load_seconds)
    results = []
    for name in arguments.only or MEASUREMENTS:
        print(f"\n== {name}", flush=True)
        module = importlib.import_module(f"bench.{name}")
        measured = module.measure(context)
        for result in measured:
            print(f"  {'ok ' if result.ok else 'MISS'} {result.name}: {result.value} {result.unit}"
                  f" (floor {result.floor}, ratio {result.ratio}, target {result.target})", flush=True)  # fmt: skip
        results.extend(measured)

    core.write(results, RESULTS)
    machine = machine_line()
    print(
        f"\n{core.table(results)}\n\nMachine: {machine}\nTotal: {time.monotonic() - started:.0f} s",
        flush=True,
    )
    missed = [r.name for r in results if not r.ok]
    if missed:
        print(f"\n{len(missed)} target(s) missed: " + "; ".join(missed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
