"""XLSX report: rows written per second, and how much the process grows, for 1,000,000 participations.

`measure()` runs `python -m bench.xlsx --rows N` in a process of its own, so that the memory it reads
is the writer's alone: that process streams the participation rows from the database through a
server-side cursor into `reporting.writers.write_xlsx` (the path every XLSX report takes) and prints
one line of JSON. The rows are timed from the first query to the saved file, database included.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.core import Result, at_least, at_most

ROOT = Path(__file__).resolve().parent.parent
ROWS = 1_000_000
MINIMUM_ROWS_PER_SECOND = 10_000
MAXIMUM_GROWTH_MIB = 100
# Rows fetched per round trip of the server-side cursor.
CHUNK = 5000
TIMEOUT_SECONDS = 900


def participation_table(rows: int):
    """One row per participation, as a report lists participants: the activity, the person, who they
    were then (gender and institution, copied on the participation), and their scores."""
    from django.utils.translation import gettext as _

    from actions.models import Participation
    from partners.choices import Gender, InstitutionType
    from reporting.builders import Table

    genders = {value: str(label) for value, label in Gender.choices}
    institution_types = {value: str(label) for value, label in InstitutionType.choices}
    participations = Participation.objects.order_by("pk").values_list(
        "activity__sequence",
        "activity__title",
        "activity__held_on",
        "person__first_name",
        "person__last_name",
        "gender",
        "institution__name",
        "institution__type",
        "attendance_percent",
        "pre_test_score",
        "post_test_score",
        "satisfaction",
    )[:rows]

    def lines():
        for row in participations.iterator(chunk_size=CHUNK):
            sequence, title, held_on, first, last, gender, institution, kind, *scores = row
            yield (
                sequence,
                title,
                held_on,
                f"{first} {last}",
                genders.get(gender, gender),
                institution,
                institution_types.get(kind, kind),
                *scores,
            )

    return Table(
        title=_("Participants"),
        headers=[
            _("No."),
            _("Activity"),
            _("Held on"),
            _("Participant"),
            _("Gender"),
            _("Institution"),
            _("Institution type"),
            _("Attendance (%)"),
            _("Pre-test score (%)"),
            _("Post-test score (%)"),
            _("Satisfaction (1–5)"),
        ],
        rows=lines(),
        formats=(
            "int",
            "text",
            "date",
            "text",
            "text",
            "text",
            "text",
            "percent",
            "percent",
            "percent",
            "int",
        ),
    )


def _status_mib(field: str) -> float:
    """A memory figure of this process from /proc/self/status (VmRSS now, VmHWM its peak), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"No {field} in /proc/self/status")


def _resident_mib() -> float:
    return _status_mib("VmRSS")


def write_workbook(rows: int) -> dict:
    """Write the participation table to a temporary XLSX; how long it took and the memory around it."""
    from reporting.builders import Report
    from reporting.writers import write_xlsx

    class Counted:
        """Counts the rows as the writer takes them, without holding any."""

        def __init__(self, rows):
            self.rows, self.count = rows, 0

        def __iter__(self):
            for row in self.rows:
                self.count += 1
                yield row

    table = participation_table(rows)
    counted = Counted(table.rows)
    table.rows = counted
    report = Report(title="Participants", subtitle="Benchmark", tables=[table])
    with tempfile.TemporaryDirectory(prefix="mieux-bench-xlsx-") as directory:
        path = Path(directory) / "participants.xlsx"
        rss_start = _resident_mib()
        started = time.perf_counter()
        with path.open("wb") as out:
            write_xlsx(report, out=out)
        seconds = time.perf_counter() - started
        # The peak of this program's own memory (VmHWM). Not ru_maxrss: Linux carries it over from
        # before exec, so it would count the forking parent's memory (half a gigabyte in a full run).
        rss_peak = _status_mib("VmHWM")
        size = path.stat().st_size
    return {
        "rows": counted.count,
        "seconds": seconds,
        "rss_start_mib": rss_start,
        "rss_peak_mib": rss_peak,
        "file_mib": size / 2**20,
    }


def measure(context) -> list[Result]:
    environment = {
        **os.environ,
        "DATABASE_URL": context.database_url,
        "DJANGO_SETTINGS_MODULE": "mieux.settings.bench",
    }
    context.log(f"XLSX: writing {ROWS:,} participation rows in a separate process")
    completed = subprocess.run(
        [sys.executable, "-m", "bench.xlsx", "--rows", str(ROWS)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=True,
    )
    outcome = json.loads(completed.stdout.strip().splitlines()[-1])
    if outcome["rows"] < ROWS:
        context.log(f"XLSX: the database holds only {outcome['rows']:,} participations (wanted {ROWS:,})")
    growth = outcome["rss_peak_mib"] - outcome["rss_start_mib"]
    context.log(
        f"XLSX: {outcome['rows']:,} rows in {outcome['seconds']:.1f} s, RSS {outcome['rss_start_mib']:.0f} → "
        f"{outcome['rss_peak_mib']:.0f} MiB, file {outcome['file_mib']:.0f} MiB"
    )
    return [
        at_least(
            "XLSX report: rows written per second",
            outcome["rows"] / outcome["seconds"],
            MINIMUM_ROWS_PER_SECOND,
            "rows/s",
        ),
        at_most(f"XLSX report: RSS growth for {ROWS:,} rows", growth, MAXIMUM_GROWTH_MIB, "MiB"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mieux.settings.bench")
    import django

    django.setup()
    print(json.dumps(write_workbook(arguments.rows)))


if __name__ == "__main__":
    main()
