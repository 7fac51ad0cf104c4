"""What the desk shows one person: their queue, their drafts, what came back, what was published,
and per plan how many elements nobody has critiqued yet. A fixed number of queries whatever the
number of plans, elements or critiques (each list is capped at DESK_LIMIT rows)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from critiques.models import TARGET_FIELDS, Critique, ReviewComment
from critiques.services import CRITIQUES
from indicators.models import Indicator
from plans.models import LineOfAction, Pillar, Plan, Section, StrategicObjective
from reviewing.steps import PUBLISH, RETURN_TO_DRAFT, SUBMIT, Status

DESK_LIMIT = 25
UNCRITIQUED_LIMIT = 200

# The elements the desk counts, in the plan's tree order: (key, model, label).
ELEMENT_TYPES = [
    ("section", Section, _("sections")),
    ("pillar", Pillar, _("pillars")),
    ("objective", StrategicObjective, _("strategic objectives")),
    ("line", LineOfAction, _("lines of action")),
    ("indicator", Indicator, _("indicators")),
]
TARGET_OF = {
    "section": "target_section",
    "pillar": "target_pillar",
    "objective": "target_objective",
    "line": "target_line",
    "indicator": "target_indicator",
}


def may_use_desk(user) -> bool:
    return bool(user.is_staff and (CRITIQUES.may(user, "add") or CRITIQUES.may(user, "publish")))


def is_reviewer(user) -> bool:
    return CRITIQUES.may(user, "publish")


@dataclass
class Shelf:
    """One list on the desk: its first DESK_LIMIT critiques and how many there are in all."""

    critiques: list[Critique]
    total: int


@dataclass
class PlanGaps:
    plan: Plan
    counts: list[tuple[str, str, int]] = field(default_factory=list)  # (key, label, uncritiqued)

    @property
    def total(self) -> int:
        return sum(count for _key, _label, count in self.counts)


def _shelf(queryset, order: str, limit: int = DESK_LIMIT) -> Shelf:
    rows = list(
        queryset.select_related("plan", "author", *TARGET_FIELDS).order_by(order, "-pk")[
            : limit + 1
        ]
    )
    if len(rows) <= limit:
        return Shelf(rows, len(rows))
    return Shelf(rows[:limit], queryset.count())


def uncritiqued(model):
    """Elements of `model` that no critique (in any status but withdrawn) targets yet."""
    return model.objects.exclude(
        pk__in=Critique.objects.exclude(status=Status.WITHDRAWN)
        .filter(**{f"{TARGET_OF[_key_of(model)]}__isnull": False})
        .values(TARGET_OF[_key_of(model)])
    )


def _key_of(model) -> str:
    return next(key for key, candidate, _label in ELEMENT_TYPES if candidate is model)


def plan_gaps() -> list[PlanGaps]:
    """Per plan, how many elements of each type have no critique: one query per type."""
    plans = list(Plan.objects.order_by("is_synthetic", "country", "-adopted_on", "slug"))
    per_type = {
        key: {
            row["plan_id"]: row["n"]
            for row in uncritiqued(model).order_by().values("plan_id").annotate(n=Count("pk"))
        }
        for key, model, _label in ELEMENT_TYPES
    }
    return [
        PlanGaps(
            plan,
            [(key, label, per_type[key].get(plan.pk, 0)) for key, _model, label in ELEMENT_TYPES],
        )
        for plan in plans
    ]


def desk_for(user) -> dict:
    """Everything the desk page shows for `user`, in a bounded number of queries."""
    # The shelves follow the workflow's table: what a return leaves with its author, what a
    # submission hands to the reviewers, what a publication makes public.
    mine = Critique.objects.filter(author=user)
    drafts = _shelf(mine.filter(status=RETURN_TO_DRAFT.target), "-updated_at")
    comments = ReviewComment.objects.latest_per_critique(c.pk for c in drafts.critiques)
    for critique in drafts.critiques:
        critique.latest_review_comment = comments.get(critique.pk)
    returned = [c for c in drafts.critiques if c.latest_review_comment]
    context = {
        "reviewer": is_reviewer(user),
        "returned": returned,
        "drafts": drafts,
        "waiting_mine": _shelf(mine.filter(status=SUBMIT.target), "-updated_at"),
        "published": _shelf(
            Critique.objects.filter(status=PUBLISH.target), "-published_at", limit=10
        ),
        "gaps": plan_gaps(),
    }
    if context["reviewer"]:
        context["to_review"] = _shelf(
            Critique.objects.filter(status=SUBMIT.target).exclude(author=user), "updated_at"
        )
    return context


# How each type reaches its pillar, for the gaps page's "pillar" column.
PILLAR_PATH = {
    "section": None,
    "pillar": None,
    "objective": "pillar",
    "line": "objective__pillar",
    "indicator": "line_of_action__objective__pillar",
}


def gaps_of(plan: Plan) -> list[dict]:
    """The plan's uncritiqued elements by type (first UNCRITIQUED_LIMIT of each): 1 query a type."""
    groups = []
    for key, model, label in ELEMENT_TYPES:
        rows = uncritiqued(model).filter(plan=plan).order_by("pk")  # the order they were loaded in
        if PILLAR_PATH[key]:
            rows = rows.select_related(PILLAR_PATH[key])
        rows = list(rows[: UNCRITIQUED_LIMIT + 1])
        for element in rows:
            element.desk_row = element_row(key, element)
        groups.append(
            {
                "key": key,
                "label": label,
                "target_field": TARGET_OF[key],
                "elements": rows[:UNCRITIQUED_LIMIT],
                "more": len(rows) > UNCRITIQUED_LIMIT,
            }
        )
    return groups


def element_row(key: str, element) -> dict:
    """code, text and pillar of any element type, as the desk and the target picker show them."""
    if key == "section":
        return {"code": element.code, "text": element.display_title, "pillar": ""}
    if key == "pillar":
        return {"code": element.code, "text": element.name_en, "pillar": ""}
    pillar = {
        "objective": lambda e: e.pillar,
        "line": lambda e: e.objective.pillar,
        "indicator": lambda e: e.line_of_action.objective.pillar,
    }[key](element)
    return {"code": element.code, "text": element.wording, "pillar": pillar.name_en}
