"""A maintainer uploads a plan's document in the admin, sees the extraction's progress and
outcome, and starts a failed extraction again."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import tasks
from documents.models import Document

pytestmark = pytest.mark.django_db


def upload(client, plan, pdf, captured, **extra):
    with captured(execute=True):
        return client.post(
            "/admin/documents/document/add/",
            {"plan": plan.pk, "upload": SimpleUploadedFile("pna.pdf", pdf), **extra},
        )


def test_upload_extracts_and_shows_the_outcome(
    client, maintainer, minimal_plan, nap_pdf, django_capture_on_commit_callbacks
):
    client.force_login(maintainer)
    response = upload(client, minimal_plan, nap_pdf, django_capture_on_commit_callbacks)
    assert response.status_code == 302, response.context["adminform"].form.errors
    document = Document.objects.get()
    assert (document.status, document.pages_done, document.language) == ("done", 6, "es")
    page = client.get(f"/admin/documents/document/{document.pk}/change/").content.decode()
    assert "6 pages extracted" in page
    assert "Open in the workbench" in page
    assert 'http-equiv="refresh"' not in page  # nothing left to wait for
    listing = client.get("/admin/documents/document/").content.decode()
    assert "6 pages extracted" in listing


def test_a_failed_extraction_says_why_leaves_no_pages_and_can_be_retried(
    client, maintainer, minimal_plan, nap_pdf, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, on_page=None, **kwargs):
        on_page(1)
        on_page(2)
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(tasks, "read_pages", broken)
    client.force_login(maintainer)
    upload(client, minimal_plan, nap_pdf, django_capture_on_commit_callbacks)
    document = Document.objects.get()
    assert document.status == "failed"
    assert document.pages.count() == 0
    page = client.get(f"/admin/documents/document/{document.pk}/change/").content.decode()
    assert "Extraction failed: the disk went away" in page

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/documents/document/",
            {"action": "extract_again", "_selected_action": [document.pk]},
        )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.status, document.error, document.pages.count()) == ("done", "", 6)


def test_progress_while_running_reloads_the_page(client, maintainer, minimal_plan, nap_pdf):
    from documents.services import add_document

    document = add_document(plan=minimal_plan, data=nap_pdf, name="pna.pdf")
    Document.objects.filter(pk=document.pk).update(status="running", pages_done=2)
    client.force_login(maintainer)
    page = client.get(f"/admin/documents/document/{document.pk}/change/").content.decode()
    assert '<progress max="6" value="2"></progress> 2 of 6 pages' in page
    assert 'http-equiv="refresh"' in page


def test_editors_may_read_documents_but_not_upload(client, editor):
    client.force_login(editor)
    assert client.get("/admin/documents/document/").status_code == 200
    assert client.get("/admin/documents/document/add/").status_code == 403
