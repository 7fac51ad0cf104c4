"""Rubrics, their criteria, and the assessments editors write of a plan against them.

A rubric is data (a rubric file read by `planfiles`, `manage.py load_rubric`): versioned criteria,
each with its question, the level of the plan it reads, a closed scale (values of `ScaleValue`,
stored on the criterion), guidance for the assessor, and the framework it comes from (a Source
with a locator). A criterion is either computed from the encoded data (`scorecards/computed.py`)
or judged by editors in an Assessment, which goes through the same workflow as a critique
(draft → in review → published → withdrawn; `scorecards/services.py`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from critiques.markdown import render_markdown
from critiques.models import Critique
from critiques.models.publication import FirstPublication
from indicators.models import Indicator
from plans.locators import locator_text
from plans.models import (
    Confidence,
    LineOfAction,
    Pillar,
    Plan,
    Source,
    StrategicObjective,
    Translated,
    render_per_language,
)
from reviewing.concurrency import StaleVersion
from reviewing.models import ReviewedModel, author_field


class Dimension(models.TextChoices):
    """The review dimensions criteria are grouped by (UN Women / LSE review dimensions)."""

    STRUCTURE = "structure", _("Structure and responsibilities")
    FINANCING = "financing", _("Financing")
    MONITORING = "monitoring", _("Monitoring and evaluation")
    CIVIL_SOCIETY = "civil-society", _("Civil society")
    INDICATORS = "indicators", _("Indicators")
    SCOPE = "scope", _("Scope and themes")


class Level(models.TextChoices):
    """What a criterion reads: the plan as a whole, its lines of action, or its indicators."""

    PLAN = "plan", _("plan")
    LINE = "line", _("line of action")
    INDICATOR = "indicator", _("indicator")


class Rating(models.TextChoices):
    """How a scale value reads on a chart: good, partial, poor, or not known."""

    GOOD = "good", _("good")
    PARTIAL = "partial", _("partial")
    POOR = "poor", _("poor")
    UNKNOWN = "unknown", _("not known")


class ScaleValue(models.TextChoices):
    """Every value a rubric's scales may use. A criterion stores the ones its scale allows.

    "Not known from the sources available" is an answer of its own, never a "no"."""

    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    VERIFIABLE = "verifiable", _("Verifiable")
    NOT_VERIFIABLE = "not-verifiable", _("Not verifiable")
    SUBSTANTIAL = "substantial", _("Substantial")
    MODEST = "modest", _("Modest")
    UNCLEAR = "unclear", _("Unclear")
    NOT_KNOWN = "not-known", _("Not known from the sources available")

    @classmethod
    def rating(cls, value: str) -> str:
        return RATINGS.get(value, Rating.UNKNOWN)


RATINGS = {
    ScaleValue.YES: Rating.GOOD,
    ScaleValue.VERIFIABLE: Rating.GOOD,
    ScaleValue.SUBSTANTIAL: Rating.GOOD,
    ScaleValue.PARTLY: Rating.PARTIAL,
    ScaleValue.MODEST: Rating.PARTIAL,
    ScaleValue.NO: Rating.POOR,
    ScaleValue.NOT_VERIFIABLE: Rating.POOR,
    ScaleValue.UNCLEAR: Rating.POOR,
    ScaleValue.NOT_KNOWN: Rating.UNKNOWN,
}


class Rubric(models.Model):
    key = models.SlugField(max_length=80, unique=True)
    version = models.CharField(max_length=20)
    title = models.CharField(max_length=300)  # a column per language (scorecards/translation.py)
    note = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, related_name="rubrics", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"

    def natural_key(self) -> tuple[str]:
        return (self.key,)


class CriterionQuerySet(models.QuerySet):
    def of_rubric(self, rubric: Rubric) -> CriterionQuerySet:
        return self.filter(rubric=rubric).select_related("source").order_by("order")


class Criterion(models.Model):
    class Kind(models.TextChoices):
        COMPUTED = "computed", _("computed from the encoded data")
        JUDGED = "judged", _("judged by editors")

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    key = models.SlugField(max_length=80)
    order = models.PositiveIntegerField(default=0)
    question = models.CharField(max_length=300)  # a column per language
    label = models.CharField(
        max_length=60, help_text=_("A short name for charts (a column per language).")
    )
    guidance = models.TextField(blank=True)  # a column per language
    dimension = models.CharField(max_length=20, choices=Dimension)
    level = models.CharField(max_length=12, choices=Level)
    kind = models.CharField(max_length=10, choices=Kind)
    computed = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("For computed criteria: the name of the figure in scorecards/computed.py."),
    )
    scale = models.JSONField(
        default=list, help_text=_("The values an answer may take, in order (ScaleValue).")
    )
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="criteria"
    )
    locator = models.CharField(max_length=200, blank=True)
    framework = models.CharField(
        max_length=200, help_text=_("The framework the criterion comes from, as cited.")
    )
    context = models.TextField(
        blank=True,
        help_text=_("Field-wide context to show beside the criterion (a column per language)."),
    )
    context_source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    context_locator = models.CharField(max_length=200, blank=True)

    objects = CriterionQuerySet.as_manager()

    class Meta:
        ordering = ["rubric_id", "order"]
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["rubric", "key"], name="criterion_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.question}"

    @property
    def is_computed(self) -> bool:
        return self.kind == self.Kind.COMPUTED

    def scale_choices(self) -> list[tuple[str, str]]:
        return [(value, ScaleValue(value).label) for value in self.scale]


class StaleAssessment(StaleVersion):
    """Raised when an assessment is saved from a version someone else has since replaced."""

    @property
    def assessment(self) -> Assessment:
        return self.instance


# What a piece of evidence points at, with the plan each target belongs to (for its link): one
# select_related for every reader of evidence (pages, the brief, the API).
EVIDENCE_LINKED = (
    "source",
    "critique__target_plan",
    "critique__target_section__plan",
    "critique__target_pillar__plan",
    "critique__target_objective__pillar__plan",
    "critique__target_line__objective__pillar__plan",
    "critique__target_indicator__line_of_action__objective__pillar__plan",
    "pillar__plan",
    "objective__pillar__plan",
    "line__objective__pillar__plan",
    "indicator__line_of_action__objective__pillar__plan",
)


class AssessmentQuerySet(models.QuerySet):
    def published(self) -> AssessmentQuerySet:
        return self.filter(status=Assessment.Status.PUBLISHED)

    def with_evidence(self) -> AssessmentQuerySet:
        """Criterion, and every piece of evidence with what it points at (2 queries)."""
        return self.select_related("criterion", "plan").prefetch_related(
            models.Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related(*EVIDENCE_LINKED),
            )
        )


class Assessment(Translated, ReviewedModel, FirstPublication):
    """An editor's answer to one judged criterion for one plan, with its evidence, reviewed
    before it is public (reviewing/)."""

    Stale = StaleAssessment

    # A plan deleted takes its assessments with it (as its elements); a criterion is kept while
    # any plan's assessment answers it.
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assessments")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="assessments")
    level = models.CharField(_("answer"), max_length=20, choices=ScaleValue)
    rationale = models.TextField(help_text=_("Markdown: a short reason for the answer."))
    rationale_html = models.TextField(editable=False, default="")
    confidence = models.CharField(max_length=12, choices=Confidence)
    author = author_field("assessments")
    objects = AssessmentQuerySet.as_manager()
    # history: registered in scorecards/translation.py, after the per-language columns exist

    class Meta:
        ordering = ["plan_id", "criterion__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "criterion"], name="assessment_one_per_plan_and_criterion"
            ),
        ]
        indexes = [models.Index(fields=["plan", "status"])]
        permissions = [
            ("publish_assessment", _("Can publish assessments (review them)")),
            ("withdraw_assessment", _("Can withdraw published assessments")),
        ]

    def __str__(self) -> str:
        plan = self.plan.slug if self.plan_id else "?"
        criterion = self.criterion.key if self.criterion_id else "?"
        return f"{plan}: {criterion}"

    def save(self, *args, **kwargs) -> None:
        """Renders the rationale; the version check is ReviewedModel's (as Critique.save)."""
        rendered = render_per_language(self, "rationale", "rationale_html", render_markdown)
        kwargs["update_fields"] = self.note_first_publication(kwargs.get("update_fields"))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *rendered}
        super().save(*args, **kwargs)

    # The workflow's messages name what they act on by its title, as a critique's do.
    @property
    def title(self) -> str:
        return str(self)

    @property
    def rating(self) -> str:
        return ScaleValue.rating(self.level)

    @property
    def is_not_known(self) -> bool:
        return self.level == ScaleValue.NOT_KNOWN

    @property
    def anchor(self) -> str:
        return f"criterion-{self.criterion.key}"

    def clean(self) -> None:
        super().clean()
        if self.criterion_id is None:
            return
        if self.criterion.is_computed:
            raise ValidationError(
                {"criterion": gettext("This criterion is computed from the data, not judged.")}
            )
        if self.level and self.level not in self.criterion.scale:
            allowed = ", ".join(self.criterion.scale)
            raise ValidationError(
                {
                    "level": gettext("“%(level)s” is not on this criterion's scale (%(allowed)s).")
                    % {"level": self.level, "allowed": allowed}
                }
            )


