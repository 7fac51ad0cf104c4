"""Briefs render in a child process; each test gets its own, empty brief cache."""

import io

import pytest
from pypdf import PdfReader


@pytest.fixture(autouse=True)
def brief_cache(settings, tmp_path):
    settings.CACHES = {
        **settings.CACHES,
        "briefs": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "brief-cache"),
        },
    }
    return tmp_path / "brief-cache"


def read_pdf(content: bytes) -> PdfReader:
    assert content.startswith(b"%PDF-"), content[:40]
    return PdfReader(io.BytesIO(content))


def pdf_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def outline_titles(reader: PdfReader) -> list[str]:
    """The top level of the PDF's bookmarks."""
    return [item.title for item in reader.outline if not isinstance(item, list)]


def link_destinations(reader: PdfReader) -> list[str]:
    """The named destinations that the document's internal links point to, in page order."""
    found = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            destination = annotation.get("/Dest") or (annotation.get("/A") or {}).get("/D")
            if destination is not None:
                found.append(str(destination))
    return found
