"""`manage.py add_document` attaches a document and reports what extraction made of it; a
document deleted in the admin takes its file with it."""

import io

import pytest
from django.core.management import call_command

from documents.models import Document
from plans.models import Source, StrategicObjective
from tests.documents.conftest import stored_files

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)  # commits, as from a shell: the task runs on commit
def test_add_document_reports_pages_and_labels(minimal_plan, nap_pdf, tmp_path, media_root):
    path = tmp_path / "pna.pdf"
    path.write_bytes(nap_pdf)
    out = io.StringIO()
    call_command("add_document", "testland-2024", str(path), "--public", stdout=out)
    document = Document.objects.get()
    assert out.getvalue() == (
        f"{path}: attached to testland-2024 as source {document.source.key} (6 pages, pdf); "
        "extracted 6 pages (0 by OCR).\n"
    )
    assert (document.is_public, document.language, document.status) == (True, "es", "done")
    assert list(document.pages.values_list("label", flat=True)) == ["i", "ii", "1", "2", "3", "4"]
    assert stored_files(media_root) == [document.file.name]


def test_deleting_a_document_removes_its_file_and_unused_source(
    client,
    maintainer,
    minimal_plan,
    nap_pdf,
    tmp_path,
    media_root,
    django_capture_on_commit_callbacks,
):
    path = tmp_path / "pna.pdf"
    path.write_bytes(nap_pdf)
    call_command("add_document", "testland-2024", str(path), stdout=io.StringIO())
    document = Document.objects.get()
    key = document.source.key
    client.force_login(maintainer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/documents/document/{document.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Document.objects.exists()
    assert not Source.objects.filter(key=key).exists()
    assert stored_files(media_root) == []


def test_a_cited_source_outlives_its_document(client, maintainer, minimal_plan, nap_pdf, tmp_path):
    path = tmp_path / "pna.pdf"
    path.write_bytes(nap_pdf)
    call_command("add_document", "testland-2024", str(path), stdout=io.StringIO())
    document = Document.objects.get()
    StrategicObjective.objects.filter(code="PREV-O1").update(source=document.source)
    client.force_login(maintainer)
    client.post(f"/admin/documents/document/{document.pk}/delete/", {"post": "yes"})
    assert not Document.objects.exists()
    assert StrategicObjective.objects.get(code="PREV-O1").source.kind == "plan-document"
