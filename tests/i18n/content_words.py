"""English content words that a Spanish page must not show (issue 22), and where to look.

Interface English is caught by tests/i18n/test_spanish_pages.py through the catalogue; the
plan's content is not in the catalogue, so this list names it: the English names of Mexico's
pillars and agencies (read from the database), the regions' English names (`Region`), the unit
"count" (as a unit: "Unidad: count", or a table cell of its own; the English verb in an
untranslated rationale is that text's, not a name) and "Mexico". Text a page marks as English
(`lang="en"`: the source's English wording of an element, a quotation) and words inside
quotation marks are the sources' own and may stay.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tests.i18n.texts import VOID, normal

QUOTED = re.compile(r"“[^”]*”|«[^»]*»|\"[^\"]*\"|‘[^’]*’")


def english_content_words(plan) -> re.Pattern:
    from plans.models import Region

    words = {"Unidad: count", "UNIDAD: COUNT", "Mexico"} | set(Region.values)
    words |= {name for name in plan.pillars.values_list("name_en", flat=True) if name}
    for agency in plan.plan_agencies.select_related("agency"):
        if agency.agency.name_en and agency.agency.name_en != agency.agency.name_original:
            words.add(agency.agency.name_en)
    # "Mexico" the country, not "Mexico's" inside an English title or wording
    alternatives = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"^count$|\b(?:" + "|".join(alternatives) + r")\b(?!['’]s)")


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


def english_content_in(texts, pattern: re.Pattern) -> list[str]:
    """The texts that show a listed English word outside quotation marks."""
    return [text for text in texts if pattern.search(QUOTED.sub("", text).strip())]
