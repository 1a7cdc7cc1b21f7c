"""Drive a server with locust (headless, in its own process) and read back its statistics."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class LoadStats:
    requests: int
    failures: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    failure_messages: list[str]


def run(base_url: str, plan: list[dict], *, users: int, seconds: int, wait: str = "0") -> LoadStats:
    """`users` clients send the plan's requests to `base_url` for `seconds` seconds."""
    with tempfile.TemporaryDirectory() as directory:
        prefix = str(Path(directory) / "load")
        environment = {**os.environ, "BENCH_LOAD_PLAN": json.dumps(plan), "BENCH_WAIT": wait}
        subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
             "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s",
             "--host", base_url, "--csv", prefix, "--only-summary", "--loglevel", "ERROR",
             "--exit-code-on-error", "0", "--stop-timeout", "5"],
            cwd=ROOT, env=environment, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        with open(prefix + "_stats.csv", newline="") as handle:
            total = next(row for row in csv.DictReader(handle) if row["Name"] == "Aggregated")
        failures = []
        failures_file = Path(prefix + "_failures.csv")
        if failures_file.exists():
            with failures_file.open(newline="") as handle:
                failures = [
                    f"{row['Name']}: {row['Error']} ×{row['Occurrences']}" for row in csv.DictReader(handle)
                ]
    return LoadStats(
        requests=int(total["Request Count"]),
        failures=int(total["Failure Count"]),
        requests_per_second=float(total["Requests/s"]),
        p50_ms=float(total["50%"]),
        p95_ms=float(total["95%"]),
        p99_ms=float(total["99%"]),
        failure_messages=failures,
    )
