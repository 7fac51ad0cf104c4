"""Read a plan file and find everything wrong with it before anything is written.

Every problem names the file, the path inside the document (`plan.pillars[1].objectives[0].code`),
the line where that path starts, and what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from planfiles.schema import CritiqueIn, PlanFile, PlanIn

PathParts = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    file: str
    path: PathParts
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {format_path(self.path) or '(document)'}: {self.message}"


class PlanFileError(Exception):
    """A plan file (or several) could not be loaded; `problems` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def format_path(path: PathParts) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a mapping with the same key twice (PyYAML keeps the last)."""

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"the key {key!r} appears twice in one mapping (first on line {seen[key]})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def _line_map(node, path: PathParts = (), lines: dict | None = None) -> dict[PathParts, int]:
    """The line on which each path of the document starts."""
    lines = {} if lines is None else lines
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*path, str(key_node.value))
            _line_map(value_node, child, lines)
            lines[child] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*path, index), lines)
    return lines


def _nearest_line(lines: dict[PathParts, int], path: PathParts) -> int | None:
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _pydantic_message(error: dict) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (see docs/plan-format.md for the fields allowed here)"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        hints = {
            r"^[a-z0-9]+(-[a-z0-9]+)*$": "use lower-case letters, digits and single hyphens",
            r"^[A-Z0-9]+(-[A-Z0-9]+)*$": "use upper-case letters, digits and single hyphens",
            r"^[A-Z]{3}$": "use an ISO 3166-1 alpha-3 code such as MEX",
            r"^https?://\S+$": "use an http:// or https:// address",
            r"^\d{4}(-\d{2}(-\d{2})?)?$": "use YYYY, YYYY-MM or YYYY-MM-DD",
        }
        return f"{error['input']!r} is not allowed here: {hints.get(pattern, pattern)}"
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    elif "input" in error and kind not in {"model_type", "list_type"}:
        message = f"{message} (got {error['input']!r})"
    return message[0].lower() + message[1:]


def parse_plan_file(path: Path) -> PlanFile:
    """Parse and check one file; raise PlanFileError with every problem found."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanFileError([Problem(name, (), "no such file")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanFileError([Problem(name, (), f"cannot be read: {exc}")]) from None
    try:
        document = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass  # nosec B506
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise PlanFileError([Problem(name, (), f"not valid YAML: {exc.problem}", line)]) from None
    except yaml.YAMLError as exc:
        raise PlanFileError([Problem(name, (), f"not valid YAML: {exc}")]) from None
    if not isinstance(document, dict):
        raise PlanFileError(
            [
                Problem(
                    name, (), "the document must be a mapping with 'format', 'sources' and 'plan'"
                )
            ]
        )
    lines = _line_map(node)
    try:
        plan_file = PlanFile.model_validate(document)
    except ValidationError as exc:
        problems = [
            Problem(
                name,
                tuple(error["loc"]),
                _pydantic_message(error),
                _nearest_line(lines, tuple(error["loc"])),
            )
            for error in exc.errors()
        ]
        raise PlanFileError(problems) from None
    problems = [
        Problem(name, where, message, _nearest_line(lines, where))
        for where, message in cross_check(plan_file)
    ]
    if problems:
        raise PlanFileError(problems)
    return plan_file


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


def cross_check(plan_file: PlanFile) -> Iterator[tuple[PathParts, str]]:
    """Checks that span the document: references resolve and identifiers are unique."""
    plan = plan_file.plan
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

    for r, recommendation in enumerate(plan.recommendations):
        for a, key in enumerate(recommendation.answers):
            if key not in critique_keys:
                yield (
                    ("plan", "recommendations", r, "answers", a),
                    f"unknown critique {key!r} (no critique in this file has that key)",
                )
