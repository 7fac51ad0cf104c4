"""`load_plan`: validated before writing, atomic, idempotent, and precise about what is wrong."""

import re

import pytest
from django.db.models.signals import post_save

from critiques.models import Critique
from indicators.models import Indicator
from plans.models import Pillar, Plan, StrategicObjective
from tests.conftest import MINIMAL_PLAN
from tests.plans.loading import broken, load_error, run_load, snapshot

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
