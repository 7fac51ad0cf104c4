"""A document whose printed labels repeat (a cover and a later page both "1") or read the same
in a link ("1.1" and "11"): every page has its own anchor and a locator that names it exactly,
and a locator written before still lands where it did."""

import io
import re

import pytest

from documents.models import Document, DocumentPage, anchor_for_locator
from documents.services import add_document, start_extraction
from plans.models import StrategicObjective
from tests.documents import builders
from tests.documents.conftest import _nap_pdf
from workbench.services import Passage, set_wording

pytestmark = pytest.mark.django_db

URL = "/en/plans/testland-2024/document/"
# Physical pages 1–6 of the test plan relabelled: the objective is on physical page 3.
LABELS = ["1", "i", "1", "1.1", "11", "12"]


def relabelled(pdf: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import PageLabelStyle

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    decimal, roman = PageLabelStyle.DECIMAL, PageLabelStyle.LOWERCASE_ROMAN
    writer.set_page_label(0, 0, style=decimal, start=1)
    writer.set_page_label(1, 1, style=roman, start=1)
    writer.set_page_label(2, 2, style=decimal, start=1)
    writer.set_page_label(3, 3, style=decimal, prefix="1.", start=1)
    writer.set_page_label(4, 5, style=decimal, start=11)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def repeated(minimal_plan) -> Document:
    data = relabelled(_nap_pdf())
    document = add_document(plan=minimal_plan, data=data, name="manual.pdf", is_public=True)
    start_extraction(document)
    document.refresh_from_db()
    assert document.status == Document.Status.DONE
    return document


def test_every_page_has_its_own_anchor_and_an_exact_locator(repeated):
    pages = list(repeated.pages.all())
    assert [p.label for p in pages] == LABELS
    assert [p.locator for p in pages] == [
        "p. 1 (PDF p. 1)",
        "p. i",
        "p. 1 (PDF p. 3)",
        "p. 1.1 (PDF p. 4)",
        "p. 11 (PDF p. 5)",
        "p. 12",
    ]
    anchors = [p.anchor for p in pages]
    assert len(set(anchors)) == len(anchors)
    assert [anchor_for_locator(p.locator) for p in pages] == anchors


def test_the_public_page_has_no_duplicate_id_and_keeps_old_ones(client, repeated):
    objective = StrategicObjective.objects.get(code="PREV-O1")
    page = repeated.pages.get(index=3)
    set_wording(element=objective, passage=Passage(repeated, page, builders.OBJECTIVE))
    objective.refresh_from_db()
    assert objective.source_locator == "p. 1 (PDF p. 3)"

    html = client.get(URL).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    # The old id "p-1" (where a link to "p. 1" went before) is on the first page labelled 1.
    first = html.index('id="p-1--pdf-1"')
    assert first < html.index('id="p-1"') < html.index('id="p-i"')
    assert '<h2 id="p-1--pdf-3-heading">p. 1 (PDF p. 3)</h2>' in html
    third = html[html.index('id="p-1--pdf-3"') : html.index('id="p-11--pdf-4"')]
    assert "<mark>" in third and builders.OBJECTIVE in third  # highlighted on its own page

    pillar = client.get("/en/plans/testland-2024/pillars/prevention/").content.decode()
    assert f'href="{URL}#p-1--pdf-3">p. 1 (PDF p. 3)</a>' in pillar


def test_a_locator_written_before_still_finds_its_page(client, repeated):
    """ "p. 1" written when labels were not told apart: the first page labelled 1, as before."""
    objective = StrategicObjective.objects.get(code="PREV-O1")
    first = repeated.pages.get(index=1)
    DocumentPage.objects.filter(pk=first.pk).update(text=f"{first.text}\n{builders.OBJECTIVE}")
    first.refresh_from_db()
    set_wording(element=objective, passage=Passage(repeated, first, builders.OBJECTIVE))
    StrategicObjective.objects.filter(pk=objective.pk).update(source_locator="p. 1")
    repeated.plan.save()  # (an update() sends no signal: replace the plan's token)

    html = client.get(URL).content.decode()
    cover = html[html.index('id="p-1--pdf-1"') : html.index('id="p-i"')]
    assert "<mark>" in cover
    pillar = client.get("/en/plans/testland-2024/pillars/prevention/").content.decode()
    assert f'href="{URL}#p-1">p. 1</a>' in pillar


def test_the_workbench_names_pages_exactly(client, maintainer, repeated):
    client.force_login(maintainer)
    html = client.get(f"/admin/workbench/{repeated.pk}/?page=3").content.decode()
    assert "Page 1 (PDF p. 3)" in html
    assert ">p. 1 (PDF p. 3)</option>" in html
    assert ">p. 12</option>" in html
