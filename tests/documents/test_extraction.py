"""A plan's document is read page by page with its printed labels; scanned pages by OCR."""

import pytest

from documents.extraction import normalise, occurs_in
from documents.models import Document
from documents.services import add_document
from tests.documents import builders
from tests.documents.conftest import stored_files

pytestmark = pytest.mark.django_db


def test_pages_keep_their_printed_labels_and_text(minimal_plan, nap_pdf, media_root):
    with_callbacks = add_document(plan=minimal_plan, data=nap_pdf, name="pna.pdf")
    document = Document.objects.get(pk=with_callbacks.pk)
    # The test database runs on_commit callbacks only when captured: run the task as a commit would.
    from documents.services import start_extraction

    start_extraction(document)
    document.refresh_from_db()
    assert document.status == Document.Status.DONE
    assert (document.pages_done, document.pages_total, document.page_count) == (6, 6, 6)
    pages = list(document.pages.all())
    assert [p.label for p in pages] == ["i", "ii", "1", "2", "3", "4"]
    assert not any(p.is_ocr for p in pages)
    by_label = {p.label: p for p in pages}
    for passage, label in builders.PAGES.items():
        assert occurs_in(passage, by_label[label].text), (label, passage)
        others = [p for p in pages if p.label != label]
        assert not any(occurs_in(passage, p.text) for p in others)
    assert document.source.kind == "plan-document"
    assert minimal_plan.sources.filter(pk=document.source_id).exists()
    assert stored_files(media_root) == [document.file.name]


def test_two_column_page_reads_column_by_column(minimal_plan, nap_pdf):
    document = add_document(plan=minimal_plan, data=nap_pdf, name="pna.pdf")
    from documents.services import start_extraction

    start_extraction(document)
    text = normalise(document.pages.get(label="3").text)
    assert text.index("conflicto.") < text.index("Promover la coordinación")


def test_scanned_pages_are_read_by_ocr(minimal_plan, scanned_pdf):
    document = add_document(plan=minimal_plan, data=scanned_pdf, name="escaneado.pdf")
    from documents.services import start_extraction

    start_extraction(document)
    document.refresh_from_db()
    assert document.status == Document.Status.DONE, document.error
    pages = list(document.pages.all())
    assert [p.is_ocr for p in pages] == [True, True]
    assert occurs_in(builders.LINE, pages[0].text)
    assert occurs_in(builders.SCANNED, pages[1].text)


def test_normalising_joins_hyphenation_ligatures_and_whitespace():
    page = "la partici‐\npación  de las ﬁlas\n y de-\nlegaciones"
    assert occurs_in("la participación de las filas y delegaciones", page)
    assert not occurs_in("la participación de las mujeres", page)
    assert not occurs_in("   ", page)


def test_plain_text_pages_split_at_form_feeds(minimal_plan):
    document = add_document(
        plan=minimal_plan, data="Primera página.\fSegunda página.".encode(), name="plan.txt"
    )
    from documents.services import start_extraction

    start_extraction(document)
    assert [(p.label, p.text) for p in document.pages.all()] == [
        ("1", "Primera página."),
        ("2", "Segunda página."),
    ]


def test_html_document_is_one_page_of_text(minimal_plan):
    html = "<html><body><h1>Plan</h1><script>x()</script><p>Objetivo &amp; acción</p></body></html>"
    document = add_document(plan=minimal_plan, data=html.encode(), name="plan.html")
    from documents.services import start_extraction

    start_extraction(document)
    (page,) = document.pages.all()
    assert normalise(page.text) == "Plan Objetivo & acción"
