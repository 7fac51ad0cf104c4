"""What a source recommends a plan's authors do, and the published critiques each answers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from critiques.markdown import render_markdown
from critiques.models.critique import Critique
from plans.models import Plan, Provenance, Translated, render_per_language
from toolkit.validators import one_line_text


class RecommendationQuerySet(models.QuerySet):
    def for_plan(self, plan: Plan) -> RecommendationQuerySet:
        return self.filter(plan=plan).select_related("source")

    def with_published_critiques(self) -> RecommendationQuerySet:
        return self.prefetch_related(
            models.Prefetch(
                "critiques", queryset=Critique.objects.published().order_by("-severity", "key")
            )
        )


class Recommendation(Translated, Provenance):
    """What a source recommends the plan's authors do, and the critiques it answers."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recommendations")
    key = models.SlugField(max_length=80)
    order = models.PositiveIntegerField()
    title = models.CharField(max_length=300, validators=[one_line_text])
    body = models.TextField(help_text=_("Markdown."))
    body_html = models.TextField(editable=False, default="")
    critiques = models.ManyToManyField(Critique, related_name="recommendations", blank=True)

    objects = RecommendationQuerySet.as_manager()
    # history: registered in critiques/translation.py, after the per-language columns exist

    class Meta:
        ordering = ["plan_id", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "key"], name="recommendation_key_unique_in_plan"
            ),
            models.UniqueConstraint(
                fields=["plan", "order"], name="recommendation_order_unique_in_plan"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        rendered = render_per_language(self, "body", "body_html", render_markdown)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *rendered}
        super().save(*args, **kwargs)
