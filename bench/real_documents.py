"""The workbench on real-world documents (issue 26), for bench/documents.py --real.

Real Spanish PDFs the machine can get without the internet, from Debian's documentation
packages (`apt-get download texlive-lang-spanish debian-reference-es`, then `dpkg-deb -x` into a
temporary folder; never committed):
- lshort-a4.pdf, "Una descripción de LaTeX2e" (161 pages, roman front matter, TeX ligatures);
- debian-reference.es.pdf, the Debian reference (272 pages, DocBook; its cover and its page 29
  are both labelled "1");
- texlive-es.pdf, TeX Live's guide (50 pages);
plus a scanned copy of five pages of lshort-a4 (`pdftoppm -r 200 -gray`, the images put back in an
image-only PDF by Pillow, as img2pdf would), and, as the document that matches the plan, the WIIS
policy brief (/work/shared/sources, ../shared from the project) set as a PDF by WeasyPrint.

Per document it prints: pages; labels matched (ours against pdfium's reading of /PageLabels);
duplicate anchors; character error rate (CER) per page against poppler's `pdftotext -layout`
(both texts with ligatures spelled out, control characters out, line-end hyphens joined and
whitespace single): median,
90th percentile, worst, and pages over 1%, for all pages and for pages of running text (those
where poppler's own two readings, `-layout` and `-raw` in content order, agree within 1%: on
tables, two columns, margin notes and code beside its output the reading order is a choice,
and poppler's two modes differ as much as we do); words run together (a word of ours
that poppler reads as two to four words); ligature characters left. Then OCR's CER on the scan,
and the suggestions: how many of Mexico's elements get a passage above the threshold on each
unrelated document (should be none) and the best share any reached (the calibration), and on
the brief, of the elements it quotes, how often the first suggestion is the true passage.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import tempfile
import time
import unicodedata
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
BRIEF = ROOT.parent.parent / "shared" / "sources" / "mexico-nap-policy-brief.txt"
PACKAGES = ["texlive-lang-spanish", "debian-reference-es"]
WANTED = {
    "lshort-a4.pdf": "lshort-spanish/lshort-a4.pdf",
    "debian-reference.es.pdf": "debian-reference/debian-reference.es.pdf",
    "texlive-es.pdf": "texlive/texlive-es/texlive-es.pdf",
}
SCANNED_PAGES = (20, 21, 40, 60, 100)  # pages of running text in lshort-a4 (0-based)


def obtain(folder: Path) -> dict[str, Path]:
    """The PDFs, from Debian's packages (downloaded and unpacked into `folder` if not there)."""
    found = {name: next(folder.rglob(name), None) for name in WANTED}
    found = {n: p for n, p in found.items() if p and str(p).endswith(WANTED[n])}
    if len(found) < len(WANTED):
        subprocess.run(["apt-get", "download", *PACKAGES], cwd=folder, check=True)
        for deb in folder.glob("*.deb"):
            subprocess.run(["dpkg-deb", "-x", str(deb), str(folder / "x")], check=True)
        found = {n: next(p for p in folder.rglob(n) if str(p).endswith(WANTED[n])) for n in WANTED}
    return found


