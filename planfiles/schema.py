"""The shape of a plan file (docs/plan-format.md), as pydantic models.

Pydantic checks types, required fields, closed vocabularies and unknown fields and reports each
problem with its location in the document; `validate.py` adds the checks that span the document.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from django.db import models
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    StringConstraints,
    model_validator,
)

from critiques.models import Critique
from plans.models import CODE_PATTERN, KEY_PATTERN, Plan, PlanAgency, Section, Source
from plans.models import Confidence as ConfidenceChoices

FORMAT = "napwatch-plan/1"

Key = Annotated[str, StringConstraints(pattern=KEY_PATTERN, max_length=80)]
Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN, max_length=40)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Year = Annotated[int, Field(ge=1990, le=2100)]


def choices_of(choices: type[models.Choices]) -> object:
    """The closed vocabulary of a model's TextChoices, as the Literal type a file is checked by."""
    return Literal[tuple(choices.values)]


# Each vocabulary is the model's own (each fact once): a new category is added on the model only.
Confidence = choices_of(ConfidenceChoices)
SourceKind = choices_of(Source.Kind)
CritiqueKind = choices_of(Critique.Kind)
CritiqueCategory = choices_of(Critique.Category)
CritiqueStatus = choices_of(Critique.Status)
# Files name severities by word (low, medium, high); the database stores Critique.Severity's number.
SEVERITY_BY_WORD = {severity.name.lower(): severity.value for severity in Critique.Severity}
Severity = Literal[tuple(SEVERITY_BY_WORD)]
SectionKind = choices_of(Section.Kind)
AgencyRole = choices_of(PlanAgency.Role)
PlanStatus = choices_of(Plan.Status)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Wording(Strict):
    en: str | None = None
    original: str | None = None

    @model_validator(mode="after")
    def one_language_at_least(self) -> Wording:
        if not (self.en or self.original):
            raise ValueError(
                "give the wording in English ('en'), the original ('original') or both"
            )
        return self


class PlanTitle(Strict):
    original: Text
    en: str | None = None


class AgencyName(Strict):
    original: Text
    en: str | None = None


class PillarName(Strict):
    en: Text
    original: str | None = None


class ProvenanceIn(Strict):
    source: Key
    locator: str | None = None
    confidence: Confidence
    note: str | None = None


class SourceIn(Strict):
    key: Key
    kind: SourceKind
    authors: list[Text] = []
    title: Text
    publisher: str | None = None
    issued: Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=500)] | None = None
    note: str | None = None


class CitationIn(Strict):
    source: Key
    locator: str | None = None
    quote: str | None = None


class TargetIn(Strict):
    """Where a critique listed under `plan.critiques` points, when not at the plan itself."""

    pillar: Key | None = None
    section: Key | None = None
    code: Code | None = None

    @model_validator(mode="after")
    def exactly_one(self) -> TargetIn:
        given = [name for name in ("pillar", "section", "code") if getattr(self, name)]
        if len(given) != 1:
            raise ValueError("give exactly one of 'pillar', 'section' or 'code'")
        return self


class CritiqueIn(Strict):
    key: Key
    title: Text
    kind: CritiqueKind
    category: CritiqueCategory
    severity: Severity
    status: CritiqueStatus = "draft"
    compares_with: Key | None = None
    body: Text
    remedy: str | None = None
    cites: list[CitationIn] = []
    target: TargetIn | None = None


class ResponsibilityIn(Strict):
    acronym: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]+$")]
    provenance: ProvenanceIn


class IndicatorIn(Strict):
    code: Code
    wording: Wording
    unit: str | None = None
    baseline: str | None = None
    target: str | None = None
    timeframe: str | None = None
    means_of_verification: str | None = None
    note: str | None = None
    provenance: ProvenanceIn
    agencies: list[ResponsibilityIn] = []
    critiques: list[CritiqueIn] = []


class LineOfActionIn(Strict):
    code: Code
    wording: Wording
    note: str | None = None
    provenance: ProvenanceIn
    agencies: list[ResponsibilityIn] = []
    critiques: list[CritiqueIn] = []
    indicators: list[IndicatorIn] = []


class ObjectiveIn(Strict):
    code: Code
    wording: Wording
    note: str | None = None
    provenance: ProvenanceIn
    agencies: list[ResponsibilityIn] = []
    critiques: list[CritiqueIn] = []
    lines_of_action: list[LineOfActionIn] = []


class PillarIn(Strict):
    slug: Key
    code: Code
    name: PillarName
    summary: str | None = None
    provenance: ProvenanceIn
    critiques: list[CritiqueIn] = []
    objectives: list[ObjectiveIn] = []


class SectionIn(Strict):
    slug: Key
    kind: SectionKind
    title: Wording
    summary: str | None = None
    provenance: ProvenanceIn
    critiques: list[CritiqueIn] = []


class PlanAgencyIn(Strict):
    acronym: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]+$", max_length=30)]
    name: AgencyName
    role: AgencyRole
    provenance: ProvenanceIn


class RecommendationIn(Strict):
    key: Key
    title: Text
    body: Text
    provenance: ProvenanceIn
    answers: list[Key] = []


class Declared(Strict):
    pillars: NonNegativeInt | None = None
    objectives: NonNegativeInt | None = None
    lines_of_action: NonNegativeInt | None = None
    indicators: NonNegativeInt | None = None


class Period(Strict):
    start: Year | None = None
    end: Year | None = None

    @model_validator(mode="after")
    def ends_after_start(self) -> Period:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")
        return self


class PlanIn(Strict):
    slug: Key
    country: Text
    country_code: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    region: str | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")]
    title: PlanTitle
    acronym: str | None = None
    generation: Annotated[int, Field(ge=1, le=20)] | None = None
    adopted: datetime.date | None = None
    period: Period = Period()
    review_due: Year | None = None
    status: PlanStatus = Plan.Status.ACTIVE.value
    synthetic: bool = False
    summary: str | None = None
    declared: Declared = Declared()
    provenance: ProvenanceIn
    agencies: list[PlanAgencyIn] = []
    sections: list[SectionIn] = []
    pillars: list[PillarIn] = []
    critiques: list[CritiqueIn] = []
    recommendations: list[RecommendationIn] = []


class PlanFile(Strict):
    format: Literal["napwatch-plan/1"]
    sources: list[SourceIn]
    plan: PlanIn
