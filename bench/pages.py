"""Staff pages against the API floor: the portfolio list, the Action page of an Action with 200
activities and 5,000 participations, and the dashboard, each signed in as a programme manager under
the same four clients as the API lists. Target: median latency ≤ 3× the API list floor's median
latency (measured by api_lists in the same run)."""

from __future__ import annotations

from django.conf import settings
from django.test import Client

from . import load
from .api_lists import CLIENTS, _warm
from .core import Result, slowdown


def session_cookie(email: str) -> str:
    """A signed-in session of this user, made the way the login page makes one."""
    from mieux.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email=email))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def staff_pages(context) -> list[tuple[str, str]]:
    return [
        ("portfolio list", "/programme/actions/"),
        (
            "Action page (200 activities, 5,000 participations)",
            f"/programme/actions/{context.generated.big_action_id}/",
        ),
        ("dashboard", "/"),
    ]


def measure(context) -> list[Result]:
    if context.api_floor_latency_ms is None:
        raise RuntimeError("bench.pages compares with the API floor: run api_lists first.")
    headers = {"Cookie": session_cookie(context.generated.staff_email)}
    results = []
    with context.platform_server() as base:
        pages = staff_pages(context)
        _warm(base, [path for _name, path in pages], headers, times=3)
        for name, path in pages:
            stats = load.run(
                base,
                [{"name": name, "path": path, "headers": headers}],
                users=CLIENTS,
                seconds=context.load_seconds,
            )
            context.log(f"  {name}: median {stats.p50_ms} ms, {stats.requests_per_second:.0f} req/s")
            results.append(
                slowdown(
                    f"Staff page median: {name}",
                    stats.p50_ms,
                    context.api_floor_latency_ms,
                    maximum_ratio=3.0,
                )
            )
    return results
