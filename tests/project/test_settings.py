"""The settings module: configured by the environment, and loud about bad values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage_check(**env) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "ALLOWED_HOSTS"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = manage_check(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


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


def test_postgres_urls_use_psycopg2():
    code = (
        "import os; os.environ.update(DEBUG='true', DATABASE_URL='postgres://u@db.example:5433/nap');"
        "from napwatch import settings; d = settings.DATABASES['default'];"
        "print(d['ENGINE'], d['HOST'], d['PORT'], d['NAME'])"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.split() == ["django.db.backends.postgresql", "db.example", "5433", "nap"]
