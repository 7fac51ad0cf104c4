"""The settings module: configured by the environment, and loud about bad values."""

import ast
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "napwatch" / "settings.py"
# What the test run sets for itself (tests.testenv); each test here starts without them.
RUN_ENV_KEYS = {
    "SECRET_KEY",
    "DEBUG",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "CONN_MAX_AGE",
    "NAPWATCH_ENV_FILE",
}


def clean_env(**env) -> dict[str, str]:
    """The test run's environment without its own settings, reading no .env unless told to."""
    environment = {key: value for key, value in os.environ.items() if key not in RUN_ENV_KEYS}
    environment["NAPWATCH_ENV_FILE"] = os.devnull
    environment.update(env)
    return environment


def manage_check(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_settings(names: str, **env) -> subprocess.CompletedProcess:
    """Imports the settings in a fresh process and prints the named ones, one a line."""
    code = f"from napwatch import settings\nfor name in {names.split()!r}: print(getattr(settings, name))"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_with(monkeypatch, **env) -> dict:
    """The settings module's names, evaluated afresh in this process under `env`."""
    for key in RUN_ENV_KEYS - {"NAPWATCH_ENV_FILE"}:
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return runpy.run_path(str(SETTINGS))


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = manage_check(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_it_starts_with_a_development_key_when_debug_is_on():
    result = manage_check(DEBUG="true")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG must be true or false (got 'maybe')"),
        (
            {"DEBUG": "true", "DATABASE_URL": "mysql://x@y/z"},
            "DATABASE_URL must be an sqlite:/// or postgres:// URL",
        ),
        (
            {"DEBUG": "true", "DATABASE_URL": "nonsense"},
            "DATABASE_URL is not a database URL we understand",
        ),
    ],
)
def test_a_bad_value_stops_the_start_with_a_message_naming_it(env, message):
    result = manage_check(**env)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"CONN_MAX_AGE": "a minute"}, "CONN_MAX_AGE must be a whole number (got 'a minute')"),
        ({"SECURE_SSL_REDIRECT": "perhaps"}, "SECURE_SSL_REDIRECT must be true or false"),
        ({"SECURE_HSTS_SECONDS": "1y"}, "SECURE_HSTS_SECONDS must be a whole number"),
        ({"NAPWATCH_PAGE_CACHE": "sometimes"}, "NAPWATCH_PAGE_CACHE must be true or false"),
        ({"NAPWATCH_BRIEF_TIMEOUT": "0"}, "NAPWATCH_BRIEF_TIMEOUT must be a positive number"),
        ({"AXES_FAILURE_LIMIT": "five"}, "AXES_FAILURE_LIMIT must be a whole number"),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT must be json or text (got 'xml')"),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL must be one of DEBUG, INFO, WARNING"),
        (
            {"DATABASE_URL": "postgres://u@db.example:port/nap"},
            "DATABASE_URL is not a database URL we understand",
        ),
    ],
)
def test_every_typed_value_is_checked_and_named(monkeypatch, env, message):
    with pytest.raises(ImproperlyConfigured) as caught:
        settings_with(monkeypatch, DEBUG="false", SECRET_KEY="k" * 50, **env)
    assert message in str(caught.value)


def test_an_empty_variable_counts_as_unset(monkeypatch):
    settings = settings_with(
        monkeypatch, DEBUG="", SECRET_KEY="k" * 50, CONN_MAX_AGE="", ALLOWED_HOSTS=" "
    )
    assert settings["DEBUG"] is False
    assert settings["DATABASES"]["default"]["CONN_MAX_AGE"] == 60
    assert settings["ALLOWED_HOSTS"] == []


def test_allowed_hosts_is_a_comma_separated_list(monkeypatch):
    settings = settings_with(
        monkeypatch, SECRET_KEY="k" * 50, ALLOWED_HOSTS="napwatch.example.org, www.example.org,"
    )
    assert settings["ALLOWED_HOSTS"] == ["napwatch.example.org", "www.example.org"]


