"""Base FilterSet: one per model, shared by the API list and the page list."""

from __future__ import annotations

import operator
from functools import reduce

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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
