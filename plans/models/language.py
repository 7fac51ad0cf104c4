"""Languages: napwatch's own texts in every site language, and who made each version.

Two kinds of text live side by side, and are kept apart on purpose:

- **A plan's wording** (objectives, lines of action, indicators) exists in the plan's own
  language (`wording_original`) and in English (`wording_en`). Each has its provenance: the
  original's is the element's own, or `wording_original_source` when another source gives it;
  `wording_en_by` says who made the English (`EnglishBy`).
- **napwatch's texts** (critiques, recommendations, section titles and summaries, pillar and plan
  summaries) are written by its editors in one language (`text_language`) and translated into the
  others. django-modeltranslation gives each translated field a column per language of
  `settings.LANGUAGES` (`title_en`, `title_es`, …; `plans/translation.py`,
  `critiques/translation.py`); reading `critique.title` gives the reader's language, or the
  original where no translation exists yet. `Translated` records the status of the translations
  and tells a template whether what it shows is in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname


def reader_language() -> str:
    """The active language, as one of settings.LANGUAGES ("es-mx" → "es"); default English."""
    codes = [code for code, _name in settings.LANGUAGES]
    language = (get_language() or settings.LANGUAGE_CODE).lower()
    if language in codes:
        return language
    base = language.split("-")[0]
    return base if base in codes else settings.LANGUAGE_CODE


def language_name(code: str) -> str:
    """The language's own name ("Español"), for labels; the code itself for an unknown one."""
    names = dict(settings.LANGUAGES)
    return names.get(code) or names.get(code.split("-")[0]) or code


class EnglishBy(models.TextChoices):
    """Who made an element's English wording."""

    PLAN = "plan", _("The plan's official English version")
    SOURCE = "source", _("The source, in English")
    NAPWATCH = "napwatch", _("napwatch editors")


class TranslationStatus(models.TextChoices):
    """The state of one language of a napwatch text."""

    ORIGINAL = "original", _("Original")
    TRANSLATED = "translated", _("Translated by napwatch editors")
    NEEDS_TRANSLATION = "needs-translation", _("Needs translation")


TRANSLATION_STATES = [
    (status.value, status.label)
    for status in (TranslationStatus.TRANSLATED, TranslationStatus.NEEDS_TRANSLATION)
]


# napwatch's notes and renderings, translated per language but each with its own status: a note
# has a translation in the reader's language or is shown in English, marked (`napwatch_note`).
NOTE_FIELDS = frozenset({"provenance_note", "note", "name_rendered"})


class Translated(models.Model):
    """A napwatch text written in `text_language` and translated into the site's other languages.

    `translation_status` says whether the translations are done (by napwatch editors) or still
    needed; a language whose fields are empty needs translation whatever it says."""

    text_language = models.CharField(
        "written in",
        max_length=12,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text="The language napwatch's editors wrote this text in; the others are translations.",
    )
    translation_status = models.CharField(
        "translations",
        max_length=20,
        choices=TRANSLATION_STATES,
        default=TranslationStatus.NEEDS_TRANSLATION,
        help_text="Translated by napwatch editors, or still needed (then readers see the original).",
    )

    class Meta:
        abstract = True

    @classmethod
    def translated_field_names(cls) -> tuple[str, ...]:
        """The fields with a column per language (as registered with modeltranslation)."""
        from modeltranslation.translator import NotRegistered, translator

        try:
            return tuple(translator.get_options_for_model(cls).all_fields)
        except NotRegistered:
            return ()

    @classmethod
    def shown_field_names(cls) -> tuple[str, ...]:
        """The translated fields a person writes (not the HTML rendered from them), whose
        translations `translation_status` speaks for. Notes (NOTE_FIELDS) are left out: each
        says for itself whether it is translated (`napwatch_note`)."""
        return tuple(
            name
            for name in cls.translated_field_names()
            if not name.endswith("_html") and name not in NOTE_FIELDS
        )

    def text_in(self, name: str, language: str) -> str:
        return getattr(self, build_localized_fieldname(name, language), None) or ""

    def missing_in(self, language: str) -> list[str]:
        """Fields that have text in the original language but none in `language`."""
        return [
            name
            for name in self.shown_field_names()
            if self.text_in(name, self.text_language) and not self.text_in(name, language)
        ]

    def status_in(self, language: str) -> str:
        """original, translated (by napwatch editors) or needs-translation, for one language."""
        if language == self.text_language:
            return TranslationStatus.ORIGINAL
        if self.translation_status == TranslationStatus.TRANSLATED and not self.missing_in(
            language
        ):
            return TranslationStatus.TRANSLATED
        return TranslationStatus.NEEDS_TRANSLATION

    @property
    def reader_status(self) -> str:
        return self.status_in(reader_language())

    @property
    def is_in_reader_language(self) -> bool:
        """False when the reader sees (some of) the original instead of a translation."""
        return self.reader_status != TranslationStatus.NEEDS_TRANSLATION

    @property
    def shown_language(self) -> str:
        """The language of what `self.<field>` gives the reader."""
        language = reader_language()
        return language if self.is_in_reader_language else self.text_language

    @property
    def shown_language_name(self) -> str:
        return language_name(self.shown_language)

    def language_of(self, name: str) -> str:
        """The language of the text `self.<name>` gives the reader (fallbacks differ by field)."""
        language = reader_language()
        return language if self.text_in(name, language) else self.text_language

    def clean(self) -> None:
        super().clean()
        if self.translation_status != TranslationStatus.TRANSLATED:
            return
        missing = {
            language: self.missing_in(language)
            for language, _name in settings.LANGUAGES
            if language != self.text_language
        }
        problems = [
            f"{language_name(language)}: {', '.join(names)}"
            for language, names in missing.items()
            if names
        ]
        if problems:
            raise ValidationError(
                {
                    "translation_status": "Marked translated, but these fields have no translation "
                    f"yet ({'; '.join(problems)}). Translate them or mark it as needing translation."
                }
            )


def site_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def render_per_language(obj: models.Model, source: str, target: str, render) -> list[str]:
    """Sets `<target>_<lang>` to render(`<source>_<lang>`) for every language; returns the
    names set. (Markdown bodies are rendered on save, one HTML column per language.)"""
    names = []
    for language in site_languages():
        text = getattr(obj, build_localized_fieldname(source, language), None) or ""
        name = build_localized_fieldname(target, language)
        setattr(obj, name, render(text) if text else "")
        names.append(name)
    return names


@dataclass(frozen=True)
class ShownText:
    """A napwatch note as a reader sees it: its text, the language of that text, and its
    translation status (original, translated by napwatch editors, or not yet translated)."""

    text: str
    language: str
    status: str

    @property
    def is_translated(self) -> bool:
        return self.status == TranslationStatus.TRANSLATED

    @property
    def needs_translation(self) -> bool:
        return self.status == TranslationStatus.NEEDS_TRANSLATION

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def napwatch_note(obj: models.Model, name: str) -> ShownText:
    """napwatch's note `obj.<name>` (a provenance note, a source's note or [bracketed] title),
    written in English and translated per language (`<name>_es`, …): the reader's language where
    napwatch editors translated it, else the English, marked as not yet translated."""
    written = settings.LANGUAGE_CODE
    language = reader_language()
    own = getattr(obj, build_localized_fieldname(name, written), None) or ""
    if language == written:
        return ShownText(own, written, TranslationStatus.ORIGINAL)
    translated = getattr(obj, build_localized_fieldname(name, language), None) or ""
    if translated:
        return ShownText(translated, language, TranslationStatus.TRANSLATED)
    return ShownText(own, written, TranslationStatus.NEEDS_TRANSLATION)
