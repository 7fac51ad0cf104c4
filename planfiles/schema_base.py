"""The base of plan-file models: strict mappings, napwatch's translatable texts, and the dates
of what napwatch publishes (docs/plan-format.md)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from pydantic import BaseModel, ConfigDict, model_validator

from planfiles.fields import (
    IsoDate,
    PartialDate,
    Translation,
    _known_languages,
    site_language_codes,
)
from plans.models import TranslationStatus


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


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


class Dated(Strict):
    """When a critique or an assessment was first published (`first_published`: YYYY, YYYY-MM or
    YYYY-MM-DD, as precise as it is known: a critique drawn from a policy brief takes the brief's
    date), and the day its text was last revised (`revised`), both optional. Loading keeps them,
    so an install loaded on any day cites the same dates."""

    first_published: PartialDate | None = None
    revised: IsoDate | None = None

    @model_validator(mode="after")
    def revised_after_first_published(self) -> Dated:
        if self.first_published and self.revised:
            first = self.first_published
            if self.revised.isoformat()[: len(first)] < first:
                raise ValueError(
                    f"'revised' ({self.revised.isoformat()}) is before 'first_published' ({first})"
                )
        return self
