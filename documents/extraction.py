"""Checking an uploaded document, and reading its text page by page.

**Library: pypdf.** It gives the two things a locator needs from one pure-Python library: each
page's text and the document's printed page labels (`reader.page_labels`, from /PageLabels, so a
front matter numbered i, ii, iii… keeps its roman numbers). It reads a page in milliseconds and
in little memory, and its text follows the content stream's order, which for the two-column
pages of a typeset plan is column by column (pdfplumber's word layout merges the columns' lines
side by side unless each page's columns are cropped by hand, and it is several times slower).

Pages without a text layer (scanned plans) are rendered with pypdfium2 and read by Tesseract
(`tesseract` from Debian's tesseract-ocr, with the Spanish and English data), in a subprocess
with a time limit; their text is marked as OCR.

**Refusals** (`RefusedDocument`, with a message for the person): a file over
NAPWATCH_DOCUMENT_MAX_BYTES; a file that is neither a PDF (by its first bytes, whatever its name)
nor UTF-8 plain text or HTML (by its name, and no binary content); a PDF that needs a password
to open (one encrypted with an owner password only is read: pypdf decrypts it, with the
`cryptography` package for AES) or is unreadable; a PDF or text file with more than
NAPWATCH_DOCUMENT_MAX_PAGES pages (a text file's pages are split at form feeds), or a PDF whose
streams decode to more than NAPWATCH_DOCUMENT_MAX_DECOMPRESSED_BYTES through their whole filter
chain (a PDF bomb, however its filters hide it; counted while decoding, never past the limit:
documents/filters.py). A page too large to render for OCR is refused when it is read
(documents/ocr.py).
"""

from __future__ import annotations

import hashlib
import html
import io
import logging
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from documents.filters import decoded_size

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}
# A page whose text layer has fewer characters than this (and which shows an image) is read by OCR.
MIN_TEXT_CHARS = 20


class RefusedDocument(Exception):
    """The file cannot be a plan's document; the message says why, for the person who gave it."""


@dataclass(frozen=True)
class Inspected:
    format: str  # Document.Format's values: pdf, text, html
    checksum: str
    size: int
    page_count: int


@dataclass(frozen=True)
class Page:
    index: int  # from 1
    label: str
    text: str  # as a reader types it (reader_text)
    is_ocr: bool = False
    shown_text: str = ""  # as the page shows it, where that differs


# ---- Checking ---------------------------------------------------------------------------------


def check_size(size: int) -> None:
    limit = settings.NAPWATCH_DOCUMENT_MAX_BYTES
    if size > limit:
        raise RefusedDocument(
            _("The file is %(size)s bytes, over the limit of %(limit)s bytes.")
            % {"size": f"{size:,}", "limit": f"{limit:,}"}
        )
    if size == 0:
        raise RefusedDocument(_("The file is empty."))


def inspect(data: bytes, *, name: str) -> Inspected:
    """What the file is, or RefusedDocument saying why it cannot be a plan's document."""
    check_size(len(data))
    checksum = hashlib.sha256(data).hexdigest()
    if data.startswith(PDF_MAGIC):
        return Inspected("pdf", checksum, len(data), check_pdf(data))
    suffix = Path(name).suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise RefusedDocument(
            _(
                "This is not a PDF (its content does not start as a PDF does, whatever its name), "
                "nor a plain text or HTML file (.txt, .html)."
            )
        )
    text = decode_text(data)
    kind = TEXT_SUFFIXES[suffix]
    if kind == "text":
        check_page_count(text.rstrip().count("\f") + 1, "text")  # a final form feed ends a page
    return Inspected(kind, checksum, len(data), len(text_pages(text, kind)))


def check_page_count(count: int, format: str) -> None:
    limit = settings.NAPWATCH_DOCUMENT_MAX_PAGES
    if count > limit:
        message = (
            _("This PDF has %(count)s pages, over the limit of %(limit)s.")
            if format == "pdf"
            else _(
                "This text file has %(count)s pages (parts between form feeds), over the limit "
                "of %(limit)s."
            )
        )
        raise RefusedDocument(message % {"count": f"{count:,}", "limit": f"{limit:,}"})


