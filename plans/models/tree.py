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
from modeltranslation.utils import build_localized_fieldname

from plans.models.counting import count_per_row
from plans.models.language import EnglishBy, Translated, reader_language
from plans.models.plan import Agency, Plan
from plans.models.provenance import CODE, Confidence, Provenance, Source


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


class Pillar(Translated, Provenance):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="pillars")
    slug = models.SlugField(max_length=80)
    code = models.CharField(max_length=40, validators=[CODE.validator()])
    order = models.PositiveIntegerField()
    name_en = models.CharField(_("name in English"), max_length=200)
    name_original = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True, help_text="Our summary (translated per language).")
    # napwatch's rendering of the name in a site language that neither the plan nor a source
    # gives it in (a column per language: name_rendered_es, …), always shown as our translation
    name_rendered = models.CharField(
        "our rendering of the name",
        max_length=200,
        blank=True,
        help_text="napwatch's translation of the name, for readers of a language in which the "
        "plan's own name is not known. Shown labelled as napwatch's translation.",
    )

    objects = PillarQuerySet.as_manager()
    # history: registered in plans/translation.py, after the per-language columns exist

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
    def _plan_language(self) -> str:
        return self.plan.language.split("-")[0].lower()

    @property
    def rendered_name(self) -> str:
        """napwatch's rendering of the name in the reader's language (empty if none): shown
        only where the plan's own name in that language is not known, labelled as ours."""
        language = reader_language()
        if language == "en" or (self.name_original and language == self._plan_language):
            return ""
        return getattr(self, build_localized_fieldname("name_rendered", language), None) or ""

    @property
    def display_name(self) -> str:
        """The name in the reader's language: the plan's own when the reader reads it, else
        napwatch's rendering in the reader's language where there is one, else the English."""
        if self.name_original and reader_language() == self._plan_language:
            return self.name_original
        return self.rendered_name or self.name_en

    @property
    def display_name_language(self) -> str:
        """The language of `display_name` (for a `lang` attribute)."""
        if self.name_original and reader_language() == self._plan_language:
            return self.plan.language
        return reader_language() if self.rendered_name else "en"

    @property
    def name_is_rendered(self) -> bool:
        """Is `display_name` napwatch's translation (never the plan's wording)?"""
        return bool(self.rendered_name)

    @property
    def other_name(self) -> str:
        """The name in the other language, shown beside `display_name` (empty if none): the
        plan's own name (or the source's English where that is all there is) beside our
        rendering; the English beside the plan's own name for English readers."""
        if self.rendered_name:
            return self.name_original or self.name_en
        other = self.name_en if self.display_name == self.name_original else self.name_original
        if other == self.name_en and reader_language() != "en":
            return ""  # our English is for English readers: a Spanish page shows the plan's name
        return "" if other == self.display_name else other

    @property
    def other_name_language(self) -> str:
        if self.rendered_name:
            return self.plan.language if self.name_original else "en"
        return "en" if self.display_name == self.name_original else self.plan.language


class OriginalWording:
    """Where an element's wording in the plan's language comes from (for its side of the page)."""

    def __init__(self, element: Element):
        own = element.wording_original_source_id is not None
        self.source = element.wording_original_source if own else element.source
        self.locator = element.wording_original_locator if own else element.source_locator
        self.confidence = (element.wording_original_confidence if own else "") or (
            element.confidence
        )
        self.is_own = own

    @property
    def confidence_short(self) -> str:
        return Confidence.short_label(self.confidence)

    @property
    def confidence_label(self) -> str:
        return Confidence(self.confidence).label if self.confidence in Confidence else ""


class Element(Provenance):
    """A coded, worded element of a pillar's tree."""

    code = models.CharField(max_length=40, validators=[CODE.validator()])
    order = models.PositiveIntegerField()
    wording_en = models.TextField(_("wording in English"), blank=True)
    wording_original = models.TextField(_("wording in the original language"), blank=True)
    note = models.TextField(blank=True)
    # Each language's provenance. The element's source gives the wording it quotes or describes;
    # the English may be that source's, the plan's official version or our translation, and the
    # original may come from another source (a press report quoting the plan in Spanish).
    wording_en_by = models.CharField(
        "English wording by",
        max_length=12,
        choices=EnglishBy,
        blank=True,
        help_text="Who made the English wording; empty if there is none.",
    )
    wording_original_source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="source of the original wording",
        help_text="Only when the wording in the plan's language comes from another source.",
    )
    wording_original_locator = models.CharField(
        "locator of the original wording", max_length=200, blank=True
    )
    wording_original_confidence = models.CharField(
        "confidence in the original wording", max_length=12, choices=Confidence, blank=True
    )

    objects = ElementQuerySet.as_manager()
    # history: registered in plans/translation.py (indicators/translation.py for indicators),
    # after the per-language columns of the notes exist

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

    @property
    def wording_language(self) -> str:
        """The language of `wording` (English where there is an English wording)."""
        return "en" if self.wording_en else self.plan.language

    @property
    def original_wording(self) -> OriginalWording:
        return OriginalWording(self)

    def clean(self) -> None:
        super().clean()
        if not (self.wording_en or self.wording_original):
            raise ValidationError(
                _("Give the wording in English, in the original language, or both.")
            )
        if self.wording_original_source_id and not self.wording_original:
            raise ValidationError(
                {"wording_original_source": "A source of the original wording needs the wording."}
            )
        if bool(self.wording_original_source_id) != bool(self.wording_original_confidence):
            raise ValidationError(
                {
                    "wording_original_confidence": "Give the original wording's source and "
                    "confidence together, or neither (then the element's own apply)."
                }
            )
        if self.wording_en_by and not self.wording_en:
            raise ValidationError({"wording_en_by": "There is no English wording to attribute."})

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

    # history: registered in plans/translation.py, after the per-language columns exist

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
