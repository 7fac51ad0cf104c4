"""Loading a newer file over what the database holds: nothing is deleted without --prune, --prune
works in one run, and a file written for another plan is not loaded over it without --replace."""

import re

import pytest

from critiques.models import Citation, Critique, Recommendation
from indicators.models import Indicator
from plans.models import LineOfAction, Pillar, Plan, PlanAgency, Responsibility, StrategicObjective
from tests.conftest import DATA, MINIMAL_PLAN
from tests.plans.loading import load_error, run_load, snapshot

pytestmark = pytest.mark.django_db

BEFORE = DATA / "prune-before.yaml"
AFTER = DATA / "prune-after.yaml"


def links() -> dict[str, object]:
    """What an older file put in the database besides elements: every kind of row or link that
    a newer file can stop listing."""
    plan = Plan.objects.get(slug="pruneland-2024")
    return {
        "plan sources": sorted(plan.sources.values_list("key", flat=True)),
        "agencies in plan": sorted(
            PlanAgency.objects.filter(plan=plan).values_list("agency__acronym", flat=True)
        ),
        "responsibilities": sorted(
            Responsibility.objects.filter(agency__country_code="PRU").values_list(
                "agency__acronym", "objective__code", "line_of_action__code"
            ),
            key=str,
        ),
        "citations": sorted(
            Citation.objects.filter(critique__plan=plan).values_list("source__key", "locator")
        ),
        "answers": sorted(
            Recommendation.objects.get(plan=plan, key="fund-it").critiques.values_list(
                "key", flat=True
            )
        ),
        "lines": sorted(LineOfAction.objects.filter(plan=plan).values_list("code", flat=True)),
        "pillars": sorted(Pillar.objects.filter(plan=plan).values_list("slug", flat=True)),
        "critiques": sorted(Critique.objects.filter(plan=plan).values_list("key", flat=True)),
    }


def test_without_prune_nothing_is_deleted():
    run_load(BEFORE)
    before = links()

    out, _err = run_load(AFTER)

    after = links()
    for name, rows in before.items():
        assert set(map(str, rows)) <= set(map(str, after[name])), f"{name} lost rows: {out}"
    assert "0 deleted" in out
    for stale in [
        "source link prune-brief-b",
        "agency in plan MINB",
        "responsibility MINB → PREV-O1 ",
        "citation of prune-brief-b, p. 9 in critique no-money",
        "answer outward of recommendation fund-it",
        "line of action PREV-O1-LA1",
        "pillar pruneland-2024: Legacy",
        "critique old-draft",
    ]:
        assert f"not in the file (kept; --prune deletes it): {stale}" in out, out
    # Kept rows are still what the newer file does not contradict: the moved critique moved.
    assert Critique.objects.get(key="training-only").target_line.code == "PREV-O1-LA3"


def test_prune_moves_critiques_first_and_deletes_stale_rows_in_one_run():
    run_load(BEFORE)

    out, _err = run_load(AFTER, prune=True)

    assert links() == {
        "plan sources": ["prune-brief-a"],
        "agencies in plan": ["MINA"],
        "responsibilities": [("MINA", "PREV-O1", None)],
        "citations": [("prune-brief-a", "p. 4")],
        "answers": ["no-money"],
        "lines": ["PREV-O1-LA2", "PREV-O1-LA3"],
        "pillars": ["prevention"],
        "critiques": ["counts-heads", "no-money", "outward", "training-only"],
    }
    assert Critique.objects.get(key="training-only").target_line.code == "PREV-O1-LA3"
    assert Indicator.objects.get(code="PREV-I1").line_of_action.code == "PREV-O1-LA3"
    assert not StrategicObjective.objects.filter(code="OLD-O1").exists()
    assert "deleted" in out and "0 deleted" not in out

    again, _err = run_load(AFTER, prune=True)
    assert re.search(r"0 created, 0 updated, \d+ unchanged, 0 deleted", again), again


def test_prune_keeps_an_element_that_a_published_critique_still_targets(tmp_path):
    """A published critique is never deleted by a load, so neither is the element it is about."""
    before = BEFORE.read_text(encoding="utf-8").replace(
        "              status: draft\n", "              status: published\n"
    )
    older = tmp_path / "older.yaml"
    older.write_text(before, encoding="utf-8")
    run_load(older)

    out, _err = run_load(AFTER, prune=True)

    assert StrategicObjective.objects.filter(code="OLD-O1").exists()
    assert Critique.objects.filter(key="old-draft").exists()
    assert not LineOfAction.objects.filter(code="PREV-O1-LA1").exists()
    assert "critique old-draft (published: kept)" in out
    assert re.search(r"strategic objective OLD-O1 .*\(kept: critique old-draft", out), out


def other_plan_under_the_same_slug(tmp_path, *, country: bool = True, codes: bool = True):
    text = MINIMAL_PLAN.read_text(encoding="utf-8")
    if country:
        text = text.replace("country: Testland", "country: Otherland").replace(
            "country_code: TST", "country_code: OTH"
        )
        text = text.replace("Plan Nacional de Prueba", "Plan de Otra Tierra")
    if codes:
        text = text.replace("code: PREV", "code: SEC").replace("code: PART", "code: REL")
    path = tmp_path / "other.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_for_another_plan_under_an_existing_slug_needs_replace(tmp_path, minimal_plan):
    before = snapshot()
    other = other_plan_under_the_same_slug(tmp_path)

    message = load_error(other)

    assert re.search(
        rf"{re.escape(str(other))}:12: plan\.slug: 'testland-2024' is already in the database "
        r"as another plan: this file would change its country from Testland \(TST\) to "
        r"Otherland \(OTH\), its title from 'Plan Nacional de Prueba' to 'Plan de Otra Tierra', "
        r"and leave out 5 of its 5 element codes \(PART, PREV, PREV-I1, PREV-O1, PREV-O1-LA1\)\. "
        r"If this file replaces that plan, load it with --replace",
        message,
    ), message
    assert snapshot() == before

    out, _err = run_load(other, replace=True)
    plan = Plan.objects.get(slug="testland-2024")
    assert (plan.country, plan.country_code) == ("Otherland", "OTH")
    assert "not in the file (kept; --prune deletes it): strategic objective PREV-O1" in out


@pytest.mark.parametrize(
    ("country", "codes"), [(True, False), (False, True)], ids=["country", "elements"]
)
def test_a_new_country_or_mostly_new_elements_each_need_replace(
    tmp_path, minimal_plan, country, codes
):
    other = other_plan_under_the_same_slug(tmp_path, country=country, codes=codes)
    message = load_error(other)
    assert "load it with --replace" in message
    assert ("change its country" in message) is country
    assert ("element codes" in message) is codes