def decode_text(data: bytes) -> str:
    if b"\x00" in data:
        raise RefusedDocument(_("This is not a text file: it contains binary data."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RefusedDocument(
            _("This text file is not UTF-8 (byte %(position)s).") % {"position": exc.start}
        ) from None


def open_pdf(data: bytes):
    """A pypdf reader of the PDF. An encrypted PDF that opens without a password (an owner
    password alone restricts printing or copying, as government PDFs often do) is decrypted and
    read like any other; one that needs a password to open is refused, saying so."""
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            opened = reader.decrypt("")
            if opened == PasswordType.NOT_DECRYPTED:
                raise RefusedDocument(
                    _(
                        "This PDF needs a password to open: save a copy without a password "
                        "(for example with qpdf --decrypt) and give that."
                    )
                )
    except DependencyError as exc:  # an encryption the installed libraries cannot read
        logger.warning("Encrypted PDF not readable: %s", exc)
        raise RefusedDocument(
            _("This PDF is encrypted in a way that cannot be read: save a copy without encryption.")
        ) from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise RefusedDocument(corrupted(exc)) from None
    return reader


def corrupted(exc: BaseException) -> str:
    logger.info("Unreadable PDF: %r", exc)
    return _("This PDF is damaged and cannot be read (%(reason)s).") % {
        "reason": str(exc)[:200] or type(exc).__name__
    }


def check_pdf(data: bytes) -> int:
    """The PDF's page count, after refusing an encrypted, damaged or bomb PDF."""
    from pypdf.errors import PyPdfError

    if b"%%EOF" not in data[-2048:]:
        raise RefusedDocument(
            _("This PDF is damaged and cannot be read (%(reason)s).")
            % {"reason": _("it is cut short: it has no end-of-file marker")}
        )
    reader = open_pdf(data)
    try:
        count = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise RefusedDocument(corrupted(exc)) from None
    if count == 0:
        raise RefusedDocument(_("This PDF has no pages."))
    check_page_count(count, "pdf")
    check_decompressed_size(reader)
    return count


def check_decompressed_size(reader) -> None:
    """Refuses a PDF whose streams decode to more than the limit in all, through each stream's
    whole filter chain (documents/filters.py), counting as they decode (never holding more than a
    megabyte of it), so a bomb costs little time or memory whatever filters hide it."""
    from pypdf.errors import PyPdfError
    from pypdf.generic import StreamObject

    limit = settings.NAPWATCH_DOCUMENT_MAX_DECOMPRESSED_BYTES
    total = 0
    ids = {idnum for objects in reader.xref.values() for idnum in objects}
    ids |= set(reader.xref_objStm)
    for idnum in sorted(ids):
        try:
            obj = reader.get_object(idnum)
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError):
            continue
        if not isinstance(obj, StreamObject):
            continue
        filters = obj.get("/Filter")
        names = filters if isinstance(filters, list) else [filters] if filters else []
        raw = obj._data or b""
        total += decoded_size(raw, [str(n) for n in names], at_most=limit - total)
        if total > limit:
            raise RefusedDocument(
                _(
                    "This PDF's contents decompress to more than %(limit)s bytes (a PDF bomb?): "
                    "it is refused."
                )
                % {"limit": f"{limit:,}"}
            )


# ---- Reading ----------------------------------------------------------------------------------


def read_pages(
    data: bytes, *, format: str, language: str = "es", on_page: Callable[[int], None] | None = None
) -> Iterator[Page]:
    """Each page's text, in order; `on_page(n)` after the n-th page is read."""
    if format == "pdf":
        yield from read_pdf_pages(data, language=language, on_page=on_page)
        return
    for number, text in enumerate(text_pages(decode_text(data), format), start=1):
        if on_page:
            on_page(number)
        yield Page(number, str(number), text)


def read_pdf_pages(data: bytes, *, language: str, on_page) -> Iterator[Page]:
    reader = open_pdf(data)
    labels = list(reader.page_labels)
    pdfium_document = None
    try:
        for position, page in enumerate(reader.pages):
            text = clean_text(page.extract_text() or "")
            is_ocr = False
            if len(text.strip()) < MIN_TEXT_CHARS and page_has_images(page):
                from documents.ocr import ocr_page

                if pdfium_document is None:
                    import pypdfium2

                    pdfium_document = pypdfium2.PdfDocument(data)
                text = clean_text(ocr_page(pdfium_document, position, language=language, page=page))
                is_ocr = True
            label = labels[position] if position < len(labels) else str(position + 1)
            if on_page:
                on_page(position + 1)
            yield Page(position + 1, label[:40] or str(position + 1), text, is_ocr)
    finally:
        if pdfium_document is not None:
            pdfium_document.close()


def page_has_images(page) -> bool:
    try:
        resources = page.get("/Resources") or {}
        xobjects = resources.get_object().get("/XObject") or {}
        return any(
            xobject.get_object().get("/Subtype") == "/Image"
            for xobject in xobjects.get_object().values()
        )
    except (AttributeError, KeyError, TypeError, ValueError):
        return False


class _TextOfHtml(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def text_pages(text: str, format: str) -> list[str]:
    """A text file's pages (split at form feeds); an HTML file is one page."""
    if format == "html":
        parser = _TextOfHtml()
        parser.feed(text)
        parser.close()
        text = html.unescape("".join(parser.parts))
        return [clean_text(text)]
    parts = text.split("\f")
    if len(parts) > 1 and not parts[-1].strip():
        parts.pop()  # a form feed that ends the file ends its last page, and starts none
    return [clean_text(part) for part in parts] or [""]


def clean_text(text: str) -> str:
    """Text as stored: NUL and other control characters out, runs of blank lines shortened."""
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# ---- Matching a passage -----------------------------------------------------------------------

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}


def normalise(text: str) -> str:
    """Text as compared: ligatures spelled out, line-end hyphenation joined, whitespace single,
    Unicode composed (NFC), typographic quotes and dashes kept as they are."""
    text = unicodedata.normalize("NFC", text)
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    text = text.replace("\u00ad", "")  # soft hyphens
    text = re.sub(r"(\w)[-\u2010]\s*\n\s*(\w)", r"\1\2", text)  # hyphen-\nation
    return re.sub(r"\s+", " ", text).strip()


def occurs_in(passage: str, page_text: str) -> bool:
    """Does the passage occur on the page (both normalised)? An empty passage never does."""
    wanted = normalise(passage)
    return bool(wanted) and wanted in normalise(page_text)
