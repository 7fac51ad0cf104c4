"""Production logs are one JSON object a line on stdout, for the log collector."""

import json
import runpy
import subprocess
import sys

from tests.production.test_deploy_check import ROOT, production_env


def test_production_logs_are_json_lines_on_stdout():
    code = "import logging; logging.getLogger('napwatch.test').warning('disk is %s', 'full \"quoted\"')"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert record["level"] == "WARNING"
    assert record["logger"] == "napwatch.test"
    assert record["message"] == 'disk is full "quoted"'
    assert "time" in record


def test_gunicorn_logs_through_the_same_configuration_as_django(settings):
    """gunicorn.conf.py takes its logging from napwatch/logging_config.py, as settings.py does."""
    gunicorn = runpy.run_path(str(ROOT / "napwatch" / "gunicorn.conf.py"))["logconfig_dict"]
    django = settings.LOGGING
    assert gunicorn["formatters"] == django["formatters"]
    assert gunicorn["handlers"] == django["handlers"]
    assert gunicorn["root"] == django["root"]
    gunicorns_own = {
        name: logger for name, logger in gunicorn["loggers"].items() if "gunicorn" in name
    }
    assert gunicorns_own and {logger["handlers"][0] for logger in gunicorns_own.values()} == {
        "console"
    }


def test_gunicorns_own_logs_are_json_lines_on_stdout_in_production():
    code = (
        "import logging.config, runpy\n"
        "config = runpy.run_path('napwatch/gunicorn.conf.py')['logconfig_dict']\n"
        "logging.config.dictConfig(config)\n"
        "logging.getLogger('gunicorn.error').info('Booting worker with pid: %s', 42)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert record["logger"] == "gunicorn.error"
    assert record["level"] == "INFO"
    assert record["message"] == "Booting worker with pid: 42"


def test_a_manage_py_command_prints_no_axes_banner():
    """Issue 23: `AXES: BEGIN version …` was logged at INFO by every manage.py command."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "AXES" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_task_worker_of_make_run_runs_without_its_own_reloader():
    """Issue 23: under `make run` the worker's reloader doubled every log line."""
    recipe = (ROOT / "Makefile").read_text().split("\nrun: ", 1)[1].split("\n\n", 1)[0]
    worker = next(line for line in recipe.splitlines() if "db_worker" in line)
    assert "--no-reload" in worker, worker


def test_under_debug_a_task_workers_line_is_printed_once():
    """Issue 23: in `make run` every line of the task worker appeared twice, once through Django's
    own DEBUG console handler on the "django" logger and once through the root's."""
    code = (
        "import logging; logging.getLogger('django.tasks').info('Task id=%s state=RUNNING', 'abc')"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=production_env() | {"DEBUG": "true", "SECRET_KEY": "a development key for the test"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    printed = (result.stdout + result.stderr).splitlines()
    assert len([line for line in printed if "Task id=abc state=RUNNING" in line]) == 1, printed
