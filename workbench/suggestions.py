"""Suggested passages: for each element without verbatim wording, the passages of the document
that best match its current wording (rapidfuzz), best first, with their pages.

A page's text is cut into paragraphs (at blank lines and after headings), then into passages at
sentence ends and at colons (so "Indicador: Porcentaje…" offers "Porcentaje…"), each normalised
as the server's check normalises, so an accepted suggestion always passes that check. An element
is matched by its wording in the plan's language where known (the document's language), else by
its English wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from documents.extraction import normalise

SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=[¿¡\"“(A-ZÁÉÍÓÚÑÜ0-9•–-])")
MIN_WORDS = 4
# Below this score (0–100) a passage is not worth showing.
MIN_SCORE = 50


@dataclass(frozen=True)
class Suggestion:
    page_id: int
    locator: str
    text: str
    score: float


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
            for paragraph in paragraphs(page.text)
            for sentence in SENTENCE_END.split(normalise(paragraph))
        ):
            part = part.strip(" •–-")
            if len(part.split()) >= MIN_WORDS:
                found.append((page.pk, page.locator, part))
    return found


def suggest(wording: str, candidates: list[tuple[int, str, str]], *, limit: int = 3):
    """The best `limit` passages for `wording`, best first."""
    if not wording.strip() or not candidates:
        return []
    matches = process.extract(
        wording,
        [text for _page, _label, text in candidates],
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        limit=limit * 4,
    )
    # token_set_ratio gives 100 to any passage containing all the wording's words: break ties
    # by the plain ratio, so the passage closest in length and order wins.
    ranked = sorted(
        matches,
        key=lambda m: (
            m[1],
            fuzz.ratio(utils.default_process(wording), utils.default_process(m[0])),
        ),
        reverse=True,
    )
    result = []
    for text, score, index in ranked:
        if score < MIN_SCORE:
            continue
        page_id, locator, _text = candidates[index]
        result.append(Suggestion(page_id, locator, text, round(score, 1)))
        if len(result) == limit:
            break
    return result
