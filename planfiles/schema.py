"""The shape of a plan file (docs/plan-format.md), as pydantic models.

Pydantic checks types, required fields, closed vocabularies and unknown fields and reports each
problem with its location in the document; `validate.py` adds the checks that span the document.
Every rule the database would apply at the load is read from the Django models here (closed
vocabularies, each text column's max_length and validators, integer ranges), so that checking a
file needs no database and refuses whatever the load would.
"""

from __future__ import annotations

from typing import Annotated, Literal

from django.conf import settings
from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from critiques.models import Citation, Critique, Recommendation
from indicators.models import Indicator
from planfiles.fields import (
    LANGUAGE_PATTERN,
    Acronym,
    AgencyRole,
    Code,
    Confidence,
    Count,
    CritiqueCategory,
    CritiqueKind,
    CritiqueStatus,
    IsoDate,
    Key,
    Localized,
    Locator,
    Note,
    PlanStatus,
    SectionKind,
    Severity,
    SourceKind,
    Text,
    WordingEnBy,
    Year,
    _known_languages,
    column,
    localized_column,
    note_column,
    real_partial_date,
    refusal,
)
from planfiles.schema_assessments import AssessmentIn, EvidenceIn
from planfiles.schema_base import Dated, Strict, Translatable
from plans.models import (
    Agency,
    Pillar,
    Plan,
    Section,
    Source,
    is_described_title,
)

__all__ = ["AssessmentIn", "Dated", "EvidenceIn", "PlanFile", "Strict", "Translatable"]


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


class PlanTitle(Strict):
    original: column(Plan, "title_original", required=True)
    en: column(Plan, "title_en") | None = None


class AgencyName(Strict):
    original: column(Agency, "name_original", required=True)
    en: column(Agency, "name_en") | None = None


class PillarName(Strict):
    """The name in English and in the plan's language (each as its sources give it), and
    napwatch's rendering in the site's other languages (`rendered: {es: …}`), shown labelled as
    our translation where the plan's own name in the reader's language is not known."""

    en: column(Pillar, "name_en", required=True)
    original: column(Pillar, "name_original") | None = None
    rendered: localized_column(Pillar, "name_rendered") | None = None

    @model_validator(mode="after")
    def rendered_not_in_english(self) -> PillarName:
        rendered = _known_languages(self.rendered or {})
        if settings.LANGUAGE_CODE in rendered:
            raise ValueError(
                f"'rendered' gives a name in {settings.LANGUAGE_CODE!r}: the English name is 'en', "
                "with the pillar's provenance; 'rendered' is napwatch's translation into the "
                "site's other languages"
            )
        return self


class ProvenanceIn(Strict):
    source: Key
    locator: Locator | None = None
    confidence: Confidence
    note: Note | None = None


class SourceIn(Strict):
    """A source. Its `title` is the source's own, in its own language, and is never translated,
    except a title in [square brackets]: napwatch's description of an untitled page, which may
    be given per language like a note (`{en: "[…]", es: "[…]"}`)."""

    key: Key
    kind: SourceKind
    authors: list[Text] = []
    title: note_column(Source, "title")
    publisher: column(Source, "publisher") | None = None
    issued: Annotated[column(Source, "issued"), AfterValidator(real_partial_date)] | None = None
    url: column(Source, "url") | None = None
    note: Note | None = None

    @model_validator(mode="after")
    def only_our_titles_translated(self) -> SourceIn:
        if not self.title:
            raise ValueError("'title' is empty")
        if len(self.title) > 1 and not all(is_described_title(t) for t in self.title.values()):
            raise ValueError(
                "'title' is translated, but only a title in [square brackets] (napwatch's "
                "description of an untitled page) is ours to translate: a source's own title "
                "stays in its own language"
            )
        return self

    @property
    def english_title(self) -> str:
        return self.title.get(settings.LANGUAGE_CODE, "")


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


class CritiqueIn(Translatable, Dated):
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
    note: Note | None = None
    provenance: ProvenanceIn
    agencies: list[ResponsibilityIn] = []
    critiques: list[CritiqueIn] = []


class LineOfActionIn(Strict):
    code: Code
    wording: Wording
    note: Note | None = None
    provenance: ProvenanceIn
    agencies: list[ResponsibilityIn] = []
    critiques: list[CritiqueIn] = []
    indicators: list[IndicatorIn] = []


class ObjectiveIn(Strict):
    code: Code
    wording: Wording
    note: Note | None = None
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
    assessments: list[AssessmentIn] = []
