"""Search across plans, objectives, lines of action, indicators and published critiques.

One interface, two backends chosen by the database in use: PostgreSQL full-text search (ranked,
with ts_headline snippets) and, elsewhere (SQLite), word-by-word `icontains` with snippets marked
in Python. Both return the same `SearchGroup`s for the same template, one query per kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from critiques.models import Critique
from indicators.models import Indicator
from plans.models import LineOfAction, Plan, StrategicObjective
from search.documents import fields_of

PER_KIND = 20


@dataclass(frozen=True)
class Kind:
    key: str
    label: str | Promise
    plural: str | Promise
    snippet_fields: tuple[str, ...]  # the fields that give the snippet, in order

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields searched, most telling first (search/documents.py lists them once)."""
        return fields_of(self.key)

    def snippet_fields_for(self, language: str) -> list[str]:
        """The snippet's fields, the reader's language first: a translated field's column in
        that language, then in the others; the plan's own wording first for a reader of it."""
        names: list[str] = []
        for name in self.snippet_fields:
            localized = [f for f in self.fields if f.rsplit("_", 1)[0] == name]
            if localized:
                mine = [f for f in localized if f.endswith(f"_{language}")]
                names += mine + [f for f in localized if f not in mine]
            else:
                names.append(name)
        if language != "en" and "wording_original" in names:
            names.remove("wording_original")
            names.insert(0, "wording_original")
        return names

    def queryset(self) -> QuerySet:
        return KIND_QUERYSETS[self.key]()


KINDS = [
    Kind(
        "plan",
        _("Plan"),
        _("Plans"),
        ("summary", "title_original"),
    ),
    Kind(
        "objective",
        _("Strategic objective"),
        _("Strategic objectives"),
        ("wording_en", "wording_original"),
    ),
    Kind(
        "line",
        _("Line of action"),
        _("Lines of action"),
        ("wording_en", "wording_original"),
    ),
    Kind(
        "indicator",
        _("Indicator"),
        _("Indicators"),
        ("wording_en", "wording_original"),
    ),
    Kind(
        "critique",
        _("Critique"),
        _("Published critiques"),
        ("body", "remedy"),
    ),
]

KIND_QUERYSETS = {
    "plan": lambda: Plan.objects.all(),
    "objective": lambda: StrategicObjective.objects.select_related("pillar__plan"),
    "line": lambda: LineOfAction.objects.select_related("objective__pillar__plan"),
    "indicator": lambda: Indicator.objects.select_related(
        "line_of_action__objective__pillar__plan"
    ),
    # Only published critiques are ever searched: drafts must not leak through a snippet.
    "critique": lambda: Critique.objects.published().select_related("plan").with_target_links(),
}


@dataclass
class SearchHit:
    kind: Kind
    title: str
    url: str
    plan: Plan
    snippet: SafeString
    code: str = ""
    rank: float = 0.0
    element: object = None  # the objective, line or indicator, for its provenance badge


@dataclass
class SearchGroup:
    kind: Kind
    hits: list[SearchHit] = field(default_factory=list)
    more: bool = False


def hit_for(kind: Kind, obj, snippet: SafeString, rank: float) -> SearchHit:
    if kind.key == "plan":
        return SearchHit(kind, obj.display_title, obj.get_absolute_url(), obj, snippet, "", rank)
    if kind.key == "critique":
        page = obj.target_url().split("#")[0]
        return SearchHit(kind, obj.title, f"{page}#{obj.anchor}", obj.plan, snippet, "", rank)
    plan = obj.pillar.plan
    # The plan's own words for a reader of its language, else the English (else the original)
    title = (
        obj.wording_original if plan.is_in_plan_language and obj.wording_original else obj.wording
    )
    return SearchHit(kind, title, obj.get_absolute_url(), plan, snippet, obj.code, rank, obj)


def search(text: str, *, per_kind: int = PER_KIND) -> list[SearchGroup]:
    """Groups of hits, best first within each kind; an empty list when nothing matches."""
    if connection.vendor == "postgresql":
        from search.postgres import search_kind
    else:
        from search.fallback import search_kind
    groups = []
    for kind in KINDS:
        hits = search_kind(kind, text, limit=per_kind + 1)
        if hits:
            groups.append(SearchGroup(kind, hits[:per_kind], more=len(hits) > per_kind))
    return groups


def backend_name() -> str:
    return "full-text" if connection.vendor == "postgresql" else "simple"
