"""Documents the tests upload, and a storage folder of each test's own."""

from functools import cache

import pytest

from tests.documents import builders


@cache
def _nap_pdf() -> bytes:
    return builders.nap_pdf()


@cache
def _scanned_pdf() -> bytes:
    return builders.scanned_pdf(_nap_pdf())


@pytest.fixture
def nap_pdf() -> bytes:
    return _nap_pdf()


@pytest.fixture
def scanned_pdf() -> bytes:
    return _scanned_pdf()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files land in this test's own folder; `stored_files()` lists them."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def stored_files(media_root) -> list[str]:
    return sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file())
