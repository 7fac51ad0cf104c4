"""Highlighted snippets that are safe whatever the text holds: escape first, then mark."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Private-use characters that PostgreSQL's ts_headline puts around matches (see postgres.py).
START, STOP = "\ue000", "\ue001"


def marks_from_sentinels(headline: str) -> SafeString:
    """ts_headline output → HTML: the text escaped, sentinel pairs turned into <mark>."""
    html = escape(headline)
    html = re.sub(f"{START}(.*?){STOP}", r"<mark>\1</mark>", html, flags=re.DOTALL)
    return mark_safe(html.replace(START, "").replace(STOP, ""))  # noqa: S308 - escaped above


def highlight(text: str, words: list[str], *, width: int = 260) -> SafeString:
    """A window of `text` around the first match, escaped, with every match of `words` marked."""
    words = [w for w in words if w]
    if not text:
        return mark_safe("")
    if not words:
        return mark_safe(escape(text[:width]) + ("…" if len(text) > width else ""))
    pattern = re.compile(
        "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE
    )
    first = pattern.search(text)
    start = max(0, first.start() - width // 3) if first else 0
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space > start - 30 else start
    fragment = text[start : start + width]
    pieces = ["…" if start else ""]
    position = 0
    for match in pattern.finditer(fragment):
        pieces.append(escape(fragment[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(fragment[position:]))
    if start + width < len(text):
        pieces.append("…")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above
