"""Render a brief to HTML and PDF, with a hard time limit, and keep PDFs in a shared cache.

The PDF is kept in the `briefs` cache (a FileBasedCache by default, so every gunicorn worker
shares it) under the same kind of key as every cached page (pagecache/keys.py): the plan's
revision token, the deployed code (templates, stylesheets, fonts, translations, WeasyPrint's
version), the brief's options and its language. An edit the public can see gives the plan a new token, so the next request
renders afresh; saving a draft does not, so it costs no rendering.

For readers, `get_brief_pdf()` runs in the task worker (briefs/tasks.py), never in a web worker;
`manage.py export_brief` calls it directly.
"""

from __future__ import annotations

import fcntl
import logging
import multiprocessing
import os
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext

from briefs.charts import brief_charts
from briefs.content import Brief
from briefs.options import BriefOptions
from pagecache.keys import cache_key
from pagecache.revisions import revision_token
from plans.models import Plan, reader_language
from toolkit.languages import alternates_of
from toolkit.pagehead import page_head_of

logger = logging.getLogger(__name__)

CACHE_ALIAS = "briefs"
TEMPLATE = "briefs/brief.html"


class BriefRenderError(RuntimeError):
    """WeasyPrint failed; the message says why, for the log and the error page."""


class BriefTimeout(BriefRenderError):
    """Rendering took longer than NAPWATCH_BRIEF_TIMEOUT seconds and was stopped."""


@dataclass(frozen=True)
class RenderedBrief:
    pdf: bytes
    key: str  # brief_key(): what this PDF is kept under
    generated_at: datetime
    seconds: float
    pages: int
    peak_rss_kib: int = 0  # the rendering child's peak resident memory
    cpu_seconds: float = 0.0  # the rendering child's CPU time
    from_cache: bool = False

    @property
    def etag(self) -> str:
        return f'"{self.key[:32]}"'


def stylesheet_paths(brief: Brief) -> list[Path]:
    names = ["briefs/brief.css"] + (
        ["briefs/letter.css"] if brief.options.paper == "letter" else []
    )
    return [Path(finders.find(name)) for name in names]


def filename(plan: Plan, options: BriefOptions) -> str:
    """mexico-2021-brief-en.pdf, or mexico-2021-brief-es-protection-letter.pdf with options:
    the language is in the name, so that the English and Spanish PDFs are two files."""
    parts = [plan.slug, "brief", reader_language(), *options.pillars]
    if not options.provenance:
        parts.append("no-provenance")
    if options.paper != "a4":
        parts.append(options.paper)
    return slugify("-".join(parts))[:120] + ".pdf"


def render_brief_html(brief: Brief, *, for_pdf: bool, generated_at: datetime | None = None) -> str:
    """The brief as one HTML document in the brief's language: the PDF's source, and the preview
    page. Its links to the site (reversed here) carry the same language's prefix."""
    with translation.override(brief.language):
        return render_to_string(
            TEMPLATE,
            {
                "brief": brief,
                "plan": brief.plan,
                "options": brief.options,
                "charts": brief_charts(brief),
                "glance": (glance := brief.glance()),
                "glance_total": {
                    key: sum(r[key] for r in glance)
                    for key in ("objectives", "lines", "indicators", "critiques")
                },
                "categories": brief.by_category(),
                "chosen_pillar_names": ", ".join(p.display_name for p in brief.pillars),
                "generated_at": generated_at or datetime.now(tz=UTC),
                "for_pdf": for_pdf,
                "hide_provenance": not brief.options.provenance,
                "pdf_query": brief.options.query_string(),
                # The preview's other languages: hreflang links and the switch in its bar; its
                # canonical address, Open Graph locale and feeds (toolkit/pagehead.py).
                **({} if for_pdf else preview_head(brief)),
            },
        )


def preview_head(brief: Brief) -> dict:
    path = reverse("briefs:preview", kwargs={"slug": brief.plan.slug})
    absolute = lambda url: settings.NAPWATCH_SITE_URL + url.lstrip("/")  # noqa: E731
    return alternates_of(path, brief.options.query_string(), absolute=absolute) | page_head_of(
        path, {}, absolute=absolute, slug=brief.plan.slug
    )


