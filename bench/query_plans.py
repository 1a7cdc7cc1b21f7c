"""What the database is asked to do, checked on the generated data:

- every FilterSet of a table over 100,000 rows, for each filter alone and each pair of filters, under
  every sort the list offers (the API's cursor order and the page's default order): `EXPLAIN` shows no
  sequential scan of a table over 100,000 rows;
- every list the platform serves without arguments (API and pages, as a programme manager and as a
  partner) runs no COUNT(*) over more than 100,000 rows of such a table.
"""

from __future__ import annotations

import itertools
import json
import os
import re

from django import forms
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from .core import Result, at_most

BIG = 100_000


def big_tables() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples::bigint FROM pg_class WHERE relkind = 'r' AND reltuples > %s", [BIG]
        )
        return dict(cursor.fetchall())


def _scans(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _scans(child)


def full_scans(sql: str, params, tables: dict[str, int]) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        raw = cursor.fetchone()[0]
    plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]
    return [
        node["Relation Name"]
        for node in _scans(plan)
        if node["Node Type"] in {"Seq Scan", "Parallel Seq Scan"} and node.get("Relation Name") in tables
    ]


def _sample_value(filterset_class, name, declared):
    """A value this filter accepts, taken from the data where it names a row."""
    field = declared.field
    if isinstance(field, forms.ModelChoiceField):
        first = field.queryset.order_by("pk").first()
        return str(first.pk) if first else None
    if isinstance(field, forms.ChoiceField):
        choices = [value for value, _label in field.choices if value not in ("", None)]
        # The rarest-looking choice (the last one) makes the planner's job hardest.
        return str(choices[-1]) if choices else None
    if isinstance(field, forms.DateField):
        return "2020-01-01"
    if isinstance(field, forms.IntegerField | forms.DecimalField):
        return _existing_id(filterset_class, declared)
    if isinstance(field, forms.NullBooleanField | forms.BooleanField):
        return "true"
    return "Garcia"  # a free-text search


def _existing_id(filterset_class, declared) -> str:
    model = filterset_class._meta.model
    path = declared.field_name.removesuffix("_id")
    try:
        related = model._meta.get_field(path).related_model
    except Exception:
        related = None
    if related is not None:
        first = related.objects.order_by("pk").values_list("pk", flat=True).first()
        if first is not None:
            return str(first)
    if declared.field_name in {"year", "approved_on__year"}:
        return "2020"
    return "1"


def _filtersets():
    from actions import filtersets as actions_filtersets
    from certification import filtersets as certification_filtersets
    from partners import filtersets as partners_filtersets

    found = []
    for module in (partners_filtersets, actions_filtersets, certification_filtersets):
        for value in vars(module).values():
            meta = getattr(value, "_meta", None)
            if (
                isinstance(value, type)
                and getattr(meta, "model", None) is not None
                and value.__module__ == module.__name__
            ):
                found.append(value)
    return found


def _orderings(filterset_class) -> list[tuple[str, ...]]:
    model = filterset_class._meta.model
    orderings = [("-id",), tuple(model._meta.ordering or ("-id",))]
    ordering_filter = filterset_class.base_filters.get("ordering")
    for field in getattr(ordering_filter, "param_map", {}).values():
        orderings += [(field, "id"), (f"-{field}", "-id")]
    return list(dict.fromkeys(orderings))


