"""Text compared without case or accents: "Misión" and "mision" are the same word.

The SQLite fallback registers `fold` as the SQL function `napwatch_fold` on every connection
(search/apps.py) and compares folded text with folded words; `fold_with_map` lets highlighting
find the folded words in the folded text and mark the matching stretch of the original.
"""

from __future__ import annotations

import unicodedata


def fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str | None) -> str:
    """Lower case, accents and other combining marks removed ("Capacitación" → "capacitacion")."""
    if not text:
        return ""
    return "".join(fold_char(char) for char in text)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index of the original one."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = fold_char(char)
        folded.append(piece)
        origin.extend([index] * len(piece))
    return "".join(folded), origin


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """connection_created receiver: `napwatch_fold(text)` in SQL, for the fallback's filters."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("napwatch_fold", 1, fold, deterministic=True)
