"""The PDF renderer's child process. No Django here: it gets HTML and file paths, writes a PDF.

Children are forked from a single-threaded fork server that has imported WeasyPrint once
(multiprocessing's "forkserver" with this module preloaded): each render starts in milliseconds,
never inherits a web server's threads or locks, and gives all its memory back when it ends.
"""

from __future__ import annotations

import gc
import logging
import os
import resource
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pydyf
import weasyprint
from weasyprint.text.fonts import FontConfiguration

# PDF/UA-1: a tagged PDF with its structure tree, /Lang, XMP metadata and the title shown.
PDF_VARIANT = "pdf/ua-1"


class LocalFilesOnly(weasyprint.URLFetcher):
    """Fetches only the brief's own stylesheets and fonts, and data: URLs. Never the network:
    an image or link in critique text cannot make the renderer call out."""

    def __init__(self, root: Path):
        super().__init__(allowed_protocols={"file", "data"}, timeout=1)
        self.root = root.resolve()

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not path.is_relative_to(self.root):
                raise ValueError(f"The brief only loads its own files, not {url}")
        return super().fetch(url, headers)


def keep_page_references() -> bool:
    """Makes pydyf build its tuple of page references once per page added, not once per look-up.

    WeasyPrint's PDF/UA tagging looks up one page's reference for every tagged box, and pydyf
    (0.13) rebuilds the whole tuple each time: boxes x pages work, the one part of a render that
    grows faster than the document (0.02 s of Mexico's 26 pages, 0.1 s of 49, 1.2 s of 169; the
    README's performance section has the figures). The PDF is byte for byte the same. Applied in
    the render child only. Returns False, changing nothing, if pydyf no longer has the property:
    tests/briefs/test_pdf_worker.py then fails, so that someone re-measures with
    bench/profile_brief.py and deletes this patch if pydyf has fixed the cost itself.
    """
    rebuild = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(rebuild, property):
        return False

    def page_references(pdf):
        pages = len(pdf.pages["Kids"])
        kept = pdf.__dict__.get("_napwatch_page_references")
        if kept is None or kept[0] != pages:
            kept = pdf.__dict__["_napwatch_page_references"] = (pages, rebuild.fget(pdf))
        return kept[1]

    pydyf.PDF.page_references = property(page_references)
    return True


def render(html: str, stylesheets: list[str], site_url: str) -> weasyprint.Document:
    """Lays `html` out with the brief's stylesheets and fonts: WeasyPrint's pages, not yet a PDF."""
    root = Path(stylesheets[0]).parent
    fetcher = LocalFilesOnly(root)
    # The stylesheets' @font-face rules register the brief's own fonts here; without it they
    # would be ignored and the system's default fonts used instead.
    fonts = FontConfiguration()
    css = [
        weasyprint.CSS(filename=path, url_fetcher=fetcher, font_config=fonts)
        for path in stylesheets
    ]
    return weasyprint.HTML(string=html, base_url=site_url, url_fetcher=fetcher).render(
        stylesheets=css, font_config=fonts, pdf_variant=PDF_VARIANT, pdf_tags=True
    )


def write_pdf(html: str, stylesheets: list[str], out_path: str, site_url: str) -> int:
    """Renders `html` to `out_path`; returns the number of pages."""
    document = render(html, stylesheets, site_url)
    document.write_pdf(out_path, pdf_variant=PDF_VARIANT, pdf_tags=True)
    return len(document.pages)


def prepare_process() -> None:
    """Sets up a process that renders one brief and exits (the child; bench/profile_brief.py).

    No cyclic garbage collection: WeasyPrint keeps hundreds of thousands of live objects (boxes,
    styles) and makes little cyclic garbage, so each full collection rescans them all for almost
    nothing, at a cost that grows faster than the document (about 0.15 s of Mexico's brief, 1 s
    of a 100-indicator plan's). The child's memory all goes back to the system when it exits.
    """
    gc.disable()
    keep_page_references()


def child(job: dict, progress: bool) -> None:
    """The child's entry point: writes job['out'] (via a .part file), or job['error'] on failure."""
    prepare_process()
    progress_logger = logging.getLogger("weasyprint.progress")
    progress_logger.propagate = False
    progress_logger.handlers = []
    if progress:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("  %(message)s"))
        progress_logger.addHandler(handler)
        progress_logger.setLevel(logging.INFO)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    out = job["out"]
    try:
        pages = write_pdf(job["html"], job["stylesheets"], out + ".part", job["site_url"])
        os.replace(out + ".part", out)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu = usage.ru_utime + usage.ru_stime
        Path(out + ".pages").write_text(f"{pages} {usage.ru_maxrss} {cpu}")
    except BaseException as exc:  # noqa: BLE001 - reported to the parent through a file
        Path(job["error"]).write_text(f"{type(exc).__name__}: {exc}")
        os._exit(1)
