"""Extraction runs in the background (Django's Tasks framework; django-tasks-db's worker).

`extract_document` reads the document's pages one by one, writing its progress (pages_done of
pages_total) and a sign of life (`heartbeat_at`) at most once every PROGRESS_SECONDS, so the
admin can show it; the pages themselves are written in one transaction at the end, in batches
(bulk_create), replacing any earlier ones. A failure leaves the document's earlier pages (none,
the first time) as they were, with status "failed" and the reason in `error`; the admin's
"Extract again" action retries it.

Each run carries the document's `attempt` id: a retry gives the document a new one, so a run
that was given up on (documents/recovery.py: its worker was killed, or went silent past the
lease) and wakes up later writes nothing.
"""

from __future__ import annotations

import gc
import logging
import time

from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.extraction import RefusedDocument, read_pages
from documents.models import Document, DocumentPage, ambiguous_labels
from plans.signals import plan_data_changed

logger = logging.getLogger(__name__)

# Progress and the sign of life are written at most this often (one UPDATE), not once a page.
PROGRESS_SECONDS = 2.0
BATCH_SIZE = 500


@task()
def extract_document(document_id: int, attempt: str | None = None) -> dict:
    from documents.recovery import recover_stalled_extractions

    recover_stalled_extractions()  # notices others whose worker died
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return {"extracted": False, "why": "no such document"}
    mine = Document.objects.filter(pk=document_id)
    if attempt is not None:
        mine = mine.filter(attempt=attempt)
    if not mine.update(
        status=Document.Status.RUNNING, pages_done=0, error="", heartbeat_at=timezone.now()
    ):
        return {"extracted": False, "why": "a newer extraction of this document was queued"}
    last = time.monotonic()

    def progress(done: int) -> None:
        nonlocal last
        if time.monotonic() - last >= PROGRESS_SECONDS:
            mine.update(pages_done=done, heartbeat_at=timezone.now())
            last = time.monotonic()

    try:
        with document.file.open("rb") as handle:
            data = handle.read()
        pages = [
            DocumentPage(
                document_id=document_id,
                index=page.index,
                label=page.label,
                text=page.text,
                shown_text=page.shown_text,
                is_ocr=page.is_ocr,
            )
            for page in read_pages(
                data, format=document.format, language=document.language, on_page=progress
            )
        ]
        del data
        for page, ambiguous in zip(pages, ambiguous_labels([p.label for p in pages]), strict=True):
            page.ambiguous = ambiguous
        with transaction.atomic():
            if not mine.select_for_update().exists():
                return {"extracted": False, "why": "a newer extraction of this document was queued"}
            # A maintainer's corrections are kept: the file is the same, so is each page.
            kept = DocumentPage.objects.filter(document_id=document_id).exclude(corrected_text="")
            corrections = {
                old.index: (old.corrected_text, old.corrected_by_id, old.corrected_at)
                for old in kept
            }
            for page in pages:
                if page.index in corrections:
                    page.corrected_text, page.corrected_by_id, page.corrected_at = corrections[
                        page.index
                    ]
            DocumentPage.objects.filter(document_id=document_id).delete()
            DocumentPage.objects.bulk_create(pages, batch_size=BATCH_SIZE)
            mine.update(
                status=Document.Status.DONE,
                pages_done=len(pages),
                pages_total=len(pages),
                page_count=len(pages),
                error="",
                heartbeat_at=timezone.now(),
            )
            plan_data_changed.send(sender=Document, plan_ids=[document.plan_id])
    except RefusedDocument as exc:
        return failed(mine, str(exc))
    except MemoryError:
        logger.exception("Extraction of document %s ran out of memory", document_id)
        return failed(mine, _("Extraction failed: the document needs more memory than we have."))
    except Exception as exc:  # noqa: BLE001 - any failure is the document's outcome, said in the admin
        logger.exception("Extraction of document %s failed", document_id)
        reason = str(exc).strip() or type(exc).__name__  # never a blank "Extraction failed: "
        return failed(mine, _("Extraction failed: %(error)s") % {"error": reason})
    finally:
        gc.collect()  # a worker reads many documents: give back what this one held
    return {"extracted": True, "pages": len(pages), "ocr": sum(p.is_ocr for p in pages)}


def failed(mine, message: str) -> dict:
    mine.update(status=Document.Status.FAILED, pages_done=0, error=message[:2000])
    return {"extracted": False, "why": message}
