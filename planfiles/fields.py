"""The types a plan file's values are checked as: closed vocabularies read from the models,
text held to its database column (length and validators), real dates, languages.

`planfiles/schema.py` builds the file's shape from these, so a file `--check` accepts is one the
load's `full_clean()` accepts too.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from critiques.models import Critique
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
from scorecards.models import ScaleValue

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
# YYYY, YYYY-MM or YYYY-MM-DD, as precise as it is known (a source's `issued`, a first publication)
PartialDate = Annotated[column(Source, "issued", required=True), AfterValidator(real_partial_date)]


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


def _quoted_words(value: object) -> object:
    """YAML reads an unquoted yes/no as true/false: say so rather than refuse a boolean."""
    if isinstance(value, bool):
        raise refusal(
            f"{'yes' if value else 'no'} was read as {str(value).lower()}: "
            'write "yes" and "no" in quotes'
        )
    return value


# A rubric's scale values (scorecards.models.ScaleValue): in rubric files and assessments
ScaleWord = Annotated[choices_of(ScaleValue), BeforeValidator(_quoted_words)]


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


def opt(name: str, value) -> dict:
    """`{name: value}` when there is a value; nothing for an empty optional field."""
    return {name: value} if value not in (None, "") else {}


def _written_in_english(values: dict[str, str]) -> dict[str, str]:
    """napwatch's notes are written in English and translated: a translation needs its English."""
    if values and settings.LANGUAGE_CODE not in values:
        raise refusal(
            f"no text in {settings.LANGUAGE_CODE!r}, the language napwatch's notes are written "
            "in: give it beside its translations"
        )
    return values


# napwatch's note (a provenance note, an element's or a source's note): `"text"` (English) or
# `{en: "text", es: "texto"}`, the English always given; a language left out shows the English,
# marked as not yet translated.
Note = Annotated[Localized, AfterValidator(_known_languages), AfterValidator(_written_in_english)]


def note_column(model: type[models.Model], name: str) -> object:
    """A `Note` for the per-language columns `model.name_<code>`: each language within the
    column's length and passing its validators (a source's title is one line)."""
    field = model._meta.get_field(f"{name}_{settings.LANGUAGE_CODE}")
    validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]

    def within_column(values: dict[str, str]) -> dict[str, str]:
        for code, text in values.items():
            if field.max_length and len(text) > field.max_length:
                raise refusal(
                    f"{code}: {len(text):,} characters; at most {field.max_length:,} fit here"
                )
            for validator in validators:
                try:
                    validator(text)
                except DjangoValidationError as exc:
                    reason = " ".join(exc.messages).rstrip(".")
                    raise refusal(f"{code}: {shown(text)} is not allowed here: {reason}") from None
        return values

    return Annotated[Note, AfterValidator(within_column)]


def plain_or_languages(values: dict[str, str]) -> str | dict[str, str] | None:
    """How a file writes a note: the English alone as plain text, else every language given."""
    if not values:
        return None
    if set(values) == {settings.LANGUAGE_CODE}:
        return values[settings.LANGUAGE_CODE]
    return {code: values[code] for code in site_language_codes() if code in values}
