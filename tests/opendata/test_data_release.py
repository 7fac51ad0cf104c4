"""The citable data release: a Frictionless Data Package that validates, is the same bytes for the
same data, and holds only public, real data."""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from critiques.models import Critique
from indicators.models import Indicator
from opendata.package import write_release
from opendata.tables import TABLES, Scope
from scorecards.models import Assessment, Evidence

FRICTIONLESS = str(Path(sys.executable).parent / "frictionless")
ISSUE_TABLES = {
    "plans",
    "pillars",
    "objectives",
    "lines_of_action",
    "indicators",
    "agencies",
    "responsibilities",
    "sources",
    "critiques",
    "citations",
    "recommendations",
    "assessments",
    "assessment_evidence",
    "criteria",
    "rubrics",
}


def frictionless_validate(folder: Path) -> subprocess.CompletedProcess:
    """The frictionless command line, as a researcher runs it (offline: the machine has no network)."""
    return subprocess.run(
        [FRICTIONLESS, "validate", "--json", "datapackage.json"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )


def export(folder: Path) -> Path:
    call_command("export_dataset", "-o", str(folder), verbosity=0)
    return folder


def rows(folder: Path, table: str) -> list[dict]:
    with (folder / "data" / f"{table}.csv").open(newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture
def draft_and_synthetic(mexico, make_synthetic_plan):
    """Mexico with a draft critique, a draft assessment, a published assessment whose evidence
    includes the draft critique, and a synthetic plan that a real critique compares with."""
    synthetic = make_synthetic_plan(1, indicators=5)
    indicator = Indicator.objects.get(plan=mexico, code="PART-I1")
    Critique.objects.create(
        plan=mexico,
        key="a-secret-draft",
        title="A secret draft",
        target_indicator=indicator,
        category=Critique.Category.VAGUE_INDICATOR,
        body="Not for the public.",
        status=Critique.Status.DRAFT,
    )
    published = Critique.objects.published().filter(plan=mexico).order_by("key").first()
    published.compares_with = synthetic
    published.save()
    draft, public = Assessment.objects.filter(plan=mexico).order_by("criterion__order")[:2]
    draft.status = Assessment.Status.DRAFT
    draft.rationale = "A secret answer."
    draft.save()
    secret = Critique.objects.get(plan=mexico, key="a-secret-draft")
    Evidence.objects.create(assessment=public, order=99, critique=secret)
    return mexico, synthetic, published


def test_the_package_validates_offline_and_has_every_table(mexico, tmp_path):
    folder = export(tmp_path / "release")
    result = frictionless_validate(folder)
    assert result.returncode == 0, result.stdout[-3000:]
    assert json.loads(result.stdout)["valid"] is True

    package = json.loads((folder / "datapackage.json").read_text())
    names = {resource["name"] for resource in package["resources"]}
    assert ISSUE_TABLES <= names
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert "remain the governments'" in package["description"]
    assert package["version"] in package["citation"]
    critiques = next(r for r in package["resources"] if r["name"] == "critiques")
    assert critiques["schema"]["primaryKey"] == ["id"]
    assert {
        "fields": ["target_indicator_id"],
        "reference": {"resource": "indicators", "fields": ["id"]},
    } in (critiques["schema"]["foreignKeys"])
    indicators = rows(folder, "indicators")
    assert {row["id"] for row in indicators} >= {"mexico-2021/PART-I1"}
    part_i1 = next(row for row in indicators if row["id"] == "mexico-2021/PART-I1")
    assert part_i1["confidence"] in {"quoted", "described", "inferred"}
    assert part_i1["url"].endswith("/en/plans/mexico-2021/pillars/participation/#PART-I1")


def test_a_foreign_key_that_points_nowhere_fails_validation(mexico, tmp_path):
    folder = export(tmp_path / "release")
    path = folder / "data" / "citations.csv"
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    assert lines[1].startswith("mexico-2021/")
    lines[1] = "mexico-2021/no-such-critique" + lines[1][lines[1].index(",") :]
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    # Only the key is wrong: the file's size and checksum in the descriptor are made to match.
    package_path = folder / "datapackage.json"
    package = json.loads(package_path.read_text())
    resource = next(r for r in package["resources"] if r["name"] == "citations")
    resource["bytes"] = path.stat().st_size
    resource["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    package_path.write_text(json.dumps(package))

    result = frictionless_validate(folder)

    assert result.returncode != 0
    report = json.loads(result.stdout)
    errors = [e for task in report["tasks"] for e in task["errors"]]
    assert [e["type"] for e in errors] == ["foreign-key"]
    assert "mexico-2021/no-such-critique" in errors[0]["message"]


def test_the_same_data_gives_the_same_bytes_and_version(mexico, tmp_path):
    first = write_release(tmp_path / "one.zip")
    second = write_release(tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    assert first == second
    assert first.sha256 == hashlib.sha256((tmp_path / "one.zip").read_bytes()).hexdigest()

    # The date part of the version is the latest change in the data, not the day of the export.
    latest = datetime.datetime(2031, 5, 17, 9, 30, tzinfo=datetime.UTC)
    Critique.objects.published().filter(plan=mexico, key=first_key(mexico)).update(
        updated_at=latest
    )
    changed = write_release(tmp_path / "three.zip")
    assert changed.version.startswith("2031-05-17-")
    assert changed.version != first.version
    with zipfile.ZipFile(tmp_path / "three.zip") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2031, 5, 17, 0, 0, 0)}
        names = archive.namelist()
    assert names == [f"data/{table.name}.csv" for table in TABLES] + [
        "changes.csv",
        "datapackage.json",
    ]


def first_key(plan) -> str:
    return Critique.objects.published().filter(plan=plan).order_by("key").first().key


def test_drafts_and_synthetic_plans_are_never_released(draft_and_synthetic, tmp_path):
    mexico, synthetic, comparing = draft_and_synthetic
    folder = export(tmp_path / "release")
    everything = "".join(path.read_text() for path in (folder / "data").glob("*.csv"))
    assert "a-secret-draft" not in everything
    assert "Not for the public" not in everything
    assert synthetic.slug not in everything
    assert {row["id"] for row in rows(folder, "plans")} == {
        "canada-2017",
        "el-salvador-2017",
        "guatemala-2017",
        "mexico-2021",
    }
    critique = next(
        row for row in rows(folder, "critiques") if row["id"] == f"mexico-2021/{comparing.key}"
    )
    assert critique["compares_with_plan_id"] == ""  # not a key pointing nowhere
    published = Critique.objects.published().filter(plan__is_synthetic=False).count()
    assert len(rows(folder, "critiques")) == published
    assert "A secret answer" not in everything
    assessments = rows(folder, "assessments")
    assert len(assessments) == Assessment.objects.published().count() > 30
    draft = Assessment.objects.get(plan=mexico, status=Assessment.Status.DRAFT)
    assert f"mexico-2021/{draft.criterion.rubric.key}/{draft.criterion.key}" not in {
        row["id"] for row in assessments
    }
    evidence = rows(folder, "assessment_evidence")
    assert {row["assessment_id"] for row in evidence} <= {row["id"] for row in assessments}
    budget = next(
        row
        for row in assessments
        if row["id"].endswith("mexico-2021/napwatch-nap-quality-2026/budget-allocated")
    )
    assert budget["answer"] == "no"
    assert budget["url"].endswith("/en/plans/mexico-2021/scorecard/#criterion-budget-allocated")
    assert frictionless_validate(folder).returncode == 0


def test_export_dataset_refuses_a_file_as_its_folder(db, tmp_path):
    target = tmp_path / "a-file"
    target.write_text("")
    with pytest.raises(CommandError, match="exists and is not a folder") as raised:
        call_command("export_dataset", "-o", str(target))
    assert raised.value.returncode == 2


def test_the_bench_can_include_synthetic_plans(make_synthetic_plan, tmp_path):
    make_synthetic_plan(1, indicators=5)
    facts = write_release(tmp_path / "bench.zip", Scope.public(include_synthetic=True))
    assert next(t for t in facts.tables if t.name == "indicators").rows == 5
    public = write_release(tmp_path / "public.zip")
    assert next(t for t in public.tables if t.name == "indicators").rows == 0
