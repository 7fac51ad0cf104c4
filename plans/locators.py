"""A locator (where in a source a wording or quotation stands) in the reader's language.

Locators are napwatch's own words around the source's own headings: "Participation section
(indicator)", "Opening section, paragraphs 1 and 3", "Recommendations, 2". A reader of another
language sees our words translated (the phrases below are in the interface's catalogue) and the
source's heading as the source gives it, in quotation marks: «Participation», a heading in the
brief's English, is where to look in the brief, not a name to translate.

The other sources' locators are short descriptions in napwatch's words ("Table of contents,
section I.2, area A", "pillar 3, objective", "news release", "p. 50, as quoted"): each part
between commas is one of the phrases or numbered parts below (`PIECES`, `WORDS`), and a
locator is translated when all its parts are known; a glossary's entry keeps its own word
(entry «verifiability»). A locator none of these covers is shown as written; the fixtures'
every locator is covered (tests/i18n/test_locators.py).
"""

from __future__ import annotations

import datetime
import re

from django.utils.formats import date_format
from django.utils.translation import pgettext

from plans.models import reader_language

SECTION = re.compile(r"^(?P<heading>.+?) section(?P<rest>.*)$")
PARAGRAPHS = re.compile(r"^, paragraph(?P<plural>s?) (?P<which>[\d\-– and]+)$")
NUMBERED = re.compile(r"^(?P<heading>[A-Z][\w ]+), (?P<number>\d+)$")
NOTE = re.compile(r"^ \(sentence after note (?P<note>\d+)\)$")
BEFORE = re.compile(r"^ \(before '(?P<heading>[^']+)'\)$")
NUMBERED_PIECES = {
    re.compile(r"^(?:p|pp)\. (?P<n>[\w\-–]+)$"): lambda: pgettext("locator", "p. %(n)s"),
    re.compile(r"^page (?P<n>\w+)$"): lambda: pgettext("locator", "page %(n)s"),
    re.compile(r"^section (?P<n>[\w.]+)$"): lambda: pgettext("locator", "section %(n)s"),
    re.compile(r"^area (?P<n>\w+)$"): lambda: pgettext("locator", "area %(n)s"),
    re.compile(r"^pillar (?P<n>\d+)$"): lambda: pgettext("locator", "pillar %(n)s"),
    re.compile(r"^objective (?P<n>\d+)$"): lambda: pgettext("locator", "objective %(n)s"),
    re.compile(r"^sub-indicator (?P<n>\d+)$"): lambda: pgettext("locator", "sub-indicator %(n)s"),
    re.compile(r"^analysis of (?P<n>\d+) NAPs$"): lambda: pgettext(
        "locator", "analysis of %(n)s NAPs"
    ),
    re.compile(r"^(?P<n>Beijing\+\d+) national report \((?P<year>\d{4})\)$"): lambda: pgettext(
        "locator", "%(n)s national report (%(year)s)"
    ),
}
MONTHS = (
    "January February March April May June July August September October November December".split()
)
MONTH_YEAR = re.compile(r"^(?P<month>" + "|".join(MONTHS) + r") (?P<year>\d{4})$")
GLOSSARY_ENTRIES = {"verifiability", "potential for results"}  # OGP's glossary headwords


def _words() -> dict[str, str]:
    """napwatch's words for a part of a source other than the brief, in the reader's language."""
    return {
        "table of contents": pgettext("locator", "table of contents"),
        "credits": pgettext("locator", "credits"),
        "objective": pgettext("locator", "objective"),
        "as quoted": pgettext("locator", "as quoted"),
        "the plan's text as quoted": pgettext("locator", "the plan's text as quoted"),
        "budget": pgettext("locator", "budget"),
        "civil society": pgettext("locator", "civil society"),
        "news release": pgettext("locator", "news release"),
        "e-news article": pgettext("locator", "e-news article"),
        "addendum": pgettext("locator", "addendum"),
        "planned membership": pgettext("locator", "planned membership"),
        "training of the armed forces": pgettext("locator", "training of the armed forces"),
        "SSPC's statement": pgettext("locator", "SSPC's statement"),
    }


def _piece(text: str, words: dict[str, str]) -> str | None:
    """One part (between commas) of a locator in the reader's language; None if not known."""
    if text in words:
        return words[text]
    if (lowered := text[:1].lower() + text[1:]) in words:  # first in the locator: "Credits"
        translated = words[lowered]
        return translated[:1].upper() + translated[1:]
    if text in GLOSSARY_ENTRIES:
        return pgettext("locator", "entry “%(word)s”") % {"word": text}
    if match := MONTH_YEAR.match(text):  # "September 2019": the locale's own month and year
        month = datetime.date(int(match["year"]), MONTHS.index(match["month"]) + 1, 1)
        return date_format(month, "YEAR_MONTH_FORMAT")
    for pattern, phrase in NUMBERED_PIECES.items():
        if match := pattern.match(text):
            return phrase() % match.groupdict()
    return None


def _qualifier(rest: str) -> str | None:
    """What follows "X section", in the reader's language; None if it is not a known phrase."""
    if not rest:
        return ""
    phrases = {
        " (indicator)": pgettext("locator", "indicator"),
        " (indicators)": pgettext("locator", "indicators"),
        " (first argument)": pgettext("locator", "first argument"),
        " (second argument)": pgettext("locator", "second argument"),
        " (third argument)": pgettext("locator", "third argument"),
        " (on the 2020 civil society report)": pgettext(
            "locator", "on the 2020 civil society report"
        ),
    }
    if rest in phrases:
        return " (" + phrases[rest] + ")"
    if match := PARAGRAPHS.match(rest):
        which = match["which"].replace(" and ", " " + pgettext("locator", "and") + " ")
        if match["plural"]:
            return ", " + pgettext("locator", "paragraphs %(which)s") % {"which": which}
        return ", " + pgettext("locator", "paragraph %(which)s") % {"which": which}
    if match := NOTE.match(rest):
        return " ({})".format(
            pgettext("locator", "sentence after note %(note)s") % match.groupdict()
        )
    if match := BEFORE.match(rest):
        before = pgettext("locator", "before “%(heading)s”") % {"heading": match["heading"]}
        return f" ({before})"
    return None


def _part(text: str) -> str:
    if match := SECTION.match(text):
        rest = _qualifier(match["rest"])
        if rest is not None:
            heading = match["heading"].strip("'")
            if heading == "Opening":  # our name for the brief's untitled opening pages
                return pgettext("locator", "opening section") + rest
            return pgettext("locator", "section “%(heading)s”") % {"heading": heading} + rest
    if match := NUMBERED.match(text):
        return pgettext("locator", "section “%(heading)s”, %(number)s") % match.groupdict()
    if text.startswith("'") and text.endswith("'"):
        return "“{}”".format(text.strip("'"))
    words = _words()
    pieces = [_piece(piece, words) for piece in text.split(", ")]
    if all(piece is not None for piece in pieces):
        return ", ".join(pieces)
    return text


def locator_text(text: str) -> str:
    """`text` in the reader's language (English as written)."""
    if not text or reader_language() == "en":
        return text
    return "; ".join(_part(part) for part in text.split("; "))
