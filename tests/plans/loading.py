"""Running `load_plan` as the tests of the loader do, and telling whether it wrote anything."""

from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.conftest import MINIMAL_PLAN


def run_load(*paths: Path, **options) -> tuple[str, str]:
    """What `load_plan` printed on stdout and stderr."""
    out, err = StringIO(), StringIO()
    call_command("load_plan", *[str(p) for p in paths], stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def snapshot() -> dict[str, int]:
    """Row counts of every napwatch table: equal snapshots mean nothing was written."""
    return {
        model._meta.label: model.objects.count()
        for app in ("plans", "indicators", "critiques")
        for model in apps.get_app_config(app).get_models()
    }


def broken(tmp_path: Path, old: str, new: str, name: str = "broken.yaml") -> Path:
    text = MINIMAL_PLAN.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} is not in the minimal plan"
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def load_error(*paths: Path, **options) -> str:
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was written") as refused:
        call_command(
            "load_plan", *[str(p) for p in paths], stdout=StringIO(), stderr=err, **options
        )
    assert refused.value.returncode == 2, "bad input exits with status 2"
    return err.getvalue()
