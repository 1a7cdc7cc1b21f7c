"""Platform-wide pages: home, health check and the language switcher."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from .roles import Role
from .services import user_language_set

logger = logging.getLogger(__name__)


@login_required
def home(request):
    """Staff and integrators get the dashboard (reporting.dashboard: headline figures, charts and the
    registry overview); partner users and experts have the portal's home (their institution, their
    Actions, what waits for them)."""
    user = request.user
    if user.is_partner or user.role == Role.EXPERT:
        return redirect("portal:home")
    if user.sees_whole_portfolio:
        # Imported here: the framework does not import domain apps at module level.
        from reporting.dashboard import dashboard_home

        return dashboard_home(request)
    return render(request, "mieux/home.html", {"sections": _home_sections(user)})


def _home_sections(user):
    # Registry counts only through for_user, so partners see their own share. Imported here because
    # the framework must not import domain apps at module level (apps import the framework).
    from django.apps import apps

    sections = []
    for label, model_name, url_name in (
        ("partners", "Institution", "partners:institution_list"),
        ("partners", "Person", "partners:person_list"),
        ("partners", "CoordinationMechanism", "partners:mechanism_list"),
        ("partners", "Expert", "partners:expert_list"),
    ):
        model = apps.get_model(label, model_name)
        visible = model.objects.for_user(user)
        if user.sees_whole_portfolio or visible.exists():
            sections.append(
                {"title": model._meta.verbose_name_plural, "count": visible.count(), "url": url_name}
            )
    return sections


@require_POST
def language_switch(request):
    """Django's set_language, plus remembering the choice on the signed-in user's profile."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and check_for_language(language):
        codes = {code for code, _name in settings.LANGUAGES}
        if language in codes:
            user_language_set(request.user, language=language)
    return set_language(request)


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    cache.set("health-check", "ok", 5)
    return "ok" if cache.get("health-check") == "ok" else "error"


def _check_broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return "eager"  # no broker configured: tasks run in the web process
    from mieux.celery import app

    with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


@never_cache
def health(request):
    """Database, cache and broker status as JSON; 503 when any is down, for load balancers."""
    checks = {}
    for name, check in (("database", _check_database), ("cache", _check_cache), ("broker", _check_broker)):
        try:
            checks[name] = check()
        except Exception as error:  # a health check reports every failure instead of raising it
            logger.warning("health check %s failed: %s", name, error)
            checks[name] = "error"
    healthy = all(value in {"ok", "eager"} for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
