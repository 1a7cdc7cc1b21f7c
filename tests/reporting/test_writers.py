"""The writers (XLSX, CSV, PDF) and the charts: files that open, hold the figures, and stream."""

from __future__ import annotations

import csv
import datetime
import io
import re
import time
import tracemalloc
import zipfile
from decimal import Decimal

import pytest
from lxml import etree
from openpyxl import load_workbook
from pypdf import PdfReader

from actions.choices import ActionType, ActivityStatus, IndicatorMeasure, OecdLevel, PeriodStatus
from partners.choices import Gender
from reporting import charts, writers
from reporting.builders import Report, Table
from reporting.writers import WRITERS, sheet_names
from tests.actions.factories import (
    ActionFactory,
    ActivityFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    ParticipationFactory,
    ProgrammePhaseFactory,
)
from tests.factories import PersonFactory


def sample_report() -> Report:
    def activity_rows():  # a generator, as the report builders give them
        yield ("Workshop on identification", 12, Decimal("4.5"), 87.5, datetime.date(2026, 3, 2))
        yield ("Formación de formadores", 1234, Decimal("3.25"), 40.0, datetime.date(2026, 4, 9))

    return Report(
        title="Portfolio report",
        subtitle="Every Action",
        tables=[
            Table(
                title="Activities",
                headers=["Title", "Participants", "Rating", "Share", "Held on"],
                rows=activity_rows(),
                totals=["Total", 1246, None, None, None],
                formats=("text", "int", "decimal", "percent", "date"),
            ),
            Table(
                # Too long and with characters Excel refuses in a sheet name.
                title="Results/targets: per OECD level [all periods]?",
                headers=["Level", "Target", "Actual"],
                rows=[("Individual", 20, 17), ("Organisational", 5, 6)],
                totals=["Total", 25, 23],
                formats=("text", "int", "int"),
            ),
            Table(title="Activities", headers=["Again"], rows=iter([("same title",)])),
        ],
    )


def progress_log():
    calls = []
    return calls, lambda percent, message="": calls.append((percent, message))


# --- XLSX ----------------------------------------------------------------------------------------


def test_xlsx_has_an_about_sheet_and_one_formatted_sheet_per_table(tmp_path):
    calls, progress = progress_log()
    path = tmp_path / "report.xlsx"
    with open(path, "wb") as out:
        WRITERS["xlsx"](sample_report(), out=out, run=None, progress=progress)

    workbook = load_workbook(path)
    assert workbook.sheetnames[0] == "About"
    assert workbook.sheetnames[1] == "Activities"
    assert workbook.sheetnames[3] == "Activities (2)"
    odd = workbook.sheetnames[2]
    assert len(odd) <= 31 and not set("[]:*?/\\") & set(odd)
    assert workbook["About"]["A1"].value == "Portfolio report"
    assert "Every Action" in [cell.value for cell in workbook["About"]["B"]]

    sheet = workbook["Activities"]
    assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[1]] == ["Title", "Participants", "Rating", "Share", "Held on"]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet["A1"].fill.fgColor.rgb.endswith("123F86")
    assert sheet["B3"].value == 1234 and sheet["B3"].number_format == "#,##0"
    assert sheet["C2"].value == 4.5 and sheet["C2"].number_format == "#,##0.00"
    assert sheet["E2"].value.date() == datetime.date(2026, 3, 2)
    totals = sheet[4]
    assert [cell.value for cell in totals][:2] == ["Total", 1246]
    assert totals[0].font.b and totals[1].font.b
    assert sheet.column_dimensions["A"].width >= 16
    assert sheet.max_row == 4

    levels = workbook[odd]
    assert [cell.value for cell in levels[4]] == ["Total", 25, 23]
    assert calls and all(50 <= percent <= 99 for percent, _message in calls)


def test_sheet_names_are_unique_short_and_clean():
    names = sheet_names(["A" * 40, "A" * 40, "x:y", "", "about", "About"])
    assert names[0] == "A" * 31
    assert names[1] == "A" * 27 + " (2)"
    assert names[2] == "x y"
    assert names[3] == "Sheet"
    assert names[4].lower() != names[5].lower()
    assert all(len(name) <= 31 for name in names)


def test_xlsx_streams_200000_rows_from_a_generator_with_flat_memory(tmp_path):
    produced = 0

    def rows():
        nonlocal produced
        for number in range(200_000):
            produced += 1
            yield (number, f"Participant {number}", datetime.date(2026, 1, 1))

    report = Report(
        title="Large",
        tables=[
            Table(
                title="Participations",
                headers=["No.", "Name", "Date"],
                rows=rows(),
                totals=["Total", None, None],
                formats=("int", "text", "date"),
            )
        ],
    )
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with open(tmp_path / "large.xlsx", "wb") as out:
            writers.write_xlsx(report, out=out, run=None, progress=lambda *args: None)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    assert produced == 200_000
    # A list of these rows alone would take well over 60 MB; streaming stays far below.
    assert peak < 25 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
    # Not a timed test (the benchmark suite measures the speed); only a guard against a quadratic slip.
    assert elapsed < 300
    with zipfile.ZipFile(tmp_path / "large.xlsx") as archive:
        sheet_xml = archive.read("xl/worksheets/sheet2.xml").decode()
    rows_written = re.findall(r'<row r="(\d+)"', sheet_xml)
    # The header, 200,000 rows and the totals.
    assert len(rows_written) == 200_002 and rows_written[-1] == "200002"


