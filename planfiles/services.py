"""Checking and loading plan files.

`check_plan_files` needs no database: it applies every rule that a file can be held to by itself
or against the other files given with it. `load_plan_files` then checks what only the database
knows (plans compared with that are not among the files; a file that would turn an existing plan
into another one) and writes, all in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from indicators.models import Indicator
from pagecache.models import PlanRevision
from planfiles.edits import PersonEdits
from planfiles.schema import PlanFile
from planfiles.stamps import file_stamp, stamp_revision
from planfiles.validate import (
    ParsedFile,
    PlanFileError,
    Problem,
    iter_critiques,
    iter_elements,
    parse_plan_file,
)
from planfiles.write import LoadReport, Writer
from planfiles.write_assessments import write_assessments
from plans.models import LineOfAction, Pillar, Plan, StrategicObjective

NOT_CHECKED = "not checked without a database (the load checks it)"


@dataclass(frozen=True)
class CheckedFiles:
    files: list[ParsedFile]
    # Plans that critiques compare with and that are not among the files: only a database
    # knows them; each Problem says so, for `--check` to print as a note.
    outside: list[tuple[ParsedFile, tuple, str]]

    @property
    def documents(self) -> list[tuple[Path, PlanFile]]:
        return [(parsed.path, parsed.plan_file) for parsed in self.files]

    def notes(self) -> list[Problem]:
        return [
            parsed.problem(where, f"plan {slug!r} is not in these files: {NOT_CHECKED}")
            for parsed, where, slug in self.outside
        ]


def check_plan_files(*, paths: list[Path]) -> CheckedFiles:
    """Parse and check every file, and the references between them, without a database; raise
    PlanFileError with every problem found."""
    problems: list[Problem] = []
    files: list[ParsedFile] = []
    for path in paths:
        try:
            files.append(parse_plan_file(path))
        except PlanFileError as exc:
            problems.extend(exc.problems)
    if problems:
        raise PlanFileError(problems)

    slugs: dict[str, Path] = {}
    sources: dict[str, tuple[Path, object]] = {}
    for parsed in files:
        slug = parsed.plan_file.plan.slug
        if slug in slugs:
            problems.append(
                parsed.problem(("plan", "slug"), f"plan {slug!r} is also in {slugs[slug]}")
            )
        slugs[slug] = parsed.path
        for index, source in enumerate(parsed.plan_file.sources):
            first = sources.setdefault(source.key, (parsed.path, source))
            if first[1] != source:
                problems.append(
                    parsed.problem(
                        ("sources", index),
                        f"source {source.key!r} differs from the one in {first[0]}; "
                        "a key names one source",
                    )
                )
    if problems:
        raise PlanFileError(problems)
    outside = [
        (parsed, (*where, "compares_with"), critique.compares_with)
        for parsed in files
        for where, critique in iter_critiques(parsed.plan_file.plan)
        if critique.compares_with and critique.compares_with not in slugs
    ]
    return CheckedFiles(files, outside)


def load_plan_files(
    *, paths: list[Path], prune: bool = False, replace: bool = False, force: bool = False
) -> LoadReport:
    """Check every file, then write them all in one transaction: all or nothing.

    Without `prune` nothing is deleted; without `replace` a file may not turn a plan in the
    database into another one (see `changes_needing_replace`)."""
    return load_checked_files(
        checked=check_plan_files(paths=paths), prune=prune, replace=replace, force=force
    )


def load_checked_files(
    *, checked: CheckedFiles, prune: bool = False, replace: bool = False, force: bool = False
) -> LoadReport:
    """What `load_plan_files` does once the files are checked: the database's checks, then
    the writes, in one transaction."""
    with transaction.atomic():
        problems = unknown_compared_plans(checked)
        if not replace:
            problems += changes_needing_replace(checked.files)
        if problems:
            raise PlanFileError(problems)
        try:
            return load_plan_documents(documents=checked.documents, prune=prune, force=force)
        except PlanFileError as exc:
            raise PlanFileError(with_lines(exc.problems, checked.files)) from None


def with_lines(problems: list[Problem], files: list[ParsedFile]) -> list[Problem]:
    """The load's problems (found while writing) with the line of their path in the file."""
    by_name = {str(parsed.path): parsed for parsed in files}
    return [
        by_name[problem.file].problem(problem.path, problem.message)
        if problem.line is None and problem.file in by_name
        else problem
        for problem in problems
    ]


