"""napwatch settings: one module, configured by the environment, each setting assigned once.

DATABASE_URL   default sqlite:///<project>/db.sqlite3; postgres://user@host:port/name uses psycopg2
SECRET_KEY     required unless DEBUG is on (a development key is used then)
DEBUG          true/false (default false)
ALLOWED_HOSTS  comma-separated host names (default: localhost names when DEBUG is on)

Variables are read through django-environ (napwatch/environment.py), from the environment and,
for what it does not set, from the project's `.env` file, which `make run` writes for development.
A bad value stops the process at start with a message that names the variable. docs/configuration.md
and docs/deploying.md list every variable.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from napwatch.environment import BASE_DIR, env
from napwatch.logging_config import logging_config

DEBUG = env.bool("DEBUG", default=False)

# A development key only when DEBUG is on; without DEBUG a missing key stops the start.
SECRET_KEY = env.str(
    "SECRET_KEY",
    default="django-insecure-napwatch-development-only" if DEBUG else env.NOTSET,
)

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)

INSTALLED_APPS = [
    # Per-language columns for napwatch's own texts (critiques, recommendations, sections,
    # summaries): before the admin, as django-modeltranslation requires (plans/translation.py)
    "modeltranslation",
    # Django; WhiteNoise serves static files under runserver as it does under gunicorn
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # /sitemap.xml's templates (discovery/sitemaps.py)
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    # django.contrib.staticfiles, without the sidecar's Redoc, which nothing serves
    "napwatch.staticfiles.StaticFilesConfig",
    # Filter forms of the public lists
    "django_filters",
    # The read-only JSON API (api/): Django REST framework (not an app here: its templates and
    # static files serve the browsable API, which is off), its OpenAPI 3 document generated from
    # the code by drf-spectacular, Swagger UI served from our own static files by the sidecar (no
    # CDN), and CORS headers for GET on /api/ only (django-cors-headers)
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    # napwatch's own apps, in their layers (pyproject.toml's import-linter contract): the domain
    # (plans <- indicators <- critiques), the cache that listens to it, then the apps that
    # combine them (public pages, plan files, search, the PDF brief, the element admins)
    # The one editorial workflow critiques and assessments declare themselves to (issue 21)
    "reviewing",
    "plans",
    "indicators",
    "critiques",
    # A plan's own document and its pages' text, beside the indicators (above plans)
    "documents",
    # Rubrics, and editors' assessments of plans against them (issue 12)
    "scorecards",
    # The right of reply: invitations, respondents and their replies (issue 28)
    "replies",
    "pagecache",
    "pages",
    "planfiles",
    "search",
    "briefs",
    "editorial",
    # The plan workbench: encode a plan from its document, in the admin (top layer)
    "workbench",
    # The citable data release (/data/, export_dataset) and citation formats
    "opendata",
    # The read-only JSON API at /api/v1/ (Django REST framework, drf-spectacular)
    "api",
    # A plan's pages rendered into the page cache after an edit, before readers ask (issue 27)
    "prerender",
    # Plans side by side, and each plan's scorecard (issue 12)
    "comparison",
    # robots.txt, the sitemap, Atom feeds, canonical links and Open Graph tags (issue 25)
    "discovery",
    # Editorial safety: the history of every edit (django-simple-history), login throttling
    # (django-axes)
    "simple_history",
    "axes",
    # The task queue's table and its worker (`manage.py db_worker`): PDF briefs are rendered there
    "django_tasks_db",
]

MIDDLEWARE = [
    # Answered or refused before anything else: /healthz (before host validation and the HTTPS
    # redirect, so a load balancer can poll it by IP over plain HTTP), then malformed requests
    # with a 400 before any view
    "napwatch.middleware.HealthCheckMiddleware",
    "napwatch.middleware.RejectMalformedRequestMiddleware",
    # X-Forwarded-* believed only from NAPWATCH_TRUSTED_PROXIES, before SecurityMiddleware reads it.
    "napwatch.middleware.TrustedProxyMiddleware",
    # Which database this request reads from: an anonymous GET of a public page or of the API
    # from the read replica, if DATABASE_REPLICA_URL names one; all else from the primary
    "toolkit.replica.ReplicaReadsMiddleware",
    # Brotli or gzip as Accept-Encoding asks, on the body every middleware below has finished;
    # responses with a secret (a cookie, a CSRF token) only gzip with Django's BREACH padding
    # (toolkit/compression.py). Static files come precompressed from WhiteNoise, untouched.
    "toolkit.compression.CompressionMiddleware",
    # Security headers and the HTTPS redirect, the Content-Security-Policy header, static files
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's request handling; a database that cannot be reached gives a 503 "temporarily
    # unavailable" page rather than a 500
    "django.contrib.sessions.middleware.SessionMiddleware",
    # CORS headers on /api/ (and its preflight OPTIONS answered), before CommonMiddleware as
    # django-cors-headers asks; every other URL is left alone (CORS_URLS_REGEX below)
    "corsheaders.middleware.CorsMiddleware",
    # The reader's language: from the /en/ or /es/ prefix of public pages, else (the admin, and
    # unprefixed addresses it redirects to a prefix) the language cookie or Accept-Language.
    # After the session, before CommonMiddleware, as Django documents.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "napwatch.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Editorial: who made each change; login throttling, last as django-axes asks
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
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
                # csp_nonce for the admin's few inline elements
                "django.template.context_processors.csp",
                # the same page in every language: the header's switch and hreflang links
                "toolkit.languages.alternates",
                # the page's canonical address, Open Graph locale and feeds (discovery/head.py)
                "discovery.head.page_head",
            ],
        },
    },
]

WSGI_APPLICATION = "napwatch.wsgi.application"

# SQLite in the project folder unless DATABASE_URL names another database (SQLite or PostgreSQL).
_database = env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
# DATABASE_REPLICA_URL: a PostgreSQL streaming replica of DATABASE_URL. Anonymous readers' GETs of
# public pages and of the API read from it; writes, editors, reviewers and the task worker use the
# primary (toolkit/replica.py). Unset: everything on DATABASE_URL.
_replica_url = env.str("DATABASE_REPLICA_URL", default="")
_replica = env.db_url("DATABASE_REPLICA_URL") if _replica_url else {}
if _replica and _replica["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        f"DATABASE_REPLICA_URL must be a postgres:// URL (got {_replica_url!r})."
    )
_replicas = (
    {
        "replica": _replica
        | {
            "CONN_MAX_AGE": env.int("CONN_MAX_AGE", default=60),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {"connect_timeout": env.int("DB_CONNECT_TIMEOUT", default=3)}
            | _replica.get("OPTIONS", {}),
            # Tests read the replica's alias from the primary's test database
            "TEST": {"MIRROR": "default"},
        }
    }
    if _replica
    else {}
)

DATABASES = {
    "default": _database
    | {
        # Persistent connections, checked before reuse so that a restarted database is
        # reconnected to by itself.
        "CONN_MAX_AGE": env.int("CONN_MAX_AGE", default=60),
        "CONN_HEALTH_CHECKS": True,
        # PostgreSQL gives up connecting after DB_CONNECT_TIMEOUT seconds instead of hanging.
        # SQLite with concurrent editors: every transaction takes the write lock as it begins
        # (BEGIN IMMEDIATE), and a request waits up to `timeout` seconds for it rather than
        # failing at once with "database is locked" (a 503): of two saves of the same critique,
        # the second waits, then gets "changed by someone else" with its text kept, as on
        # PostgreSQL. The write-ahead log lets pages be read while someone writes. Options in
        # DATABASE_URL's query string win.
        "OPTIONS": (
            {"connect_timeout": env.int("DB_CONNECT_TIMEOUT", default=3)}
            if _database["ENGINE"] == "django.db.backends.postgresql"
            else {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
        | _database.get("OPTIONS", {}),
        "TEST": {"NAME": env.str("TEST_DATABASE_NAME", default=None)},
    },
    **_replicas,
}

DATABASE_ROUTERS = ["toolkit.replica.PrimaryReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The interface's languages, each named in itself (the switch in the header shows these names).
# A language is a line here and a catalogue in locale/<code>/LC_MESSAGES/django.po
# (docs/languages.md); public pages are under /<code>/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]  # modeltranslation adds a column for each
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our date formats where Django's own differ from what the pages always printed (4 March 2021).
FORMAT_MODULE_PATH = ["napwatch.formats"]
# napwatch's texts are written in English and translated: a missing translation shows the English,
# marked "not yet translated" (plans/models/language.py)
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "es")
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files WhiteNoise serves at the site's root, where browsers ask for them: /favicon.ico.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
# Uploaded files (plans' documents) through Django's storage API: local files under MEDIA_ROOT by
# default (git-ignored); a deployment may configure any storage backend as "default".
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(BASE_DIR / "media"))
MEDIA_URL = "media/"
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

# Security: strict unless DEBUG is on (then Django's defaults, for plain HTTP on localhost).
# HTTPS is terminated by a reverse proxy that sets X-Forwarded-Proto; see docs/deploying.md.
# Plain HTTP (the header absent or not "https") is redirected to HTTPS, except /healthz, which a
# load balancer polls by IP over plain HTTP.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The proxies believed: FORWARDED_ALLOW_IPS, the list gunicorn's forwarded_allow_ips reads too
# (addresses, networks or *); TrustedProxyMiddleware drops X-Forwarded-* from anyone else.
NAPWATCH_TRUSTED_PROXIES = env.list("FORWARDED_ALLOW_IPS", default=["127.0.0.1", "::1"])
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie: forms, and the admin's Markdown preview, send the form's token.
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = False if DEBUG else env.bool("SECURE_SSL_REDIRECT", default=True)
# SecurityMiddleware matches these against the path without its leading slash.
SECURE_REDIRECT_EXEMPT = [] if DEBUG else [r"^healthz/?$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# __Host- cookies are only accepted by browsers when Secure, Path=/ and without Domain, so no
# other subdomain can set or shadow them. Development over plain HTTP keeps plain names.
SESSION_COOKIE_NAME = "sessionid" if DEBUG else "__Host-sessionid"
CSRF_COOKIE_NAME = "csrftoken" if DEBUG else "__Host-csrftoken"

# Content-Security-Policy and the password rules: constants, in napwatch/security_settings.py.
from napwatch.security_settings import (  # noqa: E402, F401 - kept in this block
    AUTH_PASSWORD_VALIDATORS,
    SECURE_CSP,
)

LOGIN_URL = "admin:login"

# Logs: JSON lines on stdout in production, text when DEBUG is on (LOG_FORMAT, LOG_LEVEL); the
# same configuration as gunicorn's (napwatch/logging_config.py).
LOGGING = logging_config(debug=DEBUG)

# The caches: pages, briefs (with their render claims and per-client counters) and the default.
# CACHE_URL unset: each machine's own, on disk (one machine, every worker process sharing them).
# CACHE_URL=redis://host:6379/0 (or rediss://): one Redis that every app server and task worker
# share, through Django's RedisCache, each cache under its own key prefix. Give napwatch a Redis
# database of its own: clearing a cache (tests, bench/) empties that whole database
# (docs/deploying.md, "Several machines").
_cache_url = env.str("CACHE_URL", default="")
if _cache_url and not _cache_url.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured(
        f"CACHE_URL must be a redis:// or rediss:// address (got {_cache_url!r}); leave it unset "
        "for the caches on this machine's disk."
    )


def _shared_cache(prefix: str, **options) -> dict:
    return env.cache_url_config(_cache_url) | {"KEY_PREFIX": f"napwatch-{prefix}"} | options


CACHES = {
    "default": (
        _shared_cache("default")
        if _cache_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Rendered PDF briefs, shared by every worker process (on disk, or in the shared cache); the key
    # is a hash of exactly the data, options, templates and WeasyPrint version a brief shows
    # (briefs/services.py).
    "briefs": (
        _shared_cache("briefs", TIMEOUT=60 * 60 * 24 * 30)
        if _cache_url
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.str(
                "NAPWATCH_BRIEF_CACHE_DIR", default=str(BASE_DIR / ".cache" / "briefs")
            ),
            "TIMEOUT": 60 * 60 * 24 * 30,
            "OPTIONS": {"MAX_ENTRIES": 500},
        }
    ),
    # Rendered public pages, shared by every worker (on disk, or in the shared cache), under a key
    # made of the URL, the revision token of the plans they show and the deployed code; any edit to
    # a plan replaces its token in the same transaction, so its pages are made afresh
    # (pagecache/__init__.py). NAPWATCH_PAGE_CACHE=false makes every page afresh (for measuring, or
    # to rule the cache out); it is off by default with DEBUG on, so that a template being edited
    # shows at once.
    "pages": (
        (
            _shared_cache("pages", TIMEOUT=60 * 60 * 24 * 7)
            if _cache_url
            else {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": env.str(
                    "NAPWATCH_PAGE_CACHE_DIR", default=str(BASE_DIR / ".cache" / "pages")
                ),
                "TIMEOUT": 60 * 60 * 24 * 7,
                "OPTIONS": {"MAX_ENTRIES": 5000},
            }
        )
        if env.bool("NAPWATCH_PAGE_CACHE", default=not DEBUG)
        else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    ),
}

# --- napwatch's own settings -----------------------------------------------------------------
# Critiques must be reviewed by someone other than their author before publication.
NAPWATCH_REVIEW_REQUIRED = env.bool("NAPWATCH_REVIEW_REQUIRED", default=True)
# How many replies one respondent may send for review in an hour (the right of reply, issue 28).
NAPWATCH_REPLIES_PER_HOUR = env.int("NAPWATCH_REPLIES_PER_HOUR", default=10)
# Zips of the data release (opendata/release.py), shared by the workers, made on demand.
NAPWATCH_DATA_RELEASE_DIR = env.str(
    "NAPWATCH_DATA_RELEASE_DIR", default=str(BASE_DIR / ".cache" / "data-release")
)
# The public address of the site: links inside a PDF brief point there.
NAPWATCH_SITE_URL = env.str("NAPWATCH_SITE_URL", default="http://localhost:8000").rstrip("/") + "/"
# --- Email: the review workflow's notifications (editorial/notifications.py, sent by a task) ---
# Django's MAILERS. The console backend prints each email (development); for real mail set
# EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST, EMAIL_PORT,
# EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_TIMEOUT. Tests use locmem.
# Without EMAIL_BACKEND: printed under DEBUG, sent through SMTP (EMAIL_HOST, default localhost) in
# production, where Django's deploy check refuses a development-only backend (mail.E001).
_email_backend = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends."
    + ("console.EmailBackend" if DEBUG else "smtp.EmailBackend"),
)
MAILERS = {
    "default": {
        "BACKEND": _email_backend,
        "OPTIONS": (
            {
                "host": env.str("EMAIL_HOST", default="localhost"),
                "port": env.int("EMAIL_PORT", default=25),
                "username": env.str("EMAIL_HOST_USER", default=""),
                "password": env.str("EMAIL_HOST_PASSWORD", default=""),
                "use_tls": env.bool("EMAIL_USE_TLS", default=False),
                "timeout": env.int("EMAIL_TIMEOUT", default=20),
            }
            if _email_backend.endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="napwatch <napwatch@localhost>")
# Behind the reverse proxy every request comes from the proxy's address: count the proxies that
# append to X-Forwarded-For so throttling sees the visitor's own address (napwatch/client_ip.py).
NAPWATCH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# --- Logins: django-axes ---------------------------------------------------------------------
# After AXES_FAILURE_LIMIT failures for one user name from one address, that pair is locked out
# for AXES_COOLOFF_HOURS (HTTP 429); a successful login resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("AXES_COOLOFF_HOURS", default=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "napwatch.client_ip.client_ip"

# --- Edit history: django-simple-history -----------------------------------------------------
SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False

# ---- Background tasks: briefs rendered by a task worker, and their time limits (issue 10) ----
# Django's Tasks framework with django-tasks-db: tasks are rows in the database, run by
# `manage.py db_worker` (`make run` starts one beside runserver; `make worker` in production).
# NAPWATCH_TASK_BACKEND=django.tasks.backends.immediate.ImmediateBackend runs them inside the
# request instead (no worker; a brief then renders in the web worker, under the limits below).
TASKS = {
    "default": {
        "BACKEND": env.str("NAPWATCH_TASK_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}
# Time limits, read by briefs/limits.py for this module and for gunicorn.conf.py alike:
# GUNICORN_TIMEOUT (the web worker's), NAPWATCH_BRIEF_TIMEOUT (one render), NAPWATCH_BRIEF_WAIT (how
# long a request waits for the render it queued before answering "being prepared"). A render
# limit or wait that does not end well before the worker timeout fails the system check
# napwatch.E001 (briefs/checks.py), and gunicorn refuses to start.
from briefs import limits as brief_limits  # noqa: E402 - kept in this block (plain Python, no Django)

try:
    _limits = brief_limits.read(os.environ)
except brief_limits.LimitError as exc:
    raise ImproperlyConfigured(str(exc)) from None
NAPWATCH_WORKER_TIMEOUT = _limits.worker_timeout
NAPWATCH_BRIEF_TIMEOUT = _limits.brief_timeout
NAPWATCH_BRIEF_WAIT = _limits.brief_wait
# Render a plan's briefs in the background when an edit the public sees is committed, so the
# next reader finds them made (briefs/tasks.py). NAPWATCH_BRIEF_PRERENDER=false renders on demand only.
NAPWATCH_BRIEF_PRERENDER = env.bool("NAPWATCH_BRIEF_PRERENDER", default=True)
# Render a plan's public pages (every language) and API resources into the page cache when an edit
# the public sees is committed (prerender/tasks.py). NAPWATCH_PAGE_PRERENDER=false: on demand only.
NAPWATCH_PAGE_PRERENDER = env.bool("NAPWATCH_PAGE_PRERENDER", default=True)
# Briefs not yet made that one client (address) may have queued per 10 minutes; past it, 429.
NAPWATCH_BRIEF_RENDERS_PER_CLIENT = env.int("NAPWATCH_BRIEF_RENDERS_PER_CLIENT", default=10)

# ---- Plan files (planfiles/reading.py): limits on what `load_plan` reads ----------------------
# A file over NAPWATCH_PLAN_FILE_MAX_BYTES is refused before it is read, and any text in a file
# longer than NAPWATCH_PLAN_TEXT_MAX_CHARS is refused before it is validated (columns with a
# max_length are held to that). The largest real plan file, Mexico's, is 74 KB, and its longest
# text 930 characters. docs/plan-format.md lists these and the loader's other, fixed limits.
NAPWATCH_PLAN_FILE_MAX_BYTES = env.int("NAPWATCH_PLAN_FILE_MAX_BYTES", default=2_000_000)
NAPWATCH_PLAN_TEXT_MAX_CHARS = env.int("NAPWATCH_PLAN_TEXT_MAX_CHARS", default=20_000)
if min(NAPWATCH_PLAN_FILE_MAX_BYTES, NAPWATCH_PLAN_TEXT_MAX_CHARS) < 1:
    raise ImproperlyConfigured(
        "NAPWATCH_PLAN_FILE_MAX_BYTES and NAPWATCH_PLAN_TEXT_MAX_CHARS must be at least 1."
    )

# ---- Plan documents (documents/extraction.py): what an uploaded document may be ---------------
# A file over NAPWATCH_DOCUMENT_MAX_BYTES is refused before it is read; a PDF with more pages than
# NAPWATCH_DOCUMENT_MAX_PAGES, or whose streams decompress to more than
# NAPWATCH_DOCUMENT_MAX_DECOMPRESSED_BYTES in all (a PDF bomb), is refused before extraction.
# NAPWATCH_OCR_TIMEOUT: seconds Tesseract may spend on one scanned page.
NAPWATCH_DOCUMENT_MAX_BYTES = env.int("NAPWATCH_DOCUMENT_MAX_BYTES", default=50 * 1024 * 1024)
NAPWATCH_DOCUMENT_MAX_PAGES = env.int("NAPWATCH_DOCUMENT_MAX_PAGES", default=2000)
NAPWATCH_DOCUMENT_MAX_DECOMPRESSED_BYTES = env.int(
    "NAPWATCH_DOCUMENT_MAX_DECOMPRESSED_BYTES", default=500 * 1024 * 1024
)
NAPWATCH_OCR_TIMEOUT = env.int("NAPWATCH_OCR_TIMEOUT", default=120)
# NAPWATCH_OCR_MAX_PIXELS: the most pixels one page may be rendered to for OCR (documents/ocr.py):
# 36 million holds an A2 page at 300 dpi; a larger page is rendered at less, down to 150 dpi.
NAPWATCH_OCR_MAX_PIXELS = env.int("NAPWATCH_OCR_MAX_PIXELS", default=36_000_000)
# NAPWATCH_EXTRACTION_LEASE: seconds an extraction may go without a sign of life (a page read)
# before it is taken for dead (its worker killed) and marked failed (documents/recovery.py).
NAPWATCH_EXTRACTION_LEASE = env.int(
    "NAPWATCH_EXTRACTION_LEASE", default=2 * NAPWATCH_OCR_TIMEOUT + 60
)

# ---- The JSON API (api/, issue 13): read-only, anonymous, JSON only --------------------------
# Django REST framework, drf-spectacular and CORS (GET on /api/ only): constants that read no
# environment, written out in napwatch/api_settings.py.
from napwatch.api_settings import (  # noqa: E402, F401 - kept in this block
    CORS_ALLOW_ALL_ORIGINS,
    CORS_ALLOW_CREDENTIALS,
    CORS_ALLOW_HEADERS,
    CORS_ALLOW_METHODS,
    CORS_EXPOSE_HEADERS,
    CORS_URLS_REGEX,
    NAPWATCH_API_MAX_PAGE_SIZE,
    REST_FRAMEWORK,
    SPECTACULAR_SETTINGS,
)
