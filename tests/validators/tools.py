"""The validators the `validators` tests run, installed by the project itself from npm.

tests/validators/package.json pins vnu-jar (the Nu Html Checker, a Java program) and axe-core;
package-lock.json pins their integrity hashes. `make validators` installs them into .cache/node.
The session fixture `validator_tools` runs that target when the files are missing or are not the
pinned versions, and skips the tests with the reason when npm or Java is missing, or fails them
when NAPWATCH_REQUIRE_VALIDATORS=1 (CI sets it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PINS = Path(__file__).resolve().parent / "package.json"
NODE_MODULES = ROOT / ".cache" / "node" / "node_modules"


@dataclass(frozen=True)
class ValidatorTools:
    java: str
    vnu_jar: Path
    vnu_version: str
    axe_js: Path
    axe_version: str


def pinned_versions() -> dict[str, str]:
    return json.loads(PINS.read_text())["dependencies"]


def installed_version(package: str) -> str | None:
    manifest = NODE_MODULES / package / "package.json"
    if not manifest.exists():
        return None
    return json.loads(manifest.read_text()).get("version")


def unavailable(message: str):
    if os.environ.get("NAPWATCH_REQUIRE_VALIDATORS") == "1":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def installed_as_pinned() -> bool:
    return all(installed_version(name) == version for name, version in pinned_versions().items())


def ensure_validators() -> ValidatorTools:
    if not installed_as_pinned():
        if shutil.which("npm") is None:
            unavailable(
                "npm is not installed, so the pinned vnu-jar and axe-core cannot be installed "
                "(apt-get install npm, then `make validators`)"
            )
        if shutil.which("make") is None:
            unavailable("`make` is not installed: run `make validators` to install the validators")
        done = subprocess.run(
            ["make", "--no-print-directory", "validators"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0 or not installed_as_pinned():
            unavailable(
                "`make validators` did not install the pinned vnu-jar and axe-core into "
                f".cache/node:\n{done.stdout}\n{done.stderr}"
            )
    java = shutil.which("java")
    if java is None:
        unavailable("Java is not installed: the Nu Html Checker needs Java 11 or newer")
    pins = pinned_versions()
    return ValidatorTools(
        java=java,
        vnu_jar=NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar",
        vnu_version=pins["vnu-jar"],
        axe_js=NODE_MODULES / "axe-core" / "axe.min.js",
        axe_version=pins["axe-core"],
    )


@pytest.fixture(scope="session")
def validator_tools() -> ValidatorTools:
    return ensure_validators()
