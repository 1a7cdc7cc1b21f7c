"""The reporting charts as SVG strings: drawn on the server with pygal, shown on the dashboard and in
the PDF reports alike. Every figure is aggregated by the database; the SVG carries no script and no
link to anything outside it (pygal's tooltips script and its CDN link are removed), so it renders the
same in a browser, in WeasyPrint and offline.

Each chart is two steps: a query that aggregates its figures into plain values, and a drawing of
those values. The dashboard keeps the figures of a snapshot and draws them once per language
(reporting.dashboard); the reports call the one-step functions, which do both."""

from __future__ import annotations

import datetime
import re
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


def phase_and_type_counts(actions: QuerySet) -> dict:
    """Actions per programme phase (in phase order) and type."""
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
    return {"phases": phases, "counts": counts}


def draw_phase_and_type(data: dict) -> str:
    phases, counts = data["phases"], data["counts"]
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


def actions_by_phase_and_type(actions: QuerySet) -> str:
    """Actions per programme phase, stacked by type."""
    return draw_phase_and_type(phase_and_type_counts(actions))


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return months


def monthly_activity_counts(
    actions: QuerySet, start: datetime.date | None = None, end: datetime.date | None = None
) -> dict:
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
    return {"per_month": rows, "start": start, "end": end}


def draw_activities_per_month(data: dict) -> str:
    rows, start, end = data["per_month"], data["start"], data["end"]
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


def activities_per_month(
    actions: QuerySet, start: datetime.date | None = None, end: datetime.date | None = None
) -> str:
    """Activities held per month of the period (all months with activities when there is no period)."""
    return draw_activities_per_month(monthly_activity_counts(actions, start, end))


def people_by_sex(
    actions: QuerySet, start: datetime.date | None = None, end: datetime.date | None = None
) -> dict[str, int]:
    """People who took part in the Actions' held activities of the period, by sex (as recorded when
    they attended)."""
    participations = Participation.objects.filter(
        activity__action__in=actions.values("pk"), activity__status__in=sorted(HELD_ACTIVITY_STATUSES)
    )
    if start:
        participations = participations.filter(activity__held_on__gte=start)
    if end:
        participations = participations.filter(activity__held_on__lte=end)
    return {
        row["gender"]: row["people"]
        for row in participations.order_by().values("gender").annotate(people=Count("person", distinct=True))
    }


def draw_participants_by_sex(counts: dict[str, int]) -> str:
    chart = pygal.Pie(**_config(title=_("Participants by sex"), print_values=True, inner_radius=0.45))
    for gender, label in Gender.choices:
        if counts.get(gender):
            chart.add(str(label), counts[gender])
    return _svg(chart)


def participants_by_sex(
    actions: QuerySet, start: datetime.date | None = None, end: datetime.date | None = None
) -> str:
    """People who took part in the Actions' held activities of the period, by sex."""
    return draw_participants_by_sex(people_by_sex(actions, start, end))


def oecd_progress(actions: QuerySet) -> dict:
    """Targets against actuals per OECD level (indicators counted in numbers, actuals approved or
    computed: actions.selectors.results_rollup)."""
    return {row["level"]: row for row in results_rollup(actions)["overall"]}


def draw_progress_by_oecd_level(overall: dict) -> str:
    chart = pygal.Bar(**_config(title=_("Progress per OECD level"), print_values=True))
    chart.x_labels = [str(label) for _level, label in OecdLevel.choices]
    if any(row["periods"] for row in overall.values()):
        chart.add(_("Target"), [float(overall[level]["target_total"]) for level in OecdLevel.values])
        chart.add(_("Actual"), [float(overall[level]["actual_total"]) for level in OecdLevel.values])
    return _svg(chart)


def progress_by_oecd_level(actions: QuerySet) -> str:
    """Targets against actuals per OECD level."""
    return draw_progress_by_oecd_level(oecd_progress(actions))


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


def draw_world_map(counts: dict[str, int]) -> str:
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
    return _lighter_map(_svg(chart))


def world_map(actions: QuerySet) -> str:
    """A world map coloured by the number of Actions per country."""
    return draw_world_map(actions_per_country(actions))


# The map's outlines are drawn in a 2475×1388 box shown about 760 pixels wide: a third of a pixel per
# unit, so whole units lose nothing visible and make the map (most of the dashboard's bytes) lighter.
_PATH_DATA = re.compile(r' d="([^"]*)"')
_PATH_TOKEN = re.compile(r"[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)")
# The points of each relative command's arguments that are positions (x, y pairs) or single axes.
_RELATIVE_ARGUMENTS = {
    "m": "xy",
    "l": "xy",
    "c": "xyxyxy",
    "s": "xyxy",
    "q": "xyxy",
    "t": "xy",
    "h": "x",
    "v": "y",
}


def _whole_units(path: str) -> str:
    """The path with every position rounded to a whole unit. Relative moves are rounded against the
    rounded position so far, so rounding errors never add up along an outline; a segment that
    rounds to nothing is left out. Paths with absolute commands or arcs are kept as they are."""
    tokens = _PATH_TOKEN.findall(path)
    if any(token.isalpha() and token not in _RELATIVE_ARGUMENTS and token != "z" for token in tokens):
        return path
    exact = [0.0, 0.0]  # the current point as drawn by the original path
    drawn = [0, 0]  # the current point as drawn by the rounded path
    start_exact, start_drawn = [0.0, 0.0], [0, 0]
    out: list[str] = []
    index, command = 0, ""
    while index < len(tokens):
        if tokens[index].isalpha():
            command = tokens[index]
            index += 1
            if command == "z":
                out.append("z")
                exact, drawn = list(start_exact), list(start_drawn)
                continue
        axes = _RELATIVE_ARGUMENTS[command]
        values = [float(token) for token in tokens[index : index + len(axes)]]
        index += len(axes)
        deltas = []
        for axis, value in zip(axes, values, strict=True):
            which = 0 if axis == "x" else 1
            deltas.append(round(exact[which] + value) - drawn[which])
        # The last position of the arguments is where the segment ends.
        for axis in ("x", "y"):
            if axis in axes:
                which = 0 if axis == "x" else 1
                last = len(axes) - 1 - axes[::-1].index(axis)
                exact[which] += values[last]
                drawn[which] += deltas[last]
        if command == "m":
            start_exact, start_drawn = list(exact), list(drawn)
            command = "l"  # further pairs after a move are lines
            out.append("m" + _numbers(deltas))
        elif any(deltas):
            out.append(command + _numbers(deltas))
    return "".join(out)


def _numbers(values: list[int]) -> str:
    text = ""
    for value in values:
        text += str(value) if value < 0 or not text else f" {value}"
    return text


def _lighter_map(svg: str) -> str:
    return _PATH_DATA.sub(lambda match: f' d="{_whole_units(match.group(1))}"', svg)
