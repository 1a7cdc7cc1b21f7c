"""Mixed load: 16 users for 60 seconds — programme staff reading pages, a partner focal point in the
portal, integrators paging the API, visitors verifying credentials — each pausing 0.5–2 s between
requests as people and polite integrations do. Targets: no errors, p95 ≤ 100 ms."""

from __future__ import annotations

from django.db import connection

from . import load
from .core import Result, at_most
from .pages import session_cookie

USERS = 16
SECONDS = 60


def plan(context) -> list[dict]:
    staff = {"Cookie": session_cookie(context.generated.staff_email)}
    partner = {"Cookie": session_cookie(context.generated.partner_email)}
    token = {"Authorization": f"Token {context.generated.integrator_token}"}
    action = context.generated.big_action_id
    with connection.cursor() as cursor:
        cursor.execute("SELECT public_id FROM certification_credential ORDER BY id LIMIT 1")
        credential = cursor.fetchone()[0]
        cursor.execute("SELECT id FROM actions_action ORDER BY id DESC LIMIT 1")
        other_action = cursor.fetchone()[0]
    return [
        {"name": "staff: dashboard", "path": "/", "headers": staff, "weight": 2},
        {"name": "staff: portfolio list", "path": "/programme/actions/", "headers": staff, "weight": 3},
        {"name": "staff: portfolio, filtered", "path": "/programme/actions/?status=implementation",
         "headers": staff, "weight": 2},
        {"name": "staff: Action page", "path": f"/programme/actions/{action}/", "headers": staff, "weight": 3},
        {"name": "staff: another Action", "path": f"/programme/actions/{other_action}/", "headers": staff,
         "weight": 2},
        {"name": "staff: people", "path": "/partners/people/", "headers": staff, "weight": 2},
        {"name": "staff: people search", "path": "/partners/people/?q=garc", "headers": staff, "weight": 1},
        {"name": "partner: dashboard", "path": "/reports/dashboard/", "headers": partner, "weight": 1},
        {"name": "partner: Actions", "path": "/programme/actions/", "headers": partner, "weight": 1},
        {"name": "API: actions", "path": "/api/v1/actions/?page_size=50", "headers": token, "weight": 3},
        {"name": "API: participations", "path": "/api/v1/participations/?page_size=50", "headers": token,
         "weight": 3},
        {"name": "API: participations of an Action", "path": f"/api/v1/participations/?action={action}",
         "headers": token, "weight": 2},
        {"name": "API: credentials", "path": "/api/v1/credentials/?status=active", "headers": token, "weight": 2},
        {"name": "visitor: verify a credential", "path": f"/verify/{credential}/", "weight": 1},
    ]  # fmt: skip


def measure(context) -> list[Result]:
    requests = plan(context)
    with context.platform_server() as base:
        stats = load.run(base, requests, users=USERS, seconds=SECONDS, wait="0.5-2")
    for message in stats.failure_messages:
        context.log(f"    {message}")
    context.log(f"  {stats.requests} requests, {stats.requests_per_second:.0f} req/s, p95 {stats.p95_ms} ms")
    return [
        at_most("Mixed load (16 users, 60 s): errors", stats.failures, 0, "requests"),
        at_most("Mixed load (16 users, 60 s): p95 latency", stats.p95_ms, 100, "ms"),
    ]
