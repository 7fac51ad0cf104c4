from pathlib import Path

from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError

from planfiles.problems import PlanFileError
from planfiles.rubric import load_rubric_files, parse_rubric_file
from toolkit.commands import ProjectCommand, database_problem

BAD_INPUT = 2
DATABASE_NOT_READY = 1


class Command(ProjectCommand):
    requires_migrations_checks = False
    help = (
        "Load one or more rubric files (docs/plan-format.md, 'Rubric files'): checked first, "
        "then written in one transaction, or nothing is. Load rubrics before the plan files whose "
        "assessments use them. Exits 2 on a bad file."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, help="rubric files (YAML)")
        parser.add_argument(
            "--check", action="store_true", help="check the files, write nothing; needs no database"
        )

    def get_check_kwargs(self, options):
        kwargs = super().get_check_kwargs(options)
        if options["check"]:
            kwargs["databases"] = []
        return kwargs

    def handle(self, *args, files, check, **options):
        try:
            if check:
                for path in files:
                    parsed = parse_rubric_file(path)
                    self.stdout.write(f"{path}: {parsed.rubric_file.rubric.key} is valid")
                return
            for path in files:
                parse_rubric_file(path)  # bad input first, whatever the database
            problem = database_problem(DEFAULT_DB_ALIAS)
            if problem:
                raise CommandError(problem, returncode=DATABASE_NOT_READY)
            report = load_rubric_files(paths=files)
        except PlanFileError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            count = len(exc.problems)
            raise CommandError(
                f"{count} problem{'s' if count != 1 else ''} found; nothing was written.",
                returncode=BAD_INPUT,
            ) from None
        except DatabaseError as exc:
            raise CommandError(
                f"the database refused the load ({exc}); nothing was written.",
                returncode=DATABASE_NOT_READY,
            ) from None
        names = ", ".join(str(path) for path in files)
        self.stdout.write(f"Loaded {names}: {report.summary()}.")
        for line in report.stale:
            self.stdout.write(f"  not in the file (kept): {line}")
