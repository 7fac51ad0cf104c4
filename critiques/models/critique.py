"""Critiques: annotations that target exactly one element of a plan, and recommendations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from critiques.markdown import render_markdown
from critiques.models.publication import FirstPublication
from indicators.models import Indicator
from plans.locators import locator_text
from plans.models import (
    LineOfAction,
    Pillar,
    Plan,
    Section,
    Source,
    StrategicObjective,
    Translated,
    reader_language,
    render_per_language,
)
from plans.models.counting import count_per_row
from reviewing.concurrency import StaleVersion
from reviewing.models import ReviewedModel, author_field
from toolkit.validators import one_line_text

# (field name on Critique, model, human label). The order is the order of the plan's tree.
TARGETS: list[tuple[str, type[models.Model], str | Promise]] = [
    ("target_plan", Plan, _("plan")),
    ("target_section", Section, _("section")),
    ("target_pillar", Pillar, _("pillar")),
    ("target_objective", StrategicObjective, _("strategic objective")),
    ("target_line", LineOfAction, _("line of action")),
    ("target_indicator", Indicator, _("indicator")),
]
TARGET_FIELDS = [name for name, _model, _label in TARGETS]


def exactly_one_target() -> Q:
    condition = Q()
    for chosen in TARGET_FIELDS:
        condition |= Q(
            **{f"{name}__isnull": name != chosen for name in TARGET_FIELDS},
        )
    return condition


class Category(models.TextChoices):
    OUTWARD_FOCUS = "outward-focus", _("Outward focus, domestic security neglected")
    WESTERN_TEMPLATE = "western-template", _("Western template over local context")
    CIVIL_SOCIETY_EXCLUDED = "civil-society-excluded", _("Civil society excluded")
    TRAINING_ONLY = "training-only", _("Training-only measures")
    VAGUE_INDICATOR = "vague-indicator", _("Vague or unmeasurable indicator")
    NARROW_PARTICIPATION = "narrow-participation", _("Narrow participation")
    DATA_GAPS = "data-gaps", _("Data gaps")
    NO_FINANCING = "no-financing", _("No financing")
    WEAK_MONITORING = "weak-monitoring", _("Weak monitoring and evaluation")
    MISSING_MIGRATION = "missing-migration", _("Missing theme: migration")
    MISSING_EXTREMISM = "missing-extremism", _("Missing theme: extremism and disinformation")
    MISSING_INTERSECTIONALITY = "missing-intersectionality", _("Missing theme: intersectionality")
    INTERNAL_CONTRADICTION = "internal-contradiction", _("Internal contradiction")
    FEDERAL_STATE_GAP = "federal-state-gap", _("Federal–state implementation gap")
    GOOD_PRACTICE = "good-practice", _("Good practice")


class StaleCritique(StaleVersion):
    """Raised when a critique is saved from a version someone else has since replaced."""

    @property
    def critique(self) -> Critique:
        return self.instance


class CritiqueQuerySet(models.QuerySet):
    def published(self) -> CritiqueQuerySet:
        return self.filter(status=Critique.Status.PUBLISHED)

    def for_plan(self, plan: Plan) -> CritiqueQuerySet:
        return self.filter(plan=plan)

    def for_pillar(self, pillar: Pillar) -> CritiqueQuerySet:
        """Critiques of the pillar itself or of anything in its tree.

        Filtering by the plan first lets the database narrow the rows before the four-way OR."""
        return self.filter(plan_id=pillar.plan_id).filter(
            Q(target_pillar=pillar)
            | Q(target_objective__pillar=pillar)
            | Q(target_line__objective__pillar=pillar)
            | Q(target_indicator__line_of_action__objective__pillar=pillar)
        )

    def count_for(self, field: str) -> Coalesce:
        """How many of these critiques have `field` pointing at the outer row: an expression
        for `annotate()` on plans (`"plan"`) or indicators (`"target_indicator"`), in one query."""
        return count_per_row(self, field)

    def with_details(self) -> CritiqueQuerySet:
        """Targets, compared plan and citations (2 queries), for cards that show all of them."""
        return self.select_related(
            "plan",
            "compares_with",
            "target_plan",
            "target_section",
            # a pillar's name is in the reader's language, which its plan's language decides
            "target_pillar__plan",
            "target_objective__pillar",
            "target_line__objective__pillar",
            "target_indicator__line_of_action__objective__pillar",
        ).prefetch_related(
            models.Prefetch("citations", queryset=Citation.objects.select_related("source")),
            *self.replies_prefetches(),
        )

    def replies_prefetches(self) -> list[models.Prefetch]:
        """The right of reply (the replies app, a layer above: its models are reached through
        reverse relations): each critique's published replies (`published_replies`), and its
        plan's invitations whose deadline has passed (`lapsed_invitations`), 2 queries."""
        reply = self.model.replies.rel.related_model
        invitation = Plan.invitations.rel.related_model
        return [
            models.Prefetch(
                "replies",
                queryset=reply.objects.published().for_cards(),
                to_attr="published_replies",
            ),
            models.Prefetch(
                "plan__invitations",
                queryset=invitation.objects.past_deadline().select_related("agency"),
                to_attr="lapsed_invitations",
            ),
        ]

    def with_target_links(self) -> CritiqueQuerySet:
        """Each target's path up to its plan, so `target_url()` needs no query per critique."""
        return self.select_related(
            "target_plan",
            "target_section__plan",
            "target_pillar__plan",
            "target_objective__pillar__plan",
            "target_line__objective__pillar__plan",
            "target_indicator__line_of_action__objective__pillar__plan",
        )


