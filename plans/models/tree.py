"""A plan's tree: pillars, strategic objectives, lines of action, and who is responsible.

Indicators (the leaves) live in the `indicators` app and critiques in `critiques`; this module
names them only through reverse relations (`line.indicators`, `element.critiques`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.models.counting import count_per_row
from plans.models.plan import Agency, Plan
from plans.models.provenance import CODE, Provenance


class ElementQuerySet(models.QuerySet):
    def for_plan(self, plan: Plan):
        return self.filter(plan=plan)


class PillarQuerySet(ElementQuerySet):
    def with_counts(self) -> PillarQuerySet:
        """Encoded objectives, lines of action and indicators of each pillar, in the same query."""

        indicators = LineOfAction._meta.get_field("indicators").related_model.objects.all()
        return self.annotate(
            encoded_objectives=count_per_row(StrategicObjective.objects, "pillar"),
            encoded_lines=count_per_row(LineOfAction.objects, "objective__pillar"),
            encoded_indicators=count_per_row(indicators, "line_of_action__objective__pillar"),
        )


class Pillar(Provenance):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="pillars")
    slug = models.SlugField(max_length=80)
    code = models.CharField(max_length=40, validators=[CODE.validator()])
    order = models.PositiveIntegerField()
    name_en = models.CharField(_("name in English"), max_length=200)
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


class Element(Provenance):
    """A coded, worded element of a pillar's tree."""

    code = models.CharField(max_length=40, validators=[CODE.validator()])
    order = models.PositiveIntegerField()
    wording_en = models.TextField(_("wording in English"), blank=True)
    wording_original = models.TextField(_("wording in the original language"), blank=True)
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
        return self.wording_en or self.wording_original or gettext("(wording not known)")

    def clean(self) -> None:
        super().clean()
        if not (self.wording_en or self.wording_original):
            raise ValidationError(
                _("Give the wording in English, in the original language, or both.")
            )

    def natural_key(self) -> tuple[str, str]:
        return (self.plan.slug, self.code)


class StrategicObjective(Element):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    pillar = models.ForeignKey(Pillar, on_delete=models.CASCADE, related_name="objectives")

    class Meta:
        ordering = ["pillar_id", "order"]
        verbose_name = _("strategic objective")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="objective_code_unique_in_plan"),
            models.UniqueConstraint(
                fields=["pillar", "order"], name="objective_order_unique_in_pillar"
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.pillar_id and self.plan_id and self.pillar.plan_id != self.plan_id:
            raise ValidationError({"pillar": _("This pillar belongs to another plan.")})


class LineOfAction(Element):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="lines_of_action")
    objective = models.ForeignKey(
        StrategicObjective, on_delete=models.CASCADE, related_name="lines_of_action"
    )

    class Meta:
        ordering = ["objective_id", "order"]
        verbose_name = _("line of action")
        verbose_name_plural = _("lines of action")
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
            raise ValidationError({"objective": _("This objective belongs to another plan.")})


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
        verbose_name_plural = _("responsibilities")
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
