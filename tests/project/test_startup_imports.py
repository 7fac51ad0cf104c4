"""A process that renders no PDF never imports WeasyPrint or fontTools, which take most of a second
to import (issue 21): not a web worker serving pages, not a manage.py command such as `check` or
`load_plan --check`. Only the render imports the renderer (briefs/services.py); bench/startup.py
measures the start-up time itself.

Each case runs in a fresh interpreter: this test process has long since imported everything.
"""

import os
import subprocess
import sys

import pytest

from tests.conftest import MINIMAL_PLAN
from tests.project.conftest import ROOT

RENDERER = ("weasyprint", "fontTools", "pydyf")

WEB_WORKER = """
from napwatch.wsgi import application  # django.setup(), as gunicorn loads it
from django.urls import get_resolver
get_resolver().url_patterns  # the root URLconf, with every view module it imports
from django.contrib import admin
admin.site.get_urls()  # every ModelAdmin
"""

COMMANDS = f"""
import django
django.setup()
from django.core.management import call_command, get_commands, load_command_class
call_command("check")
call_command("load_plan", {str(MINIMAL_PLAN)!r}, check=True)
for name, app in get_commands().items():  # every command's module, export_brief's included
    load_command_class(app, name)
"""


def modules_after(code: str) -> set[str]:
    """The renderer's modules imported by a fresh interpreter running `code`."""
    probe = f"{code}\nimport sys\nprint('RENDERER', *[m for m in {RENDERER!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "napwatch.settings",
            "DEBUG": "true",
            "NAPWATCH_ENV_FILE": os.devnull,
            "DATABASE_URL": "sqlite://:memory:",
        },
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("RENDERER"))
    return set(line.split()[1:])


@pytest.mark.parametrize("code", [WEB_WORKER, COMMANDS], ids=["web-worker", "manage-commands"])
def test_a_process_that_renders_no_pdf_does_not_import_the_renderer(code):
    assert modules_after(code) == set()


def test_rendering_imports_it_so_the_probe_can_see_it():
    """The probe is not blind: a process that reaches the renderer has it in sys.modules."""
    assert modules_after("import briefs.pdf_worker") == set(RENDERER)
