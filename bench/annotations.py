"""Time of a critique's Web Annotation (issue 25), which reads its quotation's context off the
target's page: answered cold (neither the annotation nor the target page in the page cache, so
the page is rendered too), with the target page already cached, and from the page cache.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/annotations.py

Runs in-process (Django's test client) over every published critique of the database given
(migrate and `make fixtures`-load it first), in English and Spanish, and prints the median and
the slowest of each case in milliseconds.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "napwatch.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.cache import caches  # noqa: E402
from django.test import Client  # noqa: E402

from critiques.models import Critique  # noqa: E402


def timed(client: Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url, secure=True)
    assert response.status_code == 200, (url, response.status_code)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    client = Client()
    figures: dict[str, list[float]] = {"cold": [], "page cached": [], "cached": []}
    for critique in Critique.objects.published().select_related("plan"):
        for language in ("en", "es"):
            url = f"/{language}/plans/{critique.plan.slug}/critiques/{critique.key}/"
            annotation = f"{url}annotation.jsonld"
            caches["pages"].clear()
            figures["cold"].append(timed(client, annotation))
            caches["pages"].clear()
            page = critique.target_url().partition("#")[0].replace("/en/", f"/{language}/", 1)
            client.get(page, secure=True)
            figures["page cached"].append(timed(client, annotation))
            figures["cached"].append(timed(client, annotation))
    for case, values in figures.items():
        print(
            f"{case:>12}: {len(values)} annotations, median {statistics.median(values):.1f} ms, "
            f"slowest {max(values):.1f} ms"
        )


if __name__ == "__main__":
    main()
