"""`load_plan --check` applies every rule the load applies, needs no database, and the command
exits 2 on bad input and 1 on a database that is not ready, never with a traceback."""

import os
import re
import subprocess
import sys

import pytest
from django.test import override_settings

from tests.conftest import ROOT, all_fixture_files
from tests.plans.hostile_files import edited, minimal_text
from tests.plans.loading import load_error, run_load


def check_error(path) -> str:
    """--check's message for a file it refuses. Tests that call this have no database access, so
    they also show that --check needs none."""
    return load_error(path, check=True)


def write(tmp_path, text: str, name: str = "broken.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


TOO_LONG = [
    # (what is replaced in the minimal plan, by what, the path and limit the message names)
    (
        "country: Testland",
        f"country: {'C' * 101}",
        r"13: plan\.country: 101 characters; at most 100",
    ),
    ("region: Nowhere", f"region: {'R' * 101}", r"15: plan\.region: 101 characters; at most 100"),
    ("language: es", f"language: es-{'a' * 10}", r"16: plan\.language: 13 characters; at most 12"),
    ("  adopted:", f"  acronym: {'A' * 41}\n  adopted:", r"18: plan\.acronym: 41 characters"),
    (
        'en: "National Test Plan"',
        f'en: "{"T" * 501}"',
        r"17: plan\.title\.en: 501 characters; at most 500",
    ),
    (
        'publisher: "Test Institute"',
        f'publisher: "{"P" * 301}"',
        r"8: sources\[0\]\.publisher: 301 characters; at most 300",
    ),
    (
        'url: "https://example.org/brief"',
        'url: "https://localhost-but-not/x y"',
        r"10: sources\[0\]\.url: 'https://localhost-but-not/x y' is not allowed here: "
        r"enter a valid URL",
    ),
    (
        'locator: "p. 1"',
        f'locator: "{"p" * 201}"',
        r"22: plan\.provenance\.locator: 201 characters; at most 200",
    ),
    (
        'name: {original: "Ministerio de Relaciones"',
        f'name: {{original: "{"M" * 301}"',
        r"25: plan\.agencies\[0\]\.name\.original: 301 characters; at most 300",
    ),
    (
        "title: {en: Financing}",
        f"title: {{en: {'F' * 301}}}",
        r"31: plan\.sections\[0\]\.title: en: 301 characters; at most 300",
    ),
    (
        "name: {en: Participation}",
        f"name: {{en: {'P' * 201}}}",
        r"79: plan\.pillars\[1\]\.name\.en: 201 characters; at most 200",
    ),
    (
        'title: "Looks outward"',
        f'title: "{"L" * 301}"',
        r"83: plan\.critiques\[0\]\.title: en: 301 characters; at most 300",
    ),
    (
        'title: "Fund the plan"',
        f'title: "{"F" * 301}"',
        r"99: plan\.recommendations\[0\]\.title: en: 301 characters; at most 300",
    ),
    (
        'cites: [{source: test-brief, locator: "p. 4"}]',
        f'cites: [{{source: test-brief, locator: "{"p" * 201}"}}]',
        r"42: plan\.sections\[0\]\.critiques\[0\]\.cites\[0\]\.locator: 201 characters; at most 200",
    ),
    (
        'wording: {en: "number of people trained"}',
        f'wording: {{en: "number of people trained"}}\n                  unit: {"u" * 101}',
        r"61: plan\.pillars\[0\]\.objectives\[0\]\.lines_of_action\[0\]\.indicators\[0\]\.unit: 101 characters; at most 100",
    ),
    (
        "declared: {pillars: 2,",
        "declared: {pillars: 40000,",
        r"21: plan\.declared\.pillars: input should be less than or equal to 32767",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    TOO_LONG,
    ids=[e.split(": ")[1].replace("\\", "") for _o, _n, e in TOO_LONG],
)
def test_check_refuses_what_the_database_would_refuse(tmp_path, old, new, expected):
    path = write(tmp_path, edited(old, new))
    message = check_error(path)
    assert re.search(re.escape(str(path)) + ":" + expected, message), message


DATES = [
    (
        "adopted: 2024-03-08",
        "adopted: 2021-02-30",
        r"18: plan\.adopted: '2021-02-30' is not a date",
    ),
    ("adopted: 2024-03-08", 'adopted: "2021-1-5"', r"18: plan\.adopted: '2021-1-5' is not a date"),
    ("adopted: 2024-03-08", "adopted: 2021", r"18: plan\.adopted: 2021 is not a date"),
    ('issued: "2024-05"', 'issued: "2021-13"', r"9: sources\[0\]\.issued: '2021-13' is not a date"),
    ('issued: "2024-05"', 'issued: "2021-00"', r"9: sources\[0\]\.issued: '2021-00' is not a date"),
    ('issued: "2024-05"', "issued: 2021-02-29", r"9: sources\[0\]\.issued: '2021-02-29' is not a"),
    ('issued: "2024-05"', 'issued: "21-05"', r"9: sources\[0\]\.issued: '21-05' is not allowed"),
    ("period: {start: 2024,", "period: {start: 1200,", r"19: plan\.period\.start: input should"),
]


@pytest.mark.parametrize(("old", "new", "expected"), DATES, ids=[new for _o, new, _e in DATES])
def test_every_date_and_partial_date_is_checked(tmp_path, old, new, expected):
    path = write(tmp_path, edited(old, new))
    message = check_error(path)
    assert re.search(re.escape(str(path)) + ":" + expected, message), message


def test_a_leap_day_is_a_date(tmp_path):
    path = write(tmp_path, edited('issued: "2024-05"', 'issued: "2024-02-29"'))
    out, _err = run_load(path, check=True)
    assert "is valid" in out


@pytest.mark.parametrize(
    ("declared", "label", "encoded"),
    [
        ("pillars: 2", "pillars", 2),
        ("objectives: 3", "objectives", 1),
        ("lines_of_action: 4", "lines_of_action", 1),
        ("indicators: 5", "indicators", 1),
    ],
)
def test_encoded_may_never_exceed_declared(tmp_path, declared, label, encoded):
    path = write(tmp_path, edited(declared, declared.split(":")[0] + ": 0"))
    message = check_error(path)
    words = label.replace("_", " ")
    assert re.search(
        rf"{re.escape(str(path))}:21: plan\.declared\.{label}: the plan declares 0 {words} "
        rf"but the file encodes {encoded}",
        message,
    ), message


def test_check_needs_no_database():
    out, _err = run_load(*all_fixture_files(), check=True)
    assert out.count(" is valid") == len(all_fixture_files())


def test_a_plan_compared_with_outside_the_files_is_not_checked_without_a_database(tmp_path):
    path = write(
        tmp_path,
        edited(
            "      target: {pillar: participation}\n",
            "      compares_with: elsewhere-2020\n      target: {pillar: participation}\n",
        ),
    )
    out, _err = run_load(path, check=True)
    assert "testland-2024 is valid" in out
    assert re.search(
        rf"{re.escape(str(path))}:\d+: plan\.critiques\[1\]\.compares_with: plan "
        r"'elsewhere-2020' is not in these files: not checked without a database",
        out,
    ), out


@pytest.mark.django_db
def test_the_load_refuses_a_comparison_with_a_plan_it_does_not_have(tmp_path):
    path = write(
        tmp_path,
        edited(
            "      target: {pillar: participation}\n",
            "      compares_with: elsewhere-2020\n      target: {pillar: participation}\n",
        ),
    )
    message = load_error(path)
    assert re.search(
        rf"{re.escape(str(path))}:\d+: plan\.critiques\[1\]\.compares_with: unknown plan "
        r"'elsewhere-2020': load its file first, or in the same command",
        message,
    ), message


def test_the_limits_come_from_the_settings(tmp_path):
    path = write(tmp_path, minimal_text(), name="plan.yaml")
    with override_settings(NAPWATCH_PLAN_FILE_MAX_BYTES=1000):
        message = check_error(path)
    assert re.search(
        r"plan\.yaml: \(document\): the file has 3,\d\d\d bytes; a plan file may "
        r"have at most 1,000 \(NAPWATCH_PLAN_FILE_MAX_BYTES\)",
        message,
    ), message
    with override_settings(NAPWATCH_PLAN_TEXT_MAX_CHARS=40):
        message = check_error(path)
    assert re.search(
        r"plan\.yaml:\d+: plan\.pillars\[0\]\.objectives\[0\]\.lines_of_action\[0\]\.indicators"
        r"\[0\]\.critiques\[0\]\.body: 50 characters; a text in a plan file may have at most 40 "
        r"\(NAPWATCH_PLAN_TEXT_MAX_CHARS\)",
        message,
    ), message


def test_the_real_plan_files_pass_the_limits_comfortably():
    import yaml
    from django.conf import settings

    for path in all_fixture_files():
        assert path.stat().st_size * 10 < settings.NAPWATCH_PLAN_FILE_MAX_BYTES, path
        longest = max(
            len(event.value)
            for event in yaml.parse(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
            if isinstance(event, yaml.ScalarEvent)
        )
        assert longest * 10 < settings.NAPWATCH_PLAN_TEXT_MAX_CHARS, path


def manage(*args: str, database) -> subprocess.CompletedProcess:
    """`manage.py` as a person runs it, on its own database."""
    environment = dict(os.environ, DATABASE_URL=f"sqlite:///{database}")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_on_a_never_migrated_database_check_works_and_the_load_says_what_to_do(tmp_path):
    database = tmp_path / "never-migrated.sqlite3"
    bad = write(tmp_path, edited("adopted: 2024-03-08", "adopted: 2021-02-30"))
    fixtures = [str(path) for path in all_fixture_files()]

    checked = manage("load_plan", "--check", *fixtures, database=database)
    assert checked.returncode == 0, checked.stderr
    assert "Traceback" not in checked.stderr
    assert checked.stdout.count(" is valid") == len(fixtures)
    assert not database.exists(), "--check opened the database (SQLite creates the file)"

    refused = manage("load_plan", str(bad), database=database)
    assert refused.returncode == 2, refused.stderr
    assert "Traceback" not in refused.stderr
    assert f"{bad}:18: plan.adopted: '2021-02-30' is not a date" in refused.stderr

    unmigrated = manage("load_plan", *fixtures, database=database)
    assert unmigrated.returncode == 1, unmigrated.stderr
    assert "Traceback" not in unmigrated.stderr
    assert "run `make run` (or `manage.py migrate`) first" in unmigrated.stderr
