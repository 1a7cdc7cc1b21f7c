"""The dashboard: headline figures and the reporting charts (reporting.charts, the same SVG as in the
PDF reports). Programme staff and integrators get it as their home page over the whole portfolio;
partner users (focal points, HR and training-unit officers) get it at /reports/dashboard/ over the
Actions their institution takes part in.

The figures count every participation of the portfolio, seconds of work at the programme's size, so
a page never computes them: the task reporting.dashboard_refresh computes a snapshot of one scope
(the portfolio, or one institution's share) and keeps it in the cache, drawn once per language, with
the time it was computed. The page shows the snapshot it finds and asks for a fresh one when it is
older than DASHBOARD_STALE_AFTER_SECONDS; the portfolio's is refreshed every five minutes anyway
(mieux/celery.py). Without a worker (Celery eager: development, tests, benchmark) the refresh runs
in the request that asks for it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from actions.choices import HELD_ACTIVITY_STATUSES
from actions.models import Action, ActionPartner, Activity, ExpertAssignment, Participation
from certification.choices import CredentialStatus
from certification.models import Credential

from . import charts
from .permissions import can_request_report

HELD = sorted(HELD_ACTIVITY_STATUSES)
# A snapshot outlives its freshness by far: a stale one is still shown while the next is computed.
SNAPSHOT_KEPT_SECONDS = 24 * 60 * 60
# How long a requested refresh keeps others from requesting it again (a lost worker frees it).
REFRESH_PENDING_SECONDS = 10 * 60
# The registry overview of the staff home: (app, model, list page).
REGISTRY = (
    ("partners", "Institution", "partners:institution_list"),
    ("partners", "Person", "partners:person_list"),
    ("partners", "CoordinationMechanism", "partners:mechanism_list"),
    ("partners", "Expert", "partners:expert_list"),
)


def stale_after_seconds() -> int:
    return getattr(settings, "DASHBOARD_STALE_AFTER_SECONDS", 300)


@dataclass(frozen=True)
class DashboardScope:
    """What a dashboard covers: the whole portfolio (staff and integrators), or the Actions one
    institution takes part in and its credentials (its partner users). The key names it in the
    cache and in the refresh task."""

    key: str
    institution_id: int | None = None

    PORTFOLIO = "portfolio"

    @property
    def whole_portfolio(self) -> bool:
        return self.key == self.PORTFOLIO

    @classmethod
    def of_user(cls, user) -> DashboardScope:
        if user.sees_whole_portfolio:
            return cls(cls.PORTFOLIO)
        person = apps.get_model("partners", "Person")
        institution_id = person.objects.filter(user=user).values_list("institution_id", flat=True).first()
        return cls(f"institution-{institution_id or 'none'}", institution_id)

    @classmethod
    def from_key(cls, key: str) -> DashboardScope:
        if key == cls.PORTFOLIO:
            return cls(key)
        prefix, _separator, institution = key.partition("-")
        if prefix != "institution" or not (institution.isdigit() or institution == "none"):
            raise ValueError(f"Not a dashboard scope: {key!r}")
        return cls(key, int(institution) if institution.isdigit() else None)

    def actions(self) -> QuerySet:
        """The same Actions as Action.objects.for_user of a user of this scope, less the published
        Actions of others a partner may read but does not take part in."""
        if self.whole_portfolio:
            return Action.objects.all()
        taking_part = ActionPartner.objects.filter(institution_id=self.institution_id).values("action_id")
        return Action.objects.filter(pk__in=taking_part)

    def credentials(self) -> QuerySet:
        if self.whole_portfolio:
            return Credential.objects.all()
        return Credential.objects.filter(institution_id=self.institution_id)


def last_twelve_months(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = today.replace(day=1)
    for _month in range(11):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return first, today


# --- Computing a snapshot (the task) ---


def _snapshot_key(scope_key: str, language: str) -> str:
    return f"dashboard:{scope_key}:{language}"


def _pending_key(scope_key: str) -> str:
    return f"dashboard:{scope_key}:pending"


def _progress_key(scope_key: str) -> str:
    return f"dashboard:{scope_key}:progress"


def scope_counts(scope: DashboardScope) -> dict:
    """The figures of the scope, in every language alike: one aggregate query each."""
    actions = scope.actions()
    action_ids = actions.values("pk")
    activities = Activity.objects.filter(action__in=action_ids).aggregate(
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
    return {
        "actions": actions.order_by().count(),
        "activities": activities["held"],
        "participants": people["people"],
        "attendances": people["attendances"],
        "experts": experts["experts"],
        "deployments": experts["deployments"],
        "credentials": scope.credentials().filter(status=CredentialStatus.ACTIVE).count(),
    }


def _headline_figures(counts: dict) -> list[dict]:
    """Actions, activities held, participants (people), experts deployed, credentials active."""
    return [
        {"key": "actions", "label": _("Actions"), "value": counts["actions"]},
        {"key": "activities", "label": _("Activities held"), "value": counts["activities"]},
        {
            "key": "participants",
            "label": _("Participants"),
            "value": counts["participants"],
            "note": _("%(count)s attendances") % {"count": counts["attendances"]},
        },
        {
            "key": "experts",
            "label": _("Experts deployed"),
            "value": counts["experts"],
            "note": _("%(count)s deployments") % {"count": counts["deployments"]},
        },
        {"key": "credentials", "label": _("Credentials active"), "value": counts["credentials"]},
    ]


def _registry_sections(registry_counts: dict[str, int]) -> list[dict]:
    sections = []
    for label, model_name, url_name in REGISTRY:
        model = apps.get_model(label, model_name)
        sections.append(
            {
                "title": str(model._meta.verbose_name_plural),
                "count": registry_counts[model_name],
                "url": url_name,
            }
        )
    return sections


def _scope_data(scope: DashboardScope, start: datetime.date, end: datetime.date, progress_key: str) -> dict:
    """Every figure of the snapshot, as plain values, step by step (80 % of the work)."""
    actions = scope.actions()
    steps = [
        ("counts", lambda: scope_counts(scope)),
        ("phase_type", lambda: charts.phase_and_type_counts(actions)),
        ("per_month", lambda: charts.monthly_activity_counts(actions, start, end)),
        ("by_sex", lambda: charts.people_by_sex(actions)),
        ("oecd", lambda: charts.oecd_progress(actions)),
        ("countries", lambda: charts.actions_per_country(actions)),
    ]
    if scope.whole_portfolio:
        # The registry's sizes are figures of the staff home only, counted here rather than on
        # every request (the people table is the programme's largest).
        steps.append(
            (
                "registry",
                lambda: {name: apps.get_model(app, name).objects.count() for app, name, _url in REGISTRY},
            )
        )
    data = {}
    for number, (name, compute) in enumerate(steps, start=1):
        data[name] = compute()
        cache.set(progress_key, round(80 * number / len(steps)), REFRESH_PENDING_SECONDS)
    return data


def _drawn(data: dict) -> dict:
    """The snapshot's figures and charts in the active language."""
    return {
        "figures": _headline_figures(data["counts"]),
        # pygal draws the SVG from figures the database aggregated; it escapes every label.
        "charts": [
            {"key": "phase-type", "svg": charts.draw_phase_and_type(data["phase_type"])},
            {"key": "per-month", "svg": charts.draw_activities_per_month(data["per_month"])},
            {"key": "by-sex", "svg": charts.draw_participants_by_sex(data["by_sex"])},
            {"key": "oecd", "svg": charts.draw_progress_by_oecd_level(data["oecd"])},
        ],
        "world_map": charts.draw_world_map(data["countries"]),
        "sections": _registry_sections(data["registry"]) if "registry" in data else [],
    }


