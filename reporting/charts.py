"""The reporting charts as SVG strings: drawn on the server with pygal, shown on the dashboard and in
the PDF reports alike. Every figure is aggregated by the database; the SVG carries no script and no
link to anything outside it (pygal's tooltips script and its CDN link are removed), so it renders the
same in a browser, in WeasyPrint and offline."""

from __future__ import annotations

import datetime
from collections import defaultdict

import pygal
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from lxml import etree
from pygal.style import Style
from pygal_maps_world.maps import World

from actions.choices import HELD_ACTIVITY_STATUSES, ActionType, OecdLevel
from actions.models import Activity, Participation
from actions.selectors import results_rollup
from partners.choices import Gender

# The project's palette (static/css/mieux.css).
PALETTE = ("#123f86", "#f2b705", "#1e7b48", "#b42318", "#5b6475", "#1a56b0", "#0b2a5b")
STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#1d2433",
    foreground_strong="#1d2433",
    foreground_subtle="#5b6475",
    colors=PALETTE,
    font_family='system-ui, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif',
    title_font_size=18,
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=12,
    guide_stroke_color="#d9dfe9",
    major_guide_stroke_color="#d9dfe9",
    guide_stroke_dasharray="0",
    major_guide_stroke_dasharray="0",
)
MAP_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#1d2433",
    foreground_strong="#1d2433",
    foreground_subtle="#5b6475",
    colors=("#123f86",),
    title_font_size=18,
    legend_font_size=12,
)
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


def _config(**overrides) -> dict:
    return {
        "style": STYLE,
        "js": [],  # no tooltip script fetched from a CDN
        "disable_xml_declaration": True,  # the SVG is inlined into HTML
        "show_legend": True,
        "legend_at_bottom": True,
        "truncate_legend": -1,
        "truncate_label": -1,
        "width": 800,
        "height": 420,
        "print_values": False,
        "no_data_text": _("No data"),
        **overrides,
    }


