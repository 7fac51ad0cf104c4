"""Indicators: how a plan says it will measure a line of action."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from plans.models import Element, LineOfAction, Pillar, Plan, Responsibility


class IndicatorQuerySet(models.QuerySet):
    def for_plan(self, plan: Plan) -> IndicatorQuerySet:
        return self.filter(plan=plan)

    def with_context(self) -> IndicatorQuerySet:
        """The line, objective and pillar each indicator sits under, in the same query.

        With the pillar's plan too: `Pillar.display_name` reads `plan.language` (Spanish pages),
        which would otherwise ask the database for the plan once per row.
        """
        return self.select_related(
            "source", "line_of_action__objective__pillar__plan", "line_of_action__objective"
        )

    def with_table_columns(self) -> IndicatorQuerySet:
        """What a table row shows: its context and the agencies at each level (4 queries)."""
        agencies = Responsibility.objects.select_related("agency")
        return self.with_context().prefetch_related(
            models.Prefetch("responsibilities", queryset=agencies),
            models.Prefetch("line_of_action__responsibilities", queryset=agencies),
            models.Prefetch("line_of_action__objective__responsibilities", queryset=agencies),
        )


class Indicator(Element):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    line_of_action = models.ForeignKey(
        LineOfAction, on_delete=models.CASCADE, related_name="indicators"
    )
    unit = models.CharField(max_length=100, blank=True)
    baseline = models.CharField(max_length=300, blank=True)
    target = models.CharField(max_length=300, blank=True)
    timeframe = models.CharField(max_length=200, blank=True)
    means_of_verification = models.TextField(blank=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["line_of_action_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="indicator_code_unique_in_plan"),
            models.UniqueConstraint(
                fields=["line_of_action", "order"], name="indicator_order_unique_in_line"
            ),
        ]

    @property
    def objective(self):
        return self.line_of_action.objective

    @property
    def pillar(self) -> Pillar:
        return self.line_of_action.objective.pillar

    def agency_roles(self) -> list[tuple[str, str]]:
        """(acronym, level) of the agencies responsible: the indicator's own, else inherited.

        Level is "indicator", "line of action" or "objective", so a reader can tell an agency
        named for this indicator from one named only for the line or objective above it.
        """
        for level, holder in [
            ("indicator", self),
            ("line of action", self.line_of_action),
            ("objective", self.line_of_action.objective),
        ]:
            roles = [(r.agency.acronym, level) for r in holder.responsibilities.all()]
            if roles:
                return roles
        return []

    def clean(self) -> None:
        super().clean()
        if self.line_of_action_id and self.plan_id and self.line_of_action.plan_id != self.plan_id:
            raise ValidationError(
                {"line_of_action": _("This line of action belongs to another plan.")}
            )
