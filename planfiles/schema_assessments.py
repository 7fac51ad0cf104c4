"""The assessments of a plan file: answers to a rubric's judged criteria, with their evidence
(docs/plan-format.md, "Assessments")."""

from __future__ import annotations

from pydantic import model_validator

from planfiles.fields import Code, Confidence, CritiqueStatus, Key, Localized, ScaleWord, column
from planfiles.schema_base import Dated, Strict, Translatable
from scorecards.models import Evidence, ScaleValue


class EvidenceIn(Strict):
    """What an assessment rests on: one element (by code), critique (by key) or source."""

    code: Code | None = None
    critique: Key | None = None
    source: Key | None = None
    locator: column(Evidence, "locator") | None = None
    quote: str | None = None

    @model_validator(mode="after")
    def exactly_one(self) -> EvidenceIn:
        given = [name for name in ("code", "critique", "source") if getattr(self, name)]
        if len(given) != 1:
            raise ValueError("give exactly one of 'code', 'critique' or 'source'")
        if (self.locator or self.quote) and not self.source:
            raise ValueError("'locator' and 'quote' go with a 'source'")
        return self


class AssessmentIn(Translatable, Dated):
    """An answer to one judged criterion of a rubric (loaded with load_rubric first)."""

    LOCALIZED_FIELDS = ("rationale",)

    rubric: Key
    criterion: Key
    level: ScaleWord
    confidence: Confidence
    status: CritiqueStatus = "draft"
    rationale: Localized
    evidence: list[EvidenceIn] = []

    @model_validator(mode="after")
    def evidence_or_not_known(self) -> AssessmentIn:
        if not self.texts()["rationale"]:
            raise ValueError("'rationale' is empty")
        if not self.evidence and self.level != ScaleValue.NOT_KNOWN:
            raise ValueError(
                "every answer names its evidence: give 'evidence', or answer 'not-known'"
            )
        return self
