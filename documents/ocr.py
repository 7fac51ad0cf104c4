"""Reading a page without a text layer: rendered with pypdfium2, read by Tesseract.

**The rendered pixels are bounded.** A page's size in pixels is its width × height in points
(× its /UserUnit, points per unit) × (DPI / 72)². Pages are rendered at OCR_DPI (300, what
Tesseract reads best); a larger page is rendered at a lower resolution so that it fits
NAPWATCH_OCR_MAX_PIXELS, down to OCR_MIN_DPI (150: below it a 10 pt line is under 21 pixels high
and Tesseract misreads it). A page too large even then is refused, saying its size: a
4000 × 4000 pt page holding a 1 × 1 image would otherwise ask for a 277-million-pixel buffer.
Pages render in greyscale (one byte a pixel), so the bound is also the buffer's size in bytes.
"""

from __future__ import annotations

import math
import subprocess  # nosec B404 - runs the fixed `tesseract` command on a file of our own
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from documents.extraction import RefusedDocument

OCR_DPI = 300
OCR_MIN_DPI = 150
TESSERACT_LANGUAGES = {"es": "spa+eng", "en": "eng+spa"}


def page_points(pdfium_page, pypdf_page=None) -> tuple[float, float]:
    """The page's width and height in points, the larger of what pdfium renders and what the
    page's /MediaBox × /UserUnit says (so no reader's reading of /UserUnit slips past)."""
    width, height = pdfium_page.get_size()
    if pypdf_page is not None:
        try:
            unit = float(pypdf_page.user_unit or 1)
            box = pypdf_page.mediabox
            width = max(width, abs(float(box.width)) * unit)
            height = max(height, abs(float(box.height)) * unit)
        except (AttributeError, KeyError, TypeError, ValueError):
            pass
    return abs(width), abs(height)


def render_scale(position: int, width: float, height: float) -> float:
    """The scale (pixels per point) to render the page at, or RefusedDocument if even
    OCR_MIN_DPI would take more than NAPWATCH_OCR_MAX_PIXELS."""
    limit = settings.NAPWATCH_OCR_MAX_PIXELS
    area = max(width * height, 1.0)
    dpi = min(OCR_DPI, 72 * math.sqrt(limit / area))
    if dpi < OCR_MIN_DPI:
        raise RefusedDocument(
            _(
                "Page %(page)s is too large to read by OCR: %(width)s × %(height)s points "
                "would be %(pixels)s million pixels at %(dpi)s dpi, over the limit of "
                "%(limit)s million."
            )
            % {
                "page": position + 1,
                "width": f"{width:,.0f}",
                "height": f"{height:,.0f}",
                "pixels": f"{area * (OCR_MIN_DPI / 72) ** 2 / 1e6:,.0f}",
                "dpi": OCR_MIN_DPI,
                "limit": f"{limit / 1e6:,.0f}",
            }
        )
    return dpi / 72


def ocr_page(pdfium_document, position: int, *, language: str, page=None) -> str:
    """The text Tesseract reads on the page (`page`: pypdf's, for its /UserUnit)."""
    pdfium_page = pdfium_document[position]
    try:
        scale = render_scale(position, *page_points(pdfium_page, page))
        image = pdfium_page.render(scale=scale, grayscale=True).to_pil().convert("L")
    finally:
        pdfium_page.close()
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