def dashboard_snapshot_refresh(scope_key: str) -> None:
    """Compute the scope's figures once and keep them in the cache, drawn in each language. The
    progress of the steps is kept too, for the page that waits for a first snapshot."""
    scope = DashboardScope.from_key(scope_key)
    progress_key = _progress_key(scope_key)
    computed_at = timezone.now()
    start, end = last_twelve_months(timezone.localdate())
    try:
        cache.set(progress_key, 0, REFRESH_PENDING_SECONDS)
        data = _scope_data(scope, start, end, progress_key)
        for number, (language, _name) in enumerate(settings.LANGUAGES, start=1):
            with translation.override(language):
                snapshot = {
                    "computed_at": computed_at,
                    "period_start": start,
                    "period_end": end,
                    **_drawn(data),
                }
            cache.set(_snapshot_key(scope_key, language), snapshot, SNAPSHOT_KEPT_SECONDS)
            cache.set(
                progress_key, 80 + round(20 * number / len(settings.LANGUAGES)), REFRESH_PENDING_SECONDS
            )
    finally:
        # Done or failed, the next request may ask again.
        cache.delete_many([progress_key, _pending_key(scope_key)])


# --- Reading a snapshot (the page) ---


def _request_refresh(scope_key: str) -> None:
    """Queue one refresh of the scope, however many requests find its snapshot missing or stale."""
    from .tasks import dashboard_refresh as refresh_task

    if cache.add(_pending_key(scope_key), True, REFRESH_PENDING_SECONDS):
        # Queued at once: a page read writes nothing whose commit the task would wait for.
        refresh_task.delay(scope_key)


