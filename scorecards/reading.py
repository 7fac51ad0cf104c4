"""The one way to read scorecards: a rubric's criteria with each plan's answer, for the scorecard
page, the compare page, its CSV and the PDF brief.

`read_scorecards(plans)` reads, whatever the plans' sizes and however many there are, in a fixed
number of queries: the current rubric and its criteria (2), the plans' published assessments with
their evidence (2), the published replies to them and to the critiques that are their evidence
(1, the right of reply), and the computed figures (2, scorecards/computed.py). Only published
assessments are read; evidence that is a critique is shown only once that critique is published.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils.translation import gettext, pgettext_lazy

from plans.models import Plan
from scorecards.computed import Figure, figures_for
from scorecards.models import (
    EVIDENCE_LINKED,
    Assessment,
    Criterion,
    Dimension,
    Evidence,
    Rating,
    Rubric,
    ScaleValue,
)


@dataclass
class Cell:
    """One plan's answer to one criterion: judged (an assessment), computed (a figure), or none."""

    plan: Plan
    criterion: Criterion
    level: str = ScaleValue.NOT_KNOWN
    assessment: Assessment | None = None
    figure: Figure | None = None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(ScaleValue(self.level).label)

    @property
    def short_label(self) -> str:
        """For tables: "Not known" (the legend's words) rather than the whole phrase."""
        if self.level == ScaleValue.NOT_KNOWN:
            return str(pgettext_lazy("scorecard legend", "Not known"))
        return self.label

    @property
    def rating(self) -> str:
        return ScaleValue.rating(self.level)

    @property
    def answered(self) -> bool:
        return self.assessment is not None or self.figure is not None

    @property
    def anchor(self) -> str:
        return f"criterion-{self.criterion.key}"

    def scorecard_url(self) -> str:
        from django.urls import reverse

        url = reverse("comparison:scorecard", kwargs={"slug": self.plan.slug})
        return f"{url}#{self.anchor}"

    @property
    def replies(self) -> list:
        """The published replies to this answer's assessment and to the critiques that are its
        public evidence (set by `attach_replies`), the assessment's first."""
        if self.assessment is None:
            return []
        return [
            *self.assessment.published_replies,
            *(
                reply
                for evidence in self.evidence
                if evidence.critique_id
                for reply in evidence.critique.published_replies
            ),
        ]

    @property
    def confidence(self) -> str:
        return self.assessment.confidence if self.assessment else ""

    def summary(self) -> str:
        """What a cell says in a CSV or a chart's description: the answer, and a figure's count."""
        if self.figure and self.figure.encoded is not None:
            return f"{self.label} ({self.figure.text()})"
        if not self.answered:
            return gettext("no published assessment")
        return self.label


@dataclass
class Row:
    criterion: Criterion
    cells: list[Cell]


@dataclass
class Group:
    dimension: str
    label: str
    rows: list[Row]


@dataclass
class Scorecards:
    rubric: Rubric | None
    plans: list[Plan]
    groups: list[Group]

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group.rows]

    def tally(self, plan: Plan) -> dict[str, int]:
        """How many criteria this plan answers good, partial, poor or not known."""
        counts = dict.fromkeys(Rating.values, 0)
        for row in self.rows:
            for cell in row.cells:
                if cell.plan.pk == plan.pk:
                    counts[cell.rating] += 1
        return counts


def current_rubric() -> Rubric | None:
    return Rubric.objects.order_by("-created_at", "-pk").first()


def attach_replies(assessments: list[Assessment]) -> None:
    """The right of reply: sets `published_replies` on each assessment and on each critique that
    is evidence of one, in one query for all of them (none when there is nothing to answer).

    The replies app is a layer above: its model is reached through the reverse relation, as
    CritiqueQuerySet.replies_prefetches() does. Only published replies are read."""
    critiques: dict[int, list] = {}  # one critique may be evidence of several assessments
    for assessment in assessments:
        for evidence in assessment.evidence.all():
            if evidence.critique_id:
                critiques.setdefault(evidence.critique_id, []).append(evidence.critique)
    answered = {("assessment", a.pk): [a] for a in assessments}
    answered.update({("critique", pk): items for pk, items in critiques.items()})
    for items in answered.values():
        for item in items:
            item.published_replies = []
    if not assessments:
        return
    replies = Assessment.replies.rel.related_model.objects
    for reply in (
        replies.published()
        .for_cards()
        .select_related("critique")
        .filter(Q(assessment__in=assessments) | Q(critique__in=list(critiques)))
    ):
        key = (
            ("critique", reply.critique_id)
            if reply.critique_id
            else ("assessment", reply.assessment_id)
        )
        for item in answered[key]:
            item.published_replies.append(reply)


def read_scorecards(plans: Sequence[Plan], rubric: Rubric | None = None) -> Scorecards:
    plans = list(plans)
    rubric = rubric or current_rubric()
    if rubric is None:
        return Scorecards(None, plans, [])
    criteria = list(Criterion.objects.of_rubric(rubric).select_related("source", "context_source"))
    assessments = {
        (a.plan_id, a.criterion_id): a
        for a in Assessment.objects.published()
        .filter(plan__in=plans, criterion__rubric=rubric)
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related(*EVIDENCE_LINKED),
            )
        )
    }
    attach_replies(list(assessments.values()))
    figures = figures_for(plans) if any(c.is_computed for c in criteria) else {}
    groups: dict[str, Group] = {}
    for criterion in criteria:
        cells = []
        for plan in plans:
            cell = Cell(plan, criterion)
            if criterion.is_computed:
                figure = figures[plan.pk].get(criterion.computed)
                if figure is not None:
                    cell.figure, cell.level = figure, figure.level
            else:
                assessment = assessments.get((plan.pk, criterion.pk))
                if assessment is not None:
                    assessment.criterion = criterion
                    assessment.plan = plan
                    cell.assessment, cell.level = assessment, assessment.level
                    cell.evidence = [e for e in assessment.evidence.all() if e.is_public]
            cells.append(cell)
        group = groups.setdefault(
            criterion.dimension,
            Group(criterion.dimension, str(Dimension(criterion.dimension).label), []),
        )
        group.rows.append(Row(criterion, cells))
    order = list(Dimension.values)
    return Scorecards(
        rubric, plans, sorted(groups.values(), key=lambda g: order.index(g.dimension))
    )
