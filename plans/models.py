"""A National Action Plan and its structure: pillars, strategic objectives, lines of action.

Indicators live in the `indicators` app and critiques in `critiques`. Every element of a plan
carries its provenance: the Source its wording comes from, a locator in that source, and a
Confidence from a closed vocabulary, so that reconstructed wording is never shown as the plan's.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

CODE_VALIDATOR = RegexValidator(
    r"^[A-Z0-9]+(-[A-Z0-9]+)*$", "Use upper-case letters, digits and single hyphens."
)
ISSUED_VALIDATOR = RegexValidator(r"^\d{4}(-\d{2}(-\d{2})?)?$", "Use YYYY, YYYY-MM or YYYY-MM-DD.")


class Confidence(models.TextChoices):
    """How sure we are that the wording shown is the plan's own."""

    VERBATIM = "verbatim", "Verbatim from the plan"
    QUOTED = "quoted", "Quoted by a secondary source"
    DESCRIBED = "described", "Described by a secondary source"
    INFERRED = "inferred", "Inferred (our reconstruction)"

    @classmethod
    def short_label(cls, value: str) -> str:
        return {
            cls.VERBATIM: "Verbatim",
            cls.QUOTED: "Quoted",
            cls.DESCRIBED: "Described",
            cls.INFERRED: "Inferred",
        }.get(value, value)


class Source(models.Model):
    """A bibliographic reference that wording or a critique can cite."""

    class Kind(models.TextChoices):
        PLAN_DOCUMENT = "plan-document", "Plan document"
        POLICY_BRIEF = "policy-brief", "Policy brief"
        PRESS_REPORT = "press-report", "Press report"
        DATABASE = "database", "Database or profile"
        REPORT = "report", "Report"
        ACADEMIC = "academic", "Academic work"
        OTHER = "other", "Other"

    key = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind)
    authors = models.JSONField(default=list, blank=True, help_text="A list of names.")
    title = models.CharField(max_length=500)
    publisher = models.CharField(max_length=300, blank=True)
    issued = models.CharField(
        max_length=10,
        blank=True,
        validators=[ISSUED_VALIDATOR],
        help_text="YYYY, YYYY-MM or YYYY-MM-DD.",
    )
    url = models.URLField(max_length=500, blank=True)
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.short_author()} ({self.issued[:4] or 'n.d.'}): {self.title}"

    def natural_key(self) -> tuple[str]:
        return (self.key,)

    def short_author(self) -> str:
        if not self.authors:
            return self.publisher or "Anonymous"
        # "Ana Researcher" -> "Researcher"; "Daniela Philipson García" -> "Philipson García"
        surnames = [" ".join(name.split()[1:]) or name for name in self.authors]
        return " and ".join(surnames) if len(surnames) <= 2 else f"{surnames[0]} et al."

    def citation(self) -> str:
        """A plain-text reference in author–date style."""
        parts = []
        if self.authors:
            parts.append(", ".join(self.authors))
        elif self.publisher:
            parts.append(self.publisher)
        parts.append(f"({self.issued or 'n.d.'})")
        text = " ".join(parts) + f". “{self.title}.”"
        if self.publisher and self.authors:
            text += f" {self.publisher}."
        return text


