"""The documentation site (docs/, mkdocs.yml) builds with every warning an error: a broken link
or anchor, a page missing from the navigation. CI builds it here, as `make docs` does, and the
built site loads nothing from another origin (issue 21)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.project.conftest import ROOT

MKDOCS = Path(sys.executable).parent / "mkdocs"


def build(config: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "--config-file", str(config), "--site-dir", str(site)],
        cwd=config.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


def test_the_site_builds_strictly_with_every_page(site):
    listed = sorted(path.stem for path in (ROOT / "docs").glob("*.md"))
    built = [path.parent.name for path in site.glob("*/index.html")] + ["index"]
    assert sorted(built) == listed
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "National Action Plans" in home
    assert (site / "search" / "search_index.json").exists()  # the browser's search index


def test_the_site_loads_nothing_from_another_origin(site):
    """Links out are fine; a script, stylesheet, font or image from elsewhere is not."""
    loaded = re.compile(
        r"""<(?:script|img|iframe)[^>]*\bsrc=["'](?:https?:)?//|<link[^>]*href=["'](?:https?:)?//"""
    )
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not loaded.search(text), f"{page.relative_to(site)} loads {loaded.search(text)[0]}"
        assert "fonts.googleapis" not in text


@pytest.mark.parametrize(
    ("change", "warning"),
    [
        (("](pages.md)", "](no-such-page.md)"), "no-such-page.md"),
        (("](pages.md)", "](pages.md#no-such-anchor)"), "no-such-anchor"),
    ],
    ids=["broken-link", "broken-anchor"],
)
def test_a_broken_internal_link_or_anchor_fails_the_build(tmp_path, change, warning):
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    index = tmp_path / "docs" / "index.md"
    old, new = change
    assert old in index.read_text(encoding="utf-8"), "test set-up: the home page links the pages"
    index.write_text(index.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert warning in result.stderr
