"""The dashboard's snapshot: computed once by reporting.dashboard_refresh and served from the cache,
refreshed when stale, one per scope (a partner never sees the portfolio's) and per language."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions.choices import ActivityStatus
from mieux.celery import app
from mieux.models import User
from reporting import dashboard, tasks
from reporting.dashboard import DashboardScope
from tests.actions.factories import ActionFactory, ActivityFactory, ParticipationFactory
from tests.factories import PersonFactory

FRESH_FOR_FIVE_MINUTES = override_settings(DASHBOARD_STALE_AFTER_SECONDS=300)


def figures(response) -> dict[str, int]:
    return {figure["key"]: figure["value"] for figure in response.context["figures"]}


def seed_action(institution, people: int = 1):
    action = ActionFactory(lead=institution, countries=["MX"])
    activity = ActivityFactory(action=action, status=ActivityStatus.HELD, held_on=datetime.date.today())
    for _person in range(people):
        ParticipationFactory(activity=activity, person=PersonFactory(institution=institution))
    return action


@pytest.fixture
def refreshes(monkeypatch):
    """Counts the snapshots computed (the task still runs: Celery is eager in tests)."""
    computed = []
    compute = dashboard.dashboard_snapshot_refresh

    def counting(scope_key):
        computed.append(scope_key)
        compute(scope_key)

    monkeypatch.setattr(dashboard, "dashboard_snapshot_refresh", counting)
    return computed


@pytest.fixture
def queued(monkeypatch):
    """A broker instead of eager Celery: refreshes are queued, and nothing computes them."""
    queue = []
    monkeypatch.setattr(tasks.dashboard_refresh, "delay", queue.append)
    return queue


@FRESH_FOR_FIVE_MINUTES
def test_the_snapshot_is_computed_once_then_served_from_the_cache(world, page_client_for, refreshes):
    seed_action(world.institution_a, people=2)
    client = page_client_for(world.user("programme_manager"))

    first = client.get(reverse("home"))
    seed_action(world.institution_a)  # after the snapshot: not counted until the next one
    with CaptureQueriesContext(connection) as queries:
        second = client.get(reverse("home"))

    assert refreshes == ["portfolio"]
    assert figures(first) == figures(second)
    assert figures(second)["participants"] == 2
    # The page counts nothing: no aggregate over participations or people on the request.
    assert not [query for query in queries if "COUNT(" in query["sql"].upper()], queries.captured_queries
    page = second.content.decode()
    assert "Figures as of " in page and 'data-chart="world-map"' in page
    assert reverse("partners:person_list") in page  # the registry overview, counted by the task


@FRESH_FOR_FIVE_MINUTES
def test_a_stale_snapshot_is_shown_while_a_refresh_is_queued(world, page_client_for, queued):
    seed_action(world.institution_a)
    dashboard.dashboard_snapshot_refresh(DashboardScope.PORTFOLIO)
    for language in ("en", "fr", "es"):
        key = f"dashboard:portfolio:{language}"
        snapshot = cache.get(key)
        snapshot["computed_at"] = timezone.now() - datetime.timedelta(minutes=6)
        cache.set(key, snapshot)
    seed_action(world.institution_a)
    client = page_client_for(world.user("programme_manager"))

    response = client.get(reverse("home"))
    client.get(reverse("home"))

    assert response.status_code == 200
    assert figures(response)["actions"] == 1  # the stale figures, shown at once
    assert queued == ["portfolio"]  # once, however many requests find it stale


@FRESH_FOR_FIVE_MINUTES
def test_without_a_snapshot_the_page_says_the_figures_are_being_prepared(world, page_client_for, queued):
    response = page_client_for(world.user("programme_manager")).get(reverse("home"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "data-dashboard-preparing" in page and "window.location.reload" in page
    assert 'role="progressbar"' in page and "figures" not in response.context
    assert queued == ["portfolio"]


@FRESH_FOR_FIVE_MINUTES
def test_a_partner_gets_the_snapshot_of_their_institution_never_the_portfolio(
    world, page_client_for, refreshes
):
    seed_action(world.institution_a, people=3)
    seed_action(world.institution_b)
    staff = page_client_for(world.user("programme_manager")).get(reverse("home"))
    partner = page_client_for(world.user("focal_point")).get(reverse("reporting:dashboard"))
    other = page_client_for(world.focal_b).get(reverse("reporting:dashboard"))

    assert figures(staff)["actions"] == 2 and figures(staff)["participants"] == 4
    assert figures(partner)["actions"] == 1 and figures(partner)["participants"] == 3
    assert figures(other)["actions"] == 1 and figures(other)["participants"] == 1
    assert refreshes == [
        "portfolio",
        f"institution-{world.institution_a.pk}",
        f"institution-{world.institution_b.pk}",
    ]
    # The registry overview is the staff home's only.
    assert reverse("partners:person_list") not in partner.content.decode()


@FRESH_FOR_FIVE_MINUTES
def test_each_language_has_its_own_charts_from_one_computation(world, page_client_for, refreshes):
    seed_action(world.institution_a)
    manager = world.user("programme_manager")
    english = page_client_for(manager).get(reverse("home")).content.decode()
    User.objects.filter(pk=manager.pk).update(language="fr")
    manager.refresh_from_db()
    french = page_client_for(manager).get(reverse("home")).content.decode()

    assert "Actions per phase and type" in english
    assert "Actions par phase et par type" in french and "Actions per phase and type" not in french
    assert refreshes == ["portfolio"]


def test_scope_keys_name_the_portfolio_or_one_institution():
    assert DashboardScope.from_key("portfolio").whole_portfolio
    assert DashboardScope.from_key("institution-12").institution_id == 12
    assert DashboardScope.from_key("institution-none").institution_id is None
    with pytest.raises(ValueError):
        DashboardScope.from_key("institution-12;drop")


def test_the_portfolio_snapshot_is_refreshed_every_five_minutes():
    entry = app.conf.beat_schedule["dashboard-refresh-portfolio"]
    assert entry["task"] == tasks.dashboard_refresh.name and entry["args"] == ("portfolio",)
    assert entry["schedule"] == 5 * 60
