"""Save what a reader sees of Mexico's plan, or compare two saved snapshots.

    .venv/bin/python tools/snapshot_pages.py save DIR [--lang es]  # fresh SQLite, fixtures loaded
    .venv/bin/python tools/snapshot_pages.py compare A B           # exit 1 if any page differs

`save` renders every public page of Mexico 2021 in one language (English unless --lang says
otherwise: the pages under /en/): overview, each pillar, indicators, critiques, the scorecard, a
comparison with two other plans, each agency,
search for three words, the brief's HTML preview, and the brief PDF's text, with
whitespace folded and per-request values (CSP nonces, CSRF tokens) blanked. A refactoring that
changes nothing for readers leaves `compare` silent.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("training", "budget", "migration")
VOLATILE = [
    (re.compile(r'nonce="[^"]*"'), 'nonce=""'),
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'), 'name="csrfmiddlewaretoken"'),
    (re.compile(r"\d{4}-\d{2}-\d{2}T[\d:.+-]+"), "<timestamp>"),
    (re.compile(r"\b\d{1,2}:\d{2}( UTC)?\b"), "<time>"),
    (re.compile(r"\s+"), " "),
]


def normalise(text: str) -> str:
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return text.replace("> <", ">\n<").strip() + "\n"


def save(directory: Path, language: str = "en") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(
            DEBUG="true",
            SECRET_KEY="snapshot",
            DATABASE_URL=f"sqlite:///{tmp}/snapshot.sqlite3",
            NAPWATCH_PAGE_CACHE="false",
            NAPWATCH_BRIEF_CACHE_DIR=f"{tmp}/briefs",
            # The brief is rendered inside the request (no task worker here), and only once.
            NAPWATCH_TASK_BACKEND="django.tasks.backends.immediate.ImmediateBackend",
            NAPWATCH_BRIEF_PRERENDER="false",
        )
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "napwatch.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client
        from pypdf import PdfReader

        call_command("migrate", verbosity=0)
        # The rubrics first: the plan files' assessments answer their criteria (as `make fixtures`).
        rubrics = sorted(str(p) for p in (ROOT / "fixtures" / "rubrics").glob("*.yaml"))
        call_command("load_rubric", *rubrics)
        call_command("load_plan", *sorted(str(p) for p in (ROOT / "fixtures").glob("*.yaml")))
        from plans.models import Plan

        plan = Plan.objects.get(slug="mexico-2021")
        base = f"/{language}/plans/{plan.slug}/"
        urls = {
            "overview": base,
            "indicators": f"{base}indicators/",
            "critiques": f"{base}critiques/",
            # the rubric assessments (issue 12): the plan's scorecard and a comparison
            "scorecard": f"{base}scorecard/",
            "compare": f"/{language}/compare/?plans={plan.slug},el-salvador-2017,canada-2017",
        }
        for pillar in plan.pillars.all():
            urls[f"pillar-{pillar.slug}"] = f"{base}pillars/{pillar.slug}/"
        for role in plan.plan_agencies.select_related("agency"):
            urls[f"agency-{role.agency.acronym}"] = f"{base}agencies/{role.agency.acronym}/"
        for word in WORDS:
            urls[f"search-{word}"] = f"/{language}/search/?q={word}"
        urls["brief-preview"] = f"{base}brief/"
        urls["home"] = f"/{language}/"
        directory.mkdir(parents=True, exist_ok=True)
        client = Client(SERVER_NAME="localhost")
        for name, url in urls.items():
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            (directory / f"{name}.html").write_text(normalise(response.content.decode()))
        response = client.get(f"{base}brief.pdf")
        pdf = b"".join(response) if response.streaming else response.content
        reader = PdfReader(BytesIO(pdf))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        (directory / "brief.txt").write_text(normalise(text))
        print(f"saved {len(urls) + 1} snapshots in {directory}")


def compare(a: Path, b: Path) -> int:
    names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()})
    differing = 0
    for name in names:
        left = (a / name).read_text().splitlines() if (a / name).exists() else []
        right = (b / name).read_text().splitlines() if (b / name).exists() else []
        if left != right:
            differing += 1
            print(f"--- {name} differs")
            sys.stdout.writelines(
                line + "\n"
                for line in list(
                    difflib.unified_diff(left, right, str(a / name), str(b / name), n=1)
                )[:40]
            )
    print(f"{len(names)} snapshots compared, {differing} differ")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    saving = sub.add_parser("save")
    saving.add_argument("directory", type=Path)
    saving.add_argument("--lang", default="en", help="the pages' language (default en)")
    pair = sub.add_parser("compare")
    pair.add_argument("a", type=Path)
    pair.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "save":
        save(args.directory, args.lang)
        return 0
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
