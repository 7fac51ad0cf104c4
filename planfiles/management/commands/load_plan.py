from pathlib import Path

from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, transaction

from planfiles.edits import changed_files, record_loaded
from planfiles.services import check_plan_files, load_checked_files
from planfiles.validate import PlanFileError
from toolkit.commands import ProjectCommand, database_problem

BAD_INPUT = 2  # as argparse exits on bad arguments
DATABASE_NOT_READY = 1


class Command(ProjectCommand):
    # The files are checked first, with no database at all; a real load then asks for a migrated
    # database itself (require_migrated_database), so `--check` works on a bare machine.
    requires_migrations_checks = False
    help = (
        "Load one or more plan files (docs/plan-format.md). Every file is checked first; "
        "then all are written in one transaction, or nothing is. Exits 2 on a bad file."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, help="plan files (YAML)")
        parser.add_argument(
            "--check",
            action="store_true",
            help="check the files, write nothing; needs no database",
        )
        parser.add_argument(
            "--prune",
            action="store_true",
            help="delete what the database holds for these plans and the files no longer list "
            "(published critiques, and the elements they are about, are kept)",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="let a file change a plan's country or leave out most of its elements "
            "(a file written for another plan under a slug already taken)",
        )

        parser.add_argument(
            "--force",
            action="store_true",
            help="overwrite what people changed in the admin or the workbench since the last "
            "load (by default such rows are kept, and each is reported with the file's value)",
        )
        parser.add_argument(
            "--only-changed",
            action="store_true",
            help="load only the files that changed since their last load (what make run does)",
        )

    def get_check_kwargs(self, options):
        kwargs = super().get_check_kwargs(options)
        if options["check"]:
            # Checking files needs no database, and neither need the system checks run before
            # it: by default they open one on SQLite (to ask whether it supports JSONField).
            kwargs["databases"] = []
        return kwargs

    def handle(self, *args, files, check, prune, replace, force, only_changed, **options):
        try:
            if check:
                checked = check_plan_files(paths=files)
                for note in checked.notes():
                    self.stdout.write(f"note: {note}")
                for parsed in checked.files:
                    self.stdout.write(f"{parsed.path}: {parsed.plan_file.plan.slug} is valid")
                return
            if only_changed:
                self.require_migrated_database()
                files, unchanged = changed_files(files)
                for path in unchanged:
                    self.stdout.write(f"{path}: unchanged since its last load, not loaded")
                if not files:
                    return
            checked = check_plan_files(paths=files)  # bad input first, whatever the database
            self.require_migrated_database()
            with transaction.atomic():
                report = load_checked_files(
                    checked=checked, prune=prune, replace=replace, force=force
                )
                record_loaded(files)
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
            self.stdout.write(f"  not in the file (kept; --prune deletes it): {line}")
        for line in report.kept:
            self.stdout.write(f"  not in the file, not deleted: {line}")
        for line in report.edits.kept:
            self.stdout.write(f"  changed by a person, kept (--force overwrites it): {line}")
        for line in report.edits.overwritten:
            self.stdout.write(f"  changed by a person, overwritten (--force): {line}")

    def require_migrated_database(self) -> None:
        problem = database_problem(DEFAULT_DB_ALIAS)
        if problem:
            raise CommandError(problem, returncode=DATABASE_NOT_READY)
