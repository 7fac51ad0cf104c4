"""Briefs render in a child process; each test gets its own, empty brief cache.

Tasks run inside the request (Django's immediate backend) unless a test asks for the database
backend with `db_tasks`: a render queued by a request is then made before the response, as it
was before renders moved to the task worker, and a test stays about one thing.
"""

import io

import pytest
from pypdf import PdfReader

FAKE_PDF = b"%PDF-1.7\n% a stand-in for WeasyPrint's output\n%%EOF\n"


@pytest.fixture
def fake_renderer(monkeypatch):
    """Stands in for WeasyPrint where a test is about HTTP, not about the document; counts calls."""
    from briefs import services

    calls = []

    def render(html, stylesheets, *, timeout=None, progress=None):
        calls.append(html)
        return FAKE_PDF, 1, 0, 0.0

    monkeypatch.setattr(services, "render_pdf_bytes", render)
    return calls


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


IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def db_tasks(settings):
    """The production backend: tasks wait in the database until a worker runs them."""
    settings.TASKS = DATABASE


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
