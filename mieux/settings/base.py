"""Settings shared by every environment; the environment files only override what differs.

Values that change between machines come from the environment (12-factor, django-environ), with
defaults that let a fresh checkout run on SQLite with eager Celery.
"""

import datetime
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    # modeltranslation must come before the admin so translated fields appear there.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "axes",
    "mieux",
    "partners",
    "actions",
    "certification",
    "reporting",
    "portal",
    "django_celery_beat",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "mieux.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mieux.middleware.SessionIdleTimeoutMiddleware",
    # After authentication: a signed-in user's remembered language is part of choosing the locale.
    "mieux.middleware.UserLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mieux.urls"
WSGI_APPLICATION = "mieux.wsgi.application"
ASGI_APPLICATION = "mieux.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mieux.context_processors.navigation",
            ],
        },
    },
]


def database_settings(url: str) -> dict:
    """The database named by `url`, with its connections kept open between requests.

    PostgreSQL: psycopg's pool (DATABASE_POOL, on by default). A request borrows an open connection
    and gives it back, and no health-check query is sent per request; a connection found broken
    (after a database restart) is discarded by the pool. Elsewhere (SQLite, or DATABASE_POOL=false):
    Django's persistent connections, checked once per request."""
    database = env.db_url_config(url)
    if database["ENGINE"].endswith("postgresql"):
        # The planner's default cost of a random read (4) is for spinning disks; on SSDs it prefers
        # reading a million participations to using the index that finds the few it needs.
        cost = env.float("DATABASE_RANDOM_PAGE_COST", default=1.1)
        database.setdefault("OPTIONS", {})["options"] = f"-c random_page_cost={cost}"
        # The API's list queries are sent with their parameters apart (mieux.api.rows), so psycopg
        # can prepare one after this many executions on a connection and PostgreSQL plans it once.
        # Django turns preparing off by default for external poolers (PgBouncer before 1.21 in
        # transaction mode): set DATABASE_PREPARE_THRESHOLD=0 behind one. Django's own queries are
        # bound on the client and never prepared either way.
        threshold = env.int("DATABASE_PREPARE_THRESHOLD", default=5)
        database["OPTIONS"]["prepare_threshold"] = threshold or None
    if database["ENGINE"].endswith("postgresql") and env.bool("DATABASE_POOL", default=True):
        database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": env.int("DATABASE_POOL_SIZE", default=8),
            "timeout": 10,
        }
        database["CONN_MAX_AGE"] = 0
    else:
        # A new PostgreSQL connection per request costs more than most queries.
        database["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
        database["CONN_HEALTH_CHECKS"] = True
    return database


_LOCAL_DATABASE = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": database_settings(env("DATABASE_URL", default=_LOCAL_DATABASE))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_settings(url_settings: dict) -> dict:
    """A CACHES entry parsed from CACHE_URL, with Django's Redis backend swapped for the one that
    keeps one client per connection pool (mieux.cache)."""
    if url_settings.get("BACKEND") == "django.core.cache.backends.redis.RedisCache":
        return {**url_settings, "BACKEND": "mieux.cache.SharedClientRedisCache"}
    return url_settings


CACHES = {"default": cache_settings(env.cache("CACHE_URL", default="locmemcache://mieux"))}

AUTH_USER_MODEL = "mieux.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username and address before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the whole interface in English, French and Spanish.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates day-first, as in EU documents (French and Spanish already are).
FORMAT_MODULE_PATH = ["mieux.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# A name entered only in its original language (say Spanish) still shows in the other two.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr", "es")

STATIC_URL = "static/"
# Collected static files exist only in production images (see prod.py); elsewhere WhiteNoise
# serves them straight from the apps' and project's static folders.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads above this size are refused with a 400 instead of filling memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The address people reach the platform at, for links in e-mails (invitations, clarifications).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="MIEUX+ <no-reply@mieux.test>")

# Credentials (certification.issuer): who issues them and the key that signs them. The private key
# is PEM text in MIEUX_ISSUER_KEY or a file outside the repository; outside production a
# development key is generated at the default path on first use. Retired keys (after a rotation)
# stay verifiable: list their files in MIEUX_ISSUER_RETIRED_KEY_FILES.
CREDENTIAL_ISSUER_NAME = env("MIEUX_ISSUER_NAME", default="MIEUX+ (EU-funded, implemented by ICMPD)")
CREDENTIAL_ISSUER_URL = env("MIEUX_ISSUER_URL", default="https://www.mieux-initiative.eu")
CREDENTIAL_ISSUER_KEY = env("MIEUX_ISSUER_KEY", default="")
CREDENTIAL_ISSUER_KEY_FILE = env(
    "MIEUX_ISSUER_KEY_FILE", default=str(Path.home() / ".local" / "share" / "mieux" / "dev-issuer-key.pem")
)
CREDENTIAL_ISSUER_KEY_AUTOCREATE = True
CREDENTIAL_RETIRED_KEY_FILES = env.list("MIEUX_ISSUER_RETIRED_KEY_FILES", default=[])
# Officials and their training unit are reminded this many days before a skill or credential lapses.
SKILL_REMINDER_DAYS = env.int("SKILL_REMINDER_DAYS", default=60)
# The dashboard's figures are a snapshot computed by a Celery task; one older than this is shown
# while a fresh one is computed (reporting.dashboard).
DASHBOARD_STALE_AFTER_SECONDS = env.int("DASHBOARD_STALE_AFTER_SECONDS", default=300)

SESSION_COOKIE_HTTPONLY = True
# Sessions live in the database and are read through the cache (Redis in production): a page
# request reads its session without a database query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# A session lasts a working day at most, and ends after half an hour without a request
# (mieux.middleware.SessionIdleTimeoutMiddleware).
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
# Set-password links (invitations and resets) work for three days, once.
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
INVITATION_VALID_DAYS = 7

# django-axes: after five failed logins for one e-mail address from one address, that pair is
# locked for 30 minutes (or until `manage.py unlock_login`). Locking the pair, not the account,
# means an attacker cannot lock a real user out from elsewhere. The lockout page says only that
# there were too many attempts, never whether the account exists.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_CALLABLE = "mieux.accounts.axes_username"
AXES_VERBOSE = False
# Behind the production proxy the client address comes from X-Forwarded-For (see prod.py).
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
X_FRAME_OPTIONS = "DENY"

# django-filter: the empty choice of a select filter reads "Any", not a row of dashes.
FILTERS_EMPTY_CHOICE_LABEL = _("Any")

# Django REST framework: one error shape, cursor pagination, session auth for the browser and
# hashed API tokens for integrators.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "mieux.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "mieux.api.permissions.ReadOnlyTokenPermission",
    ],
    "DEFAULT_PAGINATION_CLASS": "mieux.api.pagination.StableCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["mieux.api.filters.NamedFiltersBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "mieux.api.errors.api_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["mieux.api.renderers.FastJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "MIEUX+ platform API",
    "DESCRIPTION": (
        "Partner institutions, requests, Actions, certification and reporting of the MIEUX+ programme. "
        "Authenticate with `Authorization: Token <token>` (see `manage.py issue_api_token`). "
        'Every error has the same JSON shape: `{"error": {"code", "message", "fields"}}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "mieux.api.errors.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "CountryEnum": "partners.api.schema.country_choices",
        "InstitutionTypeEnum": "partners.choices.InstitutionType",
        "ActionTypeEnum": "actions.choices.ActionType",
        "ActivityTypeEnum": "actions.choices.ActivityType",
        "ActionStatusEnum": "actions.choices.ActionStatus",
        "RequestStatusEnum": "actions.choices.RequestStatus",
        "ActivityStatusEnum": "actions.choices.ActivityStatus",
        "DeliverableStatusEnum": "actions.choices.DeliverableStatus",
        "PeriodStatusEnum": "actions.choices.PeriodStatus",
        "CoordinationStatusEnum": "actions.choices.CoordinationStatus",
        "ImportStatusEnum": "actions.choices.ImportStatus",
        "OecdLevelEnum": "actions.choices.OecdLevel",
        "AssessmentKindEnum": "certification.choices.AssessmentKind",
        "RevocationReasonEnum": "certification.choices.RevocationReason",
        "ReportKindEnum": "reporting.choices.ReportKind",
        "ReportFormatEnum": "reporting.choices.ReportFormat",
        "InvitationStatusEnum": "partners.choices.InvitationStatus",
        "CredentialKindEnum": "certification.choices.CredentialKind",
        "EnrolmentStatusEnum": "certification.choices.EnrolmentStatus",
    },
}

