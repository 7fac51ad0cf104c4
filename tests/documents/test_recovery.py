"""An extraction whose worker was killed is noticed (its lease runs out), marked failed with the
reason, and retried from the admin; the dead run, should it wake, writes nothing."""

import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from documents.models import Document
from documents.services import add_document, start_extraction
from documents.tasks import extract_document

pytestmark = pytest.mark.django_db

TEXT = "Primera página del plan.\fSegunda página del plan.\f".encode()


@pytest.fixture
def killed(minimal_plan, settings):
    """A document left "running, 1 of 2 pages" by a worker killed 10 minutes ago, its task
    RUNNING in django-tasks-db's table for good."""
    settings.NAPWATCH_EXTRACTION_LEASE = 300
    document = add_document(plan=minimal_plan, data=TEXT, name="plan.txt")
    row = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {"document_id": document.pk}},
        task_path="documents.tasks.extract_document",
        backend_name="default",
        run_after=timezone.now(),
        status=TaskResultStatus.RUNNING,
        worker_ids=["killed-worker"],
    )
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.RUNNING,
        pages_done=1,
        pages_total=2,
        attempt=uuid.uuid4(),
        task_id=str(row.id),
        heartbeat_at=timezone.now() - timedelta(minutes=10),
    )
    return document, row


def test_the_admin_shows_a_dead_extraction_as_failed_with_the_reason(client, maintainer, killed):
    document, row = killed
    client.force_login(maintainer)
    page = client.get("/admin/documents/document/")
    assert page.status_code == 200
    document.refresh_from_db()
    assert document.status == Document.Status.FAILED
    assert document.error.startswith(
        "The task worker stopped during extraction (at page 1 of 2; no sign of life since "
    )
    assert "Use “Extract again” to retry." in document.error
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED and row.finished_at is not None
    # The admin's retry reads it afresh.
    response = client.post(
        "/admin/documents/document/",
        {"action": "extract_again", "_selected_action": [document.pk]},
        follow=True,
    )
    assert response.status_code == 200
    start_extraction(document)  # (the test transaction never commits: run what commit runs)
    document.refresh_from_db()
    assert (document.status, document.pages.count()) == (Document.Status.DONE, 2)


def test_a_live_extraction_is_left_alone(killed):
    document, _row = killed
    Document.objects.filter(pk=document.pk).update(heartbeat_at=timezone.now())
    call_command("recover_extractions")
    document.refresh_from_db()
    assert document.status == Document.Status.RUNNING


def test_the_command_reports_what_it_recovered(killed, capsys):
    document, _row = killed
    call_command("recover_extractions")
    assert (
        f"1 stalled extraction(s) marked failed: documents {document.pk}."
        in capsys.readouterr().out
    )


def test_a_dead_run_that_wakes_after_a_retry_writes_nothing(killed):
    document, _row = killed
    old = str(Document.objects.get(pk=document.pk).attempt)
    start_extraction(document)  # the retry: a new attempt, run at once here
    document.refresh_from_db()
    assert document.status == Document.Status.DONE and str(document.attempt) != old
    Document.objects.filter(pk=document.pk).update(error="kept")
    assert extract_document.call(document_id=document.pk, attempt=old) == {
        "extracted": False,
        "why": "a newer extraction of this document was queued",
    }
    document.refresh_from_db()
    assert (document.status, document.error) == (Document.Status.DONE, "kept")


def test_a_file_attached_again_after_its_document_was_deleted_reuses_its_source(minimal_plan):
    """Its Source stays when wording cites it; attaching the same file again is not an
    IntegrityError (a traceback from add_document, a 500 from the admin)."""
    first = add_document(plan=minimal_plan, data=TEXT, name="plan.txt")
    source_id = first.source_id
    Document.objects.filter(pk=first.pk).delete()  # as delete_document does when wording cites it
    again = add_document(plan=minimal_plan, data=TEXT, name="plan.txt")
    assert again.source_id == source_id
