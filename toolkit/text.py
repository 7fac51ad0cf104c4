"""Text that a person can read, or not."""

from __future__ import annotations

import unicodedata

# Characters that draw nothing but are not in category Cf (format) or whitespace: the Hangul
# fillers and the braille blank, which render as empty space.
INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def is_blank(text: str | None) -> bool:
    """True if `text` has nothing a reader would see: only white space, format characters
    (Unicode category Cf: zero-width space U+200B, joiners, the BOM, directional marks …) or
    other invisible fillers. Checks of "is this text empty?" ask this, not `text.strip()`."""
    return not any(
        not (ch.isspace() or unicodedata.category(ch) == "Cf" or ch in INVISIBLE)
        for ch in text or ""
    )
