from django import template
from django.db.models import Model
from django.utils.formats import localize
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def cell(obj, accessor: str):
    """Follow a dotted attribute path ("country.name"), calling methods such as get_type_display."""
    value = obj
    for part in accessor.split("."):
        value = getattr(value, part, "")
        if callable(value) and not isinstance(value, Model):
            value = value()
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    return localize(value) if value not in (None, "") else "—"


@register.simple_tag
def sort_query(current: str, key: str, base_query: str) -> str:
    """The query string that sorts by `key`, flipping direction when it is already the sort."""
    new = f"-{key}" if current == key else key
    return f"?{base_query}&ordering={new}" if base_query else f"?ordering={new}"


@register.filter
def change_value(value):
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value
