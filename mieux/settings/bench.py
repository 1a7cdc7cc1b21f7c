"""The benchmark suite's settings (`make bench`): production's request path on loopback.

Everything that shapes the cost of a request is as in production — DEBUG off, cached templates,
the psycopg connection pool, the same middleware, the Redis cache — except what needs
HTTPS or secrets from the environment: the benchmark talks plain HTTP to 127.0.0.1 with a throwaway
key, and its database is the generated one named by DATABASE_URL (bench.run sets it).
"""

import os
import tempfile

from .base import *  # noqa: F403
from .base import BASE_DIR, cache_settings, database_settings, env

DEBUG = False
SECRET_KEY = "bench-only-secret-key-that-is-long-enough-for-django-checks-0123456789"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {
    "default": database_settings(
        env("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/mieux_bench")
    )
}
CACHES = {"default": cache_settings(env.cache("CACHE_URL", default="rediscache://127.0.0.1:6379/5"))}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=os.path.join(tempfile.gettempdir(), "mieux-bench-media"))
CREDENTIAL_ISSUER_KEY = ""
CREDENTIAL_ISSUER_KEY_FILE = os.path.join(tempfile.gettempdir(), "mieux-bench-issuer-key.pem")
CREDENTIAL_RETIRED_KEY_FILES = []
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
STATICFILES_DIRS = [BASE_DIR / "static"]
