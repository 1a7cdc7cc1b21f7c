"""The portfolio and results reports (reporting/reports/portfolio.py, results.py): every section there,
figures that agree with an independent count, the Actions list streamed, progress reported, a partner's
report limited to their share, and a number of queries that does not grow with the portfolio."""

from __future__ import annotations

import datetime
import io
import types
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from actions.choices import ActivityStatus, PeriodStatus
from mieux.roles import Role
from reporting.choices import ReportFormat, ReportKind
from reporting.models import ReportRun
from reporting.reports import portfolio as portfolio_report
from reporting.reports import results as results_report
from tests.actions.factories import (
    ActionFactory,
    ActivityFactory,
    DeliverableFactory,
    ExpertAssignmentFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    ParticipationFactory,
)
from tests.factories import PersonFactory

from .test_figures import HELD, portfolio  # noqa: F401 (the fixture)

PORTFOLIO_SECTIONS = [
    "Summary",
    "Requests",
    "Actions",
    "Activities",
    "Experts",
    "Participants",
    "Deliverables",
    "Results by OECD level",
    "Certification",
    "Actions list",
]


def run_for(user, kind=ReportKind.PORTFOLIO, filters=None, **period) -> ReportRun:
    parameters = {"filters": filters or {}, **{key: value.isoformat() for key, value in period.items()}}
    return ReportRun.objects.create(
        requested_by=user, kind=kind, format=ReportFormat.XLSX, parameters=parameters
    )


class Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, percent, message=""):
        self.calls.append((percent, str(message)))


def tables_of(report) -> dict:
    return {table.title: table for table in report.tables}


def summary_of(report) -> dict:
    return dict(tables_of(report)["Summary"].rows)


def test_portfolio_report_has_every_section_with_figures_that_agree(world, portfolio):  # noqa: F811
    progress = Recorder()
    with translation.override("en"):
        report = portfolio_report.build(run_for(world.user(Role.PROGRAMME_MANAGER)), progress)
    assert [table.title for table in report.tables] == PORTFOLIO_SECTIONS
    for table in report.tables:
        assert table.headers and all(isinstance(header, str) for header in table.headers)
    summary = summary_of(report)
    assert summary["Requests received"] == len(portfolio.requests)
    assert summary["Actions"] == len(portfolio.actions)
    assert summary["Activities held"] == len([a for a in portfolio.activities if a.status in HELD])
    assert summary["Participants (people)"] == len({p.person_id for p in portfolio.participations})
    assert summary["Expert-days"] == sum(
        Decimal(a.days) for a in portfolio.assignments if a.activity.status in HELD
    )
    assert summary["Credentials revoked"] == 1

    # Participants: disaggregated by sex and by institution type, both adding up to the attendances.
    participants = tables_of(report)["Participants"]
    rows = list(participants.rows)
    by_sex = [row for row in rows if row[0] == "Sex"]
    by_type = [row for row in rows if row[0] == "Institution type"]
    assert {row[1] for row in by_sex} == {"Female", "Male", "Prefers not to say"}
    assert sum(row[3] for row in by_sex) == sum(row[3] for row in by_type) == len(portfolio.participations)
    assert participants.totals[3] == len(portfolio.participations)

    # The Actions list: a generator, one row per Action, its counts from the created objects.
    actions_list = tables_of(report)["Actions list"]
    assert isinstance(actions_list.rows, types.GeneratorType)
    listed = {row[0]: row for row in actions_list.rows}
    assert set(listed) == {action.code for action in portfolio.actions}
    for action in portfolio.actions:
        row = listed[action.code]
        assert row[7] == action.partner_links.count()
        assert row[8] == len([a for a in portfolio.activities if a.action_id == action.pk])
        assert row[9] == len(
            {p.person_id for p in portfolio.participations if p.activity.action_id == action.pk}
        )
    assert (
        listed["RG-3"][5] == "AR, BO, PY" and listed["RG-3"][2] == "Regional capacity development partnership"
    )

    # Progress: several steps, rising, within 0–99.
    percents = [percent for percent, _message in progress.calls]
    assert len(percents) >= 8 and percents == sorted(percents) and percents[0] >= 0 and percents[-1] < 100


def test_filters_and_period_narrow_the_report(world, portfolio):  # noqa: F811
    run = run_for(
        world.user(Role.PROGRAMME_OFFICER),
        filters={"type": ["classic"]},
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 12, 31),
    )
    report = portfolio_report.build(run, Recorder())
    summary = summary_of(report)
    classic = [a for a in portfolio.actions if a.type == "classic"]
    assert summary["Actions"] == len(classic) == 4
    # Activities of the classic Actions dated in 2023 (MX-1: a workshop, a training and a cancelled replica).
    assert summary["Activities"] == 3
    # Requests of the covered Actions received in 2023: none (MX-1's request came in 2022).
    assert summary["Requests received"] == 0
    assert "2023" in report.subtitle
    assert {row[0] for row in tables_of(report)["Actions list"].rows} == {a.code for a in classic}