class Provenance(models.Model):
    """Where an element's wording comes from and how sure we are of it."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    source_locator = models.CharField(
        "locator", max_length=200, blank=True, help_text="Page, section, paragraph or note number."
    )
    confidence = models.CharField(max_length=12, choices=Confidence)
    provenance_note = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def is_reconstructed(self) -> bool:
        return self.confidence == Confidence.INFERRED

    @property
    def confidence_short(self) -> str:
        return Confidence.short_label(self.confidence)


class PlanQuerySet(models.QuerySet):
    def public(self) -> PlanQuerySet:
        return self.order_by("country", "-adopted_on", "slug")

    def with_counts(self) -> PlanQuerySet:
        """Encoded element counts and published critiques, in one query."""
        from critiques.models import Critique
        from indicators.models import Indicator

        def count(model, **filters):
            subquery = (
                model.objects.filter(plan=models.OuterRef("pk"), **filters)
                .order_by()
                .values("plan")
                .annotate(n=models.Count("pk"))
                .values("n")
            )
            return models.functions.Coalesce(models.Subquery(subquery), 0)

        return self.annotate(
            encoded_pillars=count(Pillar),
            encoded_objectives=count(StrategicObjective),
            encoded_lines=count(LineOfAction),
            encoded_indicators=count(Indicator),
            published_critiques=count(Critique, status=Critique.Status.PUBLISHED),
        )


class Plan(Provenance):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        UNDER_REVIEW = "under-review", "Under review"
        ENDED = "ended", "Ended"
        SUPERSEDED = "superseded", "Superseded"

    slug = models.SlugField(max_length=80, unique=True)
    country = models.CharField(max_length=100)
    country_code = models.CharField(
        max_length=3, validators=[RegexValidator(r"^[A-Z]{3}$", "Use an ISO 3166-1 alpha-3 code.")]
    )
    region = models.CharField(max_length=100, blank=True)
    language = models.CharField(max_length=12, help_text="The plan's original language (BCP 47).")
    title_original = models.CharField(max_length=500)
    title_en = models.CharField("title in English", max_length=500, blank=True)
    acronym = models.CharField(max_length=40, blank=True)
    generation = models.PositiveSmallIntegerField(null=True, blank=True)
    adopted_on = models.DateField(null=True, blank=True)
    period_start = models.PositiveSmallIntegerField(null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(null=True, blank=True)
    review_due = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status, default=Status.ACTIVE)
    summary = models.TextField(blank=True)
    declared_pillars = models.PositiveSmallIntegerField(null=True, blank=True)
    declared_objectives = models.PositiveSmallIntegerField(null=True, blank=True)
    declared_lines = models.PositiveSmallIntegerField(
        "declared lines of action", null=True, blank=True
    )
    declared_indicators = models.PositiveSmallIntegerField(null=True, blank=True)
    sources = models.ManyToManyField(Source, related_name="plans", blank=True)
    is_synthetic = models.BooleanField(
        default=False, help_text="Generated test data, not a real plan."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["country", "-adopted_on", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="plan_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.year or ''} – {self.display_title}".replace("  ", " ")

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", kwargs={"slug": self.slug})

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @property
    def display_title(self) -> str:
        return self.title_en or self.title_original

    @property
    def year(self) -> int | None:
        if self.adopted_on:
            return self.adopted_on.year
        return self.period_start

    @property
    def period_label(self) -> str:
        if self.period_start and self.period_end:
            return f"{self.period_start}–{self.period_end}"
        if self.period_start:
            return f"from {self.period_start}, end not stated"
        return "not stated"

    def coverage(self) -> list[dict]:
        """Declared vs encoded counts; needs the `with_counts()` annotations or counts them."""
        rows = []
        for label, declared, encoded_attr, related in [
            ("pillars", self.declared_pillars, "encoded_pillars", "pillars"),
            ("strategic objectives", self.declared_objectives, "encoded_objectives", "objectives"),
            ("lines of action", self.declared_lines, "encoded_lines", "lines_of_action"),
            ("indicators", self.declared_indicators, "encoded_indicators", "indicators"),
        ]:
            encoded = getattr(self, encoded_attr, None)
            if encoded is None:
                encoded = getattr(self, related).count()
            percent = round(100 * encoded / declared) if declared else None
            rows.append(
                {"label": label, "declared": declared, "encoded": encoded, "percent": percent}
            )
        return rows


class Agency(models.Model):
    """A government body of one country. The same agency can take part in several plans."""

    country_code = models.CharField(max_length=3)
    acronym = models.CharField(
        max_length=30, validators=[RegexValidator(r"^[A-Za-z0-9-]+$", "Letters, digits, hyphens.")]
    )
    name_original = models.CharField(max_length=300)
    name_en = models.CharField("name in English", max_length=300, blank=True)

    class Meta:
        ordering = ["country_code", "acronym"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(
                fields=["country_code", "acronym"], name="agency_acronym_unique_per_country"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.acronym} – {self.name_en or self.name_original}"

    def natural_key(self) -> tuple[str, str]:
        return (self.country_code, self.acronym)


class PlanAgency(Provenance):
    """An agency's role in a plan (lead, co-responsible or related)."""

    class Role(models.TextChoices):
        LEAD = "lead", "Lead"
        CO_RESPONSIBLE = "co-responsible", "Co-responsible"
        RELATED = "related", "Related body"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="plan_agencies")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="plan_roles")
    role = models.CharField(max_length=16, choices=Role)
    order = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan_id", "order"]
        verbose_name = "agency in plan"
        verbose_name_plural = "agencies in plan"
        constraints = [
            models.UniqueConstraint(fields=["plan", "agency"], name="plan_agency_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency.acronym} ({self.get_role_display()})"


class Section(Provenance):
    """A narrative part of the plan document (introduction, coordination, financing…)."""

    class Kind(models.TextChoices):
        INTRODUCTION = "introduction", "Introduction"
        PILLARS = "pillars", "Pillars"
        COORDINATION = "coordination-and-monitoring", "Coordination and monitoring"
        FINANCING = "financing", "Financing"
        ANNEX = "annex", "Annex"
        OTHER = "other", "Other"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    slug = models.SlugField(max_length=80)
    kind = models.CharField(max_length=32, choices=Kind)
    order = models.PositiveIntegerField()
    title_en = models.CharField("title in English", max_length=300, blank=True)
    title_original = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="section_slug_unique_in_plan"),
            models.UniqueConstraint(fields=["plan", "order"], name="section_order_unique_in_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.plan.slug}: {self.title}"

    def get_absolute_url(self) -> str:
        return f"{self.plan.get_absolute_url()}#{self.code}"

    @property
    def title(self) -> str:
        return self.title_en or self.title_original

    @property
    def code(self) -> str:
        return f"section-{self.slug}"


class ElementQuerySet(models.QuerySet):
    def for_plan(self, plan: Plan):
        return self.filter(plan=plan)


class PillarQuerySet(ElementQuerySet):
    def with_tree(self) -> PillarQuerySet:
        """Objectives → lines of action → indicators with their agencies: 7 queries in all."""
        from indicators.models import Indicator

        agencies = Responsibility.objects.select_related("agency", "source")
        indicators = Indicator.objects.select_related("source").prefetch_related(
            models.Prefetch("responsibilities", queryset=agencies)
        )
        lines = LineOfAction.objects.select_related("source").prefetch_related(
            models.Prefetch("responsibilities", queryset=agencies),
            models.Prefetch("indicators", queryset=indicators),
        )
        objectives = StrategicObjective.objects.select_related("source").prefetch_related(
            models.Prefetch("responsibilities", queryset=agencies),
            models.Prefetch("lines_of_action", queryset=lines),
        )
        return self.select_related("source").prefetch_related(
            models.Prefetch("objectives", queryset=objectives)
        )

    def with_counts(self) -> PillarQuerySet:
        """Encoded objectives, lines of action and indicators of each pillar, in the same query."""
        from indicators.models import Indicator

        def count(queryset, pillar_path: str):
            subquery = (
                queryset.filter(**{pillar_path: models.OuterRef("pk")})
                .order_by()
                .values(pillar_path)
                .annotate(n=models.Count("pk"))
                .values("n")
            )
            return models.functions.Coalesce(models.Subquery(subquery), 0)

        return self.annotate(
            encoded_objectives=count(StrategicObjective.objects.all(), "pillar"),
            encoded_lines=count(LineOfAction.objects.all(), "objective__pillar"),
            encoded_indicators=count(Indicator.objects.all(), "line_of_action__objective__pillar"),
        )


class Pillar(Provenance):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="pillars")
    slug = models.SlugField(max_length=80)
    code = models.CharField(max_length=40, validators=[CODE_VALIDATOR])
    order = models.PositiveIntegerField()
    name_en = models.CharField("name in English", max_length=200)
    name_original = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)

    objects = PillarQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="pillar_slug_unique_in_plan"),
            models.UniqueConstraint(fields=["plan", "code"], name="pillar_code_unique_in_plan"),
            models.UniqueConstraint(fields=["plan", "order"], name="pillar_order_unique_in_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.plan.slug}: {self.name_en}"

    def get_absolute_url(self) -> str:
        return reverse("plans:pillar", kwargs={"slug": self.plan.slug, "pillar": self.slug})

    def natural_key(self) -> tuple[str, str]:
        return (self.plan.slug, self.slug)

    @property
    def pillar(self) -> Pillar:
        return self


class Element(Provenance):
    """A coded, worded element of a pillar's tree."""

    code = models.CharField(max_length=40, validators=[CODE_VALIDATOR])
    order = models.PositiveIntegerField()
    wording_en = models.TextField("wording in English", blank=True)
    wording_original = models.TextField("wording in the original language", blank=True)
    note = models.TextField(blank=True)

    objects = ElementQuerySet.as_manager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        wording = self.wording
        return f"{self.code} – {wording[:80]}{'…' if len(wording) > 80 else ''}"

    def get_absolute_url(self) -> str:
        return f"{self.pillar.get_absolute_url()}#{self.code}"

    @property
    def wording(self) -> str:
        return self.wording_en or self.wording_original or "(wording not known)"

    def clean(self) -> None:
        super().clean()
        if not (self.wording_en or self.wording_original):
            raise ValidationError("Give the wording in English, in the original language, or both.")

    def natural_key(self) -> tuple[str, str]:
        return (self.plan.slug, self.code)


class StrategicObjective(Element):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    pillar = models.ForeignKey(Pillar, on_delete=models.CASCADE, related_name="objectives")

    class Meta:
        ordering = ["pillar_id", "order"]
        verbose_name = "strategic objective"
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="objective_code_unique_in_plan"),
            models.UniqueConstraint(
                fields=["pillar", "order"], name="objective_order_unique_in_pillar"
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.pillar_id and self.plan_id and self.pillar.plan_id != self.plan_id:
            raise ValidationError({"pillar": "This pillar belongs to another plan."})


class LineOfAction(Element):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="lines_of_action")
    objective = models.ForeignKey(
        StrategicObjective, on_delete=models.CASCADE, related_name="lines_of_action"
    )

    class Meta:
        ordering = ["objective_id", "order"]
        verbose_name = "line of action"
        verbose_name_plural = "lines of action"
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="line_code_unique_in_plan"),
            models.UniqueConstraint(
                fields=["objective", "order"], name="line_order_unique_in_objective"
            ),
        ]

    @property
    def pillar(self) -> Pillar:
        return self.objective.pillar

    def clean(self) -> None:
        super().clean()
        if self.objective_id and self.plan_id and self.objective.plan_id != self.plan_id:
            raise ValidationError({"objective": "This objective belongs to another plan."})


