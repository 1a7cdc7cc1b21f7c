"""Lists rendered from `.values()` rows, behind the serializer's own schema.

A list page of 50 Actions through a ModelSerializer builds the serializer's fields by introspecting
the model, makes 50 model instances, prefetches their many-to-many rows through 100 querysets and
walks every field of every instance with DRF's generic attribute lookup: about twenty times what the
database and the JSON encoding cost (see bench/README.md). The busiest lists take this path instead:

- the columns of each field are read with `.values()` (a foreign key's id straight from its column);
- each value goes through the serializer field's own `to_representation`, built once per process,
  so a date, a decimal or a country is written exactly as the serializer writes it;
- fields that are not a column (a property, a method field, a URL, a many-to-many list) are declared
  by the viewset as `Computed` (the columns they need and a function of the row) or `Related` (one
  extra query for the whole page).

Every readable field of the serializer must be covered, or the first request fails loudly (a field
added to the serializer cannot be silently missing from the list), and tests/test_api_rows.py checks,
for each viewset using it, that the rows path and the serializer give the same JSON.
"""

from __future__ import annotations

import datetime
import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import psycopg
from django.conf import settings
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist, ImproperlyConfigured
from django.db import connection, connections, models
from django.db.models import Func
from django.db.models.functions import Cast
from django.db.models.query import ValuesIterable
from django.utils import timezone
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField, RelatedField
from rest_framework.settings import api_settings


@dataclass(frozen=True)
class Computed:
    """A field computed from the row: `columns` it reads and `value(row, context)`, the attribute a
    model instance would have (then written by the serializer field, as for an instance), or with
    `written=True` the representation itself."""

    columns: Sequence[str]
    value: Callable[[dict, dict], Any]
    written: bool = False


@dataclass(frozen=True)
class Related:
    """A field listing related rows, read for the whole page in one query: `rows(ids)` returns
    (owner id, item) pairs in the order they are shown.

    On PostgreSQL the page's own query can carry them instead, as arrays (`arrays`: column alias →
    a function returning an array expression — an ArraySubquery, or SQL when building the
    expression costs more than reading it — in the same order as `rows`), which `items(row)` turns
    into the field's list: one round trip for the page instead of one more per field."""

    rows: Callable[[list[int]], Any]
    arrays: dict[str, Callable[[], Any]] = field(default_factory=dict)
    items: Callable[[dict], list] | None = None

    def in_page_query(self) -> bool:
        return bool(self.arrays) and connection.vendor == "postgresql"


@dataclass
class _Plan:
    columns: list[str]
    # (output name, column, to_representation or None for the raw value)
    plain: list[tuple[str, str, Callable | None]] = field(default_factory=list)
    # (output name, spec, the serializer field's to_representation)
    computed: list[tuple[str, Computed, Callable]] = field(default_factory=list)
    related: list[tuple[str, Related]] = field(default_factory=list)
    order: list[str] = field(default_factory=list)
    # alias → the SQL expression a column is read through, on PostgreSQL (see _read_in_sql)
    in_sql: dict[str, Any] = field(default_factory=dict)


