"""Writes that span models: loading plan files."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from planfiles.schema import PlanFile
from planfiles.validate import PlanFileError, Problem, parse_plan_file
from planfiles.write import LoadReport, Writer
from plans.models import Plan


def check_plan_files(*, paths: list[Path]) -> list[tuple[Path, PlanFile]]:
    """Parse and check every file, and the references between them; raise PlanFileError."""
    problems: list[Problem] = []
    parsed: list[tuple[Path, PlanFile]] = []
    for path in paths:
        try:
            parsed.append((path, parse_plan_file(path)))
        except PlanFileError as exc:
            problems.extend(exc.problems)
    if problems:
        raise PlanFileError(problems)

    slugs: dict[str, Path] = {}
    sources: dict[str, tuple[Path, object]] = {}
    for path, plan_file in parsed:
        slug = plan_file.plan.slug
        if slug in slugs:
            problems.append(
                Problem(str(path), ("plan", "slug"), f"plan {slug!r} is also in {slugs[slug]}")
            )
        slugs[slug] = path
        for index, source in enumerate(plan_file.sources):
            first = sources.setdefault(source.key, (path, source))
            if first[1] != source:
                problems.append(
                    Problem(
                        str(path),
                        ("sources", index),
                        f"source {source.key!r} differs from the one in {first[0]}; a key names one source",
                    )
                )
    known = set(slugs) | set(
        Plan.objects.filter(slug__in=_compared_slugs(parsed)).values_list("slug", flat=True)
    )
    from planfiles.validate import iter_critiques

    for path, plan_file in parsed:
        for where, critique in iter_critiques(plan_file.plan):
            if critique.compares_with and critique.compares_with not in known:
                problems.append(
                    Problem(
                        str(path),
                        (*where, "compares_with"),
                        f"unknown plan {critique.compares_with!r}: load its file first, or in the same command",
                    )
                )
    if problems:
        raise PlanFileError(problems)
    return parsed


def _compared_slugs(parsed) -> set[str]:
    from planfiles.validate import iter_critiques

    return {
        critique.compares_with
        for _path, plan_file in parsed
        for _where, critique in iter_critiques(plan_file.plan)
        if critique.compares_with
    }


def load_plan_files(*, paths: list[Path], prune: bool = False) -> LoadReport:
    """Check every file, then write them all in one transaction: all or nothing."""
    return load_plan_documents(documents=check_plan_files(paths=paths), prune=prune)


@transaction.atomic
def load_plan_documents(
    *, documents: list[tuple[Path | str, PlanFile]], prune: bool = False
) -> LoadReport:
    """Write checked plan documents in one transaction (used by files and synthetic plans)."""
    parsed = documents
    report = LoadReport()
    writers = [(Writer(str(path), report, prune=prune), plan_file) for path, plan_file in parsed]
    plans = {}
    for writer, plan_file in writers:
        plans[plan_file.plan.slug] = writer.plan_row(plan_file)
    for writer, plan_file in writers:
        writer.plan_contents(plans[plan_file.plan.slug], plan_file, plans)
    return report
