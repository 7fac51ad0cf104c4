"""napwatch's management commands, run from a plain shell: clear errors, never a traceback.

Bad arguments end a command with one line on stderr and exit status 2; a database that was
never migrated ends it with exit status 1 and a line saying to run `make run` first
(toolkit/commands.py). Each command is run in a fresh copy of the project (tests/project/conftest.py).
"""

import pytest

from tests.project.conftest import PASSWORD

pytestmark = pytest.mark.slow

MANAGE = ".venv/bin/python manage.py"

BAD_ARGUMENTS = [
    ("load_plan", "the following arguments are required: files"),
    ("load_plan --check --strict fixtures/mexico-2021.yaml", "unrecognized arguments: --strict"),
    (f"add_editor dan --role boss --password {PASSWORD}", "Unknown role 'boss'"),
    ("add_editor dan", "the following arguments are required: --role"),
    ("export_brief no-such-plan -o x.pdf", "No plan 'no-such-plan'"),
    ("export_brief mexico-2021 --paper a5", "Unknown paper size 'a5'"),
    ("export_brief mexico-2021 --timeout soon", "argument --timeout: invalid float value: 'soon'"),
    ("mark_plans_changed atlantis-1999", "No plan 'atlantis-1999'"),
    ("generate_synthetic_plans --plans 0", "--plans and --indicators must be at least 1"),
    ("generate_synthetic_plans --plans many", "argument --plans: invalid int value: 'many'"),
    ("export_plan atlantis-2020", "no plan with the slug 'atlantis-2020'"),
    ("export_dataset", "the following arguments are required: -o/--output"),
]

# (`load_plan --check` needs no database: tests/plans/test_check_applies_every_rule.py.)
NEEDS_THE_DATABASE = [
    "load_plan fixtures/mexico-2021.yaml",
    f"add_editor dan --role editor --password {PASSWORD}",
    "export_brief mexico-2021 -o x.pdf",
    "mark_plans_changed",
    "generate_synthetic_plans --plans 1 --indicators 1",
    "export_plan mexico-2021",
    "export_dataset -o release",
]


@pytest.mark.parametrize(("arguments", "message"), BAD_ARGUMENTS)
def test_a_bad_argument_gets_one_line_and_exit_status_2(fresh_project, arguments, message):
    result = fresh_project.run(f"{MANAGE} {arguments}")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.parametrize("arguments", NEEDS_THE_DATABASE)
def test_a_never_migrated_database_gets_told_to_run_make_run(fresh_project, tmp_path, arguments):
    result = fresh_project.run(
        f"{MANAGE} {arguments}", DATABASE_URL=f"sqlite:///{tmp_path / 'never-migrated.sqlite3'}"
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "CommandError: The database has no tables yet: run `make run` (or `manage.py migrate`) first."
    )


def test_a_database_that_cannot_be_reached_is_named_not_traced(fresh_project):
    result = fresh_project.run(
        f"{MANAGE} mark_plans_changed", DATABASE_URL="postgres://postgres@127.0.0.1:1/napwatch"
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "The database cannot be reached" in result.stderr and "DATABASE_URL" in result.stderr
