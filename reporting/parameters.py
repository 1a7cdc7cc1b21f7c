"""A report's parameters, checked when it is asked for and read back when it runs.

The portfolio filters are the Actions list's own FilterSet (actions.filtersets.ActionFilterSet), so a
report covers exactly what the same filters show on the Actions page and in the API; a period
(`period_start`, `period_end`) limits the dated figures (activities held, participations, requests
received, credentials issued)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from actions.filtersets import ActionFilterSet
from actions.models import Action
from mieux.errors import ApplicationError

from .choices import ReportKind

PERIOD_KEYS = ("period_start", "period_end")


def _date(value, field: str, errors: dict) -> str | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        errors[field] = [_("Enter a date as YYYY-MM-DD.")]
        return None


def clean_parameters(actor, kind: str, filters: dict, action_id) -> dict:
    """The parameters to store on the run, or ApplicationError naming each bad field."""
    if not isinstance(filters, dict):
        raise ApplicationError(_("The filters must be an object."), fields={"filters": [_("Not an object.")]})
    errors: dict[str, list[str]] = {}
    period = {key: _date(filters.get(key), key, errors) for key in PERIOD_KEYS}
    if period["period_start"] and period["period_end"] and period["period_start"] > period["period_end"]:
        errors["period_end"] = [_("The period ends before it starts.")]
    action_filters = {key: value for key, value in filters.items() if key not in PERIOD_KEYS}
    filterset = ActionFilterSet(action_filters, queryset=Action.objects.for_user(actor))
    unknown = sorted(set(action_filters) - set(filterset.filters))
    for key in unknown:
        errors[key] = [_("Not a filter of the Actions list.")]
    if not unknown and not filterset.is_valid():
        for field, messages in filterset.errors.items():
            errors[field] = list(messages)
    action = None
    if kind == ReportKind.ACTION:
        if action_id in (None, ""):
            errors["action"] = [_("Choose the Action to report on.")]
        else:
            try:
                action = Action.objects.for_user(actor).filter(pk=int(action_id)).first()
            except (TypeError, ValueError):
                action = None
            if action is None:
                errors["action"] = [_("No Action with this id that you can see.")]
    if errors:
        raise ApplicationError(_("The report cannot be made as asked."), fields=errors)
    return {
        "filters": {key: value for key, value in action_filters.items() if value not in (None, "", [])},
        **{key: value for key, value in period.items() if value},
        **({"action": action.pk} if action else {}),
    }


def run_actions(run):
    """The Actions a run covers, as its requester may see them, with its filters applied."""
    queryset = Action.objects.for_user(run.requested_by)
    return ActionFilterSet(run.parameters.get("filters", {}), queryset=queryset).qs


def run_period(run) -> tuple[datetime.date | None, datetime.date | None]:
    parameters = run.parameters
    return tuple(
        datetime.date.fromisoformat(parameters[key]) if parameters.get(key) else None for key in PERIOD_KEYS
    )
