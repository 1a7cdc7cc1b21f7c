"""The portfolio report: every figure of DOMAIN.md's reporting list for the Actions the run's filters
cover and its period, with disaggregation by sex and institution type, and one row per Action.

Each section is a handful of aggregate queries (reporting.figures), so the number of queries does not
grow with the portfolio; the "Actions list" is a generator over one streamed query. The service builds
it inside translation.override(run.language): titles, headers and labels come out in that language."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import figures
from ..builders import Progress, Report, Table


def _breakdown_rows(label: str, rows: list[dict], *keys: str):
    return [(label, row["label"], *(row[key] for key in keys)) for row in rows]


def _period_text(scope: figures.Scope) -> str:
    if scope.start and scope.end:
        return _("From %(start)s to %(end)s") % {
            "start": date_format(scope.start),
            "end": date_format(scope.end),
        }
    if scope.start:
        return _("From %(start)s") % {"start": date_format(scope.start)}
    if scope.end:
        return _("Until %(end)s") % {"end": date_format(scope.end)}
    return _("Whole programme to date")


def summary_table(totals: dict) -> Table:
    """The headline figures, one per row."""
    requests, actions, activities = totals["requests"], totals["actions"], totals["activities"]
    experts, participants = totals["experts"], totals["participants"]
    deliverables, certification = totals["deliverables"], totals["certification"]
    rows = [
        (_("Requests received"), requests["requests"]),
        (_("Requests approved"), requests["approved"]),
        (_("Requests rejected"), requests["rejected"]),
        (_("Approval rate (%)"), requests["approval_rate"]),
        (_("Average days from receipt to decision"), requests["days_to_decision_average"]),
        (_("Actions"), actions["actions"]),
        (_("Actions launched"), actions["launched"]),
        (_("Average days from approval to launch"), actions["days_to_launch_average"]),
        (
            _("Actions launched within %(days)s days of approval") % {"days": actions["launch_target_days"]},
            actions["launched_within_target"],
        ),
        (_("Share launched within the target (%)"), actions["share_launched_within_target"]),
        (_("Actions not launched past the target"), actions["overdue_not_launched"]),
        (_("Activities"), activities["activities"]),
        (_("Activities held"), activities["held"]),
        (_("Experts deployed (people)"), experts["experts"]),
        (_("Expert deployments"), experts["deployments"]),
        (_("Expert-days"), experts["expert_days"]),
        (_("Share of experts from outside the EU (%)"), experts["share_non_eu"]),
        (_("Share of women among experts (%)"), experts["share_women"]),
        (_("Participants (people)"), participants["people"]),
        (_("Attendances"), participants["attendances"]),
        (_("Share of women among participants (%)"), participants["share_women"]),
        (_("Average satisfaction (1–5)"), participants["satisfaction_average"]),
        (_("Average learning gain (points, post-test minus pre-test)"), participants["gain_average"]),
        (_("Deliverables produced"), deliverables["produced"]),
        (_("Deliverables adopted"), deliverables["adopted"]),
        (_("Officials enrolled for certification"), certification["enrolments"]),
        (_("Officials certified"), certification["certified"]),
        (_("Certification pass rate (%)"), certification["pass_rate"]),
        (_("Credentials active"), certification["credentials_active"]),
        (_("Credentials revoked"), certification["credentials_revoked"]),
        (_("Credentials expired"), certification["credentials_expired"]),
        (_("Replica sessions by certified trainers"), certification["replica_sessions"]),
        (_("Colleagues trained by certified trainers"), certification["colleagues_trained"]),
    ]
    return Table(
        title=_("Summary"), headers=[_("Figure"), _("Value")], rows=rows, formats=["text", "decimal"]
    )


def requests_table(scope: figures.Scope) -> Table:
    regions = figures.requests_by_region(scope)
    keys = ("requests", "approved", "rejected")
    rows = [
        *_breakdown_rows(_("Year"), figures.requests_by_year(scope), *keys),
        *_breakdown_rows(_("Programme region"), regions["regions"], *keys),
        *_breakdown_rows(_("Country"), regions["countries"], *keys),
        *_breakdown_rows(_("Requester type"), figures.requests_by_requester_type(scope), *keys),
        *_breakdown_rows(_("Thematic area"), figures.requests_by_theme(scope), *keys),
    ]
    return Table(
        title=_("Requests"),
        headers=[_("Breakdown"), _("Category"), _("Requests"), _("Approved"), _("Rejected")],
        rows=rows,
        formats=["text", "text", "int", "int", "int"],
    )


def actions_table(scope: figures.Scope) -> Table:
    regions = figures.actions_by_region(scope)
    rows = [
        *_breakdown_rows(_("Status"), figures.actions_by_status(scope), "actions"),
        *_breakdown_rows(_("Type"), figures.actions_by_type(scope), "actions"),
        *_breakdown_rows(_("Phase"), figures.actions_by_phase(scope), "actions"),
        *_breakdown_rows(_("Programme region"), regions["regions"], "actions"),
        *_breakdown_rows(_("Country"), regions["countries"], "actions"),
        *_breakdown_rows(_("Thematic area"), figures.actions_by_theme(scope), "actions"),
        *_breakdown_rows(_("Global Compact objective"), figures.actions_by_gcm_objective(scope), "actions"),
    ]
    return Table(
        title=_("Actions"),
        headers=[_("Breakdown"), _("Category"), _("Actions")],
        rows=rows,
        formats=["text", "text", "int"],
    )


def activities_table(scope: figures.Scope, totals: dict) -> Table:
    keys = ("activities", "held", "cancelled", "in_person", "online", "hybrid")
    return Table(
        title=_("Activities"),
        headers=[
            _("Activity type"),
            _("Activities"),
            _("Held"),
            _("Cancelled"),
            _("In person"),
            _("Online"),
            _("Hybrid"),
        ],
        rows=[(row["label"], *(row[key] for key in keys)) for row in figures.activities_by_type(scope)],
        totals=(_("Total"), *(totals[key] for key in keys)),
        formats=["text", "int", "int", "int", "int", "int", "int"],
    )


def experts_table(scope: figures.Scope, totals: dict) -> Table:
    keys = ("experts", "deployments", "expert_days")
    member_states = [
        {**row, "label": f"{row['label']} ({_('EU') if row['eu'] else _('non-EU')})"}
        for row in figures.experts_by_member_state(scope)
    ]
    return Table(
        title=_("Experts"),
        headers=[_("Breakdown"), _("Category"), _("Experts (people)"), _("Deployments"), _("Expert-days")],
        rows=[
            *_breakdown_rows(_("Sex"), figures.experts_by_gender(scope), *keys),
            *_breakdown_rows(_("Country of the home administration"), member_states, *keys),
        ],
        totals=(_("Total"), "", *(totals[key] for key in keys)),
        formats=["text", "text", "int", "int", "decimal"],
    )


def participants_table(scope: figures.Scope, totals: dict) -> Table:
    keys = ("people", "attendances")
    crossed = [
        {"label": f"{row['sex_label']} · {row['institution_type_label']}", **row}
        for row in figures.participants_by_sex_and_institution_type(scope)
    ]
    satisfaction = [
        (_("Satisfaction (answers)"), row["label"], row["answers"], "")
        for row in figures.satisfaction_distribution(scope)
    ]
    learning = [
        (_("Pre/post tests"), _("Participants tested"), totals["tested"], ""),
        (_("Pre/post tests"), _("Average pre-test score (%)"), totals["pre_test_average"], ""),
        (_("Pre/post tests"), _("Average post-test score (%)"), totals["post_test_average"], ""),
        (_("Pre/post tests"), _("Average learning gain (points)"), totals["gain_average"], ""),
        (_("Pre/post tests"), _("Participants whose score improved"), totals["with_gain"], ""),
    ]
    return Table(
        title=_("Participants"),
        headers=[_("Breakdown"), _("Category"), _("People"), _("Attendances")],
        rows=[
            *_breakdown_rows(_("Sex"), figures.participants_by_sex(scope), *keys),
            *_breakdown_rows(_("Institution type"), figures.participants_by_institution_type(scope), *keys),
            *_breakdown_rows(_("Sex and institution type"), crossed, *keys),
            *satisfaction,
            (_("Satisfaction"), _("Average (1–5)"), totals["satisfaction_average"], ""),
            *learning,
        ],
        totals=(_("Total"), "", totals["people"], totals["attendances"]),
        formats=["text", "text", "decimal", "int"],
    )


def deliverables_table(scope: figures.Scope, totals: dict) -> Table:
    keys = ("deliverables", "produced", "adopted")
    return Table(
        title=_("Deliverables"),
        headers=[_("Breakdown"), _("Category"), _("Recorded"), _("Produced"), _("Adopted")],
        rows=[
            *_breakdown_rows(_("Type"), figures.deliverables_by_type(scope), *keys),
            *_breakdown_rows(_("OECD level"), figures.deliverables_by_oecd_level(scope), *keys),
        ],
        totals=(_("Total"), "", *(totals[key] for key in keys)),
        formats=["text", "text", "int", "int", "int"],
    )


RESULT_KEYS = ("indicators", "periods", "target_total", "actual_total", "met", "share_met")


def result_headers() -> list[str]:
    return [
        _("Indicators"),
        _("Reporting periods"),
        _("Target (sum of numbers)"),
        _("Actual (sum of numbers)"),
        _("Periods that met their target"),
        _("Share of periods with a target that met it (%)"),
    ]


RESULT_FORMATS = ["int", "int", "decimal", "decimal", "int", "decimal"]


def results_table(scope: figures.Scope) -> Table:
    return Table(
        title=_("Results by OECD level"),
        headers=[_("OECD level"), *result_headers()],
        rows=[
            (row["label"], *(row[key] for key in RESULT_KEYS)) for row in figures.results_by_oecd_level(scope)
        ],
        formats=["text", *RESULT_FORMATS],
    )


def certification_table(scope: figures.Scope, totals: dict) -> Table:
    funnel = [
        (_("Enrolments by step"), row["label"], row["enrolments"], row["reached"])
        for row in figures.certification_funnel(scope)
    ]
    other = [
        (_("Panel"), _("Decided"), totals["decided"], ""),
        (_("Panel"), _("Certified"), totals["certified"], ""),
        (_("Panel"), _("Pass rate (%)"), totals["pass_rate"], ""),
        (_("Credentials"), _("Issued"), totals["credentials"], ""),
        (_("Credentials"), _("Active"), totals["credentials_active"], ""),
        (_("Credentials"), _("Suspended"), totals["credentials_suspended"], ""),
        (_("Credentials"), _("Revoked"), totals["credentials_revoked"], ""),
        (_("Credentials"), _("Expired"), totals["credentials_expired"], ""),
        (_("Multiplier"), _("Replica sessions by certified trainers"), totals["replica_sessions"], ""),
        (_("Multiplier"), _("Certified trainers delivering them"), totals["trainers_delivering"], ""),
        (_("Multiplier"), _("Colleagues trained"), totals["colleagues_trained"], ""),
    ]
    return Table(
        title=_("Certification"),
        headers=[_("Breakdown"), _("Category"), _("Number"), _("Reached this step or beyond")],
        rows=[*funnel, *other],
        formats=["text", "text", "decimal", "int"],
    )


def actions_list_table(scope: figures.Scope) -> Table:
    """One row per Action, streamed: the rows are a generator the writer consumes chunk by chunk."""

    def rows():
        for row in figures.action_rows(scope):
            yield (
                row["code"],
                row["title"],
                row["type_label"],
                row["status_label"],
                row["phase_label"],
                row["countries"],
                row["approved_on"],
                row["partner_count"],
                row["activity_count"],
                row["participant_count"],
            )

    return Table(
        title=_("Actions list"),
        headers=[
            _("Code"),
            _("Title"),
            _("Type"),
            _("Status"),
            _("Phase"),
            _("Countries"),
            _("Approved on"),
            _("Partners"),
            _("Activities"),
            _("Participants"),
        ],
        rows=rows(),
        formats=["text", "text", "text", "text", "text", "text", "date", "int", "int", "int"],
    )


def build(run, progress: Progress) -> Report:
    scope = figures.Scope.for_run(run)
    report = build_for_scope(scope, progress)
    if run.format == "pdf":
        # The dashboard's charts, drawn on the same Actions and period.
        progress(80, _("Drawing the charts"))
        report.charts = portfolio_charts(scope)
    return report


def portfolio_charts(scope: figures.Scope) -> list[tuple[str, str]]:
    from .. import charts

    return [
        (_("Actions per phase and type"), charts.actions_by_phase_and_type(scope.actions)),
        (_("Activities held per month"), charts.activities_per_month(scope.actions, scope.start, scope.end)),
        (_("Participants by sex"), charts.participants_by_sex(scope.actions, scope.start, scope.end)),
        (_("Progress per OECD level"), charts.progress_by_oecd_level(scope.actions)),
        (_("Actions per country"), charts.world_map(scope.actions)),
    ]


def build_for_scope(scope: figures.Scope, progress: Progress) -> Report:
    progress(5, _("Counting requests"))
    totals = {"requests": figures.request_totals(scope)}
    requests = requests_table(scope)
    progress(15, _("Counting Actions"))
    totals["actions"] = figures.action_totals(scope)
    actions = actions_table(scope)
    progress(30, _("Counting activities"))
    totals["activities"] = figures.activity_totals(scope)
    activities = activities_table(scope, totals["activities"])
    progress(40, _("Counting experts"))
    totals["experts"] = figures.expert_totals(scope)
    experts = experts_table(scope, totals["experts"])
    progress(50, _("Counting participants"))
    totals["participants"] = figures.participant_totals(scope)
    participants = participants_table(scope, totals["participants"])
    progress(60, _("Counting deliverables"))
    totals["deliverables"] = figures.deliverable_totals(scope)
    deliverables = deliverables_table(scope, totals["deliverables"])
    progress(65, _("Adding up results by OECD level"))
    results = results_table(scope)
    progress(70, _("Counting certification"))
    totals["certification"] = figures.certification_totals(scope)
    certification = certification_table(scope, totals["certification"])
    progress(75, _("Listing the Actions"))
    return Report(
        title=_("Portfolio report"),
        subtitle=_period_text(scope),
        tables=[
            summary_table(totals),
            requests,
            actions,
            activities,
            experts,
            participants,
            deliverables,
            results,
            certification,
            actions_list_table(scope),
        ],
    )
