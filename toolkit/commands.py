"""The base of napwatch's management commands: errors a person can act on, never a traceback.

- Bad arguments end the command with one line on stderr and exit status 2: argparse's own errors
  (a missing or unknown option, a value of the wrong type) and a command's `UsageError` (an
  unknown plan, role or paper size).
- A database that is not migrated (or cannot be reached) ends it before it starts, with exit
  status 1 and a line saying what to do, instead of a "no such table" traceback.
"""

from functools import partial

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

MIGRATE_FIRST = "run `make run` (or `manage.py migrate`) first."


class UsageError(CommandError):
    """A bad argument: exit status 2, as for argparse's own errors."""

    def __init__(self, *args):
        super().__init__(*args, returncode=2)


class ProjectCommand(BaseCommand):
    # Django calls check_migrations() before handle(); ours stops instead of warning.
    requires_migrations_checks = True

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        if parser.called_from_command_line:  # call_command() raises CommandError instead
            parser.error = partial(one_line_usage_error, parser)
        return parser

    def check_migrations(self):
        problem = database_problem(DEFAULT_DB_ALIAS)
        if problem:
            raise CommandError(problem)


def one_line_usage_error(parser, message: str):
    """argparse prints the whole usage before its error; one line says what is wrong."""
    parser.exit(2, f"{parser.prog}: error: {message} (see {parser.prog} --help)\n")


def database_problem(alias: str) -> str | None:
    """Why the database `alias` cannot serve the project's commands yet, or None."""
    connection = connections[alias]
    try:
        if not MigrationRecorder(connection).has_table():
            return f"The database has no tables yet: {MIGRATE_FIRST}"
        executor = MigrationExecutor(connection)
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"The database cannot be reached ({reason}); check DATABASE_URL."
    if unapplied:
        first, _ = unapplied[0]
        return (
            f"The database lacks {len(unapplied)} migration(s), starting with "
            f"{first.app_label}.{first.name}: {MIGRATE_FIRST}"
        )
    return None