def compared(text: str) -> str:
    """Text as compared: NFKC (ligatures spelled out), control characters out (glyphs with no
    Unicode, such as TeX's math arrows, which poppler writes as control codes and we drop),
    line-end hyphens joined, whitespace single."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) != "Cc")
    text = re.sub(r"(\w)[-\u2010\x02]\s*\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> list[str]:
    return re.findall(r"\w+", compared(text).lower())


def run_together(ours: str, poppler: str) -> list[str]:
    theirs = words(poppler)
    known = set(theirs)
    joined = {"".join(theirs[i : i + n]) for n in (2, 3, 4) for i in range(len(theirs) - n + 1)}
    return [w for w in words(ours) if w not in known and w in joined]


def poppler_pages(path: Path, *mode: str) -> list[str]:
    out = subprocess.run(
        ["pdftotext", *(mode or ["-layout"]), "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.split("\f")


def cer(ours: str, poppler: str) -> float | None:
    from rapidfuzz.distance import Levenshtein

    reference = compared(poppler)
    if not reference:
        return None
    return Levenshtein.distance(compared(ours), reference) / len(reference)


def spread(values: list[float]) -> str:
    if not values:
        return "no pages"
    values = sorted(values)
    p90 = values[min(len(values) - 1, int(0.9 * len(values)))]
    over = sum(v > 0.01 for v in values)
    return (
        f"median {100 * statistics.median(values):.2f}%, 90th pct {100 * p90:.2f}%, "
        f"worst {100 * values[-1]:.1f}%, over 1%: {over} of {len(values)} pages"
    )


def extraction(name: str, path: Path, per_page: bool) -> list:
    import pypdfium2

    from documents.extraction import read_pages
    from documents.models import ambiguous_labels, page_anchor

    data = path.read_bytes()
    started = time.perf_counter()
    pages = list(read_pages(data, format="pdf"))
    ms = 1000 * (time.perf_counter() - started) / len(pages)
    pdfium = pypdfium2.PdfDocument(data)
    theirs = [pdfium.get_page_label(i) or str(i + 1) for i in range(len(pdfium))]
    matched = sum(p.label == label for p, label in zip(pages, theirs, strict=True))
    flags = ambiguous_labels([p.label for p in pages])
    anchors = [page_anchor(p.label, p.index, a) for p, a in zip(pages, flags, strict=True)]
    old = [f"p-{p.label}" for p in pages]
    poppler = poppler_pages(path)
    reading = poppler_pages(path, "-raw")
    all_cer, running_cer, together, rows = [], [], [], []
    for page, layout, raw in zip(pages, poppler, reading, strict=False):
        value = cer(page.text, layout)
        joined = run_together(page.text, layout)
        together += joined
        if value is None:
            continue
        all_cer.append(value)
        running = (cer(raw, layout) or 0) <= 0.01
        if running:
            running_cer.append(value)
        rows.append((page.index, page.label, value, running, joined))
    ligatures = sum(sum(p.text.count(ch) for ch in "\ufb00\ufb01\ufb02\ufb03\ufb04") for p in pages)
    print(f"\n{name}: {len(pages)} pages, {ms:.0f} ms a page")
    print(
        f"  labels matched: {matched} of {len(pages)}; distinct anchors: {len(set(anchors))} "
        f"(before: {len(set(old))}); pages named with their PDF page: {sum(flags)}"
    )
    print(f"  CER vs pdftotext -layout, all pages: {spread(all_cer)}")
    print(f"  CER vs pdftotext -layout, running text: {spread(running_cer)}")
    print(f"  words run together: {len(together)} {together[:8]}; ligature characters: {ligatures}")
    compare_extractors(path, data, poppler)
    if per_page:
        for index, label, value, running, joined in rows:
            kind = "running" if running else "layout"
            print(f"    PDF p. {index} (p. {label}): CER {100 * value:.2f}% {kind} {joined or ''}")
    return pages


def compare_extractors(path: Path, data: bytes, poppler: list[str]) -> None:
    """The other extractors measured the same way (what chose pdfium): pypdf (as before, and in
    its layout mode) and pdfium's own text as it comes, without our word spacing and accents."""
    import io

    import pypdf
    import pypdfium2

    reader = pypdf.PdfReader(io.BytesIO(data))
    document = pypdfium2.PdfDocument(data)
    readers = {
        "pypdf": lambda n: reader.pages[n].extract_text() or "",
        "pypdf layout": lambda n: reader.pages[n].extract_text(extraction_mode="layout") or "",
        "pdfium as is": lambda n: document[n].get_textpage().get_text_range(),
    }
    for name, read in readers.items():
        started = time.perf_counter()
        texts = [read(n) for n in range(len(reader.pages))]
        ms = 1000 * (time.perf_counter() - started) / len(texts)
        values = [v for t, p in zip(texts, poppler, strict=False) if (v := cer(t, p)) is not None]
        together = sum(len(run_together(t, p)) for t, p in zip(texts, poppler, strict=False))
        ligatures = sum(sum(t.count(c) for c in "\ufb00\ufb01\ufb02\ufb03\ufb04") for t in texts)
        print(
            f"    {name}: {ms:.0f} ms a page; CER {spread(values)}; words run together "
            f"{together}; ligature characters {ligatures}"
        )


def scanned(path: Path, folder: Path) -> Path:
    from PIL import Image

    images = []
    for number in SCANNED_PAGES:
        stem = folder / f"scan-{number}"
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "200",
                "-gray",
                "-png",
                "-singlefile",
                "-f",
                str(number + 1),
                "-l",
                str(number + 1),
                str(path),
                str(stem),
            ],
            check=True,
        )
        images.append(Image.open(f"{stem}.png").convert("L"))
    out = folder / "scanned.pdf"
    images[0].save(out, format="PDF", resolution=200, save_all=True, append_images=images[1:])
    return out


def ocr(path: Path, scan: Path) -> None:
    from documents.extraction import read_pages

    started = time.perf_counter()
    pages = list(read_pages(scan.read_bytes(), format="pdf"))
    seconds = (time.perf_counter() - started) / len(pages)
    poppler = poppler_pages(path)
    values = [cer(p.text, poppler[n]) for p, n in zip(pages, SCANNED_PAGES, strict=True)]
    print(
        f"\nOCR on a scan of {len(pages)} pages of lshort-a4 (200 dpi; {sum(p.is_ocr for p in pages)}"
        f" read by OCR): {seconds:.1f} s a page; CER vs pdftotext -layout: "
        + ", ".join(f"{100 * v:.1f}%" for v in values)
    )


