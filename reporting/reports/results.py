"""Results by OECD level across the covered Actions: targets against actuals per level, per reporting
year and level, and per Action and level (streamed). Sums only indicators counted in numbers;
actuals count once approved or when computed from the data (reporting.figures._result_counts)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .. import figures
from ..builders import Progress, Report, Table
from .portfolio import RESULT_FORMATS, RESULT_KEYS, _period_text, result_headers


def build(run, progress: Progress) -> Report:
    scope = figures.Scope.for_run(run)
    report = build_for_scope(scope, progress)
    if run.format == "pdf":
        from .. import charts

        report.charts = [(_("Progress per OECD level"), charts.progress_by_oecd_level(scope.actions))]
    return report


def build_for_scope(scope: figures.Scope, progress: Progress) -> Report:
    progress(10, _("Adding up results by OECD level"))
    by_level = figures.results_by_oecd_level(scope)
    level_table = Table(
        title=_("By OECD level"),
        headers=[_("OECD level"), _("Actions"), *result_headers()],
        rows=[(row["label"], row["actions"], *(row[key] for key in RESULT_KEYS)) for row in by_level],
        totals=(
            _("Total"),
            "",
            sum(row["indicators"] for row in by_level),
            sum(row["periods"] for row in by_level),
            sum(row["target_total"] for row in by_level),
            sum(row["actual_total"] for row in by_level),
            sum(row["met"] for row in by_level),
            "",
        ),
        formats=["text", "int", *RESULT_FORMATS],
    )
    progress(40, _("Adding up results per period"))
    year_table = Table(
        title=_("By year and OECD level"),
        headers=[_("Year"), _("OECD level"), _("Actions"), *result_headers()],
        rows=[
            (row["year"], row["label"], row["actions"], *(row[key] for key in RESULT_KEYS))
            for row in figures.results_by_year_and_oecd_level(scope)
        ],
        formats=["int", "text", "int", *RESULT_FORMATS],
    )
    progress(70, _("Listing the Actions"))

    def action_rows():
        for row in figures.results_by_action_rows(scope):
            yield (row["action_code"], row["action_name"], row["label"], *(row[key] for key in RESULT_KEYS))

    action_table = Table(
        title=_("By Action"),
        headers=[_("Code"), _("Action"), _("OECD level"), *result_headers()],
        rows=action_rows(),
        formats=["text", "text", "text", *RESULT_FORMATS],
    )
    return Report(
        title=_("Results by OECD level"),
        subtitle=_period_text(scope),
        tables=[level_table, year_table, action_table],
    )