EVIDENCE_TARGETS = ("pillar", "objective", "line", "indicator", "critique", "source")


def exactly_one_evidence_target() -> Q:
    condition = Q()
    for chosen in EVIDENCE_TARGETS:
        condition |= Q(**{f"{name}__isnull": name != chosen for name in EVIDENCE_TARGETS})
    return condition


class Evidence(models.Model):
    """What an assessment rests on: an element of the plan, a critique, or a source (with a
    locator). Exactly one."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    order = models.PositiveIntegerField(default=0)
    pillar = models.ForeignKey(Pillar, null=True, blank=True, on_delete=models.CASCADE)
    objective = models.ForeignKey(
        StrategicObjective, null=True, blank=True, on_delete=models.CASCADE
    )
    line = models.ForeignKey(LineOfAction, null=True, blank=True, on_delete=models.CASCADE)
    indicator = models.ForeignKey(Indicator, null=True, blank=True, on_delete=models.CASCADE)
    critique = models.ForeignKey(Critique, null=True, blank=True, on_delete=models.CASCADE)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT)
    locator = models.CharField(max_length=200, blank=True)
    quote = models.TextField(blank=True, help_text=_("A short quotation from the source."))

    class Meta:
        ordering = ["assessment_id", "order"]
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_evidence_target(), name="evidence_has_exactly_one_target"
            ),
        ]

    def __str__(self) -> str:
        target = self.target
        if self.source_id:
            return (
                f"{self.source.short_author()}, {locator_text(self.locator)}"
                if self.locator
                else str(target)
            )
        if self.critique_id:
            return gettext("Critique: %(title)s") % {"title": self.critique.title}
        return getattr(target, "code", str(target))

    @property
    def target(self):
        for name in EVIDENCE_TARGETS:
            value = getattr(self, name)
            if value is not None:
                return value
        return None

    @property
    def target_text(self) -> str:
        """An element's name (a pillar) or wording, as evidence lists show it."""
        target = self.target
        if isinstance(target, Pillar):
            return target.display_name
        return getattr(target, "wording", "") or ""

    @property
    def is_public(self) -> bool:
        """A critique is evidence a reader may follow only once it is published."""
        return self.critique_id is None or self.critique.status == Critique.Status.PUBLISHED

    def url(self) -> str:
        """Where a reader follows this evidence: the element's or the critique's anchor."""
        if self.critique_id:
            # The critique's card, on the page that shows its target (pillar page or overview)
            page = self.critique.target_url().split("#")[0]
            return f"{page}#{self.critique.anchor}"
        if self.source_id:
            return self.source.url
        target = self.target
        return target.get_absolute_url() if target is not None else ""

    def clean(self) -> None:
        super().clean()
        chosen = [name for name in EVIDENCE_TARGETS if getattr(self, f"{name}_id") is not None]
        if len(chosen) != 1:
            raise ValidationError(
                gettext("Choose exactly one piece of evidence: an element, a critique or a source.")
            )
        if self.assessment_id is None:
            return
        target = self.target
        plan_id = target.plan_id if hasattr(target, "plan_id") else None
        if plan_id is not None and plan_id != self.assessment.plan_id:
            raise ValidationError(gettext("The evidence belongs to another plan."))
