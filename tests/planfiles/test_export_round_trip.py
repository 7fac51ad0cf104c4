"""Plan files round-trip: export → load into an empty database → export again gives the same
bytes and the same rows; loading an export into the database it came from changes nothing."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models

from critiques.models import Citation, Critique, Recommendation
from indicators.models import Indicator
from pagecache.models import PlanRevision
from planfiles.export import plan_file_text
from planfiles.rubric import load_rubric_files
from planfiles.services import load_plan_files
from plans.models import (
    Agency,
    LineOfAction,
    Pillar,
    Plan,
    PlanAgency,
    Responsibility,
    Section,
    Source,
    StrategicObjective,
)
from scorecards.models import Assessment, Criterion, Evidence, Rubric
from tests.conftest import all_fixture_files, load_all_fixtures, rubric_files

# The rows a plan file holds, each model with the fields that name a row of it across databases.
NATURAL = {
    Plan: ("slug",),
    Source: ("key",),
    Agency: ("country_code", "acronym"),
    Section: ("plan", "slug"),
    Pillar: ("plan", "slug"),
    StrategicObjective: ("plan", "code"),
    LineOfAction: ("plan", "code"),
    Indicator: ("plan", "code"),
    Critique: ("plan", "key"),
    Recommendation: ("plan", "key"),
    Rubric: ("key",),
    Criterion: ("rubric", "key"),
    Assessment: ("plan", "criterion"),
}
ROWS = [
    Plan,
    Source,
    Agency,
    PlanAgency,
    Section,
    Pillar,
    StrategicObjective,
    LineOfAction,
    Indicator,
    Responsibility,
    Critique,
    Citation,
    Recommendation,
    Assessment,
    Evidence,
]
# What a database adds by itself, not what a file says: ids, clocks, the edit counter.
NOT_FROM_THE_FILE = {
    "id",
    "created_at",
    "updated_at",
    "published_at",
    "published_by",
    "version",
    "author",
}


def natural(obj) -> tuple:
    values = []
    for name in NATURAL[type(obj)]:
        value = getattr(obj, name)
        values.append(natural(value) if isinstance(value, models.Model) else value)
    return tuple(values)


def snapshot() -> dict[str, list]:
    """Every row of every table a plan file fills, with foreign keys as natural keys."""
    shot = {}
    for model in ROWS:
        rows = []
        for obj in model.objects.all():
            row = {}
            for field in model._meta.concrete_fields:
                if field.name in NOT_FROM_THE_FILE:
                    continue
                if field.is_relation:
                    target = getattr(obj, field.name)
                    row[field.name] = natural(target) if target is not None else None
                elif isinstance(field, models.CharField | models.TextField):
                    # An empty translation column may be NULL or '': both mean "no text".
                    row[field.name] = getattr(obj, field.attname) or ""
                else:
                    row[field.name] = getattr(obj, field.attname)
            if model is Plan:
                row["sources"] = sorted(s.key for s in obj.sources.all())
            if model is Recommendation:
                row["answers"] = sorted(c.key for c in obj.critiques.all())
            rows.append(repr(sorted(row.items())))
        shot[model.__name__] = sorted(rows)
    return shot


def empty_the_database() -> None:
    Recommendation.critiques.through.objects.all().delete()
    Citation.objects.all().delete()
    Critique.objects.all().delete()
    Recommendation.objects.all().delete()
    Responsibility.objects.all().delete()
    Plan.objects.all().delete()  # and, with them, their assessments and evidence
    Rubric.objects.all().delete()
    Agency.objects.all().delete()
    Source.objects.all().delete()
    assert all(not model.objects.exists() for model in [*ROWS, Rubric, Criterion])


def load_into_the_empty_database(paths) -> None:
    """As `make fixtures` does: the rubric first, then the plan files answering it."""
    load_rubric_files(paths=rubric_files())
    load_plan_files(paths=paths)


def history_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    }


@pytest.fixture
def plans_with_every_status(db):
    """The four fixtures, and Mexico with a critique in each unpublished status, one of them
    answered by a recommendation and citing a source, and an assessment in each unpublished
    status whose evidence is an element, a source and the draft critique."""
    load_all_fixtures()
    mexico = Plan.objects.get(slug="mexico-2021")
    indicator = Indicator.objects.get(plan=mexico, code="PART-I1")
    recommendation = Recommendation.objects.filter(plan=mexico).first()
    for status in ("draft", "in-review", "withdrawn"):
        critique = Critique(
            plan=mexico,
            key=f"a-{status}-critique",
            title=f"A {status} critique",
            title_es=f"Una crítica ({status})",
            target_indicator=indicator,
            category=Critique.Category.VAGUE_INDICATOR,
            severity=Critique.Severity.LOW,
            body=f"Not public: **{status}**.\n\nA second paragraph.",
            status=status,
        )
        critique.full_clean()
        critique.save()
        Citation.objects.create(
            critique=critique,
            source=Source.objects.get(key="wiis-2021"),
            locator="p. 9",
            quote="a quotation",
            order=1,
        )
        recommendation.critiques.add(critique)
    draft_critique = Critique.objects.get(plan=mexico, key="a-draft-critique")
    answers = Assessment.objects.filter(plan=mexico).order_by("criterion__order")[:3]
    for status, assessment in zip(("draft", "in-review", "withdrawn"), answers, strict=True):
        assessment.status = status
        assessment.rationale = f"Not public: a **{status}** answer."
        assessment.rationale_es = f"No es público: una respuesta (**{status}**)."
        assessment.full_clean()
        assessment.save()
        order = assessment.evidence.count()
        Evidence.objects.create(assessment=assessment, order=order + 1, indicator=indicator)
        Evidence.objects.create(
            assessment=assessment,
            order=order + 2,
            source=Source.objects.get(key="wiis-2021"),
            locator="p. 9",
            quote="a quotation",
        )
        Evidence.objects.create(assessment=assessment, order=order + 3, critique=draft_critique)
    assert Assessment.objects.filter(plan=mexico).exclude(status="published").count() == 3
    return Plan.objects.order_by("slug")


def export_all(directory, *, include_drafts: bool) -> dict[str, bytes]:
    files = {}
    for plan in Plan.objects.order_by("slug"):
        path = directory / f"{plan.slug}.yaml"
        path.write_bytes(plan_file_text(plan, include_drafts=include_drafts).encode())
        files[plan.slug] = path.read_bytes()
    return files


@pytest.mark.parametrize("include_drafts", [True, False], ids=["with-drafts", "public"])
def test_every_fixture_round_trips_byte_for_byte_and_row_for_row(
    plans_with_every_status, tmp_path, include_drafts
):
    first = export_all(tmp_path, include_drafts=include_drafts)
    unpublished_evidence = Evidence.objects.exclude(assessment__status="published").count()
    assert set(first) == {path.stem for path in all_fixture_files()}
    before = snapshot()

    empty_the_database()
    load_into_the_empty_database(sorted(tmp_path.glob("*.yaml")))
    again = tmp_path / "again"
    again.mkdir()
    assert export_all(again, include_drafts=include_drafts) == first

    after = snapshot()
    if include_drafts:
        assert after == before
    else:  # the public file has published critiques only: the rest are not in the copy
        unpublished = [row for row in before["Critique"] if "'published'" not in row]
        assert len(unpublished) == 3
        assert after["Critique"] == [row for row in before["Critique"] if row not in unpublished]
        assert len(after["Citation"]) == len(before["Citation"]) - 3
        unpublished = [row for row in before["Assessment"] if "'published'" not in row]
        assert len(unpublished) == 3
        assert after["Assessment"] == [
            row for row in before["Assessment"] if row not in unpublished
        ]
        assert len(after["Evidence"]) == len(before["Evidence"]) - unpublished_evidence
        assert len(after["Assessment"]) > 30  # every fixture's published assessments
        for name in set(before) - {
            "Critique",
            "Citation",
            "Recommendation",
            "Assessment",
            "Evidence",
        }:
            assert after[name] == before[name], name


def test_the_export_keeps_statuses_and_the_public_file_leaves_drafts_out(
    plans_with_every_status,
):
    mexico = Plan.objects.get(slug="mexico-2021")
    with_drafts = plan_file_text(mexico, include_drafts=True)
    public = plan_file_text(mexico)
    for status in ("draft", "in-review", "withdrawn"):
        assert f"key: a-{status}-critique\n" in with_drafts
        assert f"status: {status}\n" in with_drafts
        assert f"a-{status}-critique" not in public  # nor among a recommendation's answers
        assert f"a **{status}** answer" in with_drafts
        assert f"a **{status}** answer" not in public
    assert "\nassessments:\n  - rubric: napwatch-nap-quality-2026\n" in public
    published = Assessment.objects.filter(plan=mexico, status="published")
    assert public.count("\n  - rubric: napwatch-nap-quality-2026\n") == published.count()
    assert with_drafts.count("\n  - rubric: ") == published.count() + 3
    assert "\n    level: 'no'\n" in public  # quoted, so it stays the word, not false
    assert "Published critiques and assessments only." in public
    assert "drafts included" in with_drafts
    # The Markdown body stays a readable block, not an escaped one-liner.
    assert re.search(
        r"\n +en: \|-\n( +)Not public: \*\*draft\*\*\.\n\n\1A second paragraph\.\n", with_drafts
    )


def test_loading_an_export_into_its_own_database_changes_nothing(plans_with_every_status, tmp_path):
    export_all(tmp_path, include_drafts=True)
    rows, history = snapshot(), history_counts()
    tokens = dict(PlanRevision.objects.values_list("plan__slug", "token"))

    report = load_plan_files(paths=sorted(tmp_path.glob("*.yaml")))

    assert not report.changed, report.summary()
    assert report.stale == [] and report.kept == []
    assert snapshot() == rows
    assert history_counts() == history
    assert dict(PlanRevision.objects.values_list("plan__slug", "token")) == tokens


def test_the_export_is_in_tree_order_and_loads_as_a_valid_file(mexico, tmp_path):
    text = plan_file_text(mexico)
    pillars = list(mexico.pillars.order_by("order").values_list("code", flat=True))
    positions = [text.index(f"\n      code: {code}\n") for code in pillars]
    assert positions == sorted(positions)
    codes = list(
        Indicator.objects.filter(plan=mexico)
        .order_by(
            "line_of_action__objective__pillar__order",
            "line_of_action__objective__order",
            "line_of_action__order",
            "order",
        )
        .values_list("code", flat=True)
    )
    found = [text.index(f"- code: {code}\n") for code in codes]
    assert found == sorted(found)
    path = tmp_path / "mexico.yaml"
    path.write_text(text)
    call_command("load_plan", "--check", str(path), verbosity=0)


def test_export_plan_writes_the_file_and_refuses_an_unknown_slug(mexico, tmp_path, capsys):
    out = tmp_path / "mexico.yaml"
    call_command("export_plan", "mexico-2021", "-o", str(out))
    assert out.read_bytes() == plan_file_text(mexico).encode()
    call_command("export_plan", "mexico-2021")
    assert capsys.readouterr().out == plan_file_text(mexico)

    with pytest.raises(CommandError, match="no plan with the slug 'atlantis-2020'") as raised:
        call_command("export_plan", "atlantis-2020")
    assert raised.value.returncode == 2


def test_the_plan_file_page_is_public_cached_and_404s_for_an_unknown_plan(
    plans_with_every_status, client, django_assert_max_num_queries
):
    mexico = Plan.objects.get(slug="mexico-2021")
    with django_assert_max_num_queries(20):
        response = client.get("/en/plans/mexico-2021/plan.yaml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert response.content == plan_file_text(mexico).encode()
    assert b"a-draft-critique" not in response.content
    with django_assert_max_num_queries(1):
        assert client.get("/en/plans/mexico-2021/plan.yaml")["X-Page-Cache"] == "hit"
    assert client.get("/en/plans/atlantis-2020/plan.yaml").status_code == 404


def test_the_plan_file_takes_a_bounded_number_of_queries(
    make_synthetic_plan, client, django_assert_max_num_queries
):
    small, large = make_synthetic_plan(1, indicators=5), make_synthetic_plan(2, indicators=100)
    for plan in (small, large):
        with django_assert_max_num_queries(20):
            assert client.get(f"/en/plans/{plan.slug}/plan.yaml").status_code == 200
