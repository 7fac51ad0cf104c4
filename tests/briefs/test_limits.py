"""The limits that keep a reader from ever meeting gunicorn's bare 500: the brief's render and
wait end before the web worker's timeout, checked by the settings, the system check and gunicorn."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from briefs.limits import LimitError, Limits, read

ROOT = Path(__file__).resolve().parents[2]


def test_the_default_limits_agree_and_leave_a_margin():
    limits = read({})
    assert limits == Limits(worker_timeout=30, brief_timeout=20, brief_wait=5.0)
    assert limits.problems() == []


@pytest.mark.parametrize(
    ("environ", "problem"),
    [
        ({"NAPWATCH_BRIEF_TIMEOUT": "60"}, "NAPWATCH_BRIEF_TIMEOUT (60 s) must be less than"),
        ({"NAPWATCH_BRIEF_TIMEOUT": "25"}, "so below 25 s"),
        ({"GUNICORN_TIMEOUT": "20"}, "GUNICORN_TIMEOUT (20 s) minus a margin of 5 s"),
        ({"NAPWATCH_BRIEF_WAIT": "26"}, "NAPWATCH_BRIEF_WAIT (26 s) must be less than"),
    ],
)
def test_a_limit_that_does_not_end_before_the_worker_timeout_is_a_problem(environ, problem):
    problems = read(environ).problems()
    assert len(problems) == 1 and problem in problems[0]


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"GUNICORN_TIMEOUT": "thirty"}, "GUNICORN_TIMEOUT must be a whole number of seconds"),
        ({"NAPWATCH_BRIEF_TIMEOUT": "0"}, "NAPWATCH_BRIEF_TIMEOUT must be a positive number"),
        ({"NAPWATCH_BRIEF_WAIT": "nan"}, "NAPWATCH_BRIEF_WAIT must be a number of seconds"),
        ({"NAPWATCH_BRIEF_WAIT": "-1"}, "NAPWATCH_BRIEF_WAIT must be a positive number"),
    ],
)
def test_a_limit_that_is_not_a_number_is_refused_by_name(environ, message):
    with pytest.raises(LimitError, match=message):
        read(environ)


@pytest.mark.django_db  # the model checks ask SQLite what it supports, which opens a connection
def test_the_system_check_fails_when_the_render_limit_reaches_the_worker_timeout(settings):
    call_command("check")  # the suite's own limits agree
    settings.NAPWATCH_WORKER_TIMEOUT = 30
    settings.NAPWATCH_BRIEF_TIMEOUT = 60
    with pytest.raises(SystemCheckError, match=r"napwatch\.E001.*NAPWATCH_BRIEF_TIMEOUT \(60 s\)"):
        call_command("check")
    settings.NAPWATCH_BRIEF_TIMEOUT = 20
    settings.NAPWATCH_BRIEF_WAIT = 25
    with pytest.raises(SystemCheckError, match=r"napwatch\.E001.*NAPWATCH_BRIEF_WAIT \(25 s\)"):
        call_command("check")


def gunicorn_check_config(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--config",
            "napwatch/gunicorn.conf.py",
            "--check-config",
            "napwatch.wsgi",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_gunicorn_refuses_to_start_when_the_limits_disagree_and_starts_when_they_agree():
    refused = gunicorn_check_config(GUNICORN_TIMEOUT="20")
    assert refused.returncode != 0
    assert "gunicorn will not start: NAPWATCH_BRIEF_TIMEOUT (20 s)" in refused.stderr
    assert "GUNICORN_TIMEOUT (20 s)" in refused.stderr
    agreed = gunicorn_check_config(GUNICORN_TIMEOUT="40", NAPWATCH_BRIEF_TIMEOUT="30")
    assert agreed.returncode == 0, agreed.stderr


def test_the_settings_refuse_a_limit_that_is_not_a_number():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**os.environ, "NAPWATCH_BRIEF_TIMEOUT": "soon"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "NAPWATCH_BRIEF_TIMEOUT must be a whole number of seconds (got 'soon')" in result.stderr
