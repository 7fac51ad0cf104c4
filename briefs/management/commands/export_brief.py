"""python manage.py export_brief mexico-2021 -o brief.pdf [--lang es] [--pillar protection]
[--paper letter] [--no-provenance]"""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.http import Http404
from django.utils import translation

from briefs import services
from briefs.content import read_brief
from briefs.options import PAPER_SIZES, BriefOptions, BriefOptionsError
from toolkit.commands import ProjectCommand, UsageError


class Command(ProjectCommand):
    help = "Writes a plan's PDF brief, the same document as /<lang>/plans/<slug>/brief.pdf."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the plan, for example mexico-2021")
        parser.add_argument("-o", "--output", help="the PDF to write (default: <slug>-brief.pdf)")
        parser.add_argument(
            "--pillar", action="append", default=[], help="only this pillar (repeatable)"
        )
        parser.add_argument("--paper", default="a4", help=f"one of {', '.join(PAPER_SIZES)}")
        parser.add_argument(
            "--lang",
            default=settings.LANGUAGE_CODE,
            help="the brief's language, one of "
            f"{', '.join(code for code, _name in settings.LANGUAGES)} "
            f"(default {settings.LANGUAGE_CODE})",
        )
        parser.add_argument(
            "--no-provenance", action="store_true", help="leave out each element's provenance line"
        )
        parser.add_argument(
            "--timeout", type=float, default=None, help="seconds (default NAPWATCH_BRIEF_TIMEOUT)"
        )
        parser.add_argument(
            "--no-cache", action="store_true", help="render afresh even if the cache has it"
        )

    def handle(
        self, *args, slug, output, pillar, paper, lang, no_provenance, timeout, no_cache, **kw
    ):
        languages = [code for code, _name in settings.LANGUAGES]
        if lang not in languages:
            raise UsageError(f"Unknown language {lang!r}: use one of {', '.join(languages)}.")
        # The brief's headings, dates and charts, and its links to the site (/<lang>/…).
        with translation.override(lang):
            self.export(slug, output, pillar, paper, lang, no_provenance, timeout, no_cache, kw)

    def export(self, slug, output, pillar, paper, lang, no_provenance, timeout, no_cache, kw):
        started = time.perf_counter()
        try:
            options = BriefOptions(
                pillars=BriefOptions.clean_pillars(pillar),
                provenance=not no_provenance,
                paper=paper.lower(),
            )
            self.stdout.write(f"Reading {slug} …")
            brief = read_brief(plan_slug=slug, options=options, language=lang)
        except BriefOptionsError as exc:
            raise UsageError(str(exc)) from None
        except Http404:
            raise UsageError(f"No plan {slug!r}. Plans are listed at / and by the admin.") from None
        path = Path(output or services.filename(brief.plan, options))
        if path.is_dir():
            path = path / services.filename(brief.plan, options)
        if not path.parent.exists():
            raise UsageError(f"The folder {path.parent} does not exist.")

        self.stdout.write(
            f"  {len(brief.pillars)} pillar(s), {len(brief.critiques)} published critiques, "
            f"{len(brief.notes)} notes, {len(brief.sources)} sources"
        )
        self.stdout.flush()
        progress = kw.get("verbosity", 1) >= 2
        try:
            if no_cache:
                self.stdout.write("Rendering with WeasyPrint (-v 2 shows each page) …")
                self.stdout.flush()
                rendered = services.render_brief_pdf(brief, timeout=timeout, progress=progress)
            else:
                key = services.brief_key(brief.plan, brief.options, language=brief.language)
                found = services.cached_brief(key) if key else None
                if found:
                    self.stdout.write("  this exact brief is in the cache")
                else:
                    self.stdout.write("Rendering with WeasyPrint (-v 2 shows each page) …")
                    self.stdout.flush()
                rendered = found or services.get_brief_pdf(
                    brief, key=key, timeout=timeout, progress=progress
                )
        except services.BriefRenderError as exc:
            raise CommandError(
                f"The brief could not be rendered: {exc} Nothing was written."
            ) from None
        services.write_pdf_atomically(rendered.pdf, path)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {path} ({rendered.pages} pages, {len(rendered.pdf) / 1024:.0f} KiB) "
                f"in {time.perf_counter() - started:.1f} s"
            )
        )
