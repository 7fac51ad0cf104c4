"""The shape of a plan file (docs/plan-format.md), as pydantic models.

Pydantic checks types, required fields, closed vocabularies and unknown fields and reports each
problem with its location in the document; `validate.py` adds the checks that span the document.
Every rule the database would apply at the load is read from the Django models here (closed
vocabularies, each text column's max_length and validators, integer ranges), so that checking a
file needs no database and refuses whatever the load would.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, ClassVar, Literal

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from critiques.models import Citation, Critique, Recommendation
from indicators.models import Indicator
from planfiles.problems import shown
from plans.models import (
    CODE_PATTERN,
    KEY_PATTERN,
    Agency,
    EnglishBy,
    Pillar,
    Plan,
    PlanAgency,
    Section,
    Source,
    TranslationStatus,
)
from plans.models import Confidence as ConfidenceChoices

FORMAT = "napwatch-plan/1"


def refusal(message: str) -> PydanticCustomError:
    """A pydantic error whose message is `message` as written (braces in it are not fields)."""
    return PydanticCustomError("napwatch", "{message}", {"message": message})


def column(model: type[models.Model], name: str, *, required: bool = False) -> object:
    """The text a file gives for the database column `model.name`: trimmed, no longer than the
    column's max_length, and passing the column's own validators (a URL, a country code), so
    that a file `--check` accepts is never refused by `full_clean()` at the load."""
    field = model._meta.get_field(name)
    validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]

    def run_validators(value: str) -> str:
        for validator in validators:
            try:
                validator(value)
            except DjangoValidationError as exc:
                reason = " ".join(exc.messages).rstrip(".")
                raise refusal(
                    f"{shown(value)} is not allowed here: {reason[:1].lower()}{reason[1:]}"
                ) from None
        return value

    return Annotated[
        str,
        StringConstraints(
            strip_whitespace=True,
            min_length=1 if required else None,
            max_length=field.max_length,
        ),
        AfterValidator(run_validators),
    ]


def integer_range(model: type[models.Model], name: str) -> tuple[int, int]:
    """The range of an integer column that every database napwatch runs on accepts."""
    internal_type = model._meta.get_field(name).get_internal_type()
    return BaseDatabaseOperations.integer_field_ranges[internal_type]


def real_partial_date(value: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a day, month or year that exists."""
    year, month, day = ([int(part) for part in value.split("-")] + [1, 1])[:3]
    try:
        datetime.date(year, month, day)
    except ValueError as exc:
        raise refusal(f"{value!r} is not a date: {exc}") from None
    return value


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def real_date(value: object) -> object:
    """A YYYY-MM-DD date that exists. YAML's own timestamps are off (planfiles/reading.py), so
    a date arrives as text whether it was quoted or not, and is read here, once."""
    if isinstance(value, datetime.date):
        return value
    if not (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        raise refusal(f"{shown(value)} is not a date: write it as YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise refusal(f"{value!r} is not a date: {exc}") from None


# Identifiers follow the models' patterns (plans.models.provenance) within their columns' lengths.
Key = Annotated[
    str, StringConstraints(pattern=KEY_PATTERN, max_length=Plan._meta.get_field("slug").max_length)
]
Code = Annotated[
    str,
    StringConstraints(pattern=CODE_PATTERN, max_length=Pillar._meta.get_field("code").max_length),
]
Acronym = column(Agency, "acronym", required=True)
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$"
# Text for a column without a max_length (a TextField): reading.py holds every text in a file to
# NAPWATCH_PLAN_TEXT_MAX_CHARS.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Locator = column(Plan, "source_locator")
Year = Annotated[int, Field(ge=1990, le=2100)]
Count = Annotated[int, Field(ge=0, le=integer_range(Plan, "declared_pillars")[1])]
IsoDate = Annotated[datetime.date, BeforeValidator(real_date)]


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


def localized_column(model: type[models.Model], name: str) -> object:
    """`Localized` text for the per-language columns `model.name_<code>`, each no longer than
    its column, so that `--check` refuses what the load's `full_clean()` would."""
    limit = model._meta.get_field(f"{name}_{settings.LANGUAGE_CODE}").max_length

    def within_columns(values: dict[str, str]) -> dict[str, str]:
        for code, text in values.items():
            if limit and len(text) > limit:
                raise refusal(f"{code}: {len(text):,} characters; at most {limit:,} fit here")
        return values

    return Annotated[Localized, AfterValidator(within_columns)]


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
    original: column(Plan, "title_original", required=True)
    en: column(Plan, "title_en") | None = None


class AgencyName(Strict):
    original: column(Agency, "name_original", required=True)
    en: column(Agency, "name_en") | None = None


class PillarName(Strict):
    en: column(Pillar, "name_en", required=True)
    original: column(Pillar, "name_original") | None = None


class ProvenanceIn(Strict):
    source: Key
    locator: Locator | None = None
    confidence: Confidence
    note: str | None = None


class SourceIn(Strict):
    key: Key
    kind: SourceKind
    authors: list[Text] = []
    title: column(Source, "title", required=True)
    publisher: column(Source, "publisher") | None = None
    issued: Annotated[column(Source, "issued"), AfterValidator(real_partial_date)] | None = None
    url: column(Source, "url") | None = None
    note: str | None = None


class CitationIn(Strict):
    source: Key
    locator: column(Citation, "locator") | None = None
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
    title: localized_column(Critique, "title")
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
    acronym: Acronym
    provenance: ProvenanceIn


class IndicatorIn(Strict):
    code: Code
    wording: Wording
    unit: column(Indicator, "unit") | None = None
    baseline: column(Indicator, "baseline") | None = None
    target: column(Indicator, "target") | None = None
    timeframe: column(Indicator, "timeframe") | None = None
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
        limit = Section._meta.get_field(f"title_{settings.LANGUAGE_CODE}").max_length
        for code, text in texts.items():
            if len(text) > limit:
                raise refusal(f"{code}: {len(text):,} characters; at most {limit:,} fit here")
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
    acronym: Acronym
    name: AgencyName
    role: AgencyRole
    provenance: ProvenanceIn


class RecommendationIn(Translatable):
    LOCALIZED_FIELDS = ("title", "body")

    key: Key
    title: localized_column(Recommendation, "title")
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
    pillars: Count | None = None
    objectives: Count | None = None
    lines_of_action: Count | None = None
    indicators: Count | None = None


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
    country: column(Plan, "country", required=True)
    country_code: column(Plan, "country_code", required=True)
    region: column(Plan, "region") | None = None
    language: Annotated[
        column(Plan, "language", required=True),
        StringConstraints(pattern=LANGUAGE_PATTERN),
    ]
    title: PlanTitle
    acronym: column(Plan, "acronym") | None = None
    generation: Annotated[int, Field(ge=1, le=20)] | None = None
    adopted: IsoDate | None = None
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
