from django.conf import settings
from rest_framework.pagination import CursorPagination


class StableCursorPagination(CursorPagination):
    """Cursor pagination on every list: a deep page costs what the first one costs, and no request
    ever counts the whole table. `page_size` can be lowered or raised up to API_MAX_PAGE_SIZE.

    Sorting comes from the FilterSet's `ordering` filter (the same one the pages use); the primary key
    breaks ties so the order is total and a cursor never skips or repeats a row.
    """

    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE
    ordering = "-id"

    def get_ordering(self, request, queryset, view):
        requested = request.query_params.get("ordering", "")
        filterset_class = getattr(view, "filterset_class", None)
        ordering_filter = filterset_class.base_filters.get("ordering") if filterset_class else None
        param_map = getattr(ordering_filter, "param_map", {})
        descending = requested.startswith("-")
        field = param_map.get(requested.lstrip("-"))
        if field:
            return (f"-{field}", "-id") if descending else (field, "id")
        return (self.ordering,)
