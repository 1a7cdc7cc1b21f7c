"""The dashboard: headline figures and the reporting charts (reporting.charts, the same SVG as in the
PDF reports). Programme staff and integrators get it as their home page over the whole portfolio;
partner users (focal points, HR and training-unit officers) get it at /reports/dashboard/ over the
Actions their institution takes part in. Every figure is one aggregate query, whatever the size of
the portfolio."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from actions.choices import HELD_ACTIVITY_STATUSES
from actions.models import Action, Activity, ExpertAssignment, Participation
from actions.querysets import taking_part_action_ids
from certification.choices import CredentialStatus
from certification.models import Credential

from . import charts
from .permissions import can_request_report

HELD = sorted(HELD_ACTIVITY_STATUSES)


def dashboard_actions(user):
    """The Actions the dashboard covers: the whole portfolio for staff and integrators; for a
    partner user, the Actions their institution takes part in (not the others' published ones)."""
    actions = Action.objects.for_user(user)
    if not user.sees_whole_portfolio:
        actions = actions.filter(pk__in=taking_part_action_ids(user))
    return actions


def last_twelve_months(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = today.replace(day=1)
    for _month in range(11):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return first, today


def headline_figures(user, actions) -> list[dict]:
    """Actions, activities held, participants (people), experts deployed, credentials active."""
    action_ids = actions.values("pk")
    activity_figures = Activity.objects.filter(action__in=action_ids).aggregate(
        held=Count("pk", filter=Q(status__in=HELD))
    )
    people = (
        Participation.objects.filter(activity__action__in=action_ids, activity__status__in=HELD)
        .order_by()
        .aggregate(people=Count("person", distinct=True), attendances=Count("pk"))
    )
    experts = (
        ExpertAssignment.objects.filter(activity__action__in=action_ids, activity__status__in=HELD)
        .order_by()
        .aggregate(experts=Count("expert", distinct=True), deployments=Count("pk"))
    )
    credentials = Credential.objects.for_user(user).filter(status=CredentialStatus.ACTIVE).count()
    return [
        {"key": "actions", "label": _("Actions"), "value": actions.order_by().count()},
        {"key": "activities", "label": _("Activities held"), "value": activity_figures["held"]},
        {
            "key": "participants",
            "label": _("Participants"),
            "value": people["people"],
            "note": _("%(count)s attendances") % {"count": people["attendances"]},
        },
        {
            "key": "experts",
            "label": _("Experts deployed"),
            "value": experts["experts"],
            "note": _("%(count)s deployments") % {"count": experts["deployments"]},
        },
        {"key": "credentials", "label": _("Credentials active"), "value": credentials},
    ]


def dashboard_context(user) -> dict:
    actions = dashboard_actions(user)
    start, end = last_twelve_months(timezone.localdate())
    # pygal draws the SVG from figures the database aggregated; it escapes every label it writes.
    chart_list = [
        ("phase-type", charts.actions_by_phase_and_type(actions)),
        ("per-month", charts.activities_per_month(actions, start, end)),
        ("by-sex", charts.participants_by_sex(actions)),
        ("oecd", charts.progress_by_oecd_level(actions)),
    ]
    return {
        "figures": headline_figures(user, actions),
        "charts": [{"key": key, "svg": mark_safe(svg)} for key, svg in chart_list],  # noqa: S308
        "world_map": mark_safe(charts.world_map(actions)),  # noqa: S308
        "period_start": start,
        "period_end": end,
        "whole_portfolio": user.sees_whole_portfolio,
    }


def dashboard_home(request):
    """The staff and integrators' home page (mieux.pages.home hands over to it)."""
    from mieux.pages import _home_sections

    context = dashboard_context(request.user)
    context["sections"] = _home_sections(request.user)
    return render(request, "reporting/dashboard.html", context)


@login_required
def partner_dashboard(request):
    """The same dashboard restricted to the user's institution (staff see the whole portfolio here
    too). Officials and experts have their own pages."""
    if not can_request_report(request.user):
        raise PermissionDenied
    return render(request, "reporting/dashboard.html", dashboard_context(request.user))
