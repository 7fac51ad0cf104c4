"""napwatch settings: one module, configured by the environment.

DATABASE_URL   default sqlite:///<project>/db.sqlite3; postgres://user@host:port/name uses psycopg2
SECRET_KEY     required unless DEBUG is on (a development key is used then)
DEBUG          true/false (default false)
ALLOWED_HOSTS  comma-separated host names (default: localhost names when DEBUG is on)

A bad value stops the process at start with a message that names the variable.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (got {raw!r}).")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number (got {raw!r}).") from None


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY to a long random string, "
            "or set DEBUG=true for local development."
        )
    SECRET_KEY = "django-insecure-napwatch-development-only"  # noqa: S105 - DEBUG only  # nosec B105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "plans",
    "indicators",
    "critiques",
    "planfiles",
    "pages",
    "search",
    "editorial",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "napwatch.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "napwatch.wsgi.application"

_database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
try:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=0)}
except Exception as exc:  # dj-database-url raises several types for a bad URL
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL we understand: {exc}") from None
if DATABASES["default"]["ENGINE"] not in {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}:
    raise ImproperlyConfigured("DATABASE_URL must be an sqlite:/// or postgres:// URL.")
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security: strict unless DEBUG is on. HTTPS is terminated by a reverse proxy that sets
# X-Forwarded-Proto; see README "Deploying". Plain HTTP (the header absent or not "https") is
# redirected to HTTPS, except /healthz, which a load balancer polls by IP over plain HTTP.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # SecurityMiddleware matches these against the path without its leading slash.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # __Host- cookies are only accepted by browsers when Secure, Path=/ and without Domain, so
    # no other subdomain can set or shadow them. Development over plain HTTP keeps plain names.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# Content-Security-Policy (Django's own middleware, added to MIDDLEWARE in the production block
# below). Public pages allow scripts and styles from our own origin only: no inline script, no
# style="" attribute. The admin's few inline elements carry a per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGIN_URL = "admin:login"

# Logs go to stdout (the process manager or container runtime collects them): one JSON object
# a line in production, plain text when DEBUG is on. LOG_FORMAT=json|text overrides.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text (got {LOG_FORMAT!r}).")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Critiques must be reviewed by someone other than their author before publication.
NAPWATCH_REVIEW_REQUIRED = env_bool("NAPWATCH_REVIEW_REQUIRED", True)

# --- PDF briefs (briefs app) -------------------------------------------------------------------
# Rendered PDFs are cached on disk so that every worker process shares them; the key is a hash of
# exactly the data, options, templates and WeasyPrint version a brief shows (see briefs/services.py).
INSTALLED_APPS += ["briefs"]
CACHES = globals().get("CACHES") or {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
CACHES["briefs"] = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": os.environ.get("NAPWATCH_BRIEF_CACHE_DIR") or str(BASE_DIR / ".cache" / "briefs"),
    "TIMEOUT": 60 * 60 * 24 * 30,
    "OPTIONS": {"MAX_ENTRIES": 500},
}
# Seconds a PDF may take to render before it is stopped and the reader gets an error page.
NAPWATCH_BRIEF_TIMEOUT = env_int("NAPWATCH_BRIEF_TIMEOUT", 60)
if NAPWATCH_BRIEF_TIMEOUT <= 0:
    raise ImproperlyConfigured("NAPWATCH_BRIEF_TIMEOUT must be a positive number of seconds.")
# The public address of the site: links inside a PDF brief point there.
NAPWATCH_SITE_URL = os.environ.get("NAPWATCH_SITE_URL", "http://localhost:8000").rstrip("/") + "/"

# --- Public pages from a cache (pagecache app) ------------------------------------------------
# Rendered public pages are kept on disk, shared by every worker, under a key made of the URL, the
# revision token of the plans they show and the deployed code; any edit to a plan replaces its
# token in the same transaction, so its pages are made afresh (see pagecache/__init__.py).
INSTALLED_APPS += ["pagecache"]
# NAPWATCH_PAGE_CACHE=false makes every page afresh (for measuring, or to rule the cache out); it
# is off by default with DEBUG on, so that a template being edited shows at once.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": os.environ.get("NAPWATCH_PAGE_CACHE_DIR") or str(BASE_DIR / ".cache" / "pages"),
    "TIMEOUT": 60 * 60 * 24 * 7,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
if not env_bool("NAPWATCH_PAGE_CACHE", not DEBUG):
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

# --- Editorial (issue 4): history of edits, login throttling ----------------------------------
# django-simple-history keeps who/when/what for critiques and plan elements; its middleware
# records the logged-in user. django-axes throttles repeated failed logins: after
# AXES_FAILURE_LIMIT failures for one user name from one address, that pair is locked out for
# AXES_COOLOFF_HOURS (HTTP 429); a successful login resets the count.
INSTALLED_APPS += ["simple_history", "axes"]
MIDDLEWARE += [
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Behind the reverse proxy every request comes from the proxy's address: count the proxies that
# append to X-Forwarded-For so throttling sees the visitor's own address (napwatch/client_ip.py).
NAPWATCH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "napwatch.client_ip.client_ip"
SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False

# ---- Production: connections, health, errors, CSP wiring (issue 6) -------------------------
# Persistent database connections, checked before reuse so a restarted database is reconnected
# to by itself; PostgreSQL gives up connecting after DB_CONNECT_TIMEOUT seconds instead of hanging.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DB_CONNECT_TIMEOUT", 3
    )

# /healthz is answered first, before host validation and the HTTPS redirect; malformed requests
# are refused with 400 before any view; the CSP header follows the security headers; a database
# that cannot be reached gives a 503 "temporarily unavailable" page rather than a 500.
MIDDLEWARE.insert(0, "napwatch.middleware.HealthCheckMiddleware")
MIDDLEWARE.insert(1, "napwatch.middleware.RejectMalformedRequestMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
)
# (Not appended: django-axes asks to be last.)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.common.CommonMiddleware") + 1,
    "napwatch.middleware.DatabaseUnavailableMiddleware",
)
TEMPLATES[0]["OPTIONS"]["context_processors"].append("django.template.context_processors.csp")

# ---- Plan files (planfiles/reading.py): limits on what `load_plan` reads ----------------------
# A file over NAPWATCH_PLAN_FILE_MAX_BYTES is refused before it is read, and any text in a file
# longer than NAPWATCH_PLAN_TEXT_MAX_CHARS is refused before it is validated (columns with a
# max_length are held to that). The largest real plan file, Mexico's, is 74 KB, and its longest
# text 930 characters. docs/plan-format.md lists these and the loader's other, fixed limits.
NAPWATCH_PLAN_FILE_MAX_BYTES = env_int("NAPWATCH_PLAN_FILE_MAX_BYTES", 2_000_000)
NAPWATCH_PLAN_TEXT_MAX_CHARS = env_int("NAPWATCH_PLAN_TEXT_MAX_CHARS", 20_000)
if min(NAPWATCH_PLAN_FILE_MAX_BYTES, NAPWATCH_PLAN_TEXT_MAX_CHARS) < 1:
    raise ImproperlyConfigured(
        "NAPWATCH_PLAN_FILE_MAX_BYTES and NAPWATCH_PLAN_TEXT_MAX_CHARS must be at least 1."
    )
