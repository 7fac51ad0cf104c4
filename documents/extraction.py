"""Checking an uploaded document, and reading its text page by page.

**Libraries: pypdf for the file, pdfium for the text.** pypdf checks the file (encryption,
damage, bombs) and gives the printed page labels (`reader.page_labels`, from /PageLabels, so a
front matter numbered i, ii, iii… keeps its roman numbers). Each page's text is pdfium's
(pypdf­ium2's text page), chosen by measuring both, and pypdf's layout mode, against poppler's
`pdftotext -layout` on real Spanish PDFs (bench/documents.py; docs/workbench.md has the figures):
pypdf ran words together by the thousand on a DocBook manual ("Asegúresedeleerconcuidado…")
and kept TeX's ligatures (ﬁ, ﬂ); pdfium decomposes them, breaks lines as the page does, and reads
a page in about 10 ms where pypdf took 25. Where pdfium puts no space between two glyphs that
stand apart on the line (a footnote's number and its first word, two table cells) a space is put
(`pdfium_page_text`): the gap must exceed a fifth of the font size, wider than any kerning; so
is one after a footnote's raised number, before its first word.

The text stored is what a reader types (`reader_text`): ligatures spelled out, no-break spaces
plain, and words hyphenated at a line's end (pdfium marks those hyphens as its own) joined whole
("inter-⏎nacional" → "internacional"). What the page shows is kept beside it (`shown_text`)
where the two differ.

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


def inspect_pdf(data: bytes, *, name: str) -> Inspected:
    """The same checks as `inspect`, for a file that must be a PDF (an outside party's
    attachment to a reply, replies/forms.py): no plan is involved, and text or HTML is refused (a
    page napwatch serves never carries HTML from outside)."""
    check_size(len(data))
    if not data.startswith(PDF_MAGIC):
        raise RefusedDocument(
            _(
                "Only PDF files can be attached: this file's content is not a PDF, whatever its "
                "name."
            )
        )
    return inspect(data, name=name)


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
    for number, shown in enumerate(text_pages(decode_text(data), format), start=1):
        if on_page:
            on_page(number)
        text = reader_text(shown)
        yield Page(number, str(number), text, shown_text=shown if shown != text else "")


def read_pdf_pages(data: bytes, *, language: str, on_page) -> Iterator[Page]:
    import pypdfium2

    reader = open_pdf(data)
    labels = list(reader.page_labels)
    pdfium_document = pypdfium2.PdfDocument(data)
    try:
        for position, page in enumerate(reader.pages):
            shown = clean_text(pdfium_page_text(pdfium_document, position))
            is_ocr = False
            if len(shown.strip()) < MIN_TEXT_CHARS and page_has_images(page):
                from documents.ocr import ocr_page

                shown = clean_text(
                    ocr_page(pdfium_document, position, language=language, page=page)
                )
                is_ocr = True
            text = reader_text(shown)
            label = labels[position] if position < len(labels) else str(position + 1)
            if on_page:
                on_page(position + 1)
            yield Page(
                position + 1,
                label[:40] or str(position + 1),
                text,
                is_ocr,
                shown_text=visible(shown) if visible(shown) != text else "",
            )
    finally:
        pdfium_document.close()


# pdfium's mark for a hyphen it found at a line's end (a word broken across lines).
PDFIUM_HYPHEN = "\x02"
# TeX's accents drawn as glyphs of their own over the next letter ("Fundici´on"): put on it.
SPACING_ACCENTS = {
    "\u00b4": "\u0301",
    "\u00a8": "\u0308",
    "\u02c6": "\u0302",
    "\u02dc": "\u0303",
    "\u02c7": "\u030c",
    "\u02d8": "\u0306",
    "\u02da": "\u030a",
}
FOOTNOTE_MARKS = frozenset("0123456789*†‡")
# Two glyphs further apart than this (in font sizes) with no space between them are two words.
WORD_GAP = 0.2


def pdfium_page_text(pdfium_document, position: int) -> str:
    """The page's text in pdfium's reading order, a space where glyphs stand apart unspaced."""
    import pypdfium2.raw as pdfium_c

    page = pdfium_document[position]
    textpage = page.get_textpage()
    try:
        out: list[str] = []
        right = None  # the right edge of the glyph before, on the same line
        size_before = left_before = bottom_before = 0.0
        accent = ""  # a spacing accent waiting for its letter
        for i in range(textpage.count_chars()):
            code = pdfium_c.FPDFText_GetUnicode(textpage, i)
            char = chr(code) if code else ""
            if char == "\r":  # pdfium's line ends are \r\n
                continue
            if char in SPACING_ACCENTS and not accent:
                a_left, _b, a_right, _t = textpage.get_charbox(i, loose=True)
                centre = (a_left + a_right) / 2
                over_before = right is not None and left_before <= centre <= right
                if over_before and out and out[-1][-1:].isalpha():
                    out[-1] += SPACING_ACCENTS[char]  # drawn over the letter before it
                else:
                    accent = SPACING_ACCENTS[char]  # over the next letter
                continue
            if accent:
                waiting = next(k for k, v in SPACING_ACCENTS.items() if v == accent)
                accent = ""
                if char.isalpha():
                    out.append(char + SPACING_ACCENTS[waiting])
                    left_before, bottom_before, right, _t = textpage.get_charbox(i, loose=True)
                    continue
                out.append(waiting)
            if not char or char.isspace() or char == PDFIUM_HYPHEN:
                out.append(char)
                right = None
                continue
            left, bottom, this_right, _top = textpage.get_charbox(i, loose=True)
            size = pdfium_c.FPDFText_GetFontSize(textpage, i) or 10.0
            # Apart on the line, or on another line (a table's cell below, further left) with
            # no line end between them.
            apart = right is not None and (
                left - right > WORD_GAP * size
                or right - left > size
                or abs(bottom - bottom_before) > 0.6 * size
            )
            # A footnote's raised number before its text ("¹What"): a smaller glyph, then a word.
            after_mark = (
                right is not None
                and size_before < 0.8 * size
                and char.isalpha()
                and out[-1][-1:] in FOOTNOTE_MARKS
            )
            if apart or after_mark:
                out.append(" ")
            out.append(char)
            right, size_before, left_before, bottom_before = this_right, size, left, bottom
        if accent:
            out.append(next(k for k, v in SPACING_ACCENTS.items() if v == accent))
        return unicodedata.normalize("NFC", "".join(out))
    finally:
        textpage.close()
        page.close()


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
        return [clean_text(text).replace(PDFIUM_HYPHEN, "")]
    parts = text.split("\f")
    if len(parts) > 1 and not parts[-1].strip():
        parts.pop()  # a form feed that ends the file ends its last page, and starts none
    return [clean_text(part).replace(PDFIUM_HYPHEN, "") for part in parts] or [""]


def clean_text(text: str) -> str:
    """Text as stored: NUL and other control characters out (but pdfium's line-end hyphen,
    for reader_text), runs of blank lines shortened."""
    text = "".join(
        ch
        for ch in text
        if ch in "\n\t" or ch == PDFIUM_HYPHEN or unicodedata.category(ch)[0] != "C"
    )
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def visible(text: str) -> str:
    """The text as the page shows it: pdfium's line-end hyphens as hyphens."""
    return text.replace(PDFIUM_HYPHEN, "-")


def reader_text(text: str) -> str:
    """The text as a reader types it: ligatures spelled out, no-break and other odd spaces
    plain, soft hyphens out, and a word broken at a line's end by a hyphenation hyphen (one pdfium
    marks as its own, or U+2010, which typesetters use for it) put back together, the rest of
    that line following it. A hyphen-minus at a line's end may be a compound's ("socio-"), so
    it stays (the passage check joins it when it compares: normalise())."""
    text = unicodedata.normalize("NFC", text)
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    text = re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f]", " ", text).replace("\u00ad", "")
    text = re.sub(r"(?<=\w)[\u2010\x02][ \t]*\n[ \t]*(?=\w)", "", text)
    return text.replace(PDFIUM_HYPHEN, "-")


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