class RowRepresentation:
    """How a viewset's list is read as rows; see the module docstring."""

    def __init__(self, serializer_class: type[serializers.Serializer], **special: Computed | Related):
        self.serializer_class = serializer_class
        self.special = special
        self._plan: _Plan | None = None

    def plan(self) -> _Plan:
        if self._plan is None:
            self._plan = self._make_plan()
        return self._plan

    def _make_plan(self) -> _Plan:
        serializer = self.serializer_class(context={})
        model = serializer.Meta.model
        plan = _Plan(columns=["id"])
        for name, serializer_field in serializer.fields.items():
            if serializer_field.write_only:
                continue
            plan.order.append(name)
            special = self.special.get(name)
            if isinstance(special, Computed):
                plan.computed.append((name, special, _converter(serializer_field)))
                plan.columns.extend(special.columns)
            elif isinstance(special, Related):
                plan.related.append((name, special))
            elif isinstance(serializer_field, ManyRelatedField | serializers.ListSerializer):
                raise ImproperlyConfigured(f"{self.serializer_class.__name__}.{name}: declare it as Related.")
            else:
                column, convert = self._column(model, name, serializer_field)
                expression, convert_read = _read_in_sql(model, serializer_field, column)
                if expression is not None:
                    alias = f"{column}_as_read"
                    plan.in_sql[alias] = expression
                    plan.plain.append((name, alias, convert_read))
                else:
                    plan.plain.append((name, column, convert))
                    plan.columns.append(column)
        plan.columns = list(dict.fromkeys(plan.columns))
        return plan

    def _column(self, model, name: str, serializer_field) -> tuple[str, Callable | None]:
        source = serializer_field.source
        if source == "*" or isinstance(serializer_field, serializers.SerializerMethodField):
            raise ImproperlyConfigured(f"{self.serializer_class.__name__}.{name}: declare it as Computed.")
        if "." in source:
            raise ImproperlyConfigured(f"{self.serializer_class.__name__}.{name}: declare it as Computed.")
        try:
            model_field = model._meta.get_field(source)
        except FieldDoesNotExist:
            raise ImproperlyConfigured(
                f"{self.serializer_class.__name__}.{name} is not a column of {model.__name__}: "
                "declare it as Computed."
            ) from None
        if isinstance(serializer_field, RelatedField):
            if not isinstance(model_field, models.ForeignKey | models.OneToOneField):
                raise ImproperlyConfigured(f"{self.serializer_class.__name__}.{name}: declare it as Related.")
            return model_field.attname, None  # the id, as PrimaryKeyRelatedField writes it
        if source in _translated_fields(model):
            # modeltranslation's `name` column is not what `instance.name` reads (the current
            # language with fallbacks): such a field must be computed from its _en/_fr/_es columns.
            raise ImproperlyConfigured(f"{self.serializer_class.__name__}.{name}: declare it as Computed.")
        return model_field.attname, _converter(serializer_field, model_field)

    def queryset(self, queryset: models.QuerySet, ordering: Sequence[str] = ()) -> models.QuerySet:
        """The filtered queryset as rows: the plan's columns, plus what the ordering needs."""
        columns = [*self.plan().columns, *(name.lstrip("-") for name in ordering)]
        arrays = {
            alias: make()
            for _name, spec in self.plan().related
            if spec.in_page_query()
            for alias, make in spec.arrays.items()
        }
        arrays |= self.plan().in_sql
        queryset = queryset.prefetch_related(None)
        # modeltranslation's values() reads every translated field through a model instance per row
        # (its fallback rules, again); `translated()` reads the language columns itself, so the rows
        # are taken as the columns are (raw_values), which was ~40 % of the Actions list's cost.
        values = getattr(queryset, "raw_values", queryset.values)
        rows = values(*dict.fromkeys(columns), **arrays)
        if connections[rows.db].vendor == "postgresql":
            rows._iterable_class = PreparedValuesIterable
        return rows

    def represent(self, rows: list[dict], context: dict) -> list[dict]:
        """The page's rows as the serializer writes them: one query per Related field, then none."""
        return self.write(rows, self.related(rows), context)

    def related(self, rows: list[dict]) -> dict[str, dict[int, list]]:
        grouped_by_field = {}
        if rows:
            ids = [row["id"] for row in rows]
            for name, spec in self.plan().related:
                grouped = defaultdict(list)
                if spec.in_page_query():
                    for row in rows:
                        grouped[row["id"]] = spec.items(row)
                else:
                    for owner, item in spec.rows(ids):
                        grouped[owner].append(item)
                grouped_by_field[name] = grouped
        return grouped_by_field

    def write(self, rows: list[dict], related: dict[str, dict[int, list]], context: dict) -> list[dict]:
        """Pure Python from here on (the query-count guards in the tests run it with queries disabled)."""
        plan = self.plan()
        _page.zone = timezone.get_current_timezone()
        _page.languages = _language_order()
        output = []
        for row in rows:
            values = {}
            for name, column, convert in plan.plain:
                value = row[column]
                values[name] = value if value is None or convert is None else convert(value)
            for name, spec, convert in plan.computed:
                value = spec.value(row, context)
                values[name] = value if spec.written or value is None else convert(value)
            for name, grouped in related.items():
                values[name] = grouped.get(row["id"], [])
            output.append({name: values[name] for name in plan.order})
        return output


