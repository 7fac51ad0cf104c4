"""`load_plan`: validated before writing, atomic, idempotent, and precise about what is wrong."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models.signals import post_save

from critiques.models import Critique
from indicators.models import Indicator
from plans.models import Pillar, Plan, StrategicObjective
from tests.conftest import MINIMAL_PLAN


def snapshot() -> dict[str, int]:
    """Row counts of every napwatch table: equal snapshots mean nothing was written."""
    return {
        model._meta.label: model.objects.count()
        for app in ("plans", "indicators", "critiques")
        for model in apps.get_app_config(app).get_models()
    }


def broken(tmp_path: Path, old: str, new: str, name: str = "broken.yaml") -> Path:
    text = MINIMAL_PLAN.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} is not in the minimal plan"
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def run_load(*paths: Path, **options) -> tuple[str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("load_plan", *[str(p) for p in paths], stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def load_error(*paths: Path, **options) -> str:
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError, match="nothing was written") as refused:
        call_command(
            "load_plan", *[str(p) for p in paths], stdout=StringIO(), stderr=err, **options
        )
    assert refused.value.returncode == 2, "bad input exits with status 2"
    return err.getvalue()


BROKEN_FILES = [
    pytest.param(
        '    title: "A Test Brief"\n',
        "",
        r"broken\.yaml:4: sources\[0\]\.title: required field is missing",
        id="missing-field",
    ),
    pytest.param(
        "target: {pillar: participation}",
        "target: {pillar: security}",
        r"broken\.yaml:\d+: plan\.critiques\[1\]\.target\.pillar: unknown pillar 'security' "
        r"\(this plan's pillars: participation, prevention\)",
        id="unknown-pillar",
    ),
    pytest.param(
        "- code: PREV-O1-LA1",
        "- code: PREV-O1",
        r"broken\.yaml:\d+: plan\.pillars\[0\]\.objectives\[0\]\.lines_of_action\[0\]\.code: "
        r"duplicate code 'PREV-O1' \(first used at plan\.pillars\[0\]\.objectives\[0\]\)",
        id="duplicate-code",
    ),
    pytest.param(
        "target: {pillar: participation}",
        "target: {code: PART-O9}",
        r"plan\.critiques\[1\]\.target\.code: the critique points nowhere: "
        r"no element has the code 'PART-O9' in this plan",
        id="critique-pointing-nowhere",
    ),
    pytest.param(
        "declared: {pillars: 2,",
        "declared: {pillars: two,",
        r"broken\.yaml:\d+: plan\.declared\.pillars: input should be a valid integer.*\(got 'two'\)",
        id="wrong-type",
    ),
    pytest.param(
        'provenance: {source: test-brief, locator: "p. 2", confidence: quoted}',
        'provenance: {source: other-brief, locator: "p. 2", confidence: quoted}',
        r"plan\.pillars\[0\]\.objectives\[0\]\.provenance\.source: unknown source 'other-brief'",
        id="unknown-source",
    ),
    pytest.param(
        "confidence: quoted}\n          agencies:",
        "confidence: certain}\n          agencies:",
        r"plan\.pillars\[0\]\.objectives\[0\]\.provenance\.confidence: input should be "
        r"'verbatim', 'quoted', 'described' or 'inferred' \(got 'certain'\)",
        id="unknown-confidence",
    ),
    pytest.param(
        "  region: Nowhere\n",
        "  region: Nowhere\n  regoin: Typo\n",
        r"broken\.yaml:\d+: plan\.regoin: unknown field",
        id="misspelt-field",
    ),
    pytest.param(
        "  region: Nowhere\n",
        "  region: Nowhere\n  region: Elsewhere\n",
        r"broken\.yaml:\d+: \(document\): not valid YAML: the key 'region' appears twice",
        id="duplicate-yaml-key",
    ),
    pytest.param(
        "answers: [no-money]",
        "answers: [no-money, no-such-critique]",
        r"plan\.recommendations\[0\]\.answers\[1\]: unknown critique 'no-such-critique'",
        id="recommendation-answers-nothing",
    ),
    pytest.param(
        "      kind: financing\n",
        "      kind: financing\n    bad: [unclosed\n",
        r"broken\.yaml:\d+: \(document\): not valid YAML",
        id="invalid-yaml",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "new", "expected"), BROKEN_FILES)
def test_it_rejects_a_broken_file_with_the_exact_place_and_writes_nothing(
    tmp_path, minimal_plan, old, new, expected
):
    before = snapshot()
    message = load_error(broken(tmp_path, old, new))
    assert re.search(expected, message), message
    assert snapshot() == before


@pytest.mark.django_db
def test_a_broken_file_in_a_batch_stops_the_whole_batch(tmp_path):
    bad = broken(tmp_path, "slug: testland-2024", "slug: Testland 2024")
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL_PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    message = load_error(good, bad)
    assert "bad" not in message or "broken.yaml" in message
    assert re.search(r"broken\.yaml:\d+: plan\.slug: 'Testland 2024' is not allowed here", message)
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_a_missing_file_is_named(tmp_path):
    message = load_error(tmp_path / "nowhere.yaml")
    assert "nowhere.yaml: (document): no such file" in message


@pytest.mark.django_db
def test_check_validates_without_writing():
    out, _err = run_load(MINIMAL_PLAN, check=True)
    assert "testland-2024 is valid" in out
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    run_load(MINIMAL_PLAN)
    before = snapshot()
    stamps = {
        "plan": Plan.objects.get().updated_at,
        "critiques": sorted(Critique.objects.values_list("key", "updated_at", "published_at")),
    }
    out, _err = run_load(MINIMAL_PLAN)
    assert "0 created, 0 updated" in out
    assert snapshot() == before
    assert Plan.objects.get().updated_at == stamps["plan"]
    assert (
        sorted(Critique.objects.values_list("key", "updated_at", "published_at"))
        == stamps["critiques"]
    )


@pytest.mark.django_db
def test_an_edited_file_updates_what_changed_and_reorders(tmp_path):
    run_load(MINIMAL_PLAN)
    text = MINIMAL_PLAN.read_text(encoding="utf-8")
    # Swap the two pillars and change one indicator's wording.
    prevention_start = text.index("    - slug: prevention")
    participation_start = text.index("    - slug: participation")
    critiques_start = text.index("  critiques:\n    - key: outward")
    swapped = (
        text[:prevention_start]
        + text[participation_start:critiques_start]
        + text[prevention_start:participation_start]
        + text[critiques_start:]
    ).replace("number of people trained", "number of people trained and assessed")
    edited = tmp_path / "edited.yaml"
    edited.write_text(swapped, encoding="utf-8")

    out, _err = run_load(edited)

    plan = Plan.objects.get()
    assert list(plan.pillars.values_list("slug", flat=True)) == ["participation", "prevention"]
    assert (
        Indicator.objects.get(code="PREV-I1").wording_en == "number of people trained and assessed"
    )
    assert "0 created" in out


@pytest.mark.django_db
def test_elements_no_longer_in_the_file_are_reported_and_pruned_on_request(tmp_path):
    run_load(MINIMAL_PLAN)
    text = MINIMAL_PLAN.read_text(encoding="utf-8")
    start = text.index("    - slug: participation")
    end = text.index("  critiques:\n    - key: outward")
    without = text[:start] + text[end:]
    without = without.replace(
        "      target: {pillar: participation}\n", "      target: {pillar: prevention}\n"
    )
    path = tmp_path / "without.yaml"
    path.write_text(without, encoding="utf-8")

    out, _err = run_load(path)
    assert "not in the file (kept; --prune deletes it): pillar testland-2024: Participation" in out
    assert Plan.objects.get().pillars.count() == 2

    run_load(path, prune=True)
    assert list(Plan.objects.get().pillars.values_list("slug", flat=True)) == ["prevention"]


@pytest.mark.django_db
def test_an_objective_moves_to_another_pillar(tmp_path):
    run_load(MINIMAL_PLAN)
    text = MINIMAL_PLAN.read_text(encoding="utf-8")
    start = text.index("      objectives:\n        - code: PREV-O1")
    end = text.index("    - slug: participation")
    block = text[start:end]
    moved = text[:start] + text[end:]
    moved = moved.replace(
        "      provenance: {source: test-brief, confidence: quoted}\n  critiques:",
        "      provenance: {source: test-brief, confidence: quoted}\n" + block + "  critiques:",
    )
    path = tmp_path / "moved.yaml"
    path.write_text(moved, encoding="utf-8")
    run_load(path)
    assert StrategicObjective.objects.get(code="PREV-O1").pillar.slug == "participation"


# -- one transaction: a write that fails midway leaves the database as it was ---------------------


@pytest.fixture
def indicator_writes_fail():
    """The first indicator the loader saves raises, after the rows above it were written.

    Returns what the database held at that moment, to show that something had been written."""
    seen: list[dict] = []

    def fail(sender, instance, **kwargs):
        prevention = Pillar.objects.filter(slug="prevention").values_list("name_en", flat=True)
        seen.append({"rows": snapshot(), "prevention": prevention.first()})
        raise RuntimeError("the disk is full")

    post_save.connect(fail, sender=Indicator, dispatch_uid="test-indicator-writes-fail")
    yield seen
    post_save.disconnect(sender=Indicator, dispatch_uid="test-indicator-writes-fail")


@pytest.mark.django_db
def test_a_write_failing_midway_leaves_an_empty_database_empty(indicator_writes_fail):
    before = snapshot()
    with pytest.raises(RuntimeError, match="the disk is full"):
        run_load(MINIMAL_PLAN)
    [midway] = indicator_writes_fail
    assert midway["rows"]["plans.Plan"] == midway["rows"]["plans.LineOfAction"] == 1  # written...
    assert snapshot() == before  # ...rolled back with everything else
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_a_write_failing_midway_leaves_a_loaded_plan_as_it_was(client, tmp_path, request):
    run_load(MINIMAL_PLAN)
    before = snapshot()
    history = (Pillar.history.count(), Indicator.history.count())
    edited = broken(tmp_path, "name: {en: Prevention, original: Prevención}", "name: {en: Averted}")
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("number of people trained", "people counted"),
        encoding="utf-8",
    )
    failing = request.getfixturevalue("indicator_writes_fail")  # from now on
    with pytest.raises(RuntimeError, match="the disk is full"):
        run_load(edited)
    assert failing[0]["prevention"] == "Averted"  # renamed, before the indicator failed...

    assert snapshot() == before  # ...and all of it rolled back
    assert Pillar.objects.get(slug="prevention").name_en == "Prevention"
    assert Indicator.objects.get(code="PREV-I1").wording_en == "number of people trained"
    assert (Pillar.history.count(), Indicator.history.count()) == history
    page = client.get("/en/plans/testland-2024/pillars/prevention/").content.decode()
    assert "Averted" not in page and "number of people trained" in page


# -- checks across the files of one command -------------------------------------------------------


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
