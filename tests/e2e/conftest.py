"""Browser journeys: Playwright (the Python package) drives Debian's /usr/bin/chromium.

Playwright never downloads a browser here; the tests skip (or fail in CI) without the system one.
"""

import os
from pathlib import Path

import pytest
from django.db import connections

from tests.conftest import skip_unless

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = os.environ.get("MIEUX_SCREENSHOTS", "")


@pytest.fixture
def browser_page(live_server):
    skip_unless(CHROMIUM.exists(), "needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        skip_unless(False, "needs the playwright Python package")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes around
    # it are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()
            # ORM calls made while Playwright's loop runs get a database connection of their own
            # (Django keys connections by context); close it, or PostgreSQL cannot drop the test
            # database at the end of the run.
            connections.close_all()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def screenshot():
    """Saves a full-page screenshot when MIEUX_SCREENSHOTS names a folder (for looking at the pages)."""

    def take(page, name: str) -> None:
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)

    return take
