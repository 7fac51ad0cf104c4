"""Everything one brief shows, read in a fixed, small number of queries (12, whatever the plan's size).

`read_brief(plan_slug=…, options=…)` returns a `Brief`: the plan, the chosen pillars with their
tree, every published critique placed where the brief prints it, numbered endnotes, the sources,
and the figures of the summary and charts. Its `fingerprint` hashes exactly these rows and options
with the templates, stylesheet, fonts and code that turn them into a document.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import Http404

from briefs.options import BriefOptions, BriefOptionsError
from critiques.models import Category, Critique, Recommendation
from indicators.models import Indicator
from plans.models import LineOfAction, Pillar, Plan, Responsibility, Source, StrategicObjective

APP_DIR = Path(__file__).resolve().parent
WEASYPRINT_VERSION = version("weasyprint")
# The files that turn the data into a document: a change to any of them is a new document.
DESIGN_FILES = [
    *sorted((settings.BASE_DIR / "templates" / "briefs").glob("*.html")),
    settings.BASE_DIR / "templates" / "includes" / "elements.html",
    *sorted((settings.BASE_DIR / "static" / "briefs").rglob("*.css")),
    *sorted((settings.BASE_DIR / "static" / "briefs" / "fonts").glob("*.ttf")),
    APP_DIR / "content.py",
    APP_DIR / "charts.py",
    APP_DIR / "services.py",
    APP_DIR / "pdf_worker.py",
]


@dataclass
class Note:
    number: int
    source: Source
    locator: str
    quote: str = ""
    first: bool = True  # the first note citing this source gives its title; later ones are short


@dataclass
class Brief:
    plan: Plan
    options: BriefOptions
    all_pillars: list[Pillar]
    pillars: list[Pillar]  # the chosen ones, with objectives → lines → indicators attached
    sections: list
    plan_critiques: list[Critique]  # the plan as a whole, other than missed opportunities
    missed_opportunities: list[Critique]  # of the plan as a whole
    missed_elsewhere: list[Critique]  # missed opportunities printed beside an element
    critiques: list[Critique]  # every critique the brief prints, in reading order
    recommendations: list[Recommendation]
    plan_agencies: list
    sources: list[Source]
    notes: list[Note]
    last_change: datetime
    rows: list = field(default_factory=list, repr=False)  # what the fingerprint hashes

    @property
    def is_partial(self) -> bool:
        return len(self.pillars) < len(self.all_pillars)

    def glance(self) -> list[dict]:
        """One row per chosen pillar: objectives, lines, indicators and critiques encoded."""
        rows = []
        for pillar in self.pillars:
            objectives = pillar.objectives.all()
            lines = [line for o in objectives for line in o.lines_of_action.all()]
            indicators = [i for line in lines for i in line.indicators.all()]
            rows.append(
                {
                    "pillar": pillar,
                    "objectives": len(objectives),
                    "lines": len(lines),
                    "indicators": len(indicators),
                    "critiques": pillar.critique_total,
                }
            )
        return rows

    def by_category(self) -> list[dict]:
        """Critiques by category, most frequent first, with their count at each severity."""
        counts: dict[str, Counter] = {}
        for critique in self.critiques:
            counts.setdefault(critique.category, Counter())[critique.severity] += 1
        labels = dict(Category.choices)
        rows = [
            {
                "category": category,
                "label": labels.get(category, category),
                "high": c[Critique.Severity.HIGH],
                "medium": c[Critique.Severity.MEDIUM],
                "low": c[Critique.Severity.LOW],
                "total": sum(c.values()),
            }
            for category, c in counts.items()
        ]
        return sorted(rows, key=lambda r: (-r["total"], -r["high"], r["label"]))

    def main_critiques(self) -> list[Critique]:
        """The high-severity weaknesses and missed opportunities, for the executive summary."""
        return [
            c
            for c in self.critiques
            if c.severity == Critique.Severity.HIGH and c.kind != Critique.Kind.PROMISING
        ]

    def promising(self) -> list[Critique]:
        return [c for c in self.critiques if c.kind == Critique.Kind.PROMISING]

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha256(design_digest())
        digest.update(repr(self.options.cache_parts()).encode())
        digest.update(repr(self.rows).encode())
        return digest.hexdigest()


def design_digest() -> bytes:
    """What turns data into a document: templates, stylesheets, fonts, code, WeasyPrint, site."""
    digest = hashlib.sha256(
        repr(("napwatch-brief/1", WEASYPRINT_VERSION, settings.NAPWATCH_SITE_URL)).encode()
    )
    for path in DESIGN_FILES:
        digest.update(file_digest(path))
    return digest.digest()


def file_digest(path: Path) -> bytes:
    stat = path.stat()
    return _file_digest(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _file_digest(path: str, mtime_ns: int, size: int) -> bytes:
    return hashlib.sha256(Path(path).read_bytes()).digest()


def row(obj: models.Model) -> tuple:
    return (obj._meta.label, *(getattr(obj, f.attname) for f in obj._meta.concrete_fields))


def find_plan(slug: str) -> Plan:
    """The plan a brief is about, with its counts and revision token. Http404 if unknown."""
    plan = Plan.objects.with_counts().select_related("source", "revision").filter(slug=slug).first()
    if plan is None:
        raise Http404(f"No plan {slug!r}.")
    return plan


def read_brief(
    *, options: BriefOptions, plan_slug: str | None = None, plan: Plan | None = None
) -> Brief:
    """The brief's content, of a plan given by slug or as read by `find_plan()`.

    Http404 for an unknown plan, BriefOptionsError for an unknown pillar."""
    if plan is None:
        plan = find_plan(plan_slug)  # 1
    all_pillars = list(Pillar.objects.for_plan(plan).select_related("source"))  # 2
    known = {p.slug: p for p in all_pillars}
    for slug in options.pillars:
        if slug not in known:
            names = ", ".join(known) or "none"
            raise BriefOptionsError(f"This plan has no pillar {slug!r}. Its pillars are: {names}.")
    pillars = [p for p in all_pillars if not options.pillars or p.slug in options.pillars]
    pillar_ids = [p.pk for p in pillars]
    rows: list = []

    objectives = list(
        StrategicObjective.objects.for_plan(plan)
        .filter(pillar_id__in=pillar_ids)
        .select_related("source")
    )  # 3
    lines = list(
        LineOfAction.objects.for_plan(plan)
        .filter(objective__pillar_id__in=pillar_ids)
        .select_related("source")
    )  # 4
    indicators = list(
        Indicator.objects.for_plan(plan)
        .filter(line_of_action__objective__pillar_id__in=pillar_ids)
        .select_related("source")
    )  # 5
    responsibilities = list(
        Responsibility.objects.filter(
            Q(objective__pillar_id__in=pillar_ids)
            | Q(line_of_action__objective__pillar_id__in=pillar_ids)
            | Q(indicator__line_of_action__objective__pillar_id__in=pillar_ids)
        )
        .select_related("agency", "source")
        .order_by("agency_id", "pk")  # as the site's pages list them
    )  # 6
    _attach_tree(plan, pillars, objectives, lines, indicators, responsibilities)

    published = list(Critique.objects.published().for_plan(plan).with_details())  # 7, 8
    by_target = Critique.group_by_target(published)
    sections = list(plan.sections.select_related("source"))  # 9
    recommendations = list(
        Recommendation.objects.for_plan(plan).annotate(answers=_published_answers())
    )  # 10
    plan_agencies = list(plan.plan_agencies.select_related("agency", "source"))  # 11
    plan_sources = list(plan.sources.all())  # 12

    # Place every critique where the brief prints it, in reading order.
    in_order: list[Critique] = []
    for pillar in pillars:
        pillar.published_critiques = by_target.get(("target_pillar", pillar.pk), [])
        in_order += pillar.published_critiques
        start = len(in_order) - len(pillar.published_critiques)
        for objective in pillar.objectives.all():
            objective.published_critiques = by_target.get(("target_objective", objective.pk), [])
            in_order += objective.published_critiques
            for line in objective.lines_of_action.all():
                line.published_critiques = by_target.get(("target_line", line.pk), [])
                in_order += line.published_critiques
                for indicator in line.indicators.all():
                    indicator.published_critiques = by_target.get(
                        ("target_indicator", indicator.pk), []
                    )
                    in_order += indicator.published_critiques
        pillar.critique_total = len(in_order) - start
    for section in sections:
        section.published_critiques = by_target.get(("target_section", section.pk), [])
        in_order += section.published_critiques
    whole = by_target.get(("target_plan", plan.pk), [])
    plan_critiques = [c for c in whole if c.kind != Critique.Kind.MISSED_OPPORTUNITY]
    missed = [c for c in whole if c.kind == Critique.Kind.MISSED_OPPORTUNITY]
    missed_elsewhere = [c for c in in_order if c.kind == Critique.Kind.MISSED_OPPORTUNITY]
    in_order += plan_critiques + missed

    # Recommendations answer published critiques; keep the ones this brief prints.
    printed = {c.pk: c for c in in_order}
    for recommendation in recommendations:
        ids = [int(i) for i in (recommendation.answers or "").split(",") if i]
        recommendation.answered = [printed[i] for i in sorted(ids) if i in printed]

    # Endnotes: one per citation, numbered in reading order, then the recommendations' sources.
    notes: list[Note] = []
    cited: set[int] = set()

    def note(source: Source, locator: str, quote: str = "") -> int:
        notes.append(Note(len(notes) + 1, source, locator, quote, first=source.pk not in cited))
        cited.add(source.pk)
        return len(notes)

    for critique in in_order:
        for citation in critique.citations.all():
            citation.endnote = note(citation.source, citation.locator, citation.quote)
    for recommendation in recommendations:
        recommendation.endnote = note(recommendation.source, recommendation.source_locator)

    sources: dict[int, Source] = {}
    elements = [plan, *pillars, *objectives, *lines, *indicators, *sections, *recommendations]
    for item in [*elements, *plan_agencies, *responsibilities]:
        sources.setdefault(item.source_id, item.source)
    for source in plan_sources:
        sources.setdefault(source.pk, source)
    for note in notes:
        sources.setdefault(note.source.pk, note.source)

    last_change = max([plan.updated_at, *(c.updated_at for c in in_order)])

    for item in [*elements, *plan_agencies, *responsibilities, *in_order, *sources.values()]:
        rows.append(row(item))
    for item in plan_agencies:
        rows.append(row(item.agency))
    for item in responsibilities:
        rows.append(row(item.agency))
    for critique in in_order:
        rows.append(("answers-in-brief", critique.pk, critique.target_label))
        rows += [row(c) for c in critique.citations.all()]
        if critique.compares_with:
            rows.append(row(critique.compares_with))
    rows += [("answers", r.pk, r.answers) for r in recommendations]
    rows += [("pillar-list", p.pk, p.slug, p.name_en) for p in all_pillars]
    rows.append(("declared-counts", *(r.values() for r in plan.coverage())))

    return Brief(
        plan=plan,
        options=options,
        all_pillars=all_pillars,
        pillars=pillars,
        sections=sections,
        plan_critiques=plan_critiques,
        missed_opportunities=missed,
        missed_elsewhere=missed_elsewhere,
        critiques=in_order,
        recommendations=recommendations,
        plan_agencies=plan_agencies,
        sources=sorted(sources.values(), key=lambda s: (s.short_author().lower(), s.issued, s.key)),
        notes=notes,
        last_change=last_change,
        rows=rows,
    )


def _published_answers():
    """The ids of the published critiques a recommendation answers, as '3,7,9' (same query)."""
    through = Recommendation.critiques.through
    ids = (
        through.objects.filter(
            recommendation=models.OuterRef("pk"), critique__status=Critique.Status.PUBLISHED
        )
        .order_by()
        .values("recommendation")
        .annotate(
            ids=models.StringAgg(
                models.functions.Cast("critique_id", models.CharField()),
                delimiter=models.Value(","),
            )
        )
        .values("ids")
    )
    return models.Subquery(ids, output_field=models.CharField())


def _attach_tree(plan, pillars, objectives, lines, indicators, responsibilities) -> None:
    """Hang the rows read above on each other, as prefetch_related would, without more queries."""
    by_element: dict[tuple[str, int], list] = {}
    for r in responsibilities:
        if r.objective_id:
            key = ("objective", r.objective_id)
        elif r.line_of_action_id:
            key = ("line", r.line_of_action_id)
        else:
            key = ("indicator", r.indicator_id)
        by_element.setdefault(key, []).append(r)

    indicators_of: dict[int, list] = {}
    for indicator in indicators:
        indicator._prefetched_objects_cache = {
            "responsibilities": by_element.get(("indicator", indicator.pk), [])
        }
        indicators_of.setdefault(indicator.line_of_action_id, []).append(indicator)
    lines_of: dict[int, list] = {}
    for line in lines:
        line._prefetched_objects_cache = {
            "indicators": indicators_of.get(line.pk, []),
            "responsibilities": by_element.get(("line", line.pk), []),
        }
        for indicator in indicators_of.get(line.pk, []):
            indicator.line_of_action = line
            indicator.plan = plan
        lines_of.setdefault(line.objective_id, []).append(line)
    objectives_of: dict[int, list] = {}
    for objective in objectives:
        objective._prefetched_objects_cache = {
            "lines_of_action": lines_of.get(objective.pk, []),
            "responsibilities": by_element.get(("objective", objective.pk), []),
        }
        for line in lines_of.get(objective.pk, []):
            line.objective = objective
            line.plan = plan
        objectives_of.setdefault(objective.pillar_id, []).append(objective)
    for pillar in pillars:
        pillar.plan = plan
        pillar._prefetched_objects_cache = {"objectives": objectives_of.get(pillar.pk, [])}
        for objective in objectives_of.get(pillar.pk, []):
            objective.pillar = pillar
            objective.plan = plan
