"""A locator (where in a source a wording or quotation stands) in the reader's language.

Locators are napwatch's own words around the source's own headings: "Participation section
(indicator)", "Opening section, paragraphs 1 and 3", "Recommendations, 2". A reader of another
language sees our words translated (the phrases below are in the interface's catalogue) and the
source's heading as the source gives it, in quotation marks: «Participation», a heading in the
brief's English, is where to look in the brief, not a name to translate. A locator these
phrases do not cover is shown as written.
"""

from __future__ import annotations

import re

from django.utils.translation import pgettext

from plans.models import reader_language

SECTION = re.compile(r"^(?P<heading>.+?) section(?P<rest>.*)$")
PARAGRAPHS = re.compile(r"^, paragraph(?P<plural>s?) (?P<which>[\d\-– and]+)$")
NUMBERED = re.compile(r"^(?P<heading>[A-Z][\w ]+), (?P<number>\d+)$")
NOTE = re.compile(r"^ \(sentence after note (?P<note>\d+)\)$")
BEFORE = re.compile(r"^ \(before '(?P<heading>[^']+)'\)$")


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
    return text


def locator_text(text: str) -> str:
    """`text` in the reader's language (English as written)."""
    if not text or reader_language() == "en":
        return text
    return "; ".join(_part(part) for part in text.split("; "))
