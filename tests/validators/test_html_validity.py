"""The Nu Html Checker finds no error on any public page, nor in the site's style sheets.

Every page of tests/validators/pages.py is rendered with Django's test client (as production
serves it: DEBUG off, hashed static files) and written to a folder; vnu then checks them all in a
single run, since each start of the JVM costs seconds.
"""

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tests.validators.pages import PublicPage

pytestmark = [pytest.mark.validators, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
STYLE_SHEETS = [
    ROOT / "static" / "css" / "napwatch.css",
    ROOT / "static" / "briefs" / "brief.css",
    ROOT / "static" / "briefs" / "letter.css",
]
# The brief's style sheet is written for WeasyPrint: running headers and the PDF's outline use
# CSS Generated Content for Paged Media, which vnu's CSS checker does not know. Only these pass.
PAGED_MEDIA = re.compile(
    r"CSS: “(string-set|bookmark-level|bookmark-label)”: Property “\1” doesn't exist\."
    r"|CSS: “content”: “string\(\w+\)” is not a “content” value\."
)

SENTINEL = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sentinel</title></head>'
    '<body><span aria-label="named generic element">?</span></body></html>\n'
)


def run_vnu(tools, paths: list[Path]) -> list[dict]:
    done = subprocess.run(
        [
            tools.java,
            "-jar",
            str(tools.vnu_jar),
            "--format",
            "json",
            "--stdout",
            "--exit-zero-always",
            "--also-check-css",
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"vnu did not run:\n{done.stdout}\n{done.stderr}"
    return json.loads(done.stdout)["messages"]


def describe(message: dict, where: str) -> str:
    extract = " ".join(message.get("extract", "").split())
    return (
        f"{where} line {message.get('lastLine', message.get('firstLine', '?'))}: "
        f"{message.get('subType', message['type'])}: {message['message']}"
        + (f"\n    {extract[:200]}" if extract else "")
    )


def test_every_public_page_and_style_sheet_is_valid(
    client, validated_pages: list[PublicPage], validator_tools, tmp_path
):
    pages_dir = tmp_path / "pages"
    pages_dir.mkdir()
    where: dict[str, str] = {}  # file path -> what to call it in a failure
    for page in validated_pages:
        response = client.get(page.url)
        assert response.status_code == page.status, page.url
        path = pages_dir / f"{page.name}.html"
        path.write_bytes(response.content)
        where[str(path.resolve())] = f"{page.url[:90]} ({path.name})"
    for sheet in STYLE_SHEETS:
        where[str(sheet.resolve())] = str(sheet.relative_to(ROOT))
    # A page with a known error, in the same folder: proves vnu read the folder and reported.
    sentinel = pages_dir / "sentinel.html"
    sentinel.write_text(SENTINEL)

    messages = run_vnu(validator_tools, [pages_dir, *STYLE_SHEETS])

    errors = []
    sentinel_errors = 0
    for message in messages:
        if message["type"] not in ("error", "non-document-error"):
            continue
        path = unquote(urlparse(message.get("url", "")).path)
        if path == str(sentinel.resolve()):
            sentinel_errors += 1
            continue
        if path.endswith("/brief.css") and PAGED_MEDIA.fullmatch(message["message"]):
            continue
        errors.append(describe(message, where.get(path, path or "vnu")))
    assert sentinel_errors == 1, "vnu did not report the sentinel page's one error"
    print(f"vnu {validator_tools.vnu_version} checked {len(where)} files")
    assert not errors, f"{len(errors)} errors from the Nu Html Checker:\n" + "\n".join(errors)
