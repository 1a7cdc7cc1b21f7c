"""Writers: a Report (builders.py) to XLSX, CSV or PDF, each `(report, *, out, run, progress)`.

Rows may be generators: XLSX (openpyxl's write-only workbook) and CSV stream them to `out`, so memory
stays flat whatever the number of rows. The PDF shows at most `PDF_MAX_ROWS` rows per table, with a
note saying how many there are in all: a PDF of a hundred thousand rows helps nobody, and the XLSX and
CSV of the same report hold every row."""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from copy import copy
from decimal import Decimal
from typing import BinaryIO

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell._writer import write_cell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill, is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import xmlfile

from .builders import Progress, Report, Table

PDF_MAX_ROWS = 2000
PDF_PORTRAIT_MAX_COLUMNS = 9
# Progress (and the heartbeat that goes with it) every so many rows during a long write.
PROGRESS_EVERY_ROWS = 5000
# The writers report 50–99 %: the report's builder has reported the figures before them.
WRITE_PROGRESS_START, WRITE_PROGRESS_END = 50, 99

SHEET_NAME_MAX = 31
# Excel keeps at most this many characters in a cell (openpyxl cuts the rest).
XLSX_TEXT_MAX = 32767
# Sheet rows handed to the file at once.
XLSX_ROWS_PER_WRITE = 1000
FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")

# Excel number formats by Table.formats. Percentages are given as 0–100 (as the selectors give
# them), so the format shows a literal "%" rather than multiplying by a hundred.
XLSX_FORMATS = {
    "int": "#,##0",
    "decimal": "#,##0.00",
    "percent": '0.0"%"',
    "date": "yyyy-mm-dd",
    "text": "@",
}
COLUMN_WIDTHS = {"int": 12, "decimal": 14, "percent": 11, "date": 12, "text": 30}
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="123F86")
TOTAL_FONT = Font(bold=True)
TOTAL_FILL = PatternFill("solid", fgColor="E7EEFA")
TITLE_FONT = Font(bold=True, size=16, color="0B2A5B")
LABEL_FONT = Font(bold=True)


# --- Shared -------------------------------------------------------------------------------------


def _plain(value):
    """A cell value a writer understands: numbers, dates and text (lazy translations and model
    instances become their text)."""
    if value is None or isinstance(value, bool | int | float | Decimal | datetime.date | str):
        return value
    if isinstance(value, Promise):
        return str(value)
    return str(value)


def _format_of(table: Table, position: int) -> str:
    return table.formats[position] if position < len(table.formats) else "text"


def report_about(report: Report, run) -> list[tuple[str, str]]:
    """The label/value lines that open every format: what the report is, when it was made, for
    which filters and period."""
    lines = [(_("Report"), report.title), (_("Subject"), report.subtitle)]
    lines.append((_("Generated"), date_format(timezone.localtime(), "DATETIME_FORMAT")))
    parameters = getattr(run, "parameters", None) or {}
    filters = parameters.get("filters") or {}
    lines.append(
        (
            _("Filters"),
            "; ".join(
                f"{key}: {', '.join(map(str, value)) if isinstance(value, list) else value}"
                for key, value in sorted(filters.items())
            )
            or _("None (every Action you may see)"),
        )
    )
    start, end = parameters.get("period_start"), parameters.get("period_end")
    if start or end:
        period = _("%(start)s to %(end)s") % {"start": start or "…", "end": end or "…"}
    else:
        period = _("Whole duration")
    lines.append((_("Period"), period))
    if run is not None and getattr(run, "requested_by", None) is not None:
        lines.append((_("Requested by"), str(run.requested_by)))
    lines.append((_("Language"), get_language() or "en"))
    return lines


class _Ticker:
    """Calls `progress` every PROGRESS_EVERY_ROWS rows, spreading the tables over 50–99 %."""

    def __init__(self, progress: Progress | None, tables: int) -> None:
        self.progress = progress
        self.tables = max(tables, 1)

    def table(self, position: int, table: Table) -> None:
        self._report(position, table, 0)

    def row(self, position: int, table: Table, count: int) -> None:
        if count % PROGRESS_EVERY_ROWS == 0:
            self._report(position, table, count)

    def _report(self, position: int, table: Table, count: int) -> None:
        if self.progress is None:
            return
        span = WRITE_PROGRESS_END - WRITE_PROGRESS_START
        percent = WRITE_PROGRESS_START + span * position // self.tables
        if count:
            message = _("Writing %(table)s: %(count)s rows") % {"table": table.title, "count": count}
        else:
            message = _("Writing %(table)s") % {"table": table.title}
        self.progress(percent, message)


