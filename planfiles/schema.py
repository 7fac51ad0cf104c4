"""The shape of a plan file (docs/plan-format.md), as pydantic models.

Pydantic checks types, required fields, closed vocabularies and unknown fields and reports each
problem with its location in the document; `validate.py` adds the checks that span the document.
"""

from __future__ import annotations

import datetime
from typing import Annotated, ClassVar, Literal

from django.conf import settings
from django.db import models
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    NonNegativeInt,
    StringConstraints,
    model_validator,
)

from critiques.models import Critique
from plans.models import (
    CODE_PATTERN,
    KEY_PATTERN,
    EnglishBy,
    Plan,
    PlanAgency,
    Section,
    Source,
    TranslationStatus,
)
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
WordingEnBy = choices_of(EnglishBy)
Translation = Literal[TranslationStatus.TRANSLATED.value, TranslationStatus.NEEDS_TRANSLATION.value]


def site_language_codes() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


def _as_languages(value: object) -> object:
    """A plain string is the English text (files written before translations stay valid)."""
    if isinstance(value, str):
        return {settings.LANGUAGE_CODE: value}
    return value


def _known_languages(value: dict[str, str | None]) -> dict[str, str]:
    codes = site_language_codes()
    unknown = [key for key in value if key not in codes]
    if unknown:
        raise ValueError(
            f"unknown language {', '.join(map(repr, unknown))}: use {', '.join(codes)} "
            "(the site's languages, settings.LANGUAGES)"
        )
    return {key: text.strip() for key, text in value.items() if text and text.strip()}


# napwatch's own text in one or more of the site's languages: `"text"` (English) or
# `{en: "text", es: "texto"}`. Empty languages are dropped.
Localized = Annotated[
    dict[str, str | None],
    BeforeValidator(_as_languages),
    Field(json_schema_extra={"languages": "settings.LANGUAGES"}),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class WordingSource(Strict):
    """Where the wording in the plan's language comes from, when not from the element's source."""

    source: Key
    locator: str | None = None
    confidence: Confidence


class Wording(Strict):
    en: str | None = None
    original: str | None = None
    en_by: WordingEnBy | None = None  # who made the English: plan | source | napwatch
    original_provenance: WordingSource | None = None

    @model_validator(mode="after")
    def one_language_at_least(self) -> Wording:
        if not (self.en or self.original):
            raise ValueError(
                "give the wording in English ('en'), the original ('original') or both"
            )
        if self.en_by and not self.en:
            raise ValueError("'en_by' says who made the English wording, but there is none")
        if self.original_provenance and not self.original:
            raise ValueError("'original_provenance' needs the wording it describes ('original')")
        return self


class Translatable(Strict):
    """napwatch's own texts (Localized fields) and the state of their translations."""

    written_in: str = settings.LANGUAGE_CODE
    translation: Translation | None = None  # default: translated when every language is given

    @model_validator(mode="after")
    def languages_known_and_consistent(self) -> Translatable:
        codes = site_language_codes()
        if self.written_in not in codes:
            raise ValueError(f"'written_in' must be one of {', '.join(codes)}")
        texts = self.texts()
        for name, values in texts.items():
            if values and self.written_in not in values:
                raise ValueError(
                    f"'{name}' has no text in {self.written_in!r}, the language it is written in"
                )
        if self.translation == TranslationStatus.TRANSLATED.value:
            missing = [
                f"{name}.{code}"
                for name, values in texts.items()
                if values
                for code in codes
                if code not in values
            ]
            if missing:
                raise ValueError(
                    "marked 'translation: translated', but these translations are missing: "
                    + ", ".join(missing)
                )
        return self

    def texts(self) -> dict[str, dict[str, str]]:
        """{field: {language: text}} for every Localized field, unknown languages refused."""
        return {name: _known_languages(getattr(self, name) or {}) for name in self.LOCALIZED_FIELDS}

    def translation_status(self) -> str:
        if self.translation:
            return self.translation
        codes = site_language_codes()
        complete = all(
            all(code in values for code in codes) for values in self.texts().values() if values
        )
        return (
            TranslationStatus.TRANSLATED.value
            if complete and any(self.texts().values())
            else TranslationStatus.NEEDS_TRANSLATION.value
        )

    LOCALIZED_FIELDS: ClassVar[tuple[str, ...]] = ()


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


class CritiqueIn(Translatable):
    LOCALIZED_FIELDS = ("title", "body", "remedy")

    key: Key
    title: Localized
    kind: CritiqueKind
    category: CritiqueCategory
    severity: Severity
    status: CritiqueStatus = "draft"
    compares_with: Key | None = None
    body: Localized
    remedy: Localized | None = None
    cites: list[CitationIn] = []
    target: TargetIn | None = None

    @model_validator(mode="after")
    def title_and_body_given(self) -> CritiqueIn:
        for name in ("title", "body"):
            if not self.texts()[name]:
                raise ValueError(f"'{name}' is empty")
        return self


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


class PillarIn(Translatable):
    LOCALIZED_FIELDS = ("summary",)

    slug: Key
    code: Code
    name: PillarName
    summary: Localized | None = None
    provenance: ProvenanceIn
    critiques: list[CritiqueIn] = []
    objectives: list[ObjectiveIn] = []


class SectionTitle(Strict):
    """Our title in the site's languages, and the plan's own heading (`original`) when known."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, frozen=True)
    original: str | None = None

    def languages(self) -> dict[str, str]:
        return _known_languages(dict(self.model_extra or {}))

    @model_validator(mode="after")
    def something_given(self) -> SectionTitle:
        texts = self.languages()
        if not (texts or self.original):
            raise ValueError(
                "give our title in English ('en'), the plan's heading ('original') or both"
            )
        return self


class SectionIn(Translatable):
    LOCALIZED_FIELDS = ("summary",)

    slug: Key
    kind: SectionKind
    title: SectionTitle
    summary: Localized | None = None

    def texts(self) -> dict[str, dict[str, str]]:
        return {**super().texts(), "title": self.title.languages()}

    provenance: ProvenanceIn
    critiques: list[CritiqueIn] = []


class PlanAgencyIn(Strict):
    acronym: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]+$", max_length=30)]
    name: AgencyName
    role: AgencyRole
    provenance: ProvenanceIn


class RecommendationIn(Translatable):
    LOCALIZED_FIELDS = ("title", "body")

    key: Key
    title: Localized
    body: Localized
    provenance: ProvenanceIn
    answers: list[Key] = []

    @model_validator(mode="after")
    def title_and_body_given(self) -> RecommendationIn:
        for name in ("title", "body"):
            if not self.texts()[name]:
                raise ValueError(f"'{name}' is empty")
        return self


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


class PlanIn(Translatable):
    LOCALIZED_FIELDS = ("summary",)

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
    summary: Localized | None = None
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
