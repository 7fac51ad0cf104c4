"""Rubric files: a rubric's versioned criteria, in human-writable YAML (docs/plan-format.md,
"Rubric files"), read like plan files: every problem names the file, the line, the path in the
document and the field; nothing is written unless the whole file is right; loading the same file
twice changes nothing.

    format: napwatch-rubric/1
    sources: [...]            # as in plan files: the frameworks the criteria come from
    rubric:
      key: napwatch-nap-quality-2026
      version: "2026.1"
      title: {en: ..., es: ...}
      criteria:
        - key: budget-allocated
          dimension: financing        # scorecards.models.Dimension
          level: plan                 # plan | line | indicator
          kind: judged                # judged | computed
          computed: indicator-baseline  # computed criteria only: a figure of scorecards/computed.py
          question: {en: ..., es: ...}
          label: {en: "Budget allocated", es: ...}   # a short name, for charts
          guidance: {en: ..., es: ...}
          scale: [yes, partly, no, not-known]   # values of scorecards.models.ScaleValue
          framework: "OECD SIGMA, Principles of Public Administration"
          source: sigma-principles
          locator: "sub-indicator 215"
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from django.db import transaction
from pydantic import ValidationError, model_validator

from planfiles.fields import (
    IsoDate,
    Key,
    Localized,
    ScaleWord,
    choices_of,
    column,
    localized_column,
    site_language_codes,
)
from planfiles.problems import PathParts, PlanFileError, Problem, nearest_line
from planfiles.reading import read_document
from planfiles.rules import check_frameworks, check_urls
from planfiles.schema import SourceIn, Strict
from planfiles.stamps import midnight
from planfiles.validate import _first_seen, _pydantic_message
from planfiles.write import LoadReport, Writer
from plans.models import Plan
from plans.signals import plan_data_changed
from scorecards.computed import FIGURES
from scorecards.models import Criterion, Dimension, Level, Rubric, ScaleValue

RUBRIC_FORMAT = "napwatch-rubric/1"
NOT_KNOWN = ScaleValue.NOT_KNOWN.value


class CriterionIn(Strict):
    key: Key
    dimension: choices_of(Dimension)
    level: choices_of(Level)
    kind: choices_of(Criterion.Kind)
    computed: str | None = None
    question: localized_column(Criterion, "question")
    label: localized_column(Criterion, "label")
    guidance: Localized | None = None
    scale: list[ScaleWord]
    framework: localized_column(Criterion, "framework")  # our description of it: {en, es}
    source: Key | None = None
    locator: column(Criterion, "locator") | None = None
    context: Localized | None = None
    context_source: Key | None = None
    context_locator: column(Criterion, "context_locator") | None = None

    @model_validator(mode="after")
    def scale_and_kind_agree(self) -> CriterionIn:
        if len(self.scale) < 2:
            raise ValueError("a scale needs at least two values")
        if len(set(self.scale)) != len(self.scale):
            raise ValueError("the scale lists a value twice")
        if NOT_KNOWN not in self.scale:
            raise ValueError(
                f"the scale must include {NOT_KNOWN!r} (not known from the sources available), "
                "an answer of its own, distinct from 'no'"
            )
        if self.kind == Criterion.Kind.COMPUTED:
            if not self.computed:
                raise ValueError("a computed criterion names its figure in 'computed'")
            if self.computed not in FIGURES:
                raise ValueError(
                    f"unknown figure {self.computed!r} (scorecards/computed.py has: "
                    f"{', '.join(FIGURES)})"
                )
        elif self.computed:
            raise ValueError("'computed' is for computed criteria; this one is judged")
        if not self.question:
            raise ValueError("'question' is empty")
        if not self.label:
            raise ValueError("'label' is empty")
        if not self.framework:
            raise ValueError("'framework' is empty")
        return self


class RubricIn(Strict):
    key: Key
    version: column(Rubric, "version", required=True)
    title: localized_column(Rubric, "title")
    revised: IsoDate | None = None  # the day the file was last revised: the rubric's date
    note: str | None = None
    criteria: list[CriterionIn]


class RubricFile(Strict):
    format: Literal["napwatch-rubric/1"]
    sources: list[SourceIn] = []
    rubric: RubricIn


@dataclass(frozen=True)
class ParsedRubric:
    path: Path
    rubric_file: RubricFile
    lines: dict[PathParts, int]

    def problem(self, where: PathParts, message: str) -> Problem:
        return Problem(str(self.path), where, message, nearest_line(self.lines, where))


def cross_check(rubric_file: RubricFile) -> Iterator[tuple[PathParts, str]]:
    yield from _first_seen(rubric_file.sources, "source key", "key", ("sources",))
    yield from _first_seen(
        rubric_file.rubric.criteria, "criterion key", "key", ("rubric", "criteria")
    )
    keys = {source.key for source in rubric_file.sources}
    for index, criterion in enumerate(rubric_file.rubric.criteria):
        for field in ("source", "context_source"):
            key = getattr(criterion, field)
            if key and key not in keys:
                yield (
                    ("rubric", "criteria", index, field),
                    f"unknown source {key!r} (not in 'sources')",
                )
    yield from check_frameworks(rubric_file)
    yield from check_urls(rubric_file.model_dump(), rubric_file.sources)


def parse_rubric_file(path: Path) -> ParsedRubric:
    """Read and check one rubric file; raise PlanFileError with every problem found."""
    name = str(path)
    document, lines = read_document(path)
    if not isinstance(document, dict):
        raise PlanFileError(
            [
                Problem(
                    name, (), "the document must be a mapping with 'format', 'sources' and 'rubric'"
                )
            ]
        )
    try:
        rubric_file = RubricFile.model_validate(document)
    except ValidationError as exc:
        raise PlanFileError(
            [
                Problem(
                    name,
                    tuple(error["loc"]),
                    _pydantic_message(error),
                    nearest_line(lines, tuple(error["loc"])),
                )
                for error in exc.errors()
            ]
        ) from None
    parsed = ParsedRubric(path, rubric_file, lines)
    problems = [parsed.problem(where, message) for where, message in cross_check(rubric_file)]
    if problems:
        raise PlanFileError(problems)
    return parsed


class RubricWriter(Writer):
    """The plan files' writer (sync, sources, translations), with the line of each path."""

    def __init__(self, parsed: ParsedRubric, report: LoadReport):
        super().__init__(str(parsed.path), report)
        self.parsed = parsed

    def fail(self, where: PathParts, message: str):
        raise PlanFileError([self.parsed.problem(where, message)])

    def texts(self, field: str, values: dict[str, str] | None) -> dict[str, str]:
        values = values or {}
        return {f"{field}_{code}": values.get(code, "") for code in site_language_codes()}

    def write(self) -> Rubric:
        data = self.parsed.rubric_file
        sources = [self.source(index, source) for index, source in enumerate(data.sources)]
        item = data.rubric
        rubric = self.sync(
            Rubric,
            ("rubric",),
            {"key": item.key},
            {"version": item.version, "note": item.note or "", **self.texts("title", item.title)},
            stamp=midnight(item.revised),
        )
        if set(rubric.sources.all()) != set(sources):
            rubric.sources.set(sources)
        kept = []
        for index, criterion in enumerate(item.criteria):
            where = ("rubric", "criteria", index)
            self.sync(
                Criterion,
                where,
                {"rubric": rubric, "key": criterion.key},
                {
                    "order": index + 1,
                    "dimension": criterion.dimension,
                    "level": criterion.level,
                    "kind": criterion.kind,
                    "computed": criterion.computed or "",
                    "scale": list(criterion.scale),
                    **self.texts("framework", criterion.framework),
                    "source": self.sources[criterion.source] if criterion.source else None,
                    "locator": criterion.locator or "",
                    **self.texts("question", criterion.question),
                    **self.texts("label", criterion.label),
                    **self.texts("guidance", criterion.guidance),
                    **self.texts("context", criterion.context),
                    "context_source": (
                        self.sources[criterion.context_source] if criterion.context_source else None
                    ),
                    "context_locator": criterion.context_locator or "",
                },
            )
            kept.append(criterion.key)
        self.answers_off_scale(rubric)
        self.stale(
            Criterion.objects.filter(rubric=rubric).exclude(key__in=kept),
            "criterion",
            describe=lambda criterion: criterion.key,
        )
        return rubric

    def answers_off_scale(self, rubric: Rubric) -> None:
        """A scale may not drop a value that an assessment already gives."""
        for index, criterion in enumerate(rubric.criteria.order_by("order")):
            used = set(criterion.assessments.values_list("level", flat=True))
            dropped = sorted(used - set(criterion.scale))
            if dropped:
                self.fail(
                    ("rubric", "criteria", index, "scale"),
                    f"assessments of {criterion.key!r} answer {', '.join(map(repr, dropped))}, "
                    "which this scale no longer has",
                )


def load_rubric_files(*, paths: list[Path]) -> LoadReport:
    """Check every file, then write them all in one transaction: all or nothing."""
    parsed, problems = [], []
    for path in paths:
        try:
            parsed.append(parse_rubric_file(path))
        except PlanFileError as exc:
            problems.extend(exc.problems)
    if problems:
        raise PlanFileError(problems)
    report = LoadReport()
    with transaction.atomic():
        for item in parsed:
            RubricWriter(item, report).write()
        if report.changed:
            # Every plan's scorecard shows the rubric's criteria
            plan_data_changed.send(
                sender=RubricWriter, plan_ids=list(Plan.objects.values_list("pk", flat=True))
            )
    return report
