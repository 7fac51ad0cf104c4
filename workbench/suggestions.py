"""Suggested passages: for each element without verbatim wording, the passages of the document
that best match its current wording, best first, with their pages.

**The score is a count a reader can check**: "the passage shares 9 of the element's 11 words".
Words are content words (stop words out, at least three letters, accents and case ignored) cut
to their first six letters, so "capacitar" meets "capacitación". A passage is offered only if
it shares at least MIN_SHARE of the element's words, and at least MIN_SHARED of them: on a
document that does not contain the plan, nothing is. The threshold was calibrated on real
documents (bench/documents.py --real; docs/workbench.md): Mexico's elements against two Spanish
LaTeX and Debian manuals unrelated to the plan (the best any element reached there was under
MIN_SHARE) and, for the true passages, against the WIIS policy brief whose quotations of the
plan they are. (The earlier score, rapidfuzz's token_set_ratio, gave 50–84% to passages of a
LaTeX manual: a short wording's few words are found almost anywhere in some order.)

A page's text is cut into paragraphs (at blank lines and after headings), then into passages at
sentence ends and at colons (so "Indicador: Porcentaje…" offers "Porcentaje…"), each normalised
as the server's check normalises, so an accepted suggestion always passes that check. An element
is matched by its wording in the plan's language where known (the document's language), else by
its English wording.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from documents.extraction import normalise

SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=[¿¡\"“(A-ZÁÉÍÓÚÑÜ0-9•–-])")
MIN_WORDS = 4
# A passage is offered if it shares at least this share of the element's content words, and at
# least MIN_SHARED of them (calibrated: see above).
MIN_SHARE = 0.6
MIN_SHARED = 3
STEM = 6
MIN_WORD_CHARS = 3
WORD = re.compile(r"[a-z0-9]+")
STOP_WORDS = frozenset(
    # Spanish
    "las los del una uno unos unas por para con sin sus que como mas mayor entre sobre este esta "
    "estos estas ese esa eso ello ella ellas ellos cual cuales donde cuando todo toda todos todas "
    "otro otra otros otras tambien muy han hay ser son sea fue fueron esta estan desde hasta "
    "segun ante bajo cada mediante durante asi"
    # English
    " the and for with from that this these those into onto over under its their them they "
    "are was were been being has have had not but all any each more most other such than then "
    "there which who whom whose what when where while will would shall should can could may "
    "might must also only very through within without".split()
)


@dataclass(frozen=True)
class Suggestion:
    page_id: int
    locator: str
    text: str
    shared: int  # how many of the element's content words the passage has
    of: int  # how many content words the element's wording has

    @property
    def score(self) -> float:
        return round(100 * self.shared / self.of, 1)


HEADING_CHARS = 45


def paragraphs(text: str) -> list[str]:
    """The page's lines joined into paragraphs: a blank line, or a short line with no closing
    punctuation before a capital (a heading), ends one."""
    found, current = [], []
    lines = text.splitlines()
    for position, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            if current:
                found.append("\n".join(current))
                current = []
            continue
        current.append(line)
        following = lines[position + 1].strip() if position + 1 < len(lines) else ""
        is_heading = (
            len(stripped) <= HEADING_CHARS
            and stripped[-1] not in ".,;:-\u2010"
            and following[:1].isupper()
        )
        if is_heading:
            found.append("\n".join(current))
            current = []
    if current:
        found.append("\n".join(current))
    return found


def passages(pages) -> list[tuple[int, str, str]]:
    """(page id, locator, passage) for every passage of every page."""
    found = []
    for page in pages:
        for part in (
            sentence
            for paragraph in paragraphs(page.checked_text)
            for sentence in SENTENCE_END.split(normalise(paragraph))
        ):
            part = part.strip(" •–-")
            if len(part.split()) >= MIN_WORDS:
                found.append((page.pk, page.locator, part))
    return found


def stems(text: str) -> list[str]:
    """The text's content words, as compared: lower case, accents off, stop words out, each cut
    to its first STEM letters ("capacitación" and "capacitar" are both "capaci")."""
    bare = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(ch for ch in bare if not unicodedata.combining(ch))
    return [
        word[:STEM]
        for word in WORD.findall(bare)
        if len(word) >= MIN_WORD_CHARS and word not in STOP_WORDS
    ]


def suggest(wording: str, candidates: list[tuple[int, str, str]], *, limit: int = 3):
    """The best `limit` passages for `wording` that share at least MIN_SHARE of its content
    words (and MIN_SHARED of them), best first: the most of the element's words, then the
    passage closest to the wording in length and order."""
    wanted = set(stems(wording))
    if len(wanted) < MIN_SHARED or not candidates:
        return []
    found = []
    for index, (_page, _locator, text) in enumerate(candidates):
        shared = len(wanted & set(stems(text)))
        if shared >= MIN_SHARED and shared / len(wanted) >= MIN_SHARE:
            found.append((shared, index))
    processed = utils.default_process(wording)
    ranked = sorted(
        found,
        key=lambda hit: (
            hit[0],
            fuzz.ratio(processed, utils.default_process(candidates[hit[1]][2])),
        ),
        reverse=True,
    )
    result = []
    for shared, index in ranked[:limit]:
        page_id, locator, text = candidates[index]
        result.append(Suggestion(page_id, locator, text, shared, len(wanted)))
    return result
