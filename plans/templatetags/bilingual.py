"""Template helpers for showing a plan's wording and napwatch's texts in two languages.

They only arrange what the models already hold (plans/models/language.py): which language leads,
and, for each side of an element's wording, its text, language and who it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils.translation import get_language_info, pgettext_lazy

from plans.models import EnglishBy, ShownText, Translated, napwatch_note, reader_language

register = template.Library()

LEADS = ("original", "en")  # ?lead= on a page: which side of every wording comes first

# A language's name inside a sentence ("No Spanish wording known", "No se conoce la redacción en
# español"): Django's own names are capitalised for lists ("Español"), which Spanish writes
# lower case mid-sentence.
_IN_SENTENCE = {
    "en": pgettext_lazy("language name inside a sentence", "English"),
    "es": pgettext_lazy("language name inside a sentence", "Spanish"),
    "fr": pgettext_lazy("language name inside a sentence", "French"),
    "pt": pgettext_lazy("language name inside a sentence", "Portuguese"),
}


@dataclass(frozen=True)
class WordingSide:
    """One language of an element's wording: `kind` is "original" (the plan's language) or "en"."""

    kind: str
    language: str
    text: str
    element: object

    @property
    def language_label(self) -> str:
        """The language's name in the reader's language ("Spanish", "español")."""
        try:
            return get_language_info(self.language)["name_translated"]
        except KeyError:
            return self.language

    @property
    def language_in_sentence(self) -> str:
        return language_in_sentence(self.language)

    @property
    def original(self):
        return self.element.original_wording

    @property
    def english_by(self) -> str:
        return self.element.wording_en_by

    @property
    def is_translation(self) -> bool:
        """English that napwatch translated from the wording in the plan's language beside it."""
        return (
            self.kind == "en"
            and self.english_by == EnglishBy.NAPWATCH
            and bool(self.element.wording_original)
        )


def _plan_language(plan) -> str:
    return (getattr(plan, "language", "") or "en").split("-")[0].lower()


@register.simple_tag(takes_context=True)
def wording_lead(context, plan) -> str:
    """Which side leads: `?lead=original|en` when the reader chose, else the reader's language
    (the plan's own wording for a reader of its language, the English for everyone else)."""
    request = context.get("request")
    chosen = request.GET.get("lead") if request is not None else None
    if chosen in LEADS:
        return chosen
    return "original" if reader_language() == _plan_language(plan) else "en"


@register.simple_tag(takes_context=True)
def wording_sides(context, element, plan) -> list[WordingSide]:
    """The element's wording in the plan's language and in English, the leading one first.
    A plan written in English has one side: its own wording."""
    language = _plan_language(plan)
    if language == "en":
        text = element.wording_original or element.wording_en
        return [WordingSide("original", "en", text, element)]
    sides = [
        WordingSide("original", language, element.wording_original, element),
        WordingSide("en", "en", element.wording_en, element),
    ]
    if wording_lead(context, plan) == "en":
        sides.reverse()
    return sides


@register.filter
def lang_of(obj: Translated, name: str) -> str:
    """The language of the text `obj.<name>` gives the reader (for a `lang` attribute)."""
    return obj.language_of(name)


@register.filter(name="napwatch_note")
def napwatch_note_filter(obj, name: str) -> ShownText:
    """napwatch's note `obj.<name>` in the reader's language where translated, else in English:
    `.text`, `.language` (for a `lang` attribute) and `.needs_translation` / `.is_translated`."""
    return napwatch_note(obj, name)


@register.filter
def language_in_sentence(code: str) -> str:
    """The language's name as written inside a sentence of the reader's language."""
    base = (code or "").split("-")[0].lower()
    return _IN_SENTENCE[base] if base in _IN_SENTENCE else language_label(base)


@register.filter
def language_label(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


@register.simple_tag(takes_context=True)
def lead_wording(context, element, plan) -> str:
    """The element's wording in the leading language, else in the other (for citations)."""
    sides = wording_sides(context, element, plan)
    return next((side.text for side in sides if side.text), "")
