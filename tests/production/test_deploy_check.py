"""Production settings pass Django's deployment checklist, and `make serve` refuses bad set-ups."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The test run sets these for itself (tests.testenv, tests/browser); production does not.
PRODUCTION_ENV_KEYS = {
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "NAPWATCH_TESTING",
}


def production_env(**overrides) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV_KEYS}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="napwatch.example.org",
        NAPWATCH_SITE_URL="https://napwatch.example.org",
    )
    env.update(overrides)
    return env


def check_deploy(env: dict[str, str]) -> tuple[int, str]:
    """`manage.py check --deploy --fail-level WARNING`: its exit code and all it printed."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


def test_check_deploy_is_clean_under_production_settings():
    code, output = check_deploy(production_env())
    assert code == 0, output
    assert "no issues" in output


def test_check_deploy_fails_when_the_https_redirect_is_turned_off():
    code, output = check_deploy(production_env(SECURE_SSL_REDIRECT="false"))
    assert code != 0
    assert "security.W008" in output


def test_check_deploy_warns_when_brief_links_would_point_at_localhost():
    env = production_env()
    del env["NAPWATCH_SITE_URL"]
    code, output = check_deploy(env)
    assert code != 0
    assert "napwatch.W001" in output and "NAPWATCH_SITE_URL" in output


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_make_serve_refuses_to_start_without_a_required_setting(missing):
    env = production_env()
    del env[missing]
    result = subprocess.run(
        ["make", "--no-print-directory", "serve"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stdout + result.stderr
