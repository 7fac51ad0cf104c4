"""Where a cold brief's time goes: WeasyPrint's steps, run in this process as the render child runs them.

    .venv/bin/python bench/profile_brief.py mexico-2021                 # CPU seconds per step
    .venv/bin/python bench/profile_brief.py synthetic-1 --profile write # and the top functions

Reads the plan from the database DATABASE_URL names (load one with `manage.py load_plan` or
`generate_synthetic_plans`). Steps: our data and HTML (in the web process), then in the render
child's set-up (no cyclic GC, see briefs/pdf_worker.py) the stylesheets, fonts and HTML parse, the
cascade and layout, and writing the tagged PDF (drawing, font subsetting, tags, compression).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plan", help="the plan's slug, e.g. mexico-2021")
    parser.add_argument(
        "--profile", choices=["layout", "write"], help="print cProfile's top functions of a step"
    )
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "napwatch.settings")
    import django

    django.setup()
    from weasyprint import HTML

    from briefs import pdf_worker
    from briefs.content import read_brief
    from briefs.options import BriefOptions
    from briefs.services import render_brief_html, stylesheet_paths

    started = time.process_time()
    brief = read_brief(plan_slug=args.plan, options=BriefOptions())
    html = render_brief_html(brief, for_pdf=True)
    stylesheets = [str(p) for p in stylesheet_paths(brief)]
    steps = {"data and HTML (web process)": time.process_time() - started}

    pdf_worker.prepare_process()
    # HTML.render is the layout step; time the parse and cascade apart by doing them first.
    original_render = HTML.render
    profiles: dict[str, cProfile.Profile] = {}

    def timed_render(self, *a, **kw):
        steps["stylesheets, fonts, HTML parse"] = time.process_time() - started_child
        profile = profiles["layout"] = cProfile.Profile()
        mark = time.process_time()
        if args.profile == "layout":
            profile.enable()
        document = original_render(self, *a, **kw)
        profile.disable()
        steps["cascade and layout"] = time.process_time() - mark
        return document

    HTML.render = timed_render
    started_child = time.process_time()
    try:
        document = pdf_worker.render(html, stylesheets, "https://napwatch.example")
    finally:
        HTML.render = original_render
    profile = profiles["write"] = cProfile.Profile()
    with tempfile.TemporaryDirectory() as tmp:
        mark = time.process_time()
        if args.profile == "write":
            profile.enable()
        document.write_pdf(
            os.path.join(tmp, "brief.pdf"), pdf_variant=pdf_worker.PDF_VARIANT, pdf_tags=True
        )
        profile.disable()
        steps["write the tagged PDF"] = time.process_time() - mark
        size = os.path.getsize(os.path.join(tmp, "brief.pdf"))

    pages = len(document.pages)
    print(f"{args.plan}: {pages} pages, {size // 1024} KiB, {len(html) // 1024} KiB of HTML")
    for step, seconds in steps.items():
        print(f"  {step:<32}{seconds:>7.2f} s CPU")
    total = sum(steps.values())
    print(f"  {'total':<32}{total:>7.2f} s CPU ({1000 * total / pages:.0f} ms/page)")
    if args.profile:
        print(f"({args.profile} ran under cProfile, which about doubles its time)")
        pstats.Stats(profiles[args.profile]).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
