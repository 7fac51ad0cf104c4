"""Everything one brief shows, read in a fixed, small number of queries (20, whatever the plan's size).

`read_brief(plan_slug=…, options=…)` returns a `Brief`: the plan, the chosen pillars with their
tree (read by `critiques.tree.read_plan_tree`, as the pages read it), every published critique
placed where the brief prints it, numbered endnotes, the sources, and the figures of the summary
and charts. Which PDF a brief is cached as is decided by its key (briefs/services.py), not here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext

from briefs.options import BriefOptions, BriefOptionsError
from critiques.models import Critique, Recommendation
from critiques.tree import read_plan_tree
from plans.models import Pillar, Plan, Source
from scorecards.comparing import compared_plans, critique_rows, fact_rows
from scorecards.reading import Scorecards, read_scorecards


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
    # "How the plan compares" (issue 12): the plans its critiques compare it with, the rubric's
    # published answers for all of them (the plan first), their facts and critiques by category
    compared: list[Plan] = None
    scorecards: Scorecards | None = None
    comparison_facts: list[dict] = None
    comparison_critiques: list[dict] = None
    # The language the brief is written in (its headings, labels, dates): the reader's, from the
    # URL's /en/ or /es/, or export_brief --lang. Kept with the brief so that rendering it later,
    # in another process, gives the same document.
    language: str = "en"

    @property
    def is_partial(self) -> bool:
        return len(self.pillars) < len(self.all_pillars)

    def glance(self) -> list[dict]:
        """One row per chosen pillar: objectives, lines, indicators and critiques encoded."""
        rows = []
        for pillar in self.pillars:
            objectives = pillar.children
            lines = [line for o in objectives for line in o.children]
            indicators = [i for line in lines for i in line.children]
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
        labels = dict(Critique.Category.choices)
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


def find_plan(slug: str | None = None, *, pk: int | None = None) -> Plan:
    """The plan a brief is about, by slug or id, with its counts and its revision (the page
    cache's token, by its reverse relation's name). Http404 if unknown."""
    lookup = {"slug": slug} if pk is None else {"pk": pk}
    plan = Plan.objects.with_counts().select_related("source", "revision").filter(**lookup).first()
    if plan is None:
        raise Http404(f"No plan {slug or pk!r}.")
    return plan


def check_pillars(plan: Plan, options: BriefOptions) -> None:
    """BriefOptionsError if the options name a pillar the plan does not have (one query, only when
    they name any): a request checks this before it queues a render."""
    if options.pillars:
        _check_pillars(options, list(plan.pillars.values_list("slug", flat=True)))


def _check_pillars(options: BriefOptions, known: list[str]) -> None:
    for slug in options.pillars:
        if slug not in known:
            names = ", ".join(known) or gettext("none")
            raise BriefOptionsError(
                gettext("This plan has no pillar %(pillar)r. Its pillars are: %(pillars)s.")
                % {"pillar": slug, "pillars": names}
            )


def read_brief(
    *,
    options: BriefOptions,
    plan_slug: str | None = None,
    plan: Plan | None = None,
    language: str | None = None,
) -> Brief:
    """The brief's content, of a plan given by slug or as read by `find_plan()`, in `language`
    (default: the active language).

    Http404 for an unknown plan, BriefOptionsError for an unknown pillar."""
    if plan is None:
        plan = find_plan(plan_slug)  # 1
    tree = read_plan_tree(plan, pillars=options.pillars)  # 2-9 (critiques/tree.py)
    _check_pillars(options, [p.slug for p in tree.pillars])
    pillars, sections = tree.chosen, tree.sections
    recommendations = list(
        Recommendation.objects.for_plan(plan).annotate(answers=_published_answers())
    )  # 10
    plan_agencies = list(plan.plan_agencies.select_related("agency", "source"))  # 11
    plan_sources = list(plan.sources.all())  # 12

    # Every critique where the brief prints it, in reading order.
    in_order: list[Critique] = []
    for pillar in pillars:
        start = len(in_order)
        in_order += pillar.published_critiques
        for objective in pillar.children:
            in_order += objective.published_critiques
            for line in objective.children:
                in_order += line.published_critiques
                for indicator in line.children:
                    in_order += indicator.published_critiques
        pillar.critique_total = len(in_order) - start
    for section in sections:
        in_order += section.published_critiques
    whole = tree.plan_critiques
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

    # How the plan compares: its published answers to the rubric and those of the plans it is
    # compared with (13-20); the evidence's sources and the field-wide figures get endnotes too.
    compared = compared_plans(plan)
    scorecards = read_scorecards([plan, *compared])
    # In reading order: the comparison table's field-wide figures (printed only when the plan is
    # compared with others), then the evidence of the plan's own scorecard.
    rows = scorecards.rows if scorecards.rubric is not None else []
    for row in rows if compared else []:
        if row.criterion.context_source_id:
            row.criterion.context_endnote = note(
                row.criterion.context_source, row.criterion.context_locator
            )
    for row in rows:
        for evidence in row.cells[0].evidence:
            if evidence.source_id:
                evidence.endnote = note(evidence.source, evidence.locator, evidence.quote)
    comparison_facts = fact_rows([plan, *compared]) if compared else []
    comparison_critiques = critique_rows([plan, *compared]) if compared else []
    for recommendation in recommendations:
        recommendation.endnote = note(recommendation.source, recommendation.source_locator)

    sources: dict[int, Source] = {}
    elements = [plan, *tree.elements(), *sections, *recommendations]
    for item in [*elements, *plan_agencies, *tree.responsibilities]:
        sources.setdefault(item.source_id, item.source)
    for source in plan_sources:
        sources.setdefault(source.pk, source)
    for endnote in notes:
        sources.setdefault(endnote.source.pk, endnote.source)
    last_assessed = [
        cell.assessment.updated_at
        for row in scorecards.rows
        for cell in row.cells
        if cell.assessment is not None
    ]

    return Brief(
        plan=plan,
        options=options,
        all_pillars=tree.pillars,
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
        last_change=max([plan.updated_at, *(c.updated_at for c in in_order), *last_assessed]),
        language=language or translation.get_language(),
        compared=compared,
        scorecards=scorecards,
        comparison_facts=comparison_facts,
        comparison_critiques=comparison_critiques,
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
