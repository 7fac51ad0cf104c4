"""A small plan with its own document extracted, as the workbench finds it."""

import pytest

from documents.models import Document
from documents.services import add_document, start_extraction
from tests.documents.conftest import _nap_pdf, media_root, nap_pdf  # noqa: F401 - fixtures


@pytest.fixture
def nap_document(minimal_plan) -> Document:
    document = add_document(plan=minimal_plan, data=_nap_pdf(), name="pna.pdf", is_public=True)
    start_extraction(document)  # (the test transaction never commits: run what commit runs)
    document.refresh_from_db()
    assert document.status == Document.Status.DONE
    return document


def page_text(document: Document, label: str) -> str:
    return document.pages.get(label=label).text
