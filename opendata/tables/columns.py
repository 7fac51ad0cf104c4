"""Columns and foreign keys that many tables share."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings

from plans.models import Confidence, EnglishBy, TranslationStatus

from .core import Column, ForeignKey, Scope


def choices(text_choices) -> tuple[str, ...]:
    return tuple(str(value) for value in text_choices.values)


def joined(*paths: str, sep: str = "/") -> Callable[[dict, Scope], str]:
    return lambda row, scope: sep.join(str(row[path]) for path in paths)


def plan_id(path: str = "plan__slug") -> Column:
    return Column("plan_id", "string", "The plan (plans.id).", path=path, required=True)


def element_id(prefix: str = "") -> Column:
    return Column(
        "id",
        "string",
        "<plan>/<code>: the element's code is unique within its plan.",
        value=joined(f"{prefix}plan__slug", f"{prefix}code"),
        needs=(f"{prefix}plan__slug", f"{prefix}code"),
        required=True,
    )


def provenance() -> tuple[Column, ...]:
    return (
        Column("source_id", "string", "Where the wording comes from (sources.id).", "source__key"),
        Column("locator", "string", "Page, section or note in that source.", "source_locator"),
        Column(
            "confidence",
            "string",
            "verbatim: read in the plan; quoted: a source quotes the plan; described: a source "
            "describes it; inferred: napwatch's reconstruction.",
            enum=choices(Confidence),
            required=True,
        ),
        Column("provenance_note", "string", "Caveats about the provenance."),
    )


def translated(name: str, description: str) -> tuple[Column, ...]:
    return tuple(
        Column(f"{name}_{code}", "string", f"{description} ({label}).")
        for code, label in settings.LANGUAGES
    )


def translation_state() -> tuple[Column, ...]:
    return (
        Column(
            "text_language",
            "string",
            "The language napwatch's editors wrote the text in; the others are translations.",
            enum=tuple(code for code, _label in settings.LANGUAGES),
        ),
        Column(
            "translation_status",
            "string",
            "Whether napwatch's editors have translated the text into the other languages.",
            enum=(TranslationStatus.TRANSLATED.value, TranslationStatus.NEEDS_TRANSLATION.value),
        ),
    )


def wording() -> tuple[Column, ...]:
    return (
        Column("wording_en", "string", "The wording in English."),
        Column("wording_en_by", "string", "Who made the English wording.", enum=choices(EnglishBy)),
        Column("wording_original", "string", "The wording in the plan's own language."),
        Column(
            "wording_original_source_id",
            "string",
            "The source of the original wording, when it is not the element's (sources.id).",
            "wording_original_source__key",
        ),
        Column("wording_original_locator", "string", "Where in that source."),
        Column(
            "wording_original_confidence",
            "string",
            "How sure we are of the original wording, when its source is given.",
            enum=choices(Confidence),
        ),
        Column("note", "string", "Editors' note about the element."),
    )


def position() -> Column:
    return Column("position", "integer", "Its place among its siblings, from 1.", "order")


def element_url(pillar_path: str) -> Column:
    return Column(
        "url",
        "string",
        "The element on napwatch's pillar page.",
        value=lambda row, scope: scope.page(row["plan__slug"], row[pillar_path], row["code"]),
        needs=("plan__slug", pillar_path, "code"),
    )


SOURCE_FK = ForeignKey(("source_id",), "sources")
ORIGINAL_SOURCE_FK = ForeignKey(("wording_original_source_id",), "sources")
PLAN_FK = ForeignKey(("plan_id",), "plans")
