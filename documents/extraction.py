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
nor UTF-8 plain text or HTML (by its name, and no binary content); an encrypted or unreadable
PDF; a PDF with more than NAPWATCH_DOCUMENT_MAX_PAGES pages or whose streams decompress to more
than NAPWATCH_DOCUMENT_MAX_DECOMPRESSED_BYTES (a PDF bomb; counted while decompressing, never
past the limit).
"""

from __future__ import annotations

import hashlib
import html
import io
import logging
import re
import subprocess  # nosec B404 - runs the fixed `tesseract` command on a file of our own
import tempfile
import unicodedata
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}
# A page whose text layer has fewer characters than this (and which shows an image) is read by OCR.
MIN_TEXT_CHARS = 20
OCR_DPI = 300
TESSERACT_LANGUAGES = {"es": "spa+eng", "en": "eng+spa"}


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
    text: str
    is_ocr: bool = False


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
    return Inspected(kind, checksum, len(data), len(text_pages(text, kind)))


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
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise RefusedDocument(corrupted(exc)) from None
    if encrypted:
        raise RefusedDocument(
            _("This PDF is encrypted: save a copy without a password or restrictions.")
        )
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
    if count > settings.NAPWATCH_DOCUMENT_MAX_PAGES:
        raise RefusedDocument(
            _("This PDF has %(count)s pages, over the limit of %(limit)s.")
            % {"count": f"{count:,}", "limit": f"{settings.NAPWATCH_DOCUMENT_MAX_PAGES:,}"}
        )
    check_decompressed_size(reader)
    return count


def check_decompressed_size(reader) -> None:
    """Refuses a PDF whose Flate streams inflate to more than the limit in all, counting as it
    inflates (never holding more than the limit), so a bomb costs little time or memory."""
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
        names = filters if isinstance(filters, list) else [filters]
        raw = obj._data or b""
        if "/FlateDecode" in [str(n) for n in names]:
            total += inflated_size(raw, limit - total + 1)
        else:
            total += len(raw)
        if total > limit:
            raise RefusedDocument(
                _(
                    "This PDF's contents decompress to more than %(limit)s bytes (a PDF bomb?): "
                    "it is refused."
                )
                % {"limit": f"{limit:,}"}
            )


def inflated_size(raw: bytes, at_most: int) -> int:
    """How many bytes `raw` inflates to, counting no further than `at_most`."""
    inflater = zlib.decompressobj()
    size = 0
    chunk = raw
    try:
        while chunk and size < at_most:
            out = inflater.decompress(chunk, 1 << 20)
            size += len(out)
            chunk = inflater.unconsumed_tail
    except zlib.error:
        return size
    return size


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
                if pdfium_document is None:
                    import pypdfium2

                    pdfium_document = pypdfium2.PdfDocument(data)
                text = clean_text(ocr_page(pdfium_document, position, language=language))
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


def ocr_page(pdfium_document, position: int, *, language: str) -> str:
    """The text Tesseract reads on the page, rendered at OCR_DPI."""
    page = pdfium_document[position]
    try:
        image = page.render(scale=OCR_DPI / 72).to_pil().convert("L")
    finally:
        page.close()
    languages = TESSERACT_LANGUAGES.get(language.split("-")[0].lower(), "spa+eng")
    with tempfile.TemporaryDirectory(prefix="napwatch-ocr-") as folder:
        path = Path(folder) / "page.png"
        image.save(path)
        image.close()
        try:
            finished = subprocess.run(  # nosec B603 B607 - fixed command, our own file
                ["tesseract", str(path), "stdout", "-l", languages, "--psm", "3"],
                capture_output=True,
                timeout=settings.NAPWATCH_OCR_TIMEOUT,
                check=False,
            )
        except FileNotFoundError:
            raise RefusedDocument(
                _("Page %(page)s has no text layer and Tesseract (OCR) is not installed.")
                % {"page": position + 1}
            ) from None
        except subprocess.TimeoutExpired:
            raise RefusedDocument(
                _("Reading page %(page)s by OCR took over %(seconds)s seconds.")
                % {"page": position + 1, "seconds": settings.NAPWATCH_OCR_TIMEOUT}
            ) from None
    if finished.returncode != 0:
        raise RefusedDocument(
            _("OCR failed on page %(page)s: %(error)s")
            % {"page": position + 1, "error": finished.stderr.decode(errors="replace")[-300:]}
        )
    return finished.stdout.decode("utf-8", errors="replace")


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
    return [clean_text(part) for part in text.split("\f")] or [""]


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
