"""Extraction of plans' documents: time per page (text layer and OCR), peak memory for a
100-page document, and whether a worker's memory grows with the documents it processes.

    .venv/bin/python bench/documents.py [--documents 20] [--ocr-pages 3]
    .venv/bin/python bench/documents.py --real [--real-dir /tmp/napwatch-debian-pdfs] [--per-page]

`--real` measures the workbench on real-world documents instead (bench/real_documents.py: Debian's
Spanish PDFs, a scan, the WIIS brief): labels, anchors, character error rate against
`pdftotext -layout`, words run together, OCR, and the suggestions' threshold.

Each measurement runs in a fresh process of its own (so each peak is its own), on the test
suite's Spanish NAP-like document (tests/documents/builders.py) lengthened to 100 pages with
annex pages of justified, hyphenated text, and on a scanned copy of some of its pages (image
only, 200 dpi) for OCR. The worker measurement runs the real task (`extract_document`, with the
immediate backend, as `db_worker` runs it) on `--documents` different 100-page documents in one
process, on a throw-away SQLite database, printing its resident memory after each.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(database: str | None = None) -> None:
    os.environ.update(
        DEBUG="false",
        SECRET_KEY="napwatch-bench-only-" + "x" * 40,
        NAPWATCH_ENV_FILE=os.devnull,
        ALLOWED_HOSTS="localhost",
        NAPWATCH_TASK_BACKEND="django.tasks.backends.immediate.ImmediateBackend",
        LOG_LEVEL="WARNING",
        DATABASE_URL=f"sqlite:///{database or tempfile.mktemp(suffix='.sqlite3')}",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "napwatch.settings")
    import django

    django.setup()


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_text(path: str) -> dict:
    setup_django()
    from documents.extraction import inspect, read_pages

    data = Path(path).read_bytes()
    before = peak_mb()
    started = time.perf_counter()
    inspected = inspect(data, name="plan.pdf")
    checked = time.perf_counter() - started
    started = time.perf_counter()
    pages = list(read_pages(data, format="pdf"))
    seconds = time.perf_counter() - started
    return {
        "pages": len(pages),
        "ocr": sum(p.is_ocr for p in pages),
        "check_s": round(checked, 3),
        "ms_per_page": round(1000 * seconds / len(pages), 1),
        "total_s": round(seconds, 2),
        "peak_mb": round(peak_mb(), 1),
        "django_mb": round(before, 1),
        "size_kb": round(len(data) / 1024),
        "labels": [pages[0].label, pages[2].label, pages[-1].label],
        "checked_pages": inspected.page_count,
    }


def child_ocr(path: str) -> dict:
    setup_django()
    from documents.extraction import read_pages

    data = Path(path).read_bytes()
    started = time.perf_counter()
    pages = list(read_pages(data, format="pdf"))
    seconds = time.perf_counter() - started
    return {
        "pages": len(pages),
        "ocr": sum(p.is_ocr for p in pages),
        "s_per_page": round(seconds / len(pages), 2),
        "peak_mb": round(peak_mb(), 1),
    }


def child_worker(path: str, documents: int) -> dict:
    folder = tempfile.mkdtemp(prefix="napwatch-bench-documents-")
    setup_django(f"{folder}/db.sqlite3")
    os.environ["MEDIA_ROOT"] = f"{folder}/media"
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = f"{folder}/media"
    call_command("migrate", verbosity=0)
    from documents.models import Document
    from documents.services import add_document
    from planfiles.services import load_plan_files
    from plans.models import Plan

    load_plan_files(paths=[ROOT / "tests" / "data" / "minimal-plan.yaml"])
    plan = Plan.objects.get(slug="testland-2024")
    base = Path(path).read_bytes()
    memory = []
    seconds = []
    for n in range(documents):
        data = base + f"\n% copy {n}\n".encode()  # a different checksum, the same PDF
        started = time.perf_counter()
        document = add_document(plan=plan, data=data, name=f"copy-{n}.pdf")
        # (outside a transaction, the task ran when add_document's transaction committed)
        seconds.append(time.perf_counter() - started)
        assert Document.objects.get(pk=document.pk).status == "done"
        memory.append(round(rss_mb(), 1))
    return {"rss_mb_after_each": memory, "s_each": [round(s, 2) for s in seconds]}


def run_child(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=20)
    parser.add_argument("--ocr-pages", type=int, default=3)
    parser.add_argument("--child", nargs="+")
    parser.add_argument("--real", action="store_true")
    parser.add_argument("--real-dir")
    parser.add_argument("--per-page", action="store_true")
    args = parser.parse_args()
    if args.real:
        setup_django()
        from bench.real_documents import run

        run(args.real_dir, args.per_page)
        return
    if args.child:
        kind, path, *rest = args.child
        result = {"text": child_text, "ocr": child_ocr}.get(kind)
        figures = result(path) if result else child_worker(path, int(rest[0]))
        print(json.dumps(figures))
        return

    setup_django()
    from tests.documents import builders

    folder = Path(tempfile.mkdtemp(prefix="napwatch-bench-pdf-"))
    long_pdf = folder / "plan-100.pdf"
    long_pdf.write_bytes(builders.nap_pdf(pages_of_filler=94))
    scanned = folder / "scanned.pdf"
    scanned.write_bytes(
        builders.scanned_pdf(long_pdf.read_bytes(), pages=tuple(range(2, 2 + args.ocr_pages)))
    )
    text = run_child("text", str(long_pdf))
    print(
        f"text layer: {text['pages']} pages ({text['size_kb']} KB, labels {text['labels']}): "
        f"checked in {text['check_s']} s, read in {text['total_s']} s = "
        f"{text['ms_per_page']} ms a page; peak {text['peak_mb']} MB "
        f"(Django alone {text['django_mb']} MB)"
    )
    ocr = run_child("ocr", str(scanned))
    print(
        f"OCR: {ocr['pages']} scanned pages ({ocr['ocr']} read by OCR): {ocr['s_per_page']} s a "
        f"page; peak {ocr['peak_mb']} MB"
    )
    worker = run_child("worker", str(long_pdf), str(args.documents))
    memory = worker["rss_mb_after_each"]
    print(
        f"worker: {args.documents} documents of 100 pages in one process, resident memory after "
        f"each (MB): {memory}; first {memory[0]}, last {memory[-1]}, "
        f"growth after the second {round(memory[-1] - memory[1], 1)} MB; "
        f"{sum(worker['s_each']) / len(worker['s_each']):.2f} s a document"
    )


if __name__ == "__main__":
    main()
