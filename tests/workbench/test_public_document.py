"""Readers see a verbatim element's page, and, where the document is public, its text with the
encoded passages highlighted and the original file; a document not public shows only the
locator."""

import pytest

from documents.models import Document
from plans.models import StrategicObjective
from tests.documents import builders
from workbench.services import Passage, set_wording

pytestmark = pytest.mark.django_db

URL = "/en/plans/testland-2024/document/"


@pytest.fixture
def encoded(nap_document):
    objective = StrategicObjective.objects.get(code="PREV-O1")
    page = nap_document.pages.get(label="1")
    set_wording(element=objective, passage=Passage(nap_document, page, builders.OBJECTIVE))
    return objective


def test_document_page_highlights_encoded_passages(client, encoded, nap_document):
    page = client.get(URL).content.decode()
    assert '<section class="document-page" id="p-1"' in page
    assert '<section class="document-page" id="p-xii"' not in page
    assert 'id="p-ii"' in page  # roman front matter keeps its labels
    assert (
        f'<mark><a href="/en/plans/testland-2024/pillars/prevention/#PREV-O1">'
        f"{builders.OBJECTIVE}</a></mark>"
    ) in page
    assert 'href="/en/plans/testland-2024/document/file"' in page
    spanish = client.get("/es/plans/testland-2024/document/").content.decode()
    assert "El documento del plan" in spanish


def test_original_file_is_offered(client, nap_document, nap_pdf):
    response = client.get(URL + "file")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == nap_pdf


def test_a_document_not_public_shows_only_the_locator(client, encoded, nap_document):
    Document.objects.filter(pk=nap_document.pk).update(is_public=False)
    nap_document.plan.save()  # (an update() sends no signal: replace the plan's token)
    assert client.get(URL).status_code == 404
    assert client.get(URL + "file").status_code == 404
    pillar = client.get("/en/plans/testland-2024/pillars/prevention/").content.decode()
    assert "p. 1" in pillar
    assert "/document/" not in pillar


def test_making_a_document_public_reaches_cached_pages(client, encoded, nap_document):
    nap_document.is_public = False
    nap_document.save()
    assert client.get(URL).status_code == 404
    nap_document.is_public = True
    nap_document.save()
    assert client.get(URL).status_code == 200


def test_no_document_answers_404(client, mexico):
    assert client.get("/en/plans/mexico-2021/document/").status_code == 404
    assert client.get("/en/plans/no-such-plan/document/").status_code == 404


def test_document_page_reads_a_bounded_number_of_queries(
    client, encoded, nap_document, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        assert client.get(URL).status_code == 200


def test_pillar_page_stays_bounded_with_document_sources(
    client, encoded, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        assert client.get("/en/plans/testland-2024/pillars/prevention/").status_code == 200