def _context():
    """multiprocessing's fork server, with WeasyPrint imported once (see briefs/pdf_worker.py)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["briefs.pdf_worker"])
    return context


def render_pdf_bytes(
    html: str, stylesheets: list[Path], *, timeout: float | None = None, progress: bool = False
) -> tuple[bytes, int, int, float]:
    """WeasyPrint in a child process, killed after `timeout` seconds (NAPWATCH_BRIEF_TIMEOUT).

    Returns the PDF, its number of pages, the child's peak memory in KiB and its CPU seconds. A child keeps a
    runaway render from holding a web worker, and gives its memory back at the end.
    """
    # WeasyPrint and fontTools take most of a second to import: only a process that renders does.
    from briefs import pdf_worker

    timeout = settings.NAPWATCH_BRIEF_TIMEOUT if timeout is None else timeout
    with tempfile.TemporaryDirectory(prefix="napwatch-brief-") as tmp:
        job = {
            "html": html,
            "stylesheets": [str(p) for p in stylesheets],
            "site_url": settings.NAPWATCH_SITE_URL,
            "out": os.path.join(tmp, "brief.pdf"),
            "error": os.path.join(tmp, "error.txt"),
        }
        process = _context().Process(
            target=pdf_worker.child, args=(job, bool(progress)), daemon=True
        )
        process.start()
        process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join()
            raise BriefTimeout(
                gettext("Rendering the brief took longer than %(seconds)s seconds.")
                % {"seconds": f"{timeout:g}"}
            )
        out = job["out"]
        if process.exitcode != 0 or not os.path.exists(out):
            error = Path(job["error"])
            reason = error.read_text() if error.exists() else ""
            raise BriefRenderError(
                f"WeasyPrint stopped (exit code {process.exitcode}). {reason}".strip()
            )
        pages, peak, cpu = Path(out + ".pages").read_text().split()
        return Path(out).read_bytes(), int(pages), int(peak), float(cpu)


def render_brief_pdf(
    brief: Brief, *, key: str = "", timeout: float | None = None, progress=None
) -> RenderedBrief:
    """Renders afresh, without the cache; with `progress`, WeasyPrint's steps go to stderr."""
    started = time.perf_counter()
    generated_at = datetime.now(tz=UTC).replace(microsecond=0)
    html = render_brief_html(brief, for_pdf=True, generated_at=generated_at)
    pdf, pages, peak, cpu = render_pdf_bytes(
        html, stylesheet_paths(brief), timeout=timeout, progress=progress
    )
    return RenderedBrief(
        pdf=pdf,
        key=key,
        generated_at=generated_at,
        seconds=time.perf_counter() - started,
        pages=pages,
        peak_rss_kib=peak,
        cpu_seconds=cpu,
    )


def brief_key(
    plan: Plan, options: BriefOptions, *, form: str = "pdf", language: str | None = None
) -> str | None:
    """What this plan's brief with these options is kept under, as a PDF (`form="pdf"`) or as
    its HTML preview (`"html"`), in `language` (default: the active one, the URL's): the same
    token, code, options and language, so the two always agree and no language is served for
    another. None if the plan has no revision yet (then the brief is made and not kept)."""
    token = revision_token(plan)
    if token is None:
        return None
    language = language or translation.get_language()
    return cache_key(token, f"brief.{form}", options.query_string(), f"language={language}")


def cached_brief(key: str) -> RenderedBrief | None:
    found = caches[CACHE_ALIAS].get(f"brief:{key}")
    if isinstance(found, RenderedBrief):
        return RenderedBrief(**{**found.__dict__, "from_cache": True})
    return None


def get_brief_pdf(
    brief: Brief, *, key: str | None = None, timeout: float | None = None, progress=None
) -> RenderedBrief:
    """From the cache when this brief was rendered at the plan's current revision; else render
    it and keep it. `key` defaults to `brief_key()` of the brief's plan and options.

    Readers who ask for the same uncached brief at once wait for one rendering instead of each
    starting their own (on two cores, five renderings at once would take five times as long).
    """
    key = key or brief_key(brief.plan, brief.options, language=brief.language)
    if key is None:
        return render_brief_pdf(brief, timeout=timeout, progress=progress)
    found = cached_brief(key)
    if found is not None:
        return found
    timeout = settings.NAPWATCH_BRIEF_TIMEOUT if timeout is None else timeout
    with rendering_lock(key, deadline=time.monotonic() + timeout):
        found = cached_brief(key)  # made by the reader we waited for
        if found is not None:
            return found
        rendered = render_brief_pdf(brief, key=key, timeout=timeout, progress=progress)
        caches[CACHE_ALIAS].set(f"brief:{key}", rendered)
    logger.info(
        "Rendered brief %s in %s (%s pages) in %.2f s",
        filename(brief.plan, brief.options),
        brief.language,
        rendered.pages,
        rendered.seconds,
    )
    return rendered


LOCK_DIR = Path(tempfile.gettempdir()) / "napwatch-brief-locks"


@contextmanager
def rendering_lock(key: str, *, deadline: float):
    """An exclusive lock on this key, shared by every process on the machine (flock).

    Raises BriefTimeout if another process holds it past `deadline`. The lock file is removed
    afterwards; a reader still waiting on the removed file finds the PDF in the cache.
    """
    LOCK_DIR.mkdir(exist_ok=True)
    path = LOCK_DIR / f"{key}.lock"
    with open(path, "a") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BriefTimeout(
                        gettext(
                            "The same brief was still being rendered for another reader when "
                            "the time limit was reached."
                        )
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            path.unlink(missing_ok=True)
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_pdf_atomically(pdf: bytes, path: Path) -> None:
    """Writes to a temporary file beside `path` and renames it: never a half-written file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(pdf)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
