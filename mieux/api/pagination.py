from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
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

    def get_page_size(self, request):
        """A page size that is not a positive whole number is a 400 naming `page_size`, not a silent
        fallback; a size above the maximum is capped (documented in the schema)."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or int(raw) < 1:
            raise ValidationError({self.page_size_query_param: [_("Give a whole number of at least 1.")]})
        return min(int(raw), self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
                parameter["description"] = (
                    f"Rows per page, at most {self.max_page_size} (larger values are capped)."
                )
        return parameters

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
