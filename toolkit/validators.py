"""Validators shared by the apps' models (the bottom layer: no app imports here)."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Control characters (C0, DEL, C1: a line break, a tab, a NUL…) and Unicode's line and
# paragraph separators: a title is one line, and each of them can break a format that is
# line-based (a RIS citation's "TY  - …" records, an e-mail header) or show nothing at all.
_LINE_BREAKING = {"Cc", "Zl", "Zp"}


def one_line_text(value: str) -> None:
    """Refuses text holding a control character or a line or paragraph separator."""
    for position, char in enumerate(value or "", start=1):
        if unicodedata.category(char) in _LINE_BREAKING:
            raise ValidationError(
                _(
                    "This must be one line of text: it holds a control character (U+%(code)s) "
                    "at position %(position)s."
                ),
                code="control_character",
                params={"code": f"{ord(char):04X}", "position": position},
            )


def without_control_characters(text: str) -> str:
    """The text on one line: each run of whitespace, control characters and line or paragraph
    separators becomes one space (for line-based outputs: RIS, e-mail headers)."""
    out = []
    for char in text:
        out.append(" " if char.isspace() or unicodedata.category(char) in _LINE_BREAKING else char)
    return " ".join("".join(out).split())
