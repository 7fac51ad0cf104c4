"""A plan's own document (PDF, plain text or HTML) and the text of each of its pages.

A Document is the file behind a Source of kind "plan document": wording encoded from it is
`verbatim`, with "p. <label>" as locator, the label being the page's printed number ("xii", "12").

**Pages are named exactly.** A document's printed labels may repeat (a manual whose cover and its
page 29 are both "1") or read the same in a link (slugify makes "1.1" and "11" both "11"). Such
a page is `ambiguous`: its locator adds its position in the file, "p. 1 (PDF p. 29)", and its
anchor too, "p-1--pdf-29". Every other page keeps "p. 12" and "#p-12". A locator written before
("p. 1" for a label that repeats) still names the first page so labelled, as it did: the public
document page keeps the old id "p-1" on that page (`page_names()`, `anchor_for_locator()`).
The file is kept through Django's storage API (`default` storage; MEDIA_ROOT locally).
"""

from __future__ import annotations

import re
from collections import Counter

from django.conf import settings
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
    ambiguous = models.BooleanField(
        default=False,
        help_text=_(
            "Another page of the document prints the same label (or one that reads the same "
            "in a link): its locator and anchor add its position in the file."
        ),
    )
    text = models.TextField(
        blank=True,
        help_text=_("The text as a reader types it: ligatures spelled out, words kept whole."),
    )
    shown_text = models.TextField(
        blank=True, help_text=_("The text as the page shows it, where that differs.")
    )
    is_ocr = models.BooleanField("OCR", default=False)
    # A maintainer's correction of the page's text (OCR misreads), used instead of `text`
    # wherever the page is read (checked_text). Every correction is kept (PageCorrection), by
    # document and page index, so it outlives a new extraction of the same file.
    corrected_text = models.TextField(_("corrected text"), blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("corrected by"),
    )
    corrected_at = models.DateTimeField(_("corrected at"), null=True, blank=True)

    class Meta:
        ordering = ["document_id", "index"]
        constraints = [
            models.UniqueConstraint(fields=["document", "index"], name="page_index_unique"),
        ]

    def __str__(self) -> str:
        return self.locator

    @property
    def locator(self) -> str:
        """ "p. 12", or "p. 1 (PDF p. 29)" where the label is ambiguous in the document."""
        return page_locator(self.label, self.index, self.ambiguous)

    @property
    def exact_label(self) -> str:
        """The label, with its position in the file where it is ambiguous: "1 (PDF p. 29)"."""
        return self.locator.removeprefix("p. ")

    @property
    def anchor(self) -> str:
        """The page's id on the public document page, unique in the document."""
        return page_anchor(self.label, self.index, self.ambiguous)

    @property
    def checked_text(self) -> str:
        """The text passages are checked against: a maintainer's correction, else extracted."""
        return self.corrected_text or self.text


class PageCorrection(models.Model):
    """One correction of a page's text by hand: the history of `DocumentPage.corrected_text`."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="corrections")
    index = models.PositiveIntegerField(help_text=_("Position of the page in the file, from 1."))
    text = models.TextField(_("text"), blank=True, help_text=_("Empty: the correction removed."))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("corrected by"),
    )
    corrected_at = models.DateTimeField(_("corrected at"), auto_now_add=True)

    class Meta:
        ordering = ["document_id", "index", "-corrected_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.document_id} PDF p. {self.index} ({self.corrected_at:%Y-%m-%d %H:%M})"


def page_locator(label: str, index: int, ambiguous: bool) -> str:
    return f"p. {label} (PDF p. {index})" if ambiguous else f"p. {label}"


def page_anchor(label: str, index: int, ambiguous: bool) -> str:
    slug = slugify(label)
    return f"p-{slug}--pdf-{index}" if ambiguous or not slug else f"p-{slug}"


def ambiguous_labels(labels: list[str]) -> list[bool]:
    """For each label, in order: does another label of the document read the same in a link
    (the same label, or the same slug, or no slug at all)?"""
    slugs = [slugify(label) for label in labels]
    counts = Counter(slugs)
    return [not slug or counts[slug] > 1 for slug in slugs]


def old_anchors(pages) -> dict[int, str]:
    """{page index: the id a link written before #p-<slug> went to}, for the first page of each
    ambiguous slug: the old links keep landing where they did."""
    found: dict[int, str] = {}
    seen: set[str] = set()
    for page in pages:
        slug = slugify(page.label)
        if page.ambiguous and slug and slug not in seen:
            found[page.index] = f"p-{slug}"
        seen.add(slug)
    return found


LOCATOR = re.compile(r"^p\. (?P<label>.+?)(?: \(PDF p\. (?P<index>\d+)\))?$")


def anchor_for_locator(text: str) -> str | None:
    """The anchor a locator links to, without reading the pages: "p. 1 (PDF p. 29)" names its
    page exactly; "p. 12" is the page of that label (or, for an old locator of a label that
    repeats, the first page so labelled, which keeps that old id)."""
    match = LOCATOR.match(text or "")
    if match is None:
        return None
    label, index = match["label"], match["index"]
    if index:
        return page_anchor(label, int(index), True)
    slug = slugify(label)
    return f"p-{slug}" if slug else None
