"""Extraction runs in the background (Django's Tasks framework; django-tasks-db's worker).

`extract_document` reads the document's pages one by one, writing its progress (pages_done of
pages_total) as it goes, so the admin can show it; the pages themselves are written in one
transaction at the end, replacing any earlier ones. A failure leaves the document's earlier pages
(none, the first time) as they were, with status "failed" and the reason in `error`; the admin's
"Extract again" action retries it.
"""

from __future__ import annotations

import gc
import logging

from django.db import transaction
from django.tasks import task
from django.utils.translation import gettext as _

from documents.extraction import RefusedDocument, read_pages
from documents.models import Document, DocumentPage
from plans.signals import plan_data_changed

logger = logging.getLogger(__name__)


@task()
def extract_document(document_id: int) -> dict:
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return {"extracted": False, "why": "no such document"}
    Document.objects.filter(pk=document_id).update(
        status=Document.Status.RUNNING, pages_done=0, error=""
    )

    def progress(done: int) -> None:
        Document.objects.filter(pk=document_id).update(pages_done=done)

    try:
        with document.file.open("rb") as handle:
            data = handle.read()
        pages = [
            DocumentPage(
                document_id=document_id,
                index=page.index,
                label=page.label,
                text=page.text,
                is_ocr=page.is_ocr,
            )
            for page in read_pages(
                data, format=document.format, language=document.language, on_page=progress
            )
        ]
        del data
        with transaction.atomic():
            DocumentPage.objects.filter(document_id=document_id).delete()
            DocumentPage.objects.bulk_create(pages, batch_size=200)
            Document.objects.filter(pk=document_id).update(
                status=Document.Status.DONE,
                pages_done=len(pages),
                pages_total=len(pages),
                page_count=len(pages),
                error="",
            )
            plan_data_changed.send(sender=Document, plan_ids=[document.plan_id])
    except RefusedDocument as exc:
        return failed(document_id, str(exc))
    except Exception as exc:  # noqa: BLE001 - any failure is the document's outcome, said in the admin
        logger.exception("Extraction of document %s failed", document_id)
        return failed(document_id, _("Extraction failed: %(error)s") % {"error": exc})
    finally:
        gc.collect()  # a worker reads many documents: give back what this one held
    return {"extracted": True, "pages": len(pages), "ocr": sum(p.is_ocr for p in pages)}


def failed(document_id: int, message: str) -> dict:
    Document.objects.filter(pk=document_id).update(
        status=Document.Status.FAILED, pages_done=0, error=message[:2000]
    )
    return {"extracted": False, "why": message}