# --- XLSX ---------------------------------------------------------------------------------------


def sheet_names(titles: Iterable[str]) -> list[str]:
    """Sheet names Excel accepts: at most 31 characters, none of []:*?/\\, unique (case-insensitive),
    never blank."""
    names: list[str] = []
    taken: set[str] = set()
    for title in titles:
        base = FORBIDDEN_IN_SHEET_NAMES.sub(" ", str(title)).strip().strip("'") or _("Sheet")
        name = base[:SHEET_NAME_MAX].strip()
        number = 2
        while name.lower() in taken:
            suffix = f" ({number})"
            name = base[: SHEET_NAME_MAX - len(suffix)].strip() + suffix
            number += 1
        taken.add(name.lower())
        names.append(name)
    return names


def _xlsx_cell(sheet, value, number_format: str | None, font=None, fill=None):
    cell = WriteOnlyCell(sheet, value=value)
    if number_format:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    return cell


def _xlsx_about(workbook: Workbook, report: Report, run) -> None:
    sheet = workbook.create_sheet(_("About")[:SHEET_NAME_MAX])
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 80
    sheet.append([_xlsx_cell(sheet, report.title, None, TITLE_FONT)])
    sheet.append([])
    for label, value in report_about(report, run)[1:]:
        if not value:
            continue
        sheet.append([_xlsx_cell(sheet, label, None, LABEL_FONT), value])
    if report.tables:
        sheet.append([])
        sheet.append([_xlsx_cell(sheet, _("Sheets"), None, LABEL_FONT)])
        for table in report.tables:
            sheet.append(["", table.title])


class _XlsxColumn:
    """One column of one kind of row (header, data, totals): its letter, and its style (font, fill,
    number format) registered in the workbook once rather than for every cell."""

    def __init__(self, sheet, index: int, number_format: str | None, font=None, fill=None) -> None:
        self.sheet = sheet
        self.number = index + 1
        self.letter = get_column_letter(self.number)
        self.template = _xlsx_cell(sheet, None, number_format, font, fill)
        self.style = f' s="{self.template.style_id}"' if self.template.has_style else ""
        self.takes_dates = is_date_format(self.template.number_format)

    def cell_xml(self, value, row: int) -> str | None:
        """The common values as openpyxl writes them — text as an inline string, finite numbers as
        "%.16g" (a Decimal through float, as openpyxl does), dates in a date column as Excel serial
        days — or None for anything else."""
        kind = type(value)
        if kind is str:
            if not value:
                return f'<c r="{self.letter}{row}"{self.style} t="inlineStr"></c>'
            # openpyxl makes "=…" a formula and "#N/A" an error, and cuts text past Excel's limit.
            if value[0] == "=" or value in ERROR_CODES or len(value) > XLSX_TEXT_MAX:
                return None
            text = (
                value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
            )
            space = "" if value == value.strip() else ' xml:space="preserve"'
            return f'<c r="{self.letter}{row}"{self.style} t="inlineStr"><is><t{space}>{text}</t></is></c>'
        if kind is int or (kind is Decimal and value.is_finite()) or (kind is float and math.isfinite(value)):
            return f'<c r="{self.letter}{row}"{self.style} t="n"><v>{"%.16g" % value}</v></c>'  # noqa: UP031
        if kind is datetime.date and self.takes_dates:
            return f'<c r="{self.letter}{row}"{self.style} t="n"><v>{"%.16g" % to_excel(value)}</v></c>'  # noqa: UP031
        return None

    def openpyxl_xml(self, value, row: int) -> str:
        """The cell as openpyxl itself writes it, for the values `cell_xml` leaves to it."""
        cell = WriteOnlyCell(self.sheet)
        cell._style = copy(self.template._style)
        cell.value = value
        cell.row, cell.column = row, self.number
        buffer = io.BytesIO()
        with xmlfile(buffer) as xf:
            write_cell(xf, self.sheet, cell, cell.has_style)
        return buffer.getvalue().decode("ascii")


