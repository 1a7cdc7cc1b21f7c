"""Certificates: credentials given their documents per second on one core (issue 8: at least 20).

For each of 1,000 credentials of the benchmark database (cycling over them when there are fewer),
`measure()` runs exactly what issuing does once the credential row exists,
`certification.services._sign_and_render`: the Open Badges document, its VC-JWT signature, the PDF
certificate, the file saved and the row updated. It runs in the calling process, one credential
after the other, so the rate is one core's.

The credentials are read with their programme, holder and enrolment, as issuing has them in memory
(bulk issuing reads each enrolment with its person, and the credential is created from those
objects); what issuing looks up on the way (the competencies, the co-signer, the institution) is
looked up here too. `python -m bench.certificates --database-url URL` runs it on its own.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import time
from dataclasses import asdict

from bench.core import Result, at_least

CREDENTIALS = 1000
MINIMUM_PER_SECOND = 20
# Timed renderings of the minimal page, for the floor line (the median is reported).
FLOOR_RENDERINGS = 20


def credentials_to_issue(count: int) -> list:
    """`count` credentials, repeating the database's when it holds fewer; a fresh object for each,
    so no lookup cached on one pass serves the next."""
    from certification.models import Credential

    queryset = Credential.objects.select_related("programme", "person", "enrolment").order_by("pk")
    credentials = []
    while len(credentials) < count:
        batch = list(queryset[: count - len(credentials)])
        if not batch:
            raise RuntimeError("The benchmark database holds no credential.")
        credentials.extend(batch)
    return credentials


def issue_documents(count: int = CREDENTIALS) -> tuple[float, float]:
    """(wall seconds, this process's CPU seconds) to give `count` credentials their documents,
    reading included."""
    from django.db import transaction

    from certification.services import _sign_and_render

    # As a Celery worker does at start (mieux.celery): what is loaded stays out of the collector's walks.
    gc.freeze()
    started, cpu_started = time.perf_counter(), time.process_time()
    for credential in credentials_to_issue(count):
        # As issuing: the documents are written in the transaction that issues the credential.
        with transaction.atomic():
            _sign_and_render(credential)
    return time.perf_counter() - started, time.process_time() - cpu_started


def minimal_pages_per_second() -> float:
    """WeasyPrint rendering one-line pages to PDF (from the median time), the most certificates a
    core could ever give: the floor of the result."""
    from weasyprint import HTML

    from certification.certificates import _renderer

    page = '<p style="font-family: DejaVu Sans">MIEUX+</p>'
    font_config = _renderer().font_config
    HTML(string=page).write_pdf(font_config=font_config)  # fonts loaded once, as for certificates
    durations = []
    for _rendering in itertools.repeat(None, FLOOR_RENDERINGS):
        started = time.perf_counter()
        HTML(string=page).write_pdf(font_config=font_config)
        durations.append(time.perf_counter() - started)
    return 1 / sorted(durations)[len(durations) // 2]


def measure(context) -> list[Result]:
    context.log(f"certificates: signing and rendering {CREDENTIALS} credentials on one core")
    wall, cpu = issue_documents()
    rate = CREDENTIALS / wall
    floor = minimal_pages_per_second()
    # The CPU time tells what a core of its own would give when the machine is shared (judged: wall).
    context.log(
        f"certificates: {rate:.1f} credentials/s ({CREDENTIALS / cpu:.1f} by CPU time); "
        f"WeasyPrint, one-line pages: {floor:.1f}/s"
    )
    result = at_least(
        "certificates: PDF + signed credential, per core", rate, MINIMUM_PER_SECOND, "credentials/s"
    )
    # The floor is shown beside the value, not judged: the target is the issue's absolute rate.
    return [Result(**{**asdict(result), "floor": floor, "ratio": rate / floor})]


class _Context:
    def __init__(self, database_url: str):
        self.database_url = database_url

    @staticmethod
    def log(message: str) -> None:
        print(message, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    arguments = parser.parse_args()
    os.environ["DATABASE_URL"] = arguments.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mieux.settings.bench")
    import django

    django.setup()
    for result in measure(_Context(arguments.database_url)):
        print(result)


if __name__ == "__main__":
    main()
