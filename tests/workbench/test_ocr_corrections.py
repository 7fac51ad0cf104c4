"""A maintainer corrects the text OCR read on a scanned page; the correction is kept with who
made it and when, the passage check uses it, it outlives a new extraction; others cannot make
it. The document's change page follows an extraction through a JSON status, without reloading."""

import json

import pytest

from documents.models import Document, PageCorrection
from documents.services import add_document, start_extraction
from plans.models import StrategicObjective
from tests.documents import builders
from tests.documents.conftest import _scanned_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def scanned(minimal_plan) -> Document:
    document = add_document(plan=minimal_plan, data=_scanned_pdf(), name="scan.pdf")
    start_extraction(document)
    document.refresh_from_db()
    assert document.status == Document.Status.DONE
    return document


def url(document, index=1):
    return f"/admin/workbench/{document.pk}/?page={index}"


def test_a_maintainer_corrects_ocr_text_and_the_passage_check_uses_it(client, maintainer, scanned):
    page = scanned.pages.get(index=2)
    assert page.is_ocr
    objective = StrategicObjective.objects.get(code="PREV-O1")
    client.force_login(maintainer)
    html = client.get(url(scanned, 2)).content.decode()
    assert "Correct the text read by OCR" in html

    # Not on the page as OCR read it: refused (the maintainer's correction adds it below).
    post = {"page": page.pk, "action": "set", "element": f"objective:{objective.pk}"}
    refused = client.post(url(scanned, 2), {**post, "passage": builders.SCANNED + " Otra cosa."})
    assert "This passage is not on p. 2" in refused.content.decode()

    corrected = page.text + "\n" + builders.SCANNED + " Otra cosa."
    response = client.post(url(scanned, 2), {"corrected": corrected, "correct": "1"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.corrected_text == corrected.strip() and page.corrected_by == maintainer
    html = client.get(url(scanned, 2)).content.decode()
    assert "Text corrected by hand by max-maintainer" in html
    assert "Corrections of this page" in html

    accepted = client.post(url(scanned, 2), {**post, "passage": builders.SCANNED + " Otra cosa."})
    assert accepted.status_code == 302
    objective.refresh_from_db()
    assert objective.confidence == "verbatim"

    # A second correction, then its removal: all three kept, newest first.
    client.post(url(scanned, 2), {"corrected": corrected + " Fin.", "correct": "1"})
    client.post(url(scanned, 2), {"corrected": "", "correct": "1"})
    log = list(PageCorrection.objects.filter(document=scanned, index=2))
    assert [bool(c.text) for c in log] == [False, True, True]
    assert {c.corrected_by for c in log} == {maintainer}
    page.refresh_from_db()
    assert page.corrected_text == "" and page.checked_text == page.text


def test_a_correction_outlives_a_new_extraction(maintainer, scanned):
    from documents.services import correct_page_text

    page = scanned.pages.get(index=1)
    correct_page_text(page=page, text="Texto corregido a mano.", user=maintainer)
    start_extraction(scanned)
    again = scanned.pages.get(index=1)
    assert again.pk != page.pk
    assert again.checked_text == "Texto corregido a mano."


def test_editors_cannot_correct_a_page(client, editor, scanned):
    client.force_login(editor)
    page = scanned.pages.get(index=1)
    assert "Save the corrected text" not in client.get(url(scanned)).content.decode()
    response = client.post(url(scanned), {"corrected": "<script>x</script>", "correct": "1"})
    assert response.status_code == 403
    page.refresh_from_db()
    assert page.corrected_text == ""


def test_extraction_status_is_json_for_staff_only(client, maintainer, researcher, scanned):
    status = f"/admin/documents/document/{scanned.pk}/status/"
    client.force_login(researcher)
    assert client.get(status).status_code == 302  # to the admin's login
    client.force_login(maintainer)
    data = json.loads(client.get(status).content)
    assert data["status"] == "done" and data["finished"] is True
    assert data["pages_done"] == data["pages_total"] == 2
    assert client.get("/admin/documents/document/999999/status/").status_code == 404
    Document.objects.filter(pk=scanned.pk).update(status="running", pages_done=1)
    form = client.get(f"/admin/documents/document/{scanned.pk}/change/").content.decode()
    assert "js/extraction-progress" in form and f'data-extraction-status="{status}"' in form
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in form