class _XlsxRows:
    """One kind of row of a sheet (header, data or totals) as sheet XML text: the same text
    openpyxl's write-only sheet writes for the same values.

    openpyxl makes, types and serialises a cell object for every value, which was four fifths of the
    time of a large export; here the common values become text directly (`_XlsxColumn.cell_xml`), and
    the others go through openpyxl's own cell, so they behave as they always did."""

    def __init__(self, sheet, number_formats, font=None, fill=None, *, write_blanks: bool = False) -> None:
        self.sheet, self.font, self.fill = sheet, font, fill
        self.columns = [
            _XlsxColumn(sheet, index, number_format, font, fill)
            for index, number_format in enumerate(number_formats)
        ]
        # The header and totals write their blank cells (a blank keeps the row's fill); data rows
        # leave them out.
        self.write_blanks = write_blanks

    def xml(self, row: int, values: Sequence) -> str:
        columns = self.columns
        while len(columns) < len(values):
            columns.append(_XlsxColumn(self.sheet, len(columns), None, self.font, self.fill))
        cells = [f'<row r="{row}">']
        for column, value in zip(columns, values, strict=False):
            if value is None:
                if self.write_blanks and column.style:
                    cells.append(f'<c r="{column.letter}{row}"{column.style} t="n"></c>')
                continue
            cells.append(column.cell_xml(value, row) or column.openpyxl_xml(_plain(value), row))
        cells.append("</row>")
        text = "".join(cells)
        if ILLEGAL_CHARACTERS_RE.search(text):
            # openpyxl refuses control characters: let it raise its error for the cell that has one.
            for column, value in zip(columns, values, strict=False):
                column.openpyxl_xml(_plain(value), row)
        return text


class _XlsxSheetWriter(WorksheetWriter):
    """openpyxl's worksheet writer (sheet properties, panes, columns, margins, through lxml), with
    the rows given as XML text (`_XlsxRows`) and written between them into the same file."""

    def __init__(self, sheet, rows_xml: Iterable[str]) -> None:
        self.rows_xml = rows_xml
        super().__init__(sheet)

    def get_stream(self):
        # WorksheetWriter.get_stream, writing to a file object of our own for write_rows.
        with (
            open(self.out, "wb") as self.file,
            xmlfile(self.file) as xf,
            xf.element("worksheet", xmlns=SHEET_MAIN_NS),
        ):
            try:
                while True:
                    element = yield
                    if element is True:
                        yield xf
                    elif element is not None:
                        xf.write(element)
            except GeneratorExit:
                pass

    def write_rows(self) -> None:
        xf = self.xf.send(True)
        with xf.element("sheetData"):
            # What lxml holds goes out first, then the rows after it, in batches.
            xf.flush()
            rows = iter(self.rows_xml)
            while batch := list(itertools.islice(rows, XLSX_ROWS_PER_WRITE)):
                # ASCII with character references, as lxml writes the rest of the sheet.
                self.file.write("".join(batch).encode("ascii", "xmlcharrefreplace"))
        self.xf.send(None)


def _xlsx_table_rows(sheet, table: Table, number_formats: list, ticker: _Ticker, position: int):
    """The table's rows as sheet XML: the bold coloured header, the rows, the bold totals."""
    header = _XlsxRows(sheet, [None] * len(table.headers), HEADER_FONT, HEADER_FILL, write_blanks=True)
    yield header.xml(1, [str(title) for title in table.headers])
    data = _XlsxRows(sheet, number_formats)
    count = 0
    for count, row in enumerate(table.rows, start=1):
        yield data.xml(count + 1, row)
        if count % PROGRESS_EVERY_ROWS == 0:
            ticker.row(position, table, count)
    if table.totals is not None:
        totals = _XlsxRows(sheet, number_formats, TOTAL_FONT, TOTAL_FILL, write_blanks=True)
        yield totals.xml(count + 2, [_plain(value) for value in table.totals])


def write_xlsx(report: Report, *, out: BinaryIO, run=None, progress: Progress | None = None) -> None:
    """One sheet per table after an "About" sheet: a bold coloured header row with the panes frozen
    below it, columns sized and formatted by the table's formats, and a bold totals row. Write-only
    mode: each row goes to disk as it is made."""
    workbook = Workbook(write_only=True)
    _xlsx_about(workbook, report, run)
    ticker = _Ticker(progress, len(report.tables))
    names = sheet_names([_("About")] + [table.title for table in report.tables])[1:]
    for position, (table, name) in enumerate(zip(report.tables, names, strict=True)):
        ticker.table(position, table)
        sheet = workbook.create_sheet(name)
        sheet.freeze_panes = "A2"
        formats = [_format_of(table, index) for index in range(len(table.headers))]
        number_formats = [XLSX_FORMATS.get(kind) if kind != "text" else None for kind in formats]
        for index, header in enumerate(table.headers):
            width = max(COLUMN_WIDTHS.get(formats[index], 16), min(len(str(header)) + 4, 60))
            sheet.column_dimensions[get_column_letter(index + 1)].width = width
        # The sheet takes our writer before its first row (openpyxl makes its own only when it has
        # none), and closing it writes the whole sheet to its temporary file.
        sheet._writer = _XlsxSheetWriter(
            sheet, _xlsx_table_rows(sheet, table, number_formats, ticker, position)
        )
        sheet._writer.write_top()
        sheet.close()
    if progress is not None:
        progress(WRITE_PROGRESS_END, _("Saving the workbook"))
    workbook.save(out)