def current_snapshot(scope: DashboardScope) -> dict | None:
    """The scope's snapshot in the current language; None while the first one is being computed.
    A missing or stale one is refreshed: by a worker while this request shows what there is, or
    here and now when Celery runs eagerly."""
    key = _snapshot_key(scope.key, translation.get_language())
    snapshot = cache.get(key)
    age = (timezone.now() - snapshot["computed_at"]).total_seconds() if snapshot else None
    if snapshot is None or age >= stale_after_seconds():
        _request_refresh(scope.key)
        snapshot = cache.get(key) or snapshot
    return snapshot


def _as_of(computed_at: datetime.datetime) -> str:
    """The snapshot's time; with its date when it is not today's."""
    local = timezone.localtime(computed_at)
    if local.date() == timezone.localdate():
        return date_format(local, "H:i")
    return date_format(local, "SHORT_DATETIME_FORMAT")


def dashboard_context(user) -> dict:
    scope = DashboardScope.of_user(user)
    snapshot = current_snapshot(scope)
    context = {"whole_portfolio": scope.whole_portfolio, "snapshot": snapshot}
    if snapshot is None:
        context["progress"] = cache.get(_progress_key(scope.key), 0)
        return context
    context.update(
        figures=snapshot["figures"],
        charts=[{"key": chart["key"], "svg": mark_safe(chart["svg"])} for chart in snapshot["charts"]],  # noqa: S308
        # The map (about half a megabyte of SVG) is its own resource: the page stays light and the
        # browser keeps the map while the snapshot does not change.
        map_version=int(snapshot["computed_at"].timestamp()),
        period_start=snapshot["period_start"],
        period_end=snapshot["period_end"],
        sections=snapshot["sections"],
        as_of=_as_of(snapshot["computed_at"]),
    )
    return context


@login_required
def dashboard_map(request):
    """The world map of the requester's own dashboard scope, in their language: never another scope's."""
    user = request.user
    if not (user.sees_whole_portfolio or can_request_report(user)):
        raise PermissionDenied
    snapshot = current_snapshot(DashboardScope.of_user(user))
    if snapshot is None:
        raise Http404
    response = HttpResponse(snapshot["world_map"], content_type="image/svg+xml; charset=utf-8")
    # The address carries the snapshot's version, so the browser may keep this one.
    response["Cache-Control"] = "private, max-age=3600"
    # Served from our own origin: even if an SVG ever carried a script, it could not run.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


def dashboard_home(request):
    """The staff and integrators' home page (mieux.pages.home hands over to it)."""
    return render(request, "reporting/dashboard.html", dashboard_context(request.user))


@login_required
def partner_dashboard(request):
    """The same dashboard restricted to the user's institution (staff see the whole portfolio here
    too). Officials and experts have their own pages."""
    if not can_request_report(request.user):
        raise PermissionDenied
    context = dashboard_context(request.user)
    # The registry overview belongs to the staff home page.
    context.pop("sections", None)
    return render(request, "reporting/dashboard.html", context)
