"""`load_plan` checks across the files of one command: one plan or source key in two files, and
a comparison with a plan loaded before or in the same command."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from critiques.models import Critique
from plans.models import Plan
from tests.conftest import MINIMAL_PLAN
from tests.plans.loading import run_load


def copy_of_minimal_plan(tmp_path: Path, name: str, *changes: tuple[str, str]) -> Path:
    text = MINIMAL_PLAN.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, f"test set-up: {old!r} is not in the minimal plan"
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    """The number of the first line of `path` holding `text`, as problems cite it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def refused_load(*paths: Path, check: bool = False) -> tuple[CommandError, str]:
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command(
            "load_plan", *[str(p) for p in paths], stdout=StringIO(), stderr=err, check=check
        )
    return refused.value, err.getvalue()


def assert_refused(*paths: Path, printed: str, check_too: bool = True) -> None:
    """Loading (and, with `check_too`, checking with --check) prints `printed` on stderr and
    fails with exit status 2, the status of bad input."""
    for check in (False, True) if check_too else (False,):
        error, shown = refused_load(*paths, check=check)
        assert shown == printed, f"--check={check}"
        assert str(error) == "1 problem found; nothing was written."
        assert error.returncode == 2


def load_from_command_line(monkeypatch, capsys, *paths: Path) -> tuple[int, str]:
    """`manage.py load_plan …` as a shell runs it: its exit status and what it printed on stderr."""
    from django.core.management import ManagementUtility
    from django.db import connections

    # The command closes connections when it ends; the test's transaction must outlive it.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "load_plan", *[str(p) for p in paths]]).execute()
    return exited.value.code, capsys.readouterr().err


@pytest.mark.django_db
def test_the_same_plan_in_two_files_is_refused(tmp_path, monkeypatch, capsys):
    first = copy_of_minimal_plan(tmp_path, "first.yaml")
    second = copy_of_minimal_plan(tmp_path, "second.yaml")
    line = line_of(second, "slug: testland-2024")
    expected = f"{second}:{line}: plan.slug: plan 'testland-2024' is also in {first}\n"
    assert_refused(first, second, printed=expected)
    code, printed = load_from_command_line(monkeypatch, capsys, first, second)
    assert code == 2
    assert printed == expected + "CommandError: 1 problem found; nothing was written.\n"
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_two_files_defining_one_source_key_differently_are_refused(tmp_path):
    first = copy_of_minimal_plan(tmp_path, "first.yaml")
    second = copy_of_minimal_plan(
        tmp_path,
        "second.yaml",
        ('title: "A Test Brief"', 'title: "A Different Brief"'),
        ("slug: testland-2024", "slug: otherland-2024"),
    )
    line = line_of(second, "- key: test-brief")
    assert_refused(
        first,
        second,
        printed=f"{second}:{line}: sources[0]: source 'test-brief' differs from the one in "
        f"{first}; a key names one source\n",
    )
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_a_comparison_with_an_unknown_plan_is_refused(tmp_path, monkeypatch, capsys):
    comparing = copy_of_minimal_plan(
        tmp_path,
        "comparing.yaml",
        (
            "          kind: weakness\n",
            "          kind: weakness\n          compares_with: atlantis-1999\n",
        ),
    )
    where = (
        f"{comparing}:{line_of(comparing, 'compares_with: atlantis-1999')}: "
        "plan.sections[0].critiques[0].compares_with:"
    )
    expected = (
        f"{where} unknown plan 'atlantis-1999': load its file first, or in the same command\n"
    )
    assert_refused(comparing, printed=expected, check_too=False)
    code, printed = load_from_command_line(monkeypatch, capsys, comparing)
    assert (code, printed) == (
        2,
        expected + "CommandError: 1 problem found; nothing was written.\n",
    )
    assert not Plan.objects.exists()
    # --check reads no database, so it cannot know: it says so, and finds the file valid.
    out, err = run_load(comparing, check=True)
    assert out == (
        f"note: {where} plan 'atlantis-1999' is not in these files: not checked without a "
        f"database (the load checks it)\n{comparing}: testland-2024 is valid\n"
    )
    assert err == ""


@pytest.mark.django_db
def test_a_comparison_with_a_plan_loaded_before_or_in_the_same_command_is_accepted(tmp_path):
    other = copy_of_minimal_plan(
        tmp_path,
        "other.yaml",
        ("slug: testland-2024", "slug: otherland-2024"),
        ('title: {original: "Plan Nacional de Prueba"', 'title: {original: "Otro Plan"'),
    )
    comparing = copy_of_minimal_plan(
        tmp_path,
        "comparing.yaml",
        (
            "          kind: weakness\n",
            "          kind: weakness\n          compares_with: otherland-2024\n",
        ),
    )
    run_load(comparing, other)  # in the same command, whichever file comes first
    assert Critique.objects.get(key="no-money", plan__slug="testland-2024").compares_with.slug == (
        "otherland-2024"
    )
    run_load(comparing)  # and later on its own, with the other plan already loaded
