"""Outcome, time and peak memory of each hostile document (issue 24), as napwatch meets it.

    .venv/bin/python bench/hostile_documents.py

The files are built by tests/documents/hostile.py (never checked in), written to a temporary
folder, and each is met in a fresh process of its own, so that each peak is that file's alone:
the checks `add_document` and the admin's upload run before anything is written
(`extraction.inspect`), then, if it is accepted, what the task worker does with it
(`extraction.read_pages`, OCR included). With the default limits (settings). Printed per file:
the outcome (the first line a person is told), the seconds from reading the file to that
outcome (wall clock, and the process's CPU time, which a loaded machine does not inflate; OCR's
Tesseract runs in a child process of its own), and the process's peak resident memory
(VmHWM; Django itself is about 90 MB of it).
The aim: under 10 s and 300 MB each.
"""

from __future__ import annotations

import atexit
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def own_peak_mb() -> float:
    """This process's peak resident memory (VmHWM). Not getrusage's ru_maxrss: Linux carries that
    over from the parent across fork and exec, and the parent grew building the bombs."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(path: str, name: str) -> None:
    os.environ.update(
        DEBUG="false",
        SECRET_KEY="napwatch-bench-only-" + "x" * 40,
        ALLOWED_HOSTS="testserver",
        DATABASE_URL="sqlite:///:memory:",
        DJANGO_SETTINGS_MODULE="napwatch.settings",
        LOG_LEVEL="ERROR",
        NAPWATCH_ENV_FILE="/dev/null",
    )
    import django

    django.setup()
    import pypdf  # noqa: F401 - imported by every extraction: paid before the clock
    import pypdfium2  # noqa: F401

    from documents.extraction import RefusedDocument, inspect, read_pages

    started = time.perf_counter()
    cpu_before = time.process_time()
    data = Path(path).read_bytes()
    try:
        inspected = inspect(data, name=name)
        pages = list(read_pages(data, format=inspected.format))
        outcome = f"read: {len(pages)} page(s), {sum(p.is_ocr for p in pages)} by OCR"
        status = "read"
    except RefusedDocument as exc:
        outcome, status = str(exc), "refused"
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_before
    peak = own_peak_mb()
    figures = {"seconds": seconds, "cpu": cpu, "peak_mb": peak, "status": status}
    print(json.dumps({**figures, "outcome": outcome}))


def main() -> None:
    from tests.documents.hostile import HOSTILE

    folder = Path(tempfile.mkdtemp(prefix="napwatch-hostile-documents-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    print("| file | size | outcome | time | CPU time | peak memory |")
    print("| --- | ---: | --- | ---: | ---: | ---: |")
    worst = {"seconds": 0.0, "peak_mb": 0.0}
    told = []
    for name, (make, file_name) in HOSTILE.items():
        path = folder / f"{name}{Path(file_name).suffix}"
        path.write_bytes(make())
        size = path.stat().st_size
        command = [sys.executable, __file__, "--child", str(path), file_name]
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=600)
        path.unlink()
        if result.returncode != 0:
            print(f"| {name} | {size:,} B | child failed: {result.stderr.strip()[-300:]} | | |")
            continue
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        worst = {key: max(worst[key], figures[key]) for key in worst}
        shown = f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size:,} B"
        print(
            f"| {name} | {shown} | {figures['status']} | {figures['seconds']:.2f} s "
            f"| {figures['cpu']:.2f} s | {figures['peak_mb']:.0f} MB |"
        )
        told.append(f"{name}: {figures['outcome']}")
    print("\nWhat each was told:")
    for line in told:
        print(f"  {line}")
    print(
        f"\nSlowest {worst['seconds']:.2f} s, highest peak {worst['peak_mb']:.0f} MB "
        "(the whole process, Django included); the aim is under 10 s and 300 MB each."
    )


if __name__ == "__main__":
    if "--child" in sys.argv:
        at = sys.argv.index("--child")
        child(sys.argv[at + 1], sys.argv[at + 2])
    else:
        main()
