"""The tables of the data release: one CSV each, with its Table Schema (types, keys, vocabularies).

Each `Table` says which rows it holds (a QuerySet over the released plans, in a fixed order),
which columns it writes (each from a `values()` path or a function of the row) and its primary
and foreign keys. Identifiers are stable, readable strings rather than database ids: a plan is
its slug, an element `<plan>/<code>`, a critique `<plan>/<key>`, a source its key, an agency
`<country code>/<acronym>`; so the same data gives the same file in any database.

The tables live by resource: `plan` (plans, sources, agencies, sections), `tree` (pillars down to
indicators, and responsibilities), `critique` (published critiques, citations, recommendations) and
`scorecard` (rubrics, criteria, published assessments and their evidence) and `replies`
(invitations to reply, published replies: issue 28), in that order in
`TABLES`. `core` holds what a table is made of, `columns` the columns many tables share, and
`released` which rows a release holds. Adding a table is one more `Table(...)` in its resource's
`TABLES`, with the foreign keys it needs; `package.py` writes and describes whatever is listed here.
"""

from __future__ import annotations

from . import critique, plan, replies, scorecard, tree
from .core import Column, ForeignKey, Scope, Table

TABLES: tuple[Table, ...] = (
    plan.TABLES + tree.TABLES + critique.TABLES + scorecard.TABLES + replies.TABLES
)

__all__ = ["TABLES", "Column", "ForeignKey", "Scope", "Table"]
