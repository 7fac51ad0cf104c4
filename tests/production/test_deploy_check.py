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


# `make serve` is run for real, with a stand-in .venv whose python and gunicorn only write down
# how they were called: `-o <venv>/.installed` tells make the install is done, so nothing is
# pip- or apt-installed, migrated or served by these tests.
STUB = """#!/bin/sh
echo "$(basename "$0") $* | NAPWATCH_ENV_FILE=${NAPWATCH_ENV_FILE-} DEBUG=${DEBUG-}" >> "$(dirname "$0")/../calls"
"""


@pytest.fixture
def stub_venv(tmp_path) -> Path:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    for name in ("python", "gunicorn"):
        (venv / "bin" / name).write_text(STUB)
        (venv / "bin" / name).chmod(0o755)
    (venv / ".installed").touch()
    return venv


def make_serve(env: dict[str, str], venv: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in env.items() if key != "NAPWATCH_ENV_FILE"}
    return subprocess.run(
        ["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), "serve"]
        + [f"VENV={venv}", "-o", f"{venv}/.installed"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def calls(venv: Path) -> list[str]:
    log = venv / "calls"
    return log.read_text().splitlines() if log.exists() else []


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_make_serve_refuses_to_start_without_a_required_setting(missing, stub_venv, tmp_path):
    env = production_env()
    del env[missing]
    result = make_serve(env, stub_venv, cwd=tmp_path)
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stdout + result.stderr
    assert calls(stub_venv) == []  # nothing migrated, nothing started


def test_make_serve_does_not_take_its_settings_from_the_development_env_file(stub_venv, tmp_path):
    (tmp_path / ".env").write_text(
        "DEBUG=true\nSECRET_KEY=from-the-file\nALLOWED_HOSTS=napwatch.example.org\n"
    )
    env = production_env()
    del env["SECRET_KEY"], env["ALLOWED_HOSTS"]
    result = make_serve(env, stub_venv, cwd=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stdout + result.stderr
    assert calls(stub_venv) == []


def test_make_serve_runs_every_step_with_debug_off_and_no_env_file(stub_venv, tmp_path):
    (tmp_path / ".env").write_text("DEBUG=true\n")
    result = make_serve(production_env(), stub_venv, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    production = "NAPWATCH_ENV_FILE=/dev/null DEBUG=false"
    assert calls(stub_venv) == [
        f"python manage.py migrate --noinput | {production}",
        f"python manage.py collectstatic --noinput --verbosity 0 | {production}",
        f"gunicorn --config napwatch/gunicorn.conf.py napwatch.wsgi | {production}",
    ]
