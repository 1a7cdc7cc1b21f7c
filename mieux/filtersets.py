"""Base FilterSet: one per model, shared by the API list and the page list."""

from __future__ import annotations

import copy
import functools
import operator
from functools import reduce

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field


@functools.lru_cache(maxsize=512)
def _single_valued(model, lookup: str) -> bool:
    """Whether following `lookup` from `model` crosses no one-to-many or many-to-many relation."""
    for part in lookup.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return part in LOOKUP_SUFFIXES  # a lookup such as __in or __year ends the path
        if field.many_to_many or field.one_to_many:
            return False
        if not field.is_relation:
            return True
        model = field.related_model
    return True


LOOKUP_SUFFIXES = frozenset({"in", "exact", "iexact", "year", "month", "gte", "lte", "gt", "lt", "isnull"})


class FilterForm(forms.Form):
    """The form of one FilterSet instance. django-filter builds its class and fields afresh for each
    request, so the deep copy of the fields Django makes for every form (widgets, choices, lazy
    labels) protects nothing here: the fields are used as built."""

    def __init__(self, *args, **kwargs):
        fields = self.base_fields
        self.base_fields = {}
        super().__init__(*args, **kwargs)
        self.fields = dict(fields)


class BaseFilterSet(django_filters.FilterSet):
    """Adds `q`, a free-text search over `search_fields` (case-insensitive, any field matching)."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"))
    search_fields: tuple[str, ...] = ()

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, only=None):
        """As django-filter's, but each filter is copied shallowly with its own `extra`, instead of the
        deep copy of every filter (choices, querysets, lazy labels) that was the largest single cost
        of a list request. A filter's per-request state is its model, its parent and the form field it
        builds from `extra` (a ModelChoiceFilter writes the request's queryset there), and the bound
        method of a `method=` filter, all of which the copy keeps apart.

        `only` (names) keeps just those filters: the API asks for the ones its query names, as an
        absent filter never filters and building every filter's form field was most of a filtered
        request's filtering cost (mieux.api.filters)."""
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {}
        for name, declared in self.base_filters.items():
            if only is not None and name not in only:
                continue
            filter_ = copy.copy(declared)
            filter_.extra = dict(declared.extra)
            filter_.__dict__.pop("_field", None)  # each request builds its own form field
            if filter_.distinct and _single_valued(queryset.model, declared.field_name):
                # django-filter makes every multiple-choice filter DISTINCT, which costs a sort of
                # every matching row; a path without a to-many join cannot repeat a row.
                filter_.distinct = False
            if declared.method is not None:
                filter_.method = declared.method  # rebinds its FilterMethod to the copy, not the original
            filter_.model = queryset.model
            filter_.parent = self
            self.filters[name] = filter_

    def get_form_class(self):
        fields = {name: filter_.field for name, filter_ in self.filters.items()}
        return type(f"{type(self).__name__}Form", (FilterForm,), fields)

    def filter_search(self, queryset, name, value):
        terms = value.split()[:8]
        if not terms or not self.search_fields:
            return queryset
        for term in terms:
            matches = [Q(**{f"{field}__icontains": term}) for field in self.search_fields]
            queryset = queryset.filter(reduce(operator.or_, matches))
        return queryset


class StrictBooleanField(forms.NullBooleanField):
    """true/false (or 1/0, yes/no); anything else is an error naming the filter, not a silent no-op."""

    widget = forms.Select(choices=[("", "—"), ("true", _("Yes")), ("false", _("No"))])
    _TRUE = {"true", "1", "yes", "on"}
    _FALSE = {"false", "0", "no", "off"}

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in self._TRUE:
            return True
        if text in self._FALSE:
            return False
        raise forms.ValidationError(_("Give true or false."), code="invalid")

    def validate(self, value):
        pass


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


# PostgreSQL's bigint: a larger id can match nothing, and would make the database raise.
MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """A related object's id: a positive whole number, checked before it reaches the database."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)
