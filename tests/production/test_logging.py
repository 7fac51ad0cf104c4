"""Production logs are one JSON object a line on stdout, for the log collector."""

import json
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
