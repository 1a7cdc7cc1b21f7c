"""Base FilterSet: one per model, shared by the API list and the page list."""

from __future__ import annotations

import operator
from functools import reduce

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field


class BaseFilterSet(django_filters.FilterSet):
    """Adds `q`, a free-text search over `search_fields` (case-insensitive, any field matching)."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"))
    search_fields: tuple[str, ...] = ()

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
