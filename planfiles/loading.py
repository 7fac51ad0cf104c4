"""What `load_plan` and `load_rubric` share: check every file first, then write them all in one
transaction, or nothing.

- A bad file prints each problem on stderr (file, line, column, what is wrong) and exits 2, as
  argparse does on bad arguments, saying that nothing was written.
- A database that is not migrated or cannot be reached exits 1 before anything is written, as
  does a database that refuses the write.
- `--check` checks the files and needs no database at all, not even for Django's system checks.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError

from planfiles.problems import PlanFileError
from toolkit.commands import ProjectCommand, database_problem

BAD_INPUT = 2  # as argparse exits on bad arguments
DATABASE_NOT_READY = 1


class FileLoadCommand(ProjectCommand):
    # The files are checked first, with no database at all; a real load then asks for a migrated
    # database itself (require_migrated_database), so `--check` works on a bare machine.
    requires_migrations_checks = False

    def get_check_kwargs(self, options):
        kwargs = super().get_check_kwargs(options)
        if options["check"]:
            # Checking files needs no database, and neither need the system checks run before
            # it: by default they open one on SQLite (to ask whether it supports JSONField).
            kwargs["databases"] = []
        return kwargs

    def require_migrated_database(self) -> None:
        problem = database_problem(DEFAULT_DB_ALIAS)
        if problem:
            raise CommandError(problem, returncode=DATABASE_NOT_READY)

    @contextmanager
    def nothing_written_on_error(self) -> Iterator[None]:
        """Turn a bad file or a refused write into the command's error and exit status."""
        try:
            yield
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