def _count_axis(highest: int) -> dict:
    """Whole numbers on the value axis of a chart of counts (pygal would show 0.1, 0.2 … for 1)."""
    step = max(1, -(-highest // 8))
    return {"y_labels": list(range(0, max(highest, 1) + step, step))}


def _svg(chart) -> str:
    """The chart's SVG without scripts or generator comments: pygal always embeds its configuration
    script, which a PDF cannot run and a strict Content-Security-Policy refuses."""
    if not chart.raw_series:
        # Nothing to draw: pygal writes "No data", but fails on the whole-number axis of an empty chart.
        chart.y_labels = None
    tree = chart.render_tree()
    for node in list(tree.iter(f"{{{SVG_NAMESPACE}}}script", "script", etree.Comment)):
        node.getparent().remove(node)
    return etree.tostring(tree, encoding="unicode")


def actions_by_phase_and_type(actions: QuerySet) -> str:
    """Actions per programme phase, stacked by type."""
    groups = (
        actions.order_by()
        .values("phase__code", "phase__name", "phase__starts_on", "type")
        .annotate(count=Count("pk", distinct=True))
        .order_by("phase__starts_on", "phase__code")
    )
    phases: dict[str, str] = {}
    counts: dict[tuple[str, str], int] = {}
    for group in groups:
        phases.setdefault(group["phase__code"], group["phase__name"])
        counts[group["phase__code"], group["type"]] = group["count"]
    highest = max(
        (sum(counts.get((code, kind), 0) for kind in ActionType.values) for code in phases), default=0
    )
    chart = pygal.StackedBar(**_config(title=_("Actions per phase and type"), **_count_axis(highest)))
    chart.x_labels = list(phases.values())
    for action_type, label in ActionType.choices:
        values = [counts.get((code, action_type), 0) for code in phases]
        if any(values):
            chart.add(str(label), values)
    return _svg(chart)


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return months


def activities_per_month(
    actions: QuerySet, start: datetime.date | None = None, end: datetime.date | None = None
) -> str:
    """Activities held per month of the period (all months with activities when there is no period)."""
    held = Activity.objects.filter(
        action__in=actions.values("pk"), status__in=sorted(HELD_ACTIVITY_STATUSES), held_on__isnull=False
    )
    if start:
        held = held.filter(held_on__gte=start)
    if end:
        held = held.filter(held_on__lte=end)
    rows = {
        row["month"]: row["count"]
        for row in held.order_by()
        .annotate(month=TruncMonth("held_on"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("month")
    }
    rows = {(month.date() if isinstance(month, datetime.datetime) else month): n for month, n in rows.items()}
    chart = pygal.Bar(
        **_config(
            title=_("Activities held per month"),
            show_legend=False,
            x_label_rotation=-45,
            **_count_axis(max(rows.values(), default=0)),
        )
    )
    if rows or (start and end):
        first = start or min(rows)
        last = end or max(rows)
        months = _months(first, last)
        chart.x_labels = [f"{month:%Y-%m}" for month in months]
        chart.add(_("Activities"), [rows.get(month, 0) for month in months])
    return _svg(chart)


def participants_by_sex(
    actions: QuerySet, start: datetime.date | None = None, end: datetime.date | None = None
) -> str:
    """People who took part in the Actions' held activities of the period, by sex (as recorded when
    they attended)."""
    participations = Participation.objects.filter(
        activity__action__in=actions.values("pk"), activity__status__in=sorted(HELD_ACTIVITY_STATUSES)
    )
    if start:
        participations = participations.filter(activity__held_on__gte=start)
    if end:
        participations = participations.filter(activity__held_on__lte=end)
    counts = {
        row["gender"]: row["people"]
        for row in participations.order_by().values("gender").annotate(people=Count("person", distinct=True))
    }
    chart = pygal.Pie(**_config(title=_("Participants by sex"), print_values=True, inner_radius=0.45))
    for gender, label in Gender.choices:
        if counts.get(gender):
            chart.add(str(label), counts[gender])
    return _svg(chart)


def progress_by_oecd_level(actions: QuerySet) -> str:
    """Targets against actuals per OECD level (indicators counted in numbers, actuals approved or
    computed: actions.selectors.results_rollup)."""
    overall = {row["level"]: row for row in results_rollup(actions)["overall"]}
    chart = pygal.Bar(**_config(title=_("Progress per OECD level"), print_values=True))
    chart.x_labels = [str(label) for _level, label in OecdLevel.choices]
    if any(row["periods"] for row in overall.values()):
        chart.add(_("Target"), [float(overall[level]["target_total"]) for level in OecdLevel.values])
        chart.add(_("Actual"), [float(overall[level]["actual_total"]) for level in OecdLevel.values])
    return _svg(chart)


def actions_per_country(actions: QuerySet) -> dict[str, int]:
    """Number of Actions per country (ISO alpha-2, upper case). The countries of an Action are stored
    together, so the database counts Actions per combination and the combinations are split here:
    a few dozen groups, whatever the number of Actions."""
    counts: dict[str, int] = defaultdict(int)
    combinations = actions.order_by().values_list("countries").annotate(count=Count("pk", distinct=True))
    for countries, count in combinations:
        codes = countries if isinstance(countries, list | tuple) else str(countries or "").split(",")
        for code in {str(code).strip().upper() for code in codes if str(code).strip()}:
            counts[code] += count
    return dict(sorted(counts.items()))


def world_map(actions: QuerySet) -> str:
    """A world map coloured by the number of Actions per country."""
    counts = actions_per_country(actions)
    chart = World(
        **_config(
            style=MAP_STYLE,
            title=_("Actions per country"),
            show_legend=False,
            height=500,
        )
    )
    # pygal_maps_world knows countries by lower-case alpha-2 code.
    chart.add(_("Actions"), {code.lower(): count for code, count in counts.items()})
    return _svg(chart)
