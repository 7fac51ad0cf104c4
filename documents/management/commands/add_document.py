"""python manage.py add_document SLUG FILE [--language es] [--public] [--licence NOTE]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from documents.extraction import RefusedDocument, check_size
from documents.models import Document
from documents.services import add_document
from plans.models import Plan
from toolkit.commands import ProjectCommand, UsageError


class Command(ProjectCommand):
    help = (
        "Attaches a plan's own document (PDF, plain text or HTML) as a Source of kind "
        "'plan document' and extracts its pages' text (by the task worker)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the plan, for example mexico-2021")
        parser.add_argument("file", help="the document: a PDF, or a .txt or .html file")
        parser.add_argument("--language", default="", help="its language (default: the plan's)")
        parser.add_argument(
            "--public", action="store_true", help="readers may read its text and download it"
        )
        parser.add_argument("--licence", default="", help="who may copy it, and on what terms")

    def handle(self, *args, slug, file, language, public, licence, **options):
        plan = Plan.objects.filter(slug=slug).first()
        if plan is None:
            raise UsageError(f"No plan {slug!r}: use one of {', '.join(known_slugs())}.")
        path = Path(file)
        if not path.is_file():
            raise UsageError(f"{file}: no such file.")
        try:
            check_size(path.stat().st_size)  # before reading it
            document = add_document(
                plan=plan,
                data=path.read_bytes(),
                name=path.name,
                language=language,
                is_public=public,
                licence_note=licence,
            )
        except RefusedDocument as exc:
            raise CommandError(f"{file}: refused: {exc}", returncode=2) from None
        document.refresh_from_db()
        if document.status == Document.Status.DONE:
            ocr = document.pages.filter(is_ocr=True).count()
            outcome = f"extracted {document.pages_total} pages ({ocr} by OCR)"
        elif document.status == Document.Status.FAILED:
            raise CommandError(f"{file}: attached, but extraction failed: {document.error}")
        else:
            outcome = "extraction queued for the task worker (manage.py db_worker)"
        self.stdout.write(
            f"{file}: attached to {plan.slug} as source {document.source.key} "
            f"({document.page_count} pages, {document.format}); {outcome}."
        )


def known_slugs() -> list[str]:
    return list(Plan.objects.order_by("slug").values_list("slug", flat=True)[:20])