def test_a_partners_report_holds_only_their_share(world, portfolio):  # noqa: F811
    report = portfolio_report.build(run_for(world.user(Role.FOCAL_POINT)), Recorder())
    listed = {row[0]: row for row in tables_of(report)["Actions list"].rows}
    # Their institution's two Actions and another institution's published one.
    assert set(listed) == {"MX-1", "MX-2", "NG-4"}
    # Participants: their own institution's people only (not the NGO's or the city's on MX-1).
    own_on_mx1 = {
        p.person_id
        for p in portfolio.participations
        if p.activity.action.code == "MX-1" and p.institution_id == world.institution_a.pk
    }
    assert listed["MX-1"][9] == len(own_on_mx1) == 2
    summary = summary_of(report)
    assert summary["Requests received"] == 2
    assert summary["Deliverables produced"] == 2  # MX-1's two; nothing inside NG-4


def test_results_report_has_levels_years_and_actions(world, portfolio):  # noqa: F811
    progress = Recorder()
    report = results_report.build(
        run_for(world.user(Role.PROGRAMME_MANAGER), kind=ReportKind.RESULTS), progress
    )
    levels, years, per_action = report.tables
    counted = {PeriodStatus.APPROVED, PeriodStatus.COMPUTED}
    level_rows = {row[0]: row for row in levels.rows}
    individual = [p for p in portfolio.periods if p.indicator.oecd_level == "individual"]
    # (label, actions, indicators, periods, target, actual, met, share met)
    assert level_rows["Individual"][3] == len(individual) == 3
    assert level_rows["Individual"][4] == sum(Decimal(p.target) for p in individual)
    assert level_rows["Individual"][5] == sum(Decimal(p.actual) for p in individual if p.status in counted)
    assert levels.totals[3] == len(portfolio.periods)
    assert {(row[0], row[1]) for row in years.rows} == {
        (p.starts_on.year, p.indicator.get_oecd_level_display()) for p in portfolio.periods
    }
    action_rows = list(per_action.rows)
    assert {(row[0], row[2]) for row in action_rows} == {
        (p.indicator.action.code, p.indicator.get_oecd_level_display()) for p in portfolio.periods
    }
    mx1_org = next(row for row in action_rows if row[0] == "MX-1" and row[2] == "Organisational")
    # A percentage indicator: its period met its target but adds nothing to the sums.
    assert mx1_org[3:] == (1, 1, Decimal("0"), Decimal("0"), 1, 100.0)
    assert [p for p, _m in progress.calls] == sorted(p for p, _m in progress.calls)


def _small_portfolio(count: int, institution):
    for number in range(count):
        action = ActionFactory(
            code=f"Q-{count}-{number}", lead=institution, countries=["MX", "GT"][: 1 + number % 2]
        )
        activity = ActivityFactory(
            action=action, status=ActivityStatus.HELD, held_on=datetime.date(2024, 3, 1)
        )
        ParticipationFactory(activity=activity, person=PersonFactory(institution=institution), satisfaction=4)
        ExpertAssignmentFactory(activity=activity)
        DeliverableFactory(action=action)
        IndicatorPeriodFactory(
            indicator=IndicatorFactory(action=action), actual=5, status=PeriodStatus.APPROVED
        )


def _queries_to_build(user) -> int:
    with CaptureQueriesContext(connection) as captured:
        report = portfolio_report.build(run_for(user), lambda percent, message="": None)
        for table in report.tables:
            list(table.rows)
    return len(captured.captured_queries)


def test_building_the_report_takes_as_many_queries_for_ten_actions_as_for_one(world):
    manager = world.user(Role.PROGRAMME_MANAGER)
    _small_portfolio(1, world.institution_a)
    one = _queries_to_build(manager)
    _small_portfolio(9, world.institution_a)
    ten = _queries_to_build(manager)
    assert one == ten, f"{one} queries for one Action, {ten} for ten"


def test_the_report_comes_out_in_the_runs_language(world, portfolio):  # noqa: F811
    portfolio.actions[2].title_fr = "Partenariat du Gran Chaco"
    portfolio.actions[2].save(update_fields=["title_fr"])
    with translation.override("fr"):
        report = portfolio_report.build(run_for(world.user(Role.PROGRAMME_MANAGER)), Recorder())
        titles = [table.title for table in report.tables]
        actions_list = tables_of(report)[gettext("Actions list")]
        listed = {row[0]: row for row in actions_list.rows}
    assert titles[0] == "Résumé"
    assert listed["RG-3"][2] == "Partenariat régional de renforcement des capacités"
    assert listed["RG-3"][1] == "Partenariat du Gran Chaco"


def test_the_pdf_portfolio_report_carries_the_dashboards_charts(world, portfolio):  # noqa: F811
    from pypdf import PdfReader

    from reporting.builders import build_report
    from reporting.choices import ReportFormat

    run = run_for(world.user(Role.PROGRAMME_MANAGER))
    run.format = ReportFormat.PDF
    out = io.BytesIO()

    build_report(run, out=out, progress=Recorder())

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages)
    for caption in ("Actions per phase and type", "Activities held per month", "Actions per country"):
        assert caption in text