class PreparedValuesIterable(ValuesIterable):
    """Django's ValuesIterable, with the query sent to PostgreSQL with its parameters apart.

    Django binds parameters into the SQL text on the client (psycopg's ClientCursor), so PostgreSQL
    parses and plans each list query afresh: for the credentials list (two joins) planning cost
    twice the execution. A list's query has the same text for every page of the same shape — only
    the cursor position and filter values change — so with server-side binding psycopg prepares it
    after a few executions on a connection (prepare_threshold) and PostgreSQL plans it once.

    Only these lists' queries are sent this way: they are plain SELECTs (no GROUP BY, whose
    parameters PostgreSQL cannot match between SELECT and GROUP BY with server-side binding, the
    reason Django binds on the client by default). The cursor is still Django's wrapper, so query
    logging, execute wrappers and the tests' query-count guards see it as any other query.
    """

    def __iter__(self):
        queryset = self.queryset
        query = queryset.query
        connection = connections[queryset.db]
        compiler = query.get_compiler(queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return
        names = list(query.selected) if query.selected else [
            *query.extra_select, *query.values_select, *query.annotation_select
        ]  # fmt: skip
        connection.ensure_connection()
        with connection._prepare_cursor(psycopg.Cursor(connection.connection)) as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        columns = compiler.col_count
        fields = [selected[0] for selected in compiler.select[0:columns]]
        converters = compiler.get_converters(fields)
        if converters:
            rows = compiler.apply_converters(rows, converters)
        indexes = range(len(names))
        for row in rows:
            yield {names[i]: row[i] for i in indexes}


# What every value of a page is written in — the time zone of date-times, the order in which
# translations are tried — read once per page rather than once per value (get_language() goes through
# asgiref's Local, and a page of Actions has 150 translated values).
_page = threading.local()


def _language_order() -> list[str]:
    from django.utils.translation import get_language

    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    fallbacks = getattr(settings, "MODELTRANSLATION_FALLBACK_LANGUAGES", ("en",))
    return list(dict.fromkeys([current, *fallbacks]))


# DRF fields whose to_representation returns a column's value unchanged when the column is of the
# matching kind (str(text), the choice whose string is the value, int(int), a bool as itself): the
# value is written as read. A subclass that overrides to_representation is not on this list.
_UNCHANGED_BY = {
    serializers.CharField.to_representation: (models.CharField, models.TextField),
    serializers.ChoiceField.to_representation: (models.CharField, models.IntegerField),
    serializers.IntegerField.to_representation: (models.IntegerField,),
    serializers.BooleanField.to_representation: (models.BooleanField,),
}


def _converter(serializer_field, model_field=None) -> Callable | None:
    """The serializer field's to_representation, None where it would return the column's value
    unchanged, or an equivalent shortcut for the kinds that dominate a page's cost. Each gives DRF's
    output (tests/test_api_rows.py compares the two paths)."""
    kinds = _UNCHANGED_BY.get(type(serializer_field).to_representation)
    if kinds and isinstance(model_field, kinds):
        return None
    if (
        isinstance(serializer_field, serializers.DateField)
        and type(serializer_field).to_representation is serializers.DateField.to_representation
        and isinstance(model_field, models.DateField)
        and not isinstance(model_field, models.DateTimeField)
        and str(getattr(serializer_field, "format", api_settings.DATE_FORMAT)).lower() == "iso-8601"
    ):
        return _date_text
    if isinstance(serializer_field, serializers.DateTimeField) and _drf_iso_datetime(serializer_field):

        def datetime_text(value):
            text = value.astimezone(_page.zone).isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text

        return datetime_text
    if (
        isinstance(serializer_field, serializers.DecimalField)
        and getattr(serializer_field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING)
        and not serializer_field.normalize_output
        and not serializer_field.localize
        and serializer_field.decimal_places is not None
    ):
        places, slow = serializer_field.decimal_places, serializer_field.to_representation

        def decimal_text(value):
            # A numeric column comes back with the field's scale: quantizing it would change nothing.
            if isinstance(value, Decimal) and value.is_finite() and value.as_tuple().exponent == -places:
                return f"{value:f}"
            return slow(value)

        return decimal_text
    return serializer_field.to_representation


def _date_text(value):
    return value.isoformat() if value else None


def _read_in_sql(model, serializer_field, column: str):
    """(expression, converter) when PostgreSQL can hand a column over cheaper than the driver's
    default reading of it, else (None, None). Each gives the serializer's output exactly
    (tests/test_api_rows.py compares):

    - a decimal whose serializer keeps the model's places, neither normalised nor localised, as the
      column's text: numeric(p, s) is written with exactly s places, DRF's string — no Decimal is
      built and formatted again (a fifth of a participations page's Python time);
    - a date-time as `timestamp` in UTC: Django reads `timestamptz` through its own pure-Python
      loader, psycopg reads `timestamp` in C; the converter puts the zone back.
    """
    if connection.vendor != "postgresql":
        return None, None
    model_field = model._meta.get_field(serializer_field.source)
    if (
        isinstance(serializer_field, serializers.DecimalField)
        and isinstance(model_field, models.DecimalField)
        and model_field.decimal_places == serializer_field.decimal_places
        and getattr(serializer_field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING)
        and not serializer_field.normalize_output
        and not serializer_field.localize
    ):
        return Cast(column, models.TextField()), None
    if (
        isinstance(serializer_field, serializers.DateTimeField)
        and type(serializer_field).to_representation is serializers.DateTimeField.to_representation
        and isinstance(model_field, models.DateTimeField)
        and _drf_iso_datetime(serializer_field)
    ):
        return _InUtc(column), _utc_datetime_text
    return None, None


class _InUtc(Func):
    """`column AT TIME ZONE 'UTC'`: the instant as a UTC wall-clock `timestamp`."""

    template = "(%(expressions)s AT TIME ZONE 'UTC')"
    output_field = models.DateTimeField()


def _utc_datetime_text(value):
    text = value.replace(tzinfo=datetime.UTC).astimezone(_page.zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _drf_iso_datetime(serializer_field) -> bool:
    output = getattr(serializer_field, "format", api_settings.DATETIME_FORMAT)
    return (
        isinstance(output, str)
        and output.lower() == "iso-8601"
        and getattr(serializer_field, "timezone", None) is None
        and settings.USE_TZ
    )


def _translated_fields(model) -> set[str]:
    from modeltranslation.translator import NotRegistered, translator

    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def translated(column: str) -> Computed:
    """A modeltranslation field as `instance.<column>` reads it: the current language, else the
    fallback languages in order (MODELTRANSLATION_FALLBACK_LANGUAGES), else the raw column."""
    codes = [code for code, _name in settings.LANGUAGES]

    def value(row: dict, context: dict):
        for code in _page.languages:
            text = row.get(f"{column}_{code}")
            if text:
                return text
        return row.get(column) or ""

    return Computed([column, *(f"{column}_{code}" for code in codes)], value)


class UrlTemplate:
    """`reverse(route, args=[…])` for every row at the cost of one reverse: the route is reversed once
    with placeholders, which each row's values replace."""

    def __init__(self, route: str, *constant_args):
        self.route, self.constant_args = route, constant_args
        self._template: str | None = None

    def __call__(self, key) -> str:
        if self._template is None:
            from django.urls import reverse

            self._template = reverse(self.route, args=["0123456789", *self.constant_args])
        return self._template.replace("0123456789", str(key), 1)
