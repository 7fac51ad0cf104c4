"""Rules that keep every judgement as strong as its evidence (docs/plan-format.md, "Rules on
evidence"), checked with the file, before anything is written:

- an assessment answered other than `not-known` (in review or published: a draft is work in
  progress, a withdrawn one is kept as it was) cites at least one source with a quote and a
  locator;
- an answer of `no` cites a quote that states the absence (a source saying the plan has no
  budget), never the silence of the sources, which is `not-known`;
- a URL that a note, summary, rationale, guidance or context mentions is the `url` of a listed
  source, so that every claim's source has a key;
- (rubric files) a criterion's `framework` names sources of the file, the first its `source`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.conf import settings

from planfiles.problems import PathParts

NOT_KNOWN = "not-known"

# Words by which a quotation states that something is absent, in the languages of the sources.
ABSENCE = re.compile(
    r"\b(no|not|none|nor|neither|never|nothing|without|lacks?|lacking|absent|absence|missing|"
    r"excludes?|excluded|n['’]t|sin|ni|ningún|ninguna|ninguno|nunca|nada|carece|excluye)\b",
    re.IGNORECASE,
)

CHECKED_STATUSES = ("in-review", "published")
# The texts that state where a claim comes from (a critique's body may link as Markdown does).
SOURCE_TEXTS = {"note", "rationale", "summary", "guidance", "context"}
URL = re.compile(r"https?://[^\s<>\"'()\[\]]+", re.IGNORECASE)


def states_absence(quote: str) -> bool:
    return bool(ABSENCE.search(quote))


def check_evidence(assessments) -> Iterator[tuple[PathParts, str]]:
    """An answer other than not-known rests on a quoted, located source; a 'no' on a quote
    that states the absence."""
    for index, assessment in enumerate(assessments):
        if assessment.level == NOT_KNOWN or assessment.status not in CHECKED_STATUSES:
            continue
        where = ("assessments", index)
        named = f"assessment of {assessment.criterion!r} ({assessment.level!r})"
        quoted = [
            evidence
            for evidence in assessment.evidence
            if evidence.source and evidence.quote and evidence.locator
        ]
        if not quoted:
            yield (
                (*where, "evidence"),
                f"{named}: an answer other than 'not-known' cites at least one source with a "
                "'quote' and a 'locator' ({source: …, locator: …, quote: …}); none of its "
                "evidence does. If no source says it, answer 'not-known'",
            )
        elif assessment.level == "no" and not any(states_absence(e.quote) for e in quoted):
            yield (
                (*where, "evidence"),
                f"{named}: an answer of 'no' cites a source that states the absence (such as "
                '"the NAP does not include an allocated budget"); none of its quotes says '
                "that something is not there. The silence of the sources is 'not-known', never "
                "'no'",
            )


def normal_url(url: str) -> str:
    url = url.rstrip(".,;:!?").lower()
    url = re.sub(r"^https?://(www\.)?", "", url)
    return url.rstrip("/")


def urls_in(value, where: PathParts) -> Iterator[tuple[PathParts, str]]:
    """(path, url) for every URL in the source-naming texts of a document (as pydantic dumps
    it): notes, summaries, rationales, guidance and context, in any language."""
    if isinstance(value, str):
        if not SOURCE_TEXTS & {part for part in where if isinstance(part, str)}:
            return
        for match in URL.finditer(value):
            yield where, match.group(0).rstrip(".,;:!?")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from urls_in(item, (*where, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from urls_in(item, (*where, index))


def check_urls(document: dict, sources) -> Iterator[tuple[PathParts, str]]:
    """Every URL a text mentions is a listed source's `url`, so that the claim can name it by
    key. A source's own `url` and `note` (which may give another copy of the same document) are
    the source itself."""
    known = {normal_url(source.url) for source in sources if source.url}
    for key, value in document.items():
        if key == "sources":
            continue
        for where, url in urls_in(value, (key,)):
            if normal_url(url) not in known:
                yield (
                    where,
                    f"mentions {url} , which is not the url of any of the file's sources: add "
                    "it to 'sources' with a key, and name that key here instead",
                )


def framework_names(part: str, source) -> bool:
    """Whether a part of a criterion's `framework` names `source`: its publisher, an acronym of
    the publisher (its capitalised words, a bracketed acronym, or its initials), or the family
    name of an author."""
    names = set()
    publisher = source.publisher or ""
    if publisher:
        names.add(publisher)
        names.update(re.findall(r"\b[A-Z]{2,}\b", publisher))
        capitals = [word[0] for word in re.findall(r"\b[A-Z][a-z]+\b", publisher)]
        if len(capitals) >= 2:
            names.add("".join(capitals))
    names.update(author.split()[-1] for author in source.authors if author.split())
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", part) for name in names)


def framework_parts(framework: str) -> list[str]:
    """The frameworks a criterion names, separated by ';' outside brackets."""
    parts, depth, current = [], 0, ""
    for char in framework:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [part.strip() for part in [*parts, current] if part.strip()]


def check_frameworks(rubric_file) -> Iterator[tuple[PathParts, str]]:
    """Each part of a criterion's `framework` (parts separated by ';') names one of the file's
    sources, and the first names the criterion's own `source`. The English is checked: the other
    languages translate it, and may name a framework as their readers know it ("ONU Mujeres")."""
    sources = {source.key: source for source in rubric_file.sources}
    for index, criterion in enumerate(rubric_file.rubric.criteria):
        where = ("rubric", "criteria", index, "framework")
        if criterion.source is None:
            yield (
                (*where[:-1], "source"),
                f"criterion {criterion.key!r}: give the framework's source ('source', a key of "
                "this file's sources)",
            )
            continue
        own = sources.get(criterion.source)
        if own is None:
            continue  # an unknown source: reported as such
        text = (criterion.framework or {}).get(settings.LANGUAGE_CODE) or ""
        parts = framework_parts(text)
        if not parts or not framework_names(parts[0], own):
            yield (
                where,
                f"criterion {criterion.key!r}: the framework {text!r} does not name its "
                f"source {own.key!r} ({own.publisher or own.english_title}); a criterion's "
                "framework is the framework of the source it cites",
            )
        for part in parts[1:]:
            if not any(framework_names(part, source) for source in sources.values()):
                yield (
                    where,
                    f"criterion {criterion.key!r}: {part!r} names none of the file's sources; "
                    "add the framework's source to 'sources'",
                )