def brief_pdf(folder: Path) -> Path:
    from django.utils.html import escape
    from weasyprint import HTML

    paragraphs = BRIEF.read_text(encoding="utf-8").split("\n\n")
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    html = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><style>@page{size:A4;"
        "margin:20mm} body{font:10pt 'DejaVu Serif'}</style></head><body>" + body + "</body></html>"
    )
    out = folder / "wiis-brief.pdf"
    out.write_bytes(HTML(string=html).write_pdf())
    return out


def mexico_elements():
    """(code, wording as the suggestions page matches it for a Spanish document, for an English
    one, quoted from the brief?) for each of Mexico's elements without verbatim wording."""
    from django.core.management import call_command

    from indicators.models import Indicator
    from planfiles.rubric import load_rubric_files
    from planfiles.services import load_plan_files
    from plans.models import Confidence, LineOfAction, StrategicObjective

    call_command("migrate", verbosity=0)
    load_rubric_files(paths=sorted((ROOT / "fixtures" / "rubrics").glob("*.yaml")))
    load_plan_files(paths=sorted((ROOT / "fixtures").glob("*.yaml")))
    found = []
    for model in (StrategicObjective, LineOfAction, Indicator):
        for e in model.objects.filter(plan__slug="mexico-2021").select_related("source"):
            if e.confidence == Confidence.VERBATIM:
                continue
            quoted = e.confidence == Confidence.QUOTED and e.source and e.source.key == "wiis-2021"
            found.append((e.code, e.wording_original or e.wording_en, e.wording_en, quoted))
    return found


def candidates_of(pages) -> list:
    from documents.models import ambiguous_labels
    from workbench.suggestions import passages

    flags = ambiguous_labels([p.label for p in pages])
    rows = [
        SimpleNamespace(
            pk=p.index,
            label=p.label,
            text=p.text,
            checked_text=p.text,
            locator=f"p. {p.label}" + (f" (PDF p. {p.index})" if a else ""),
        )
        for p, a in zip(pages, flags, strict=True)
    ]
    return passages(rows)


def best_share(wording: str, candidates) -> float:
    from workbench.suggestions import stems

    wanted = set(stems(wording))
    if not wanted:
        return 0.0
    return max(
        (len(wanted & set(stems(text))) / len(wanted) for *_x, text in candidates), default=0
    )


def suggestions(unrelated: dict[str, list], brief: Path) -> None:
    from rapidfuzz import fuzz

    from documents.extraction import read_pages
    from workbench.suggestions import MIN_SHARE, MIN_SHARED, suggest

    elements = mexico_elements()
    print(
        f"\nSuggestions for Mexico's {len(elements)} elements without verbatim wording "
        f"(threshold: {MIN_SHARE:.0%} of the element's content words, at least {MIN_SHARED}):"
    )
    for name, pages in unrelated.items():
        candidates = candidates_of(pages)
        hits = [(code, s) for code, es, _en, _q in elements for s in suggest(es, candidates)]
        top = max(best_share(es, candidates) for _c, es, _en, _q in elements)
        print(
            f"  {name} (unrelated, Spanish): {len(hits)} suggestions above the threshold "
            f"for {len({c for c, _s in hits})} elements; precision "
            + ("n/a (none offered)" if not hits else f"0 of {len(hits)}")
            + f"; the best share any element reached: {top:.0%}"
        )
    pages = list(read_pages(brief.read_bytes(), format="pdf"))
    candidates = candidates_of(pages)
    quoted = [(c, en) for c, _es, en, q in elements if q and en]
    first, shares, misses = 0, [], []
    for code, english in quoted:
        true = max(candidates, key=lambda c: fuzz.partial_ratio(english.lower(), c[2].lower()))[2]
        offered = suggest(english, candidates)
        shares.append(best_share(english, [(0, "", true)]))
        if offered and offered[0].text == true:
            first += 1
        else:
            misses.append(code)
    others = [(c, en) for c, _es, en, q in elements if not q and en]
    offered_others = sum(bool(suggest(en, candidates)) for _c, en in others)
    print(
        f"  WIIS brief (matching, English, {len(pages)} pages): the true passage first for "
        f"{first} of {len(quoted)} elements it quotes (recall); missed: {misses}; "
        f"share of words the true passages hold: min {min(shares):.0%}, median "
        f"{statistics.median(shares):.0%}; elements it does not quote offered a passage: "
        f"{offered_others} of {len(others)}"
    )


def run(folder: str | None, per_page: bool) -> None:
    work = Path(folder or tempfile.mkdtemp(prefix="napwatch-bench-real-"))
    work.mkdir(parents=True, exist_ok=True)
    paths = obtain(work)
    read = {name: extraction(name, path, per_page) for name, path in paths.items()}
    ocr(paths["lshort-a4.pdf"], scanned(paths["lshort-a4.pdf"], work))
    suggestions({n: read[n] for n in ("lshort-a4.pdf", "debian-reference.es.pdf")}, brief_pdf(work))