def unknown_compared_plans(checked: CheckedFiles) -> list[Problem]:
    wanted = {slug for _parsed, _where, slug in checked.outside}
    known = set(Plan.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    return [
        parsed.problem(where, f"unknown plan {slug!r}: load its file first, or in the same command")
        for parsed, where, slug in checked.outside
        if slug not in known
    ]


SHOWN_CODES = 8


def changes_needing_replace(files: list[ParsedFile]) -> list[Problem]:
    """Files that would make a plan in the database another plan: a new country, or more than
    half of its element codes left out. Such a file is most likely written for another plan
    under a slug already taken, and loading it would overwrite the first plan's facts."""
    problems = []
    existing = {
        plan.slug: plan
        for plan in Plan.objects.filter(slug__in=[f.plan_file.plan.slug for f in files])
    }
    for parsed in files:
        data = parsed.plan_file.plan
        plan = existing.get(data.slug)
        if plan is None:
            continue
        codes = element_codes(plan)
        left_out = sorted(codes - {element.code for _where, element in iter_elements(data)})
        new_country = (plan.country, plan.country_code) != (data.country, data.country_code)
        most_left_out = len(left_out) * 2 > len(codes)
        if not (new_country or most_left_out):
            continue
        changes = []
        if new_country:
            changes.append(
                f"change its country from {plan.country} ({plan.country_code}) "
                f"to {data.country} ({data.country_code})"
            )
        if plan.title_original != data.title.original:
            changes.append(
                f"{'' if changes else 'change '}its title from {plan.title_original!r} "
                f"to {data.title.original!r}"
            )
        if most_left_out:
            shown = ", ".join(left_out[:SHOWN_CODES]) + (
                ", …" if len(left_out) > SHOWN_CODES else ""
            )
            changes.append(f"leave out {len(left_out)} of its {len(codes)} element codes ({shown})")
        problems.append(
            parsed.problem(
                ("plan", "slug"),
                f"{data.slug!r} is already in the database as another plan: this file would "
                f"{join(changes)}. If this file replaces that plan, load it with --replace "
                "(and with --prune to delete what it leaves out)",
            )
        )
    return problems


def element_codes(plan: Plan) -> set[str]:
    return {
        code
        for model in (Pillar, StrategicObjective, LineOfAction, Indicator)
        for code in model.objects.filter(plan=plan).values_list("code", flat=True)
    }


def join(phrases: list[str]) -> str:
    if len(phrases) < 3:
        return " and ".join(phrases)
    return ", ".join(phrases[:-1]) + f", and {phrases[-1]}"


@transaction.atomic
def load_plan_documents(
    *, documents: list[tuple[Path | str, PlanFile]], prune: bool = False, force: bool = False
) -> LoadReport:
    """Write checked plan documents in one transaction (used by files and synthetic plans).
    Rows a person changed since the last load are kept, and reported, unless `force`."""
    report = LoadReport()
    report.edits = PersonEdits(force=force)
    writers = [
        (Writer(str(path), report, prune=prune, edits=report.edits), plan_file)
        for path, plan_file in documents
    ]
    slugs = [plan_file.plan.slug for _path, plan_file in documents]
    tokens = dict(
        PlanRevision.objects.filter(plan__slug__in=slugs).values_list("plan__slug", "token")
    )
    plans = {}
    for writer, plan_file in writers:
        plans[plan_file.plan.slug] = writer.plan_row(plan_file)
    for writer, plan_file in writers:
        writer.plan_contents(plans[plan_file.plan.slug], plan_file, plans)
    for writer, plan_file in writers:
        write_assessments(writer, plans[plan_file.plan.slug], plan_file)
    for _writer, plan_file in writers:
        slug = plan_file.plan.slug
        stamp_revision(plans[slug], tokens.get(slug), file_stamp(plan_file))
    return report
