"""Highlighted snippets that are safe whatever the text holds: escape first, then mark."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.folding import fold, fold_with_map

# Private-use characters that PostgreSQL's ts_headline puts around matches (see postgres.py).
START, STOP = "\ue000", "\ue001"


def marks_from_sentinels(headline: str) -> SafeString:
    """ts_headline output → HTML: the text escaped, sentinel pairs turned into <mark>."""
    html = escape(headline)
    html = re.sub(f"{START}(.*?){STOP}", r"<mark>\1</mark>", html, flags=re.DOTALL)
    return mark_safe(html.replace(START, "").replace(STOP, ""))  # noqa: S308 - escaped above


def highlight(text: str, words: list[str], *, width: int = 260) -> SafeString:
    """A window of `text` around the first match, escaped, with every match of `words` marked.

    Matching ignores case and accents ("mision" marks "Misión"), as the fallback's search does."""
    words = [w for w in (fold(w) for w in words) if w]
    if not text:
        return mark_safe("")
    if not words:
        return mark_safe(escape(text[:width]) + ("…" if len(text) > width else ""))
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    folded, origin = fold_with_map(text)
    spans = [
        (origin[m.start()], origin[m.end() - 1] + 1) for m in pattern.finditer(folded) if m.end()
    ]
    start = max(0, spans[0][0] - width // 3) if spans else 0
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space > start - 30 else start
    end = start + width
    pieces = ["…" if start else ""]
    position = start
    for span_start, span_end in spans:
        if span_start < position or span_end > end:
            continue
        pieces.append(escape(text[position:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    pieces.append(escape(text[position:end]))
    if end < len(text):
        pieces.append("…")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above
