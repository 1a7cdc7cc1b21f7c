"""The API's filter backend: django-filter's, with the FilterSet built for the filters the request
names only.

An API request names one or two filters of the ten or twenty a FilterSet declares; the others
would be built (a form field each, with its choices) and validated as empty only to filter nothing.
A filter counts as named when a query parameter is its name or starts with its name and an
underscore (a range's `_min`/`_max`, a date range's `_after`/`_before`), so a filter whose widget
reads suffixed parameters is never left out; including one too many only costs its field.
"""

from django_filters.rest_framework import DjangoFilterBackend

from mieux.filtersets import BaseFilterSet


def named_filters(filterset_class, query_params) -> set[str]:
    given = set(query_params)
    return {
        name
        for name in filterset_class.base_filters
        if name in given or any(parameter.startswith(f"{name}_") for parameter in given)
    }


class NamedFiltersBackend(DjangoFilterBackend):
    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and issubclass(filterset_class, BaseFilterSet):
            kwargs["only"] = named_filters(filterset_class, request.query_params)
        return kwargs