# --- CSV -----------------------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_and_one_section_per_table():
    out = io.BytesIO()
    WRITERS["csv"](sample_report(), out=out, run=None, progress=lambda *args: None)
    data = out.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")
    assert not out.closed  # the writer hands the stream back open
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert lines[0] == ["Report", "Portfolio report"]
    start = lines.index(["Activities"])
    assert lines[start + 1] == ["Title", "Participants", "Rating", "Share", "Held on"]
    assert lines[start + 2] == ["Workshop on identification", "12", "4.5", "87.5", "2026-03-02"]
    assert lines[start + 3][0] == "Formación de formadores"
    assert lines[start + 4] == ["Total", "1246", "", "", ""]
    assert lines[start + 5] == []
    levels = lines.index(["Results/targets: per OECD level [all periods]?"])
    assert lines[levels + 4] == ["Total", "25", "23"]


# --- PDF -----------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_holds_the_title_the_figures_and_the_charts():
    report = sample_report()
    svg = charts._svg(_bar_chart())
    report.charts = [("Activities per month", svg)]
    out = io.BytesIO()
    WRITERS["pdf"](report, out=out, run=None, progress=lambda *args: None)
    assert out.getvalue().startswith(b"%PDF")
    text = pdf_text(out.getvalue())
    assert "Portfolio report" in text
    assert "1,234" in text and "Formación de formadores" in text
    assert "Activities per month" in text


def _bar_chart():
    import pygal

    chart = pygal.Bar(**charts._config(title="Chart"))
    chart.add("Activities", [3, 5])
    return chart


def test_pdf_caps_the_rows_of_a_table_and_says_so(monkeypatch):
    monkeypatch.setattr(writers, "PDF_MAX_ROWS", 5)
    report = Report(
        title="Capped",
        tables=[Table(title="Rows", headers=["No."], rows=((n,) for n in range(12)), formats=("int",))],
    )
    out = io.BytesIO()
    writers.write_pdf(report, out=out, run=None, progress=lambda *args: None)
    text = " ".join(pdf_text(out.getvalue()).split())
    assert "The first 5 of 12 rows are shown" in text
    assert "\n4\n" in pdf_text(out.getvalue()) or " 4 " in text


# --- Charts --------------------------------------------------------------------------------------


@pytest.fixture
def charted(world):
    """Two Actions in two phases (Mexico; Mexico and Nigeria), activities held in two months,
    participants of both sexes and an indicator with a target and an actual."""
    phase = ProgrammePhaseFactory(
        code="MIEUX_III",
        name_en="MIEUX III",
        starts_on=datetime.date(2016, 1, 1),
        ends_on=datetime.date(2019, 12, 31),
    )
    first = ActionFactory(lead=world.institution_a, countries=["MX"], type=ActionType.HOLISTIC)
    second = ActionFactory(lead=world.institution_b, countries=["MX", "NG"], phase=phase)
    march = ActivityFactory(action=first, status=ActivityStatus.HELD, held_on=datetime.date(2026, 3, 4))
    ActivityFactory(action=first, status=ActivityStatus.REPORTED, held_on=datetime.date(2026, 3, 20))
    ActivityFactory(action=second, status=ActivityStatus.HELD, held_on=datetime.date(2026, 5, 2))
    ActivityFactory(action=second, status=ActivityStatus.PLANNED, planned_start=datetime.date(2026, 4, 2))
    for gender in (Gender.FEMALE, Gender.FEMALE, Gender.FEMALE, Gender.MALE):
        ParticipationFactory(
            activity=march, person=PersonFactory(gender=gender, institution=world.institution_a)
        )
    indicator = IndicatorFactory(
        action=first, oecd_level=OecdLevel.ORGANISATIONAL, measure=IndicatorMeasure.ENTERED
    )
    IndicatorPeriodFactory(indicator=indicator, target=40, actual=30, status=PeriodStatus.APPROVED)
    from actions.models import Action

    return Action.objects.filter(pk__in=[first.pk, second.pk])


def parse(svg: str):
    assert "<script" not in svg
    assert not re.search(r"<[^>]+(href|src)=\"https?://", svg)
    return etree.fromstring(svg.encode())


def texts(tree) -> list[str]:
    return [text.strip() for text in tree.itertext() if text.strip()]


def test_charts_are_svg_without_scripts_and_carry_the_figures(charted):
    by_phase = parse(charts.actions_by_phase_and_type(charted))
    assert "Actions per phase and type" in texts(by_phase)
    assert {"MIEUX III", "MIEUX+"} <= set(texts(by_phase))

    per_month = parse(
        charts.activities_per_month(charted, datetime.date(2026, 2, 1), datetime.date(2026, 5, 31))
    )
    labels = texts(per_month)
    months = [label for label in labels if re.fullmatch(r"\d{4}-\d\d", label)]
    assert list(dict.fromkeys(months)) == ["2026-02", "2026-03", "2026-04", "2026-05"]
    values = [
        node.text
        for node in per_month.iter("{http://www.w3.org/2000/svg}desc")
        if node.get("class") == "value"
    ]
    assert values == ["0", "2", "0", "1"]

    by_sex = parse(charts.participants_by_sex(charted))
    assert {"Female", "Male"} <= set(texts(by_sex))
    assert {"3", "1"} <= set(texts(by_sex))

    levels = parse(charts.progress_by_oecd_level(charted))
    assert {"40", "30"} <= set(texts(levels))
    assert "Organisational" in texts(levels)


def test_world_map_counts_actions_per_country(charted):
    assert charts.actions_per_country(charted) == {"MX": 2, "NG": 1}
    tree = parse(charts.world_map(charted))
    assert "Actions per country" in texts(tree)
    mexico = [node for node in tree.iter() if "mx" in (node.get("class") or "").split()]
    assert mexico, "Mexico is coloured"
