"""The combobox script (static/admin-extra/target-picker.js) in Node with a fake DOM: it asks the
options view for the chosen plan, announces the count, moves with the arrow keys, chooses with
Enter without submitting, closes and clears with Escape. Runs where no Chromium is installed."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_picker_is_operable_by_keyboard():
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    result = subprocess.run(
        [
            node,
            str(ROOT / "tests/editing/js/target_picker_check.js"),
            str(ROOT / "static/admin-extra/target-picker.js"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout
    assert result.stdout.count("ok ") == 13
