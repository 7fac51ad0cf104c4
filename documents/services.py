"""Attaching a document to a plan, and (re)starting its extraction.

`add_document()` refuses bad files before anything is written (extraction.inspect), and writes
the Source, the Document and the file together: if any of them fails, none is left behind (the
file is deleted from storage when the transaction does not commit). Extraction is queued once
the transaction commits (documents/tasks.py).
"""

from __future__ import annotations

import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from documents.extraction import Inspected, RefusedDocument, clean_text, inspect
from documents.models import Document, DocumentPage, PageCorrection
from plans.models import Plan, Source
from plans.signals import plan_data_changed


def check_not_duplicate(plan: Plan, checksum: str) -> None:
    existing = Document.objects.filter(plan=plan, checksum=checksum).first()
    if existing is not None:
        raise RefusedDocument(
            _("This file is already attached to %(plan)s (as %(name)s, the same SHA-256).")
            % {"plan": plan.slug, "name": existing.original_name}
        )


def inspect_for_plan(plan: Plan, data: bytes, *, name: str) -> Inspected:
    inspected = inspect(data, name=name)
    check_not_duplicate(plan, inspected.checksum)
    return inspected


def add_document(
    *,
    plan: Plan,
    data: bytes,
    name: str,
    language: str = "",
    is_public: bool = False,
    licence_note: str = "",
    inspected: Inspected | None = None,
) -> Document:
    """Attaches the file to the plan as a Source of kind "plan document" and queues its
    extraction; RefusedDocument (nothing written) if the file is bad or already attached."""
    inspected = inspected or inspect_for_plan(plan, data, name=name)
    stored_name = None
    try:
        with transaction.atomic():
            check_not_duplicate(plan, inspected.checksum)
            # The same file attached before and deleted since leaves its Source when wording
            # cites it (delete_document): it is the same document again, so it is reused.
            source, _created = Source.objects.get_or_create(
                key=f"{plan.slug}-document-{inspected.checksum[:10]}"[:80],
                kind=Source.Kind.PLAN_DOCUMENT,
                defaults={
                    "title": plan.title_original,
                    "publisher": plan.country,
                    "issued": str(plan.adopted_on or plan.period_start or "")[:10],
                    "note": _("The plan's own document (%(name)s).") % {"name": name[:200]},
                },
            )
            plan.sources.add(source)
            document = Document(
                plan=plan,
                source=source,
                original_name=name[:255],
                format=inspected.format,
                checksum=inspected.checksum,
                size=inspected.size,
                page_count=inspected.page_count,
                pages_total=inspected.page_count,
                language=language or plan.language,
                is_public=is_public,
                licence_note=licence_note,
            )
            suffix = {"pdf": ".pdf", "text": ".txt", "html": ".html"}[inspected.format]
            document.file.save(
                f"{plan.slug}-{inspected.checksum[:16]}{suffix}", ContentFile(data), save=False
            )
            stored_name = document.file.name
            document.full_clean(exclude=["file"])
            document.save()
            transaction.on_commit(lambda: start_extraction(document))
    except BaseException:
        if stored_name and default_storage.exists(stored_name):
            default_storage.delete(stored_name)
        raise
    return document


def start_extraction(document: Document) -> None:
    """Queues the extraction task (run at once by the immediate backend, as in the tests)."""
    from documents.tasks import extract_document

    attempt = uuid.uuid4()
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.PENDING, pages_done=0, error="", attempt=attempt, task_id=""
    )
    result = extract_document.enqueue(document_id=document.pk, attempt=str(attempt))
    if not result.is_finished:  # (the immediate backend has run it already)
        Document.objects.filter(pk=document.pk, attempt=attempt).update(task_id=str(result.id))


def correct_page_text(*, page: DocumentPage, text: str, user) -> DocumentPage:
    """A maintainer's correction of a page's text (an OCR page's misreadings), logged with who
    made it (PageCorrection); the passage check, suggestions and public page read it from then
    on. An empty text, or the extracted text itself, removes the correction (logged too)."""
    text = clean_text(text.replace("\r\n", "\n"))
    with transaction.atomic():
        page = DocumentPage.objects.select_for_update().get(pk=page.pk)
        corrected = "" if text == page.text else text
        if corrected == page.corrected_text:
            return page
        log = PageCorrection.objects.create(
            document_id=page.document_id, index=page.index, text=corrected, corrected_by=user
        )
        page.corrected_text = corrected
        page.corrected_by = user if corrected else None
        page.corrected_at = log.corrected_at if corrected else None
        page.full_clean()
        page.save(update_fields=["corrected_text", "corrected_by", "corrected_at"])
        plan_data_changed.send(sender=DocumentPage, plan_ids=[page.document.plan_id])
    return page


def retry_extraction(document: Document) -> None:
    transaction.on_commit(lambda: start_extraction(document))


def delete_document(document: Document) -> None:
    """Deletes the document, its pages and its file, and its Source unless wording cites it
    (then the Source stays, so the elements keep their provenance)."""
    name = document.file.name
    source = document.source
    with transaction.atomic():
        document.delete()
        try:
            source.delete()
        except ProtectedError:
            pass
        transaction.on_commit(lambda: default_storage.delete(name))
