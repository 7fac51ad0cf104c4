"""A National Action Plan, the agencies taking part in it, and its narrative sections."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from plans.models.counting import count_per_row
from plans.models.language import Translated, reader_language
from plans.models.places import country_name, region_name
from plans.models.provenance import ACRONYM, COUNTRY_CODE, Provenance, Source
from toolkit.validators import one_line_text


class PlanQuerySet(models.QuerySet):
    def public(self) -> PlanQuerySet:
        return self.order_by("country", "-adopted_on", "slug")

    def with_counts(self) -> PlanQuerySet:
        """Encoded pillars, objectives, lines of action and indicators, in the same query.

        Indicators are counted through the reverse relation `plan.indicators`, so this app needs
        no import of the indicators app (dependencies run one way: plans ← indicators)."""

        def count(relation: str):
            return count_per_row(Plan._meta.get_field(relation).related_model.objects, "plan")

        return self.annotate(
            encoded_pillars=count("pillars"),
            encoded_objectives=count("objectives"),
            encoded_lines=count("lines_of_action"),
            encoded_indicators=count("indicators"),
        )


class Plan(Translated, Provenance):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        UNDER_REVIEW = "under-review", _("Under review")
        ENDED = "ended", _("Ended")
        SUPERSEDED = "superseded", _("Superseded")

    slug = models.SlugField(max_length=80, unique=True)
    country = models.CharField(max_length=100)
    country_code = models.CharField(max_length=3, validators=[COUNTRY_CODE.validator()])
    region = models.CharField(max_length=100, blank=True)
    language = models.CharField(
        max_length=12, help_text=_("The plan's original language (BCP 47).")
    )
    title_original = models.CharField(max_length=500, validators=[one_line_text])
    title_en = models.CharField(
        _("title in English"), max_length=500, blank=True, validators=[one_line_text]
    )
    acronym = models.CharField(max_length=40, blank=True)
    generation = models.PositiveSmallIntegerField(null=True, blank=True)
    adopted_on = models.DateField(null=True, blank=True)
    period_start = models.PositiveSmallIntegerField(null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(null=True, blank=True)
    review_due = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status, default=Status.ACTIVE)
    summary = models.TextField(
        blank=True, help_text="Our short description (translated per language)."
    )
    declared_pillars = models.PositiveSmallIntegerField(null=True, blank=True)
    declared_objectives = models.PositiveSmallIntegerField(null=True, blank=True)
    declared_lines = models.PositiveSmallIntegerField(
        _("declared lines of action"), null=True, blank=True
    )
    declared_indicators = models.PositiveSmallIntegerField(null=True, blank=True)
    sources = models.ManyToManyField(Source, related_name="plans", blank=True)
    is_synthetic = models.BooleanField(
        default=False, help_text=_("Generated test data, not a real plan.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()
    # history: registered in plans/translation.py, after the per-language columns exist

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
        """The title in the reader's language: the plan's own when the reader reads it."""
        if self.title_original and self.is_in_plan_language:
            return self.title_original
        return self.title_en or self.title_original

    @property
    def other_title(self) -> str:
        """The title in the other language, shown beside `display_title` (empty if the same)."""
        other = self.title_en if self.display_title == self.title_original else self.title_original
        return "" if other == self.display_title else other

    @property
    def other_title_language(self) -> str:
        return "en" if self.display_title == self.title_original else self.language

    @property
    def is_in_plan_language(self) -> bool:
        """Does the reader read the plan's own language ("es" for "es-MX")?"""
        return reader_language() == self.language.split("-")[0].lower()

    @property
    def country_name(self) -> str:
        """The country in the reader's language ("México" on Spanish pages)."""
        return country_name(self.country_code, self.country)

    @property
    def region_name(self) -> str:
        """The region in the reader's language."""
        return region_name(self.region)

    @property
    def year(self) -> int | None:
        if self.adopted_on:
            return self.adopted_on.year
        return self.period_start

    @property
    def short_label(self) -> str:
        """ "Mexico 2021": for admin filters and columns, where the official title is too long."""
        return f"{self.country_name} {self.year}" if self.year else self.country_name

    @property
    def period_label(self) -> str:
        if self.period_start and self.period_end:
            return f"{self.period_start}–{self.period_end}"
        if self.period_start:
            return gettext("from %(start)s, end not stated") % {"start": self.period_start}
        return gettext("not stated")

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
    acronym = models.CharField(max_length=30, validators=[ACRONYM.validator()])
    name_original = models.CharField(max_length=300)
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)

    class Meta:
        ordering = ["country_code", "acronym"]
        verbose_name_plural = _("agencies")
        constraints = [
            models.UniqueConstraint(
                fields=["country_code", "acronym"], name="agency_acronym_unique_per_country"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.acronym} – {self.name_en or self.name_original}"

    def natural_key(self) -> tuple[str, str]:
        return (self.country_code, self.acronym)

    @property
    def display_name(self) -> str:
        """The name a reader sees: English for English readers, else the agency's own name in
        its own language (the plan's name for it, never our English on a Spanish page)."""
        if reader_language() == "en":
            return self.name_en or self.name_original
        return self.name_original or self.name_en


class PlanAgency(Provenance):
    """An agency's role in a plan (lead, co-responsible or related)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        CO_RESPONSIBLE = "co-responsible", _("Co-responsible")
        RELATED = "related", _("Related body")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="plan_agencies")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="plan_roles")
    role = models.CharField(max_length=16, choices=Role)
    order = models.PositiveIntegerField(default=0)

    # history: registered in plans/translation.py, after the per-language columns exist

    class Meta:
        ordering = ["plan_id", "order"]
        verbose_name = _("agency in plan")
        verbose_name_plural = _("agencies in plan")
        constraints = [
            models.UniqueConstraint(fields=["plan", "agency"], name="plan_agency_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency.acronym} ({self.get_role_display()})"


class Section(Translated, Provenance):
    """A narrative part of the plan document (introduction, coordination, financing…)."""

    class Kind(models.TextChoices):
        INTRODUCTION = "introduction", _("Introduction")
        PILLARS = "pillars", _("Pillars")
        COORDINATION = "coordination-and-monitoring", _("Coordination and monitoring")
        FINANCING = "financing", _("Financing")
        ANNEX = "annex", _("Annex")
        OTHER = "other", pgettext_lazy("kind of section", "Other")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    slug = models.SlugField(max_length=80)
    kind = models.CharField(max_length=32, choices=Kind)
    order = models.PositiveIntegerField()
    # Our title and summary (a column per language: title_en, title_es, …), and the heading the
    # plan itself gives the section, in the plan's language, when known.
    title = models.CharField(max_length=300, blank=True, help_text="Our title for the section.")
    title_original = models.CharField(
        "heading in the plan", max_length=300, blank=True, help_text="In the plan's language."
    )
    summary = models.TextField(blank=True, help_text="Our summary.")

    # history: registered in plans/translation.py, after the per-language columns exist

    class Meta:
        ordering = ["plan_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="section_slug_unique_in_plan"),
            models.UniqueConstraint(fields=["plan", "order"], name="section_order_unique_in_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.plan.slug}: {self.display_title}"

    def get_absolute_url(self) -> str:
        return f"{self.plan.get_absolute_url()}#{self.code}"

    @property
    def display_title(self) -> str:
        return self.title or self.title_original

    @property
    def code(self) -> str:
        return f"section-{self.slug}"