# --- CSV ----------------------------------------------------------------------------------------


def _csv_value(value) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def write_csv(report: Report, *, out: BinaryIO, run=None, progress: Progress | None = None) -> None:
    """UTF-8 with a byte-order mark (so Excel reads the accents), the "About" lines, then one section
    per table: its title on a line, the header, the rows, the totals, a blank line."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    try:
        writer = csv.writer(text)
        for label, value in report_about(report, run):
            if value:
                writer.writerow([label, value])
        writer.writerow([])
        ticker = _Ticker(progress, len(report.tables))
        for position, table in enumerate(report.tables):
            ticker.table(position, table)
            writer.writerow([table.title])
            writer.writerow([str(header) for header in table.headers])
            for count, row in enumerate(table.rows, start=1):
                writer.writerow([_csv_value(value) for value in row])
                ticker.row(position, table, count)
            if table.totals is not None:
                writer.writerow([_csv_value(value) for value in table.totals])
            writer.writerow([])
        text.flush()
    finally:
        # Hand `out` back open: the caller owns it.
        text.detach()


# --- PDF ----------------------------------------------------------------------------------------


def _pdf_value(value, kind: str) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float | Decimal):
        if kind == "percent":
            return number_format(value, 0 if isinstance(value, int) else 1, use_l10n=True) + " %"
        if kind == "int" or isinstance(value, int):
            return number_format(value, 0, use_l10n=True, force_grouping=True)
        return number_format(value, 2, use_l10n=True, force_grouping=True)
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _pdf_table(table: Table) -> dict:
    """The table as the template shows it: the first PDF_MAX_ROWS rows formatted, and how many rows
    there are in all (the rest are counted, not kept)."""
    formats = [_format_of(table, index) for index in range(len(table.headers))]

    def cells(values) -> list[tuple[str, str]]:
        kinds = [formats[index] if index < len(formats) else "text" for index in range(len(values))]
        return [(_pdf_value(value, kind), kind) for value, kind in zip(values, kinds, strict=True)]

    rows_iterator = iter(table.rows)
    shown = [cells(list(row)) for row in itertools.islice(rows_iterator, PDF_MAX_ROWS)]
    left_out = sum(1 for _row in rows_iterator)
    totals = cells(list(table.totals)) if table.totals is not None else None
    return {
        "title": table.title,
        "headers": [(str(header), formats[index]) for index, header in enumerate(table.headers)],
        "rows": shown,
        "totals": totals,
        "shown": len(shown),
        "total_rows": len(shown) + left_out,
        "capped": left_out > 0,
        # Wide tables get a landscape page of their own.
        "wide": len(table.headers) > PDF_PORTRAIT_MAX_COLUMNS,
    }


def render_report_html(report: Report, *, run=None, progress: Progress | None = None) -> str:
    tables = []
    ticker = _Ticker(progress, len(report.tables))
    for position, table in enumerate(report.tables):
        ticker.table(position, table)
        tables.append(_pdf_table(table))
    return render_to_string(
        "reporting/pdf/report.html",
        {
            "report": report,
            # Title and subtitle head the title page already.
            "about": report_about(report, run)[2:],
            "tables": tables,
            "max_rows": PDF_MAX_ROWS,
            "language": get_language() or "en",
        },
    )


def write_pdf(report: Report, *, out: BinaryIO, run=None, progress: Progress | None = None) -> None:
    """A4 PDF through WeasyPrint: a title page, the charts as inline SVG, then the tables with their
    header repeated on every page (at most PDF_MAX_ROWS rows each, with a note when there are more)."""
    from weasyprint import HTML

    html = render_report_html(report, run=run, progress=progress)
    if progress is not None:
        progress(WRITE_PROGRESS_END, _("Laying out the PDF"))
    HTML(string=html, base_url=None).write_pdf(out)


WRITERS = {"xlsx": write_xlsx, "csv": write_csv, "pdf": write_pdf}