class Critique(Translated, ReviewedModel, FirstPublication):
    """A judgement of one element of a plan, reviewed before it is public (reviewing/)."""

    class Kind(models.TextChoices):
        WEAKNESS = "weakness", _("Weakness")
        PROMISING = "promising", _("Promising element")
        MISSED_OPPORTUNITY = "missed-opportunity", _("Missed opportunity")

    class Severity(models.IntegerChoices):
        LOW = 1, pgettext_lazy("severity", "Low")
        MEDIUM = 2, pgettext_lazy("severity", "Medium")
        HIGH = 3, pgettext_lazy("severity", "High")

    Category = Category
    Stale = StaleCritique

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="critiques")
    key = models.SlugField(max_length=80, help_text=_("Stable identifier within the plan."))
    title = models.CharField(max_length=300, validators=[one_line_text])

    target_plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.PROTECT, related_name="plan_critiques"
    )
    target_section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.PROTECT, related_name="critiques"
    )
    target_pillar = models.ForeignKey(
        Pillar, null=True, blank=True, on_delete=models.PROTECT, related_name="critiques"
    )
    target_objective = models.ForeignKey(
        StrategicObjective,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="critiques",
    )
    target_line = models.ForeignKey(
        LineOfAction, null=True, blank=True, on_delete=models.PROTECT, related_name="critiques"
    )
    target_indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.PROTECT, related_name="critiques"
    )

    kind = models.CharField(max_length=20, choices=Kind, default=Kind.WEAKNESS)
    category = models.CharField(max_length=32, choices=Category)
    severity = models.PositiveSmallIntegerField(choices=Severity, default=Severity.MEDIUM)
    compares_with = models.ForeignKey(
        Plan,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="compared_in",
        help_text=_("Another plan this critique compares the target with."),
    )
    body = models.TextField(help_text=_("Markdown."))
    body_html = models.TextField(editable=False, default="")
    remedy = models.TextField(_("suggested remedy"), blank=True)
    author = author_field("critiques")

    objects = CritiqueQuerySet.as_manager()
    # history: registered in critiques/translation.py, after the per-language columns exist
    # (title, body, body_html and remedy have a column per language: title_en, title_es, …)

    class Meta:
        ordering = ["plan_id", "-severity", "key"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="critique_key_unique_in_plan"),
            models.CheckConstraint(
                condition=exactly_one_target(), name="critique_has_exactly_one_target"
            ),
            models.CheckConstraint(
                condition=Q(severity__in=[1, 2, 3]), name="critique_severity_in_range"
            ),
        ]
        indexes = [models.Index(fields=["plan", "status"])]
        permissions = [
            ("publish_critique", _("Can publish critiques (review them)")),
            ("withdraw_critique", _("Can withdraw published critiques")),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        """Renders the body; the version check is ReviewedModel's (optimistic concurrency)."""
        rendered = render_per_language(self, "body", "body_html", render_markdown)
        kwargs["update_fields"] = self.note_first_publication(kwargs.get("update_fields"))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and any(
            name == "body" or name.startswith("body_") for name in update_fields
        ):
            kwargs["update_fields"] = {*update_fields, *rendered}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        """Exactly one target, and the critique's plan is its target's plan (filled in if unset)."""
        super().clean()
        chosen = [name for name in TARGET_FIELDS if getattr(self, f"{name}_id") is not None]
        if len(chosen) != 1:
            labels = [str(label) for _name, _model, label in TARGETS]
            raise ValidationError(
                ngettext(
                    "Choose exactly one target (%(targets)s); %(count)d chosen.",
                    "Choose exactly one target (%(targets)s); %(count)d chosen.",
                    len(chosen),
                )
                % {"targets": ", ".join(labels), "count": len(chosen)}
                if chosen
                else gettext("Choose what this critique is about: one %(targets)s.")
                % {"targets": gettext(" or ").join(labels)}
            )
        target_plan_id = self.target_plan_id_of_target()
        if self.plan_id is None:
            self.plan_id = target_plan_id
        elif self.plan_id != target_plan_id:
            raise ValidationError(_("The target belongs to another plan than this critique's."))
        if (
            self.key
            and Critique.objects.filter(plan_id=self.plan_id, key=self.key)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                {
                    "key": gettext("Another critique of this plan has the key “%(key)s”.")
                    % {"key": self.key}
                }
            )

    def target_plan_id_of_target(self) -> int | None:
        """The plan the chosen target belongs to (a critique's plan is always its target's)."""
        target = self.target
        if target is None:
            return None
        return target.pk if isinstance(target, Plan) else target.plan_id

    def natural_key(self) -> tuple[str, str]:
        return (self.plan.slug, self.key)

    @staticmethod
    def group_by_target(critiques) -> dict[tuple[str, int], list[Critique]]:
        """{(target field, target id): [critiques]} for pages that show critiques beside targets."""
        groups: dict[tuple[str, int], list[Critique]] = {}
        for critique in critiques:
            for name in TARGET_FIELDS:
                target_id = getattr(critique, f"{name}_id")
                if target_id is not None:
                    groups.setdefault((name, target_id), []).append(critique)
                    break
        return groups

    @property
    def pillar_id(self) -> int | None:
        """The pillar the target sits in (None for the plan or a section)."""
        if self.target_pillar_id:
            return self.target_pillar_id
        if self.target_objective_id:
            return self.target_objective.pillar_id
        if self.target_line_id:
            return self.target_line.objective.pillar_id
        if self.target_indicator_id:
            return self.target_indicator.line_of_action.objective.pillar_id
        return None

    @property
    def target(self) -> models.Model | None:
        for name in TARGET_FIELDS:
            value = getattr(self, name)
            if value is not None:
                return value
        return None

    @property
    def target_type(self) -> str:
        for name, _model, label in TARGETS:
            if getattr(self, f"{name}_id") is not None:
                return label
        return ""

    @property
    def target_code(self) -> str:
        target = self.target
        if isinstance(target, Plan):
            return "plan"
        return getattr(target, "code", "")

    @property
    def target_label(self) -> str:
        target = self.target
        if isinstance(target, Plan):
            return gettext("The plan as a whole")
        if isinstance(target, Section):
            return gettext("Section: %(title)s") % {"title": target.display_title}
        if isinstance(target, Pillar):
            return gettext("Pillar: %(name)s") % {"name": target.display_name}
        if target is None:
            return ""
        return f"{target.code} – “{target.wording}”"  # the element's own words, quoted

    @property
    def target_language(self) -> str:
        """The language of `target_label` when it quotes an element's wording, else ""."""
        target = self.target
        if target is None or isinstance(target, Plan | Section | Pillar):
            return ""
        return target.wording_language if target.wording_language != reader_language() else ""

    def target_url(self) -> str:
        target = self.target
        if isinstance(target, Plan):
            return f"{target.get_absolute_url()}#critiques"
        if isinstance(target, Pillar):
            return f"{target.get_absolute_url()}#pillar-critiques"
        return target.get_absolute_url() if target is not None else ""

    @property
    def anchor(self) -> str:
        return f"critique-{self.key}"


class Citation(models.Model):
    """A source a critique cites, with a locator (page, section or note number)."""

    critique = models.ForeignKey(Critique, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    locator = models.CharField(max_length=200, blank=True)
    quote = models.TextField(blank=True, help_text=_("A short quotation from the source."))
    order = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["critique_id", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["critique", "order"], name="citation_order_unique_in_critique"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.source.short_author()}, {locator_text(self.locator)}"
            if self.locator
            else str(self.source)
        )