class Responsibility(Provenance):
    """An agency responsible for one objective, line of action or indicator."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="responsibilities")
    objective = models.ForeignKey(
        StrategicObjective,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="responsibilities",
    )
    line_of_action = models.ForeignKey(
        LineOfAction,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="responsibilities",
    )
    indicator = models.ForeignKey(
        "indicators.Indicator",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="responsibilities",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["agency_id"]
        verbose_name_plural = "responsibilities"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(objective__isnull=False, line_of_action__isnull=True, indicator__isnull=True)
                    | Q(
                        objective__isnull=True, line_of_action__isnull=False, indicator__isnull=True
                    )
                    | Q(
                        objective__isnull=True, line_of_action__isnull=True, indicator__isnull=False
                    )
                ),
                name="responsibility_has_exactly_one_element",
            ),
            models.UniqueConstraint(
                fields=["agency", "objective"],
                condition=Q(objective__isnull=False),
                name="responsibility_unique_objective",
            ),
            models.UniqueConstraint(
                fields=["agency", "line_of_action"],
                condition=Q(line_of_action__isnull=False),
                name="responsibility_unique_line",
            ),
            models.UniqueConstraint(
                fields=["agency", "indicator"],
                condition=Q(indicator__isnull=False),
                name="responsibility_unique_indicator",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency.acronym} → {self.element.code} ({self.confidence_short})"

    @property
    def element(self):
        return self.objective or self.line_of_action or self.indicator