def explain_filtersets(context, tables: dict[str, int]) -> list[Result]:
    from mieux.models import User

    staff = User.objects.get(email=context.generated.staff_email)
    results = []
    for filterset_class in _filtersets():
        model = filterset_class._meta.model
        if model._meta.db_table not in tables:
            continue
        names = [name for name in filterset_class.base_filters if name != "ordering"]
        samples = {}
        for name in names:
            value = _sample_value(filterset_class, name, filterset_class.base_filters[name])
            if value is not None:
                samples[name] = value
        combinations = [()] + [(n,) for n in samples] + list(itertools.combinations(samples, 2))
        problems, checked = [], 0
        for combination in combinations:
            data = QueryDict(mutable=True)
            for name in combination:
                data[name] = samples[name]
            filterset = filterset_class(data, queryset=model.objects.for_user(staff), request=None)
            if not filterset.is_valid():
                problems.append(f"{combination}: refused {dict(filterset.errors)}")
                continue
            for ordering in _orderings(filterset_class):
                queryset = filterset.qs.order_by(*ordering)[:51]
                sql, params = queryset.query.sql_with_params()
                checked += 1
                scanned = full_scans(sql, params, tables)
                if scanned:
                    problems.append(
                        f"{data or 'no filter'} ordered by {','.join(ordering)}: seq scan of {scanned}"
                    )
        for problem in problems:
            context.log(f"    {filterset_class.__name__}: {problem}")
        context.log(f"  {filterset_class.__name__}: {checked} plans, {len(problems)} with a full scan")
        results.append(
            at_most(
                f"Full scans of a table over 100,000 rows: {filterset_class.__name__}",
                len(problems),
                0,
                "plans",
            )
        )
    return results


def _list_routes() -> list[str]:
    """Every GET route without parameters (lists, dashboards, forms), found in the URL configuration."""
    routes = []

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if "<" not in route and "(?P" not in route and not route.startswith(("admin", "^")):
                    routes.append("/" + route.lstrip("^").rstrip("$"))

    walk(get_resolver().url_patterns, "")
    skip = ("logout", "/api/v1/schema", "/api/v1/docs", "/api/v1/iati")
    return [route for route in dict.fromkeys(routes) if not any(s in route for s in skip)]


COUNT = re.compile(r"COUNT\(\*\)", re.IGNORECASE)


def measure(context) -> list[Result]:
    tables = big_tables()
    context.log(f"  tables over {BIG:,} rows: {', '.join(f'{t} ({n:,})' for t, n in tables.items())}")
    results = explain_filtersets(context, tables)
    if not os.environ.get("BENCH_PLANS_ONLY"):
        results += counts_over_big_tables(context, tables)
    return results


def counts_over_big_tables(context, tables: dict[str, int]) -> list[Result]:
    from bench.pages import session_cookie

    cookies = {
        "programme manager": session_cookie(context.generated.staff_email),
        "focal point": session_cookie(context.generated.partner_email),
    }
    offenders = set()
    visited = 0
    for who, cookie in cookies.items():
        client = Client(HTTP_HOST="127.0.0.1", HTTP_COOKIE=cookie)
        for route in _list_routes():
            with CaptureQueriesContext(connection) as captured:
                response = client.get(route)
            visited += 1
            if response.status_code >= 500:
                offenders.add(f"{route} ({who}): HTTP {response.status_code}")
            for query in captured.captured_queries:
                sql = query["sql"]
                if not COUNT.search(sql) or not any(f'"{table}"' in sql for table in tables):
                    continue
                counted = _rows_counted(sql, tables)
                if counted > BIG:
                    offenders.add(f"{route} ({who}): COUNT(*) over about {counted:,} rows")
    for offender in sorted(offenders):
        context.log(f"    {offender}")
    context.log(f"  {visited} requests checked for COUNT(*) over large tables")
    return [at_most("Requests counting over 100,000 rows (or failing)", len(offenders), 0, "requests")]


def _rows_counted(sql: str, tables: dict[str, int]) -> int:
    """The rows the planner expects to read from large tables to answer this count; a LIMIT above a
    scan bounds what it reads (a count bounded at 10,001 rows reads at most that many)."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        raw = cursor.fetchone()[0]
    plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]

    def rows(node: dict, cap: float) -> float:
        if node["Node Type"] == "Limit":
            cap = min(cap, node.get("Plan Rows", cap))
        own = (
            node.get("Plan Rows", 0)
            if node.get("Relation Name") in tables and "Scan" in node["Node Type"]
            else 0
        )
        return min(own, cap) + sum(rows(child, cap) for child in node.get("Plans", []))

    return int(rows(plan, float("inf")))
