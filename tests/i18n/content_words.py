"""English content words that a Spanish page must not show (issue 22), and where to look.

Interface English is caught by tests/i18n/test_spanish_pages.py through the catalogue; the
plan's content is not in the catalogue, so this list names it: the English names of Mexico's
pillars and agencies (read from the database), the regions' English names (`Region`), the unit
"count" (as a unit: "Unidad: count", or a table cell of its own; the English verb in an
untranslated rationale is that text's, not a name) and "Mexico". Text a page marks as English
(`lang="en"`: the source's English wording of an element, a quotation) and words inside
quotation marks are the sources' own and may stay.

Locators and citations are napwatch's words too (plans/locators.py): "(n.d.)" for an undated
source, and the English of a locator's parts ("pillar 3, objective", "Table of contents, section
I.2, area A", "news release", "as quoted") must not show on a Spanish page (`LOCATOR_WORDS`).

napwatch's own notes are content too (`english_notes`): a provenance note, an element's or a
source's note, a source's [bracketed] title. One with a Spanish translation must not show in
English on a Spanish page at all, marked or not; one without must be marked (lang="en", beside
"(nota en inglés, aún sin traducir)"), never unmarked.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.db.models import Q

from tests.i18n.texts import VOID, normal

# Raw patterns: "(n.d.)" ends in a non-word character, so it is not one of the \b…\b words.
LOCATOR_WORDS = (
    r"\(n\.d\.\)",
    r"\bn\.d\.,",
    r"\bpillar \d+",
    r"\bpillar \d+, objective\b",
    r"\bobjective \d+",
    r"\b[Tt]able of contents\b",
    r"\bas quoted\b",
    r"\bnews release\b",
    r"\bplanned membership\b",
    r"\bnational report \(",
    # the rubric's framework descriptions, napwatch's words around the frameworks' names
    r"\bsub-indicator \d+",
    r"\bresearch notes\b",
    r"\bUN Women review\b",
    r"\bIndependent Reporting Mechanism\b",
)
QUOTED = re.compile(r"“[^”]*”|«[^»]*»|\"[^\"]*\"|‘[^’]*’")


def english_content_words(plan) -> re.Pattern:
    """Also the English names of the plan's pillars wherever a Spanish one is known: the plan's
    own (`name_original` in a Spanish plan) or napwatch's rendering (`name_rendered_es`). A name
    known only in English may show, marked lang="en"."""
    from plans.models import Region

    words = {"Unidad: count", "UNIDAD: COUNT", "Mexico"} | set(Region.values)
    spanish_plan = plan.language.split("-")[0] == "es"
    for name_en, original, rendered in plan.pillars.values_list(
        "name_en", "name_original", "name_rendered_es"
    ):
        if name_en and ((original and spanish_plan) or rendered):
            words.add(name_en)
    for agency in plan.plan_agencies.select_related("agency"):
        if agency.agency.name_en and agency.agency.name_en != agency.agency.name_original:
            words.add(agency.agency.name_en)
    # "Mexico" the country, not "Mexico's" inside an English title or wording
    alternatives = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(
        r"^count$|\b(?:" + "|".join(alternatives) + r")\b(?!['’]s)|" + "|".join(LOCATOR_WORDS)
    )


class _Unmarked(HTMLParser):
    """The text of a page that is not marked as another language, script or style."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[bool] = []  # whether each open element is skipped
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = (attributes.get("lang") or "").split("-")[0]
        skipped = (self.stack and self.stack[-1]) or tag in {"script", "style", "code"}
        skipped = skipped or bool(lang and lang != self.language)
        if not skipped:
            for name in ("title", "aria-label", "alt", "placeholder"):
                if attributes.get(name):
                    self.texts.append(normal(attributes[name]))
            if tag == "meta" and attributes.get("content"):
                self.texts.append(normal(attributes["content"]))
        if tag not in VOID:
            self.stack.append(bool(skipped))

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]) and data.strip():
            self.texts.append(normal(data))


def unmarked_texts(html: str, language: str = "es") -> list[str]:
    parser = _Unmarked(language)
    parser.feed(html)
    parser.close()
    return parser.texts


def english_notes(plan) -> tuple[set[str], set[str]]:
    """(English notes with a Spanish translation, English notes without one) of `plan`: its
    provenance notes, its elements' notes, its sources' notes and [bracketed] titles."""
    from critiques.models import Recommendation
    from indicators.models import Indicator
    from plans.models import (
        LineOfAction,
        Pillar,
        Plan,
        PlanAgency,
        Responsibility,
        Section,
        Source,
        StrategicObjective,
    )

    rows = [
        (Plan.objects.filter(pk=plan.pk), ("provenance_note",)),
        (Section.objects.filter(plan=plan), ("provenance_note",)),
        (Pillar.objects.filter(plan=plan), ("provenance_note",)),
        (PlanAgency.objects.filter(plan=plan), ("provenance_note",)),
        (Recommendation.objects.filter(plan=plan), ("provenance_note",)),
        (
            Responsibility.objects.filter(
                Q(objective__plan=plan) | Q(line_of_action__plan=plan) | Q(indicator__plan=plan)
            ),
            ("provenance_note",),
        ),
        (Source.objects.filter(plans=plan), ("note", "title")),
        *(
            (model.objects.filter(plan=plan), ("note", "provenance_note"))
            for model in (StrategicObjective, LineOfAction, Indicator)
        ),
    ]
    translated, untranslated = set(), set()
    for queryset, fields in rows:
        for field in fields:
            for english, spanish in queryset.values_list(f"{field}_en", f"{field}_es"):
                if not english or (field == "title" and not english.startswith("[")):
                    continue
                if spanish == english:
                    continue  # a description in Spanish words (a Spanish page's address)
                (translated if spanish else untranslated).add(normal(english))
    return translated, untranslated


HYPHENATED = re.compile(r"(\w)[\u2010\u00ad-] (\w)")


def notes_in(text: str, notes: set[str]) -> list[str]:
    """The notes whose beginning (60 characters) stands in `text` (a page's or a PDF's text;
    a line broken with a hyphen is joined first)."""
    joined = HYPHENATED.sub(r"\1\2", normal(text))
    return sorted(note for note in notes if HYPHENATED.sub(r"\1\2", note)[:60] in joined)


def english_content_in(texts, pattern: re.Pattern) -> list[str]:
    """The texts that show a listed English word outside quotation marks."""
    return [text for text in texts if pattern.search(QUOTED.sub("", text).strip())]