# Celery: without a broker the tasks run eagerly in the web process, so the demo needs no Redis.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
# Time limits stay below the visibility timeout so a redelivered task never runs twice at once. A
# report message redelivered while its run's heartbeat is fresh is dropped (another worker has it):
# safe while the timeout exceeds the time limit plus REPORT_STALE_AFTER_SECONDS.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60)
}
CELERY_TIMEZONE = TIME_ZONE
# Scheduled tasks in the database (django-celery-beat), editable in the admin; the fixed daily ones
# are declared in mieux/celery.py and synchronised into it when beat starts.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# Reports (reporting.tasks.report_run): a worker sends a heartbeat with each progress step; a run
# whose heartbeat is older than this is taken over by the next delivery of its message. Its time
# limits stay below the visibility timeout, like every task's.
REPORT_STALE_AFTER_SECONDS = env.int("REPORT_STALE_AFTER_SECONDS", default=120)
# Fault injection for the test of a worker killed mid-report: a pause after each progress step.
# Always 0 outside that test.
REPORT_STEP_DELAY_SECONDS = env.float("MIEUX_REPORT_STEP_DELAY", default=0.0)
REPORT_SOFT_TIME_LIMIT = 25 * 60
REPORT_TIME_LIMIT = 30 * 60

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# The programme's identity, used in e-mails, the API and the IATI export.
PROGRAMME_NAME = "MIEUX+"
# IATI export (reporting/iati.py): every activity identifier starts with the reporting organisation's
# registered IATI identifier, so it is configuration, not code. "XI-IATI-ICMPD" is a placeholder until
# ICMPD's identifier on the IATI Registry is confirmed; type 40 = multilateral (OrganisationType).
# The funder is published as participating-org role 1; type 15 = other public sector.
IATI_REPORTING_ORG = {
    "ref": env("IATI_REPORTING_ORG_REF", default="XI-IATI-ICMPD"),
    "type": "40",
    "name": "International Centre for Migration Policy Development (ICMPD)",
}
IATI_FUNDING_ORG = {
    "ref": env("IATI_FUNDING_ORG_REF", default="XI-IATI-EC_INTPA"),
    "type": "15",
    "name": "European Commission - Directorate-General for International Partnerships",
}
API_MAX_PAGE_SIZE = 100
