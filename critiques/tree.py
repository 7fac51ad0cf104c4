"""One way to read a plan: its tree, with the published critiques hung on each element.

`read_plan_tree(plan)` is what every reader of a whole plan uses: the overview, the pillar page,
the agency page and the PDF brief (and, as they come, the API and the comparison). It reads in a
fixed number of queries, whatever the plan's size:

    pillars (with their encoded counts) ........................ 1
    objectives → lines of action → indicators (Prefetch) ....... 3   (elements=True)
    responsibilities with their agencies ....................... 1   (elements=True)
    published critiques, with targets and citations ............ 2
    sections ................................................... 1   (sections=True)

Each node of the tree carries plain attributes, the same on every level:
    node.children             objectives of a pillar, lines of an objective, indicators of a line
    node.agencies             the Responsibility rows naming an agency for this element
    node.published_critiques  the published critiques that target exactly this element
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from critiques.models import Critique
from indicators.models import Indicator
from plans.models import LineOfAction, Pillar, Plan, Responsibility, Section, StrategicObjective


@dataclass
class PlanTree:
    plan: Plan
    pillars: list[Pillar]  # every pillar of the plan, in order, with `encoded_*` counts
    chosen: list[Pillar]  # the pillars read down to their indicators (all, unless narrowed)
    sections: list[Section]
    critiques: list[Critique]  # every published critique of the plan
    plan_critiques: list[Critique]  # those that target the plan as a whole
    responsibilities: list[Responsibility]

    def elements(self) -> Iterator[Pillar | StrategicObjective | LineOfAction | Indicator]:
        """The chosen pillars and everything under them, in the plan's reading order."""
        for pillar in self.chosen:
            yield pillar
            for objective in pillar.children:
                yield objective
                for line in objective.children:
                    yield line
                    yield from line.children

    def critiques_in_pillar(self, pillar: Pillar) -> list[Critique]:
        """Published critiques of the pillar itself or of anything in its tree."""
        return [c for c in self.critiques if c.pillar_id == pillar.pk]


def read_plan_tree(
    plan: Plan,
    *,
    pillars: Iterable[str] | None = None,
    elements: bool = True,
    sections: bool = True,
) -> PlanTree:
    """The plan's tree. `pillars` narrows the elements read to the pillars with those slugs
    (unknown slugs are ignored: the caller compares `tree.chosen` with what it asked for);
    `elements=False` reads pillars, sections and critiques only, for pages that show no tree."""
    all_pillars = list(Pillar.objects.for_plan(plan).with_counts().select_related("source"))
    wanted = set(pillars or ())
    chosen = [p for p in all_pillars if not wanted or p.slug in wanted]
    for pillar in all_pillars:
        pillar.plan = plan
        pillar.children = []
        pillar.published_critiques = []

    responsibilities: list[Responsibility] = []
    if elements and chosen:
        responsibilities = _read_elements(plan, chosen)

    critiques = list(Critique.objects.published().for_plan(plan).with_details())
    by_target = Critique.group_by_target(critiques)
    for pillar in all_pillars:
        pillar.published_critiques = by_target.get(("target_pillar", pillar.pk), [])
    for node in _below_pillars(chosen):
        node.published_critiques = by_target.get((_TARGET_FIELD[type(node)], node.pk), [])

    section_rows = list(plan.sections.select_related("source")) if sections else []
    for section in section_rows:
        section.plan = plan
        section.published_critiques = by_target.get(("target_section", section.pk), [])

    return PlanTree(
        plan=plan,
        pillars=all_pillars,
        chosen=chosen,
        sections=section_rows,
        critiques=critiques,
        plan_critiques=by_target.get(("target_plan", plan.pk), []),
        responsibilities=responsibilities,
    )


_TARGET_FIELD = {
    StrategicObjective: "target_objective",
    LineOfAction: "target_line",
    Indicator: "target_indicator",
}


# A source that is a plan's document brings its Document (the locator links to its page).
_SOURCES = ("source", "source__document", "wording_original_source")


def _read_elements(plan: Plan, pillars: list[Pillar]) -> list[Responsibility]:
    """Objectives → lines → indicators of these pillars (3 queries), then their agencies (1)."""
    # Each element's source, and the source of its wording in the plan's language when another
    indicators = Indicator.objects.select_related(*_SOURCES)
    lines = LineOfAction.objects.select_related(*_SOURCES).prefetch_related(
        Prefetch("indicators", queryset=indicators, to_attr="children")
    )
    objectives = (
        StrategicObjective.objects.filter(pillar__in=pillars)
        .select_related(*_SOURCES)
        .prefetch_related(Prefetch("lines_of_action", queryset=lines, to_attr="children"))
    )
    by_pillar: dict[int, list[StrategicObjective]] = {}
    for objective in objectives:
        by_pillar.setdefault(objective.pillar_id, []).append(objective)
    for pillar in pillars:
        pillar.children = by_pillar.get(pillar.pk, [])
        for objective in pillar.children:
            objective.pillar = pillar
    nodes = list(_below_pillars(pillars))
    for node in nodes:
        node.plan = plan
        node.agencies = []

    # One query for the agencies of every level; each row is given to its element.
    pillar_ids = [p.pk for p in pillars]
    responsibilities = list(
        Responsibility.objects.filter(
            Q(objective__pillar_id__in=pillar_ids)
            | Q(line_of_action__objective__pillar_id__in=pillar_ids)
            | Q(indicator__line_of_action__objective__pillar_id__in=pillar_ids)
        )
        .select_related("agency", "source")
        .order_by("agency_id", "pk")
    )
    holders = {(type(node), node.pk): node for node in nodes}
    for responsibility in responsibilities:
        for model, field in (
            (StrategicObjective, "objective"),
            (LineOfAction, "line_of_action"),
            (Indicator, "indicator"),
        ):
            holder = holders.get((model, getattr(responsibility, f"{field}_id")))
            if holder is not None:
                setattr(responsibility, field, holder)
                holder.agencies.append(responsibility)
    return responsibilities


def _below_pillars(
    pillars: list[Pillar],
) -> Iterator[StrategicObjective | LineOfAction | Indicator]:
    for pillar in pillars:
        for objective in pillar.children:
            yield objective
            for line in objective.children:
                yield line
                yield from line.children
