"""Read a plan file and find everything wrong with it before anything is written.

Every problem names the file, the path inside the document (`plan.pillars[1].objectives[0].code`),
the line where that path starts, and what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from planfiles.fields import LANGUAGE_PATTERN
from planfiles.problems import (
    PathParts,
    PlanFileError,
    Problem,
    format_path,
    nearest_line,
    shown,
)
from planfiles.reading import read_document
from planfiles.rules import check_evidence, check_urls
from planfiles.schema import CritiqueIn, PlanFile, PlanIn
from plans.models import PATTERNS

__all__ = ["ParsedFile", "PathParts", "PlanFileError", "Problem", "parse_plan_file"]


@dataclass(frozen=True)
class ParsedFile:
    """A checked plan file, and the line each path of it starts on (for later problems)."""

    path: Path
    plan_file: PlanFile
    lines: dict[PathParts, int]

    def problem(self, where: PathParts, message: str) -> Problem:
        return Problem(str(self.path), where, message, nearest_line(self.lines, where))


def _hint(message: str) -> str:
    message = message.rstrip(".")
    return message[:1].lower() + message[1:]


# What to tell a person whose value does not match a pattern: the models' own words.
HINTS = {pattern.regex: _hint(pattern.message) for pattern in PATTERNS} | {
    LANGUAGE_PATTERN: "use a BCP 47 language tag such as es or pt-BR"
}


def _pydantic_message(error: dict) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (see docs/plan-format.md for the fields allowed here)"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        return f"{shown(error['input'])} is not allowed here: {HINTS.get(pattern, pattern)}"
    if kind == "string_too_long":
        limit = error["ctx"]["max_length"]
        return f"{len(error['input']):,} characters; at most {limit:,} fit here"
    message = error["msg"]
    if kind == "napwatch":  # our own validators' messages (planfiles/schema.py) are complete
        return message
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    elif "input" in error and kind not in {"model_type", "list_type"}:
        message = f"{message} (got {shown(error['input'])})"
    return message[0].lower() + message[1:]


def parse_plan_file(path: Path) -> ParsedFile:
    """Read and check one file; raise PlanFileError with every problem found."""
    name = str(path)
    document, lines = read_document(path)
    if not isinstance(document, dict):
        raise PlanFileError(
            [
                Problem(
                    name, (), "the document must be a mapping with 'format', 'sources' and 'plan'"
                )
            ]
        )
    try:
        plan_file = PlanFile.model_validate(document)
    except ValidationError as exc:
        problems = [
            Problem(
                name,
                tuple(error["loc"]),
                _pydantic_message(error),
                nearest_line(lines, tuple(error["loc"])),
            )
            for error in exc.errors()
        ]
        raise PlanFileError(problems) from None
    parsed = ParsedFile(path, plan_file, lines)
    problems = [parsed.problem(where, message) for where, message in cross_check(plan_file)]
    if problems:
        raise PlanFileError(problems)
    return parsed


def iter_critiques(plan: PlanIn) -> Iterator[tuple[PathParts, CritiqueIn]]:
    """Every critique in the document with its path."""
    for index, critique in enumerate(plan.critiques):
        yield ("plan", "critiques", index), critique
    for s, section in enumerate(plan.sections):
        for index, critique in enumerate(section.critiques):
            yield ("plan", "sections", s, "critiques", index), critique
    for p, pillar in enumerate(plan.pillars):
        base = ("plan", "pillars", p)
        for index, critique in enumerate(pillar.critiques):
            yield (*base, "critiques", index), critique
        for o, objective in enumerate(pillar.objectives):
            obase = (*base, "objectives", o)
            for index, critique in enumerate(objective.critiques):
                yield (*obase, "critiques", index), critique
            for li, line in enumerate(objective.lines_of_action):
                lbase = (*obase, "lines_of_action", li)
                for index, critique in enumerate(line.critiques):
                    yield (*lbase, "critiques", index), critique
                for i, indicator in enumerate(line.indicators):
                    for index, critique in enumerate(indicator.critiques):
                        yield (*lbase, "indicators", i, "critiques", index), critique


def iter_provenance(plan: PlanIn):
    """(path, provenance) for every element, agency and responsibility."""
    yield ("plan", "provenance"), plan.provenance
    for a, agency in enumerate(plan.agencies):
        yield ("plan", "agencies", a, "provenance"), agency.provenance
    for s, section in enumerate(plan.sections):
        yield ("plan", "sections", s, "provenance"), section.provenance
    for r, recommendation in enumerate(plan.recommendations):
        yield ("plan", "recommendations", r, "provenance"), recommendation.provenance
    for where, element in iter_elements(plan):
        yield (*where, "provenance"), element.provenance
        for a, responsibility in enumerate(getattr(element, "agencies", [])):
            yield (*where, "agencies", a, "provenance"), responsibility.provenance


def iter_elements(plan: PlanIn):
    """(path, element) for pillars, objectives, lines of action and indicators, in order."""
    for p, pillar in enumerate(plan.pillars):
        base = ("plan", "pillars", p)
        yield base, pillar
        for o, objective in enumerate(pillar.objectives):
            obase = (*base, "objectives", o)
            yield obase, objective
            for li, line in enumerate(objective.lines_of_action):
                lbase = (*obase, "lines_of_action", li)
                yield lbase, line
                for i, indicator in enumerate(line.indicators):
                    yield (*lbase, "indicators", i), indicator


def _first_seen(items, what: str, attribute: str, base: PathParts):
    seen: dict[str, PathParts] = {}
    for index, item in enumerate(items):
        value = getattr(item, attribute)
        where = (*base, index)
        if value in seen:
            yield (
                (*where, attribute),
                f"duplicate {what} {value!r} (first used at {format_path(seen[value])})",
            )
        else:
            seen[value] = where


def encoded_counts(plan: PlanIn) -> dict[str, int]:
    """How many of each level the file encodes, by the name `declared` gives the level."""
    objectives = [objective for pillar in plan.pillars for objective in pillar.objectives]
    lines = [line for objective in objectives for line in objective.lines_of_action]
    return {
        "pillars": len(plan.pillars),
        "objectives": len(objectives),
        "lines_of_action": len(lines),
        "indicators": sum(len(line.indicators) for line in lines),
    }


def cross_check(plan_file: PlanFile) -> Iterator[tuple[PathParts, str]]:
    """Checks that span the document: references resolve, identifiers are unique, and no level
    encodes more elements than the plan declares."""
    plan = plan_file.plan
    for level, encoded in encoded_counts(plan).items():
        declared = getattr(plan.declared, level)
        if declared is not None and encoded > declared:
            words = level.replace("_", " ")
            yield (
                ("plan", "declared", level),
                f"the plan declares {declared} {words} but the file encodes {encoded}; "
                "encoded may never exceed declared: correct the count or the elements",
            )
    yield from _first_seen(plan_file.sources, "source key", "key", ("sources",))
    source_keys = {source.key for source in plan_file.sources}
    for where, provenance in iter_provenance(plan):
        if provenance.source not in source_keys:
            yield (*where, "source"), f"unknown source {provenance.source!r} (not in 'sources')"

    yield from _first_seen(plan.agencies, "agency", "acronym", ("plan", "agencies"))
    yield from _first_seen(plan.sections, "section slug", "slug", ("plan", "sections"))
    yield from _first_seen(plan.pillars, "pillar slug", "slug", ("plan", "pillars"))
    yield from _first_seen(
        plan.recommendations, "recommendation key", "key", ("plan", "recommendations")
    )

    agency_acronyms = {agency.acronym for agency in plan.agencies}
    codes: dict[str, PathParts] = {}
    for where, element in iter_elements(plan):
        if element.code in codes:
            yield (
                (*where, "code"),
                f"duplicate code {element.code!r} (first used at {format_path(codes[element.code])})",
            )
        else:
            codes[element.code] = where
        seen_agencies: set[str] = set()
        for a, responsibility in enumerate(getattr(element, "agencies", [])):
            if responsibility.acronym not in agency_acronyms:
                yield (
                    (*where, "agencies", a, "acronym"),
                    f"unknown agency {responsibility.acronym!r} (not in plan.agencies)",
                )
            if responsibility.acronym in seen_agencies:
                yield (
                    (*where, "agencies", a, "acronym"),
                    f"agency {responsibility.acronym!r} listed twice",
                )
            seen_agencies.add(responsibility.acronym)

    pillar_slugs = {pillar.slug for pillar in plan.pillars}
    section_slugs = {section.slug for section in plan.sections}
    critique_keys: dict[str, PathParts] = {}
    for where, critique in iter_critiques(plan):
        if critique.key in critique_keys:
            yield (
                (*where, "key"),
                f"duplicate critique key {critique.key!r} (first used at {format_path(critique_keys[critique.key])})",
            )
        else:
            critique_keys[critique.key] = where
        for c, citation in enumerate(critique.cites):
            if citation.source not in source_keys:
                yield (
                    (*where, "cites", c, "source"),
                    f"unknown source {citation.source!r} (not in 'sources')",
                )
        if critique.compares_with == plan.slug:
            yield (*where, "compares_with"), "a plan cannot be compared with itself"
        target = critique.target
        if target is None:
            continue
        if where[:2] != ("plan", "critiques"):
            yield (
                (*where, "target"),
                "only critiques under plan.critiques take a 'target'; this one targets the element it sits under",
            )
        elif target.pillar and target.pillar not in pillar_slugs:
            yield (
                (*where, "target", "pillar"),
                f"unknown pillar {target.pillar!r} (this plan's pillars: {', '.join(sorted(pillar_slugs)) or 'none'})",
            )
        elif target.section and target.section not in section_slugs:
            yield (
                (*where, "target", "section"),
                f"unknown section {target.section!r} (this plan's sections: {', '.join(sorted(section_slugs)) or 'none'})",
            )
        elif target.code and target.code not in codes:
            yield (
                (*where, "target", "code"),
                f"the critique points nowhere: no element has the code {target.code!r} in this plan",
            )

    yield from check_assessments(plan_file, set(codes), set(critique_keys), source_keys)
    yield from check_evidence(plan_file.assessments)
    yield from check_urls(plan_file.model_dump(), plan_file.sources)

    for r, recommendation in enumerate(plan.recommendations):
        for a, key in enumerate(recommendation.answers):
            if key not in critique_keys:
                yield (
                    ("plan", "recommendations", r, "answers", a),
                    f"unknown critique {key!r} (no critique in this file has that key)",
                )


def check_assessments(
    plan_file: PlanFile, codes: set[str], critique_keys: set[str], source_keys: set[str]
) -> Iterator[tuple[PathParts, str]]:
    """Each criterion answered once; evidence points at this file's elements, critiques and
    sources. (The rubric and its criteria are in the database: the load checks them.)"""
    seen: dict[tuple[str, str], PathParts] = {}
    for index, assessment in enumerate(plan_file.assessments):
        where = ("assessments", index)
        answered = (assessment.rubric, assessment.criterion)
        if answered in seen:
            yield (
                (*where, "criterion"),
                f"criterion {assessment.criterion!r} is answered twice "
                f"(first at {format_path(seen[answered])})",
            )
        seen.setdefault(answered, where)
        for e, evidence in enumerate(assessment.evidence):
            at = (*where, "evidence", e)
            if evidence.code and evidence.code not in codes:
                yield (*at, "code"), f"no element has the code {evidence.code!r} in this plan"
            if evidence.critique and evidence.critique not in critique_keys:
                yield (
                    (*at, "critique"),
                    f"unknown critique {evidence.critique!r} (no critique in this file has that key)",
                )
            if evidence.source and evidence.source not in source_keys:
                yield (*at, "source"), f"unknown source {evidence.source!r} (not in 'sources')"
