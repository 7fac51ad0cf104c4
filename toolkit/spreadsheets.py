"""CSV cells a spreadsheet would run as formulas are defused, in every CSV napwatch writes.

**The policy (docs/csv-injection.md).** Following OWASP's CSV-injection guidance, a text cell that
begins with `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width forms `＝ ＋ － ＠`,
which some spreadsheets read the same) is written with one apostrophe before it: a spreadsheet
shows the text, never runs it (`=HYPERLINK(…)`, `@SUM(…)|cmd`, DDE). The same rule applies to the
page CSVs (indicators, comparison) and to the data release, so that the release cannot be
turned into a weapon either, and it is reversible for programs: a cell that begins with an
apostrophe followed by one of those characters (or by more apostrophes and then one of them) had
exactly one apostrophe added; remove it to get the stored value (`restore()`). A value that itself
begins with apostrophes before such a character gets one more, so the rule is exact. Numbers
(ints, decimals) are not text and are written as they are; nothing else is changed.
"""

from __future__ import annotations

import csv
import re

TRIGGERS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
_GUARDED = re.compile(f"^'*[{re.escape(TRIGGERS)}]")


def safe_cell(value):
    """The cell as written: text a spreadsheet would run gets one apostrophe before it."""
    if isinstance(value, str) and _GUARDED.match(value):
        return "'" + value
    return value


def restore(cell: str) -> str:
    """The stored value of a cell written by `safe_cell` (for programs reading our CSVs)."""
    if cell.startswith("'") and _GUARDED.match(cell[1:]):
        return cell[1:]
    return cell


class SafeWriter:
    """csv.writer whose rows are defused cell by cell (same arguments as csv.writer)."""

    def __init__(self, stream, *args, **kwargs):
        self._writer = csv.writer(stream, *args, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(stream, *args, **kwargs) -> SafeWriter:
    return SafeWriter(stream, *args, **kwargs)
