"""A plan's own document (PDF, plain text or HTML) and the text of each of its pages.

A Document is the file behind a Source of kind "plan document": wording encoded from it is
`verbatim`, with "p. <label>" as locator, the label being the page's printed number ("xii", "12").
The file is kept through Django's storage API (`default` storage; MEDIA_ROOT locally).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from plans.models import Plan, Source


class DocumentQuerySet(models.QuerySet):
    def public(self) -> DocumentQuerySet:
        return self.filter(is_public=True, status=Document.Status.DONE)


class Document(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for extraction")
        RUNNING = "running", _("Extracting")
        DONE = "done", _("Extracted")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        TEXT = "text", _("Plain text")
        HTML = "html", "HTML"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="documents")
    source = models.OneToOneField(Source, on_delete=models.PROTECT, related_name="document")
    file = models.FileField(upload_to="documents/", max_length=300)
    original_name = models.CharField(max_length=255)
    format = models.CharField(max_length=8, choices=Format)
    checksum = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    page_count = models.PositiveIntegerField(default=0)
    language = models.CharField(max_length=12, help_text=_("The document's language (BCP 47)."))
    licence_note = models.TextField(
        _("licence note"), blank=True, help_text=_("Who may copy the document, and on what terms.")
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Readers may read its text and download the file."),
    )
    status = models.CharField(max_length=8, choices=Status, default=Status.PENDING)
    pages_done = models.PositiveIntegerField(default=0)
    pages_total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    # The extraction now under way (documents/tasks.py): its id (a retry gives a new one, so an
    # old run that wakes up writes nothing), its task's id, and its last sign of life (a page
    # read), which documents/recovery.py compares with NAPWATCH_EXTRACTION_LEASE.
    attempt = models.UUIDField(null=True, blank=True, editable=False)
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["plan_id", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "checksum"], name="document_checksum_unique_in_plan"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.slug}: {self.original_name}"

    def get_absolute_url(self) -> str:
        return reverse("plans:document", kwargs={"slug": self.plan.slug})

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE


class DocumentPage(models.Model):
    """One page's text: from the PDF's text layer, or read by OCR (`is_ocr`)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="pages")
    index = models.PositiveIntegerField(help_text=_("Position in the file, from 1."))
    label = models.CharField(
        max_length=40, help_text=_("The page number the document prints, e.g. xii or 12.")
    )
    text = models.TextField(blank=True)
    is_ocr = models.BooleanField("OCR", default=False)

    class Meta:
        ordering = ["document_id", "index"]
        constraints = [
            models.UniqueConstraint(fields=["document", "index"], name="page_index_unique"),
        ]

    def __str__(self) -> str:
        return f"p. {self.label}"

    @property
    def locator(self) -> str:
        return f"p. {self.label}"

    @property
    def anchor(self) -> str:
        """The page's id on the public document page; a locator "p. 12" links to #p-12."""
        return f"p-{slugify(self.label) or self.index}"
