"""Test settings: the real database named by DATABASE_URL (PostgreSQL in CI), SQLite otherwise."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, env

DEBUG = False
SECRET_KEY = "test-only-secret-key-that-is-long-enough-for-django-checks-0123456789"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
# One connection per test thread, opened and closed as Django's test runner expects (no pool).
DATABASES["default"].get("OPTIONS", {}).pop("pool", None)
DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file (the live server's threads need a shared database), one per run so runs can overlap.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f"test-db-{os.getpid()}.sqlite3")}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / ".test-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A throwaway issuer key per machine, outside the checkout (generated on first use).
CREDENTIAL_ISSUER_KEY = ""
CREDENTIAL_ISSUER_KEY_FILE = os.path.join(tempfile.gettempdir(), "mieux-test-issuer-key.pem")
CREDENTIAL_RETIRED_KEY_FILES = []
# Tests call tasks in-process; the tests that need a real worker start one against the broker.
CELERY_TASK_ALWAYS_EAGER = True
# Tests that change the data expect the dashboard to show it at once (the snapshot tests set their own).
DASHBOARD_STALE_AFTER_SECONDS = 0
