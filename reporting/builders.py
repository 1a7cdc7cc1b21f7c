"""From a run to its file: each report kind assembles a `Report` (tables of rows, charts as SVG), and
each format writes it (writers.py). Rows may be generators, so the writers stream them and memory stays
flat whatever the size of the portfolio."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

Progress = Callable[[int, str], None]


@dataclass
class Table:
    """One sheet of a workbook, one section of a CSV, one table of a PDF."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence]
    # A last row of totals, written in bold (None when totals make no sense).
    totals: Sequence | None = None
    # Column formats for XLSX/PDF, by header position: "int", "decimal", "percent", "date", "text".
    formats: Sequence[str] = ()


@dataclass
class Report:
    title: str
    subtitle: str = ""
    tables: list[Table] = field(default_factory=list)
    # SVG charts (reporting.charts) shown in the PDF; the same charts as the dashboard.
    charts: list[tuple[str, str]] = field(default_factory=list)  # (caption, svg)


def assemble(run, progress: Progress) -> Report:
    """The report of the run's kind (reporting/reports/<kind>.py), its figures computed in SQL."""
    from .reports import REPORT_BUILDERS

    return REPORT_BUILDERS[run.kind](run, progress)


def build_report(run, *, out: BinaryIO, progress: Progress) -> None:
    from . import writers

    report = assemble(run, progress)
    writers.WRITERS[run.format](report, out=out, run=run, progress=progress)