def test_production_settings_are_strict(monkeypatch):
    settings = settings_with(monkeypatch, DEBUG="false", SECRET_KEY="k" * 50)
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_REDIRECT_EXEMPT"] == [r"^healthz/?$"]
    assert settings["SECURE_HSTS_SECONDS"] == 31536000
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and settings["SECURE_HSTS_PRELOAD"]
    assert settings["SESSION_COOKIE_SECURE"] and settings["CSRF_COOKIE_SECURE"]
    assert settings["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert settings["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert settings["CACHES"]["pages"]["BACKEND"].endswith("FileBasedCache")
    assert settings["LOGGING"]["handlers"]["console"]["formatter"] == "json"


def test_debug_settings_keep_django_defaults_for_plain_http(monkeypatch):
    settings = settings_with(monkeypatch, DEBUG="true", SECURE_SSL_REDIRECT="not read")
    assert settings["SECRET_KEY"].startswith("django-insecure-")
    assert settings["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0
    assert not settings["SESSION_COOKIE_SECURE"] and not settings["CSRF_COOKIE_SECURE"]
    assert settings["SESSION_COOKIE_NAME"] == "sessionid"
    assert settings["CSRF_COOKIE_NAME"] == "csrftoken"
    assert settings["CACHES"]["pages"]["BACKEND"].endswith("DummyCache")
    assert settings["LOGGING"]["handlers"]["console"]["formatter"] == "text"


def test_postgres_urls_use_psycopg2():
    result = read_settings(
        "DATABASES", DEBUG="true", DATABASE_URL="postgres://u@db.example:5433/nap"
    )
    database = ast.literal_eval(result.stdout.strip())["default"]
    assert (database["ENGINE"], database["HOST"], database["PORT"], database["NAME"]) == (
        "django.db.backends.postgresql",
        "db.example",
        5433,
        "nap",
    )
    assert database["OPTIONS"] == {"connect_timeout": 3}
    assert database["CONN_MAX_AGE"] == 60 and database["CONN_HEALTH_CHECKS"] is True


# --- The development .env file ------------------------------------------------------------------


def test_settings_read_the_env_file_for_what_the_environment_does_not_set(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("# written by make run\nDEBUG=true\nSECRET_KEY=from-the-file\n")
    result = read_settings("DEBUG SECRET_KEY", NAPWATCH_ENV_FILE=str(env_file))
    assert result.stdout.split() == ["True", "from-the-file"], result.stderr


def test_the_real_environment_wins_over_the_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=true\nSECRET_KEY=from-the-file\n")
    result = read_settings(
        "DEBUG SECRET_KEY", NAPWATCH_ENV_FILE=str(env_file), DEBUG="false", SECRET_KEY="from-env"
    )
    assert result.stdout.split() == ["False", "from-env"], result.stderr


def test_a_missing_env_file_named_on_purpose_stops_the_start(tmp_path):
    result = manage_check(DEBUG="true", NAPWATCH_ENV_FILE=str(tmp_path / "nowhere.env"))
    assert result.returncode != 0
    assert "NAPWATCH_ENV_FILE names" in result.stderr and "does not exist" in result.stderr


def test_the_test_run_never_reads_a_developers_env_file():
    assert os.environ["NAPWATCH_ENV_FILE"] == os.devnull


# --- Reading order --------------------------------------------------------------------------------

MUTATORS = {"append", "extend", "insert", "update", "setdefault", "pop", "remove", "clear"}


def module_level_statements(body):
    """The module's own statements, including those inside if/try/with, but not in functions."""
    for node in body:
        yield node
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        for field in ("body", "orelse", "finalbody", "handlers"):
            yield from module_level_statements(getattr(node, field, []) or [])


def assigned_names(target) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [name for element in target.elts for name in assigned_names(element)]
    return []


def test_each_setting_is_assigned_once_and_never_changed_afterwards():
    """Settings read top to bottom: a name's one assignment is its final value."""
    tree = ast.parse(SETTINGS.read_text(), filename=str(SETTINGS))
    seen: dict[str, int] = {}
    problems = []
    for node in module_level_statements(tree.body):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        elif isinstance(node, ast.AugAssign):
            problems.append(
                f"line {node.lineno}: augmented assignment to {ast.unparse(node.target)}"
            )
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            targets = [ast.Name(id=node.name)]
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            function = node.value.func
            if isinstance(function, ast.Attribute) and function.attr in MUTATORS:
                problems.append(f"line {node.lineno}: {ast.unparse(node.value)} changes a setting")
        for target in targets:
            if not isinstance(target, ast.Name | ast.Tuple | ast.List):
                problems.append(f"line {node.lineno}: {ast.unparse(target)} is changed in place")
            for name in assigned_names(target):
                if name in seen:
                    problems.append(f"line {node.lineno}: {name} again (first line {seen[name]})")
                seen.setdefault(name, node.lineno)
    assert not problems, "\n".join(problems)
    assert "globals()" not in SETTINGS.read_text()


def test_the_middleware_order_is_the_one_the_app_relies_on(settings):
    assert settings.MIDDLEWARE == [
        "napwatch.middleware.HealthCheckMiddleware",  # before host validation and HTTPS redirect
        "napwatch.middleware.RejectMalformedRequestMiddleware",
        "napwatch.middleware.TrustedProxyMiddleware",  # X-Forwarded-* only from the proxies
        # which database the request reads from, before anything reads one (issue 27)
        "toolkit.replica.ReplicaReadsMiddleware",
        # after every middleware that writes the body, as Django asks of GZipMiddleware
        "toolkit.compression.CompressionMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.csp.ContentSecurityPolicyMiddleware",  # right after the security headers
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "corsheaders.middleware.CorsMiddleware",  # before common, as django-cors-headers asks
        "django.middleware.locale.LocaleMiddleware",  # after the session, before common
        "django.middleware.common.CommonMiddleware",
        "napwatch.middleware.DatabaseUnavailableMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "simple_history.middleware.HistoryRequestMiddleware",
        "axes.middleware.AxesMiddleware",  # last, as django-axes asks
    ]
    assert settings.TEMPLATES[0]["OPTIONS"]["context_processors"] == [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "django.template.context_processors.csp",
        "toolkit.languages.alternates",
        "discovery.head.page_head",
    ]
