"""The rules that keep every judgement as strong as its evidence (docs/plan-format.md, "Rules on
evidence"): each refusal names the file, the line, the path and the assessment or criterion,
exits with status 2 and writes nothing."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from plans.models import Plan
from scorecards.models import Assessment, Rubric
from tests.conftest import all_fixture_files, rubric_files

FIXTURES = {path.stem: path for path in all_fixture_files()}
RUBRIC = rubric_files()[0]

# Mexico's budget answer, as the fixture gives it (a quote that states the absence).
BUDGET_QUOTE = (
    '      - {source: wiis-2021, locator: "Monitoring, Evaluation and Financing section", '
    'quote: "Mexican authorities did not commit to any concrete figures for its implementation"}\n'
)


def edited(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"test set-up: {old!r} is not once in {source.name}"
    path = tmp_path / source.name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def refused(command: str, *paths: Path, check: bool = False) -> str:
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was written") as exc:
        call_command(command, *map(str, paths), check=check, stdout=StringIO(), stderr=err)
    assert exc.value.returncode == 2
    return err.getvalue()


def load_with_others(tmp_path: Path, path: Path) -> str:
    """Load the rubric, then `path` with the other fixtures (the plans its critiques compare
    with); return what the refusal printed."""
    call_command("load_rubric", str(RUBRIC), stdout=StringIO(), stderr=StringIO())
    others = [p for name, p in FIXTURES.items() if name != path.stem]
    return refused("load_plan", path, *others)


@pytest.mark.django_db
def test_an_answer_without_a_quoted_located_source_is_refused(tmp_path):
    path = edited(tmp_path, FIXTURES["mexico-2021"], BUDGET_QUOTE, "      - {source: wiis-2021}\n")
    err = load_with_others(tmp_path, path)
    line = line_of(path, "- {source: wiis-2021}\n".strip())  # the refused evidence
    assert (
        f"{path}:{line - 1}: assessments[2].evidence: assessment of 'budget-allocated' ('no'): "
        "an answer other than 'not-known' cites at least one source with a 'quote' and a "
        "'locator'"
    ) in err
    assert not Plan.objects.exists() and not Assessment.objects.exists()


@pytest.mark.django_db
def test_a_no_resting_on_the_silence_of_the_sources_is_refused(tmp_path):
    path = edited(
        tmp_path,
        FIXTURES["mexico-2021"],
        BUDGET_QUOTE,
        '      - {source: wiis-2021, locator: "Monitoring, Evaluation and Financing section", '
        'quote: "the financing portion of the NAP"}\n',
    )
    err = load_with_others(tmp_path, path)
    assert (
        "assessments[2].evidence: assessment of 'budget-allocated' ('no'): an answer of 'no' "
        in err
    )
    assert "The silence of the sources is 'not-known', never 'no'" in err
    assert f"{path}:" in err
    assert not Plan.objects.exists() and not Assessment.objects.exists()


def test_the_rules_hold_for_answers_in_review_or_published_not_for_drafts(tmp_path):
    draft = edited(
        tmp_path,
        FIXTURES["mexico-2021"],
        '    criterion: budget-allocated\n    level: "no"\n    confidence: described\n'
        "    status: published\n",
        '    criterion: budget-allocated\n    level: "no"\n    confidence: described\n'
        "    status: draft\n",
    )
    text = draft.read_text(encoding="utf-8").replace(BUDGET_QUOTE, "      - {source: wiis-2021}\n")
    draft.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("load_plan", str(draft), check=True, stdout=out, stderr=StringIO())
    assert "mexico-2021 is valid" in out.getvalue()
    in_review = tmp_path / "in-review" / draft.name
    in_review.parent.mkdir()
    in_review.write_text(text.replace("    status: draft\n", "    status: in-review\n", 1))
    assert "assessment of 'budget-allocated'" in refused("load_plan", in_review, check=True)


def test_a_url_in_a_note_that_is_no_listed_source_is_refused(tmp_path):
    path = edited(
        tmp_path,
        FIXTURES["guatemala-2017"],
        "Beijing+25 reporting: PeaceWomen's 2020 commitments page (peacewomen-guatemala-2020).",
        "Beijing+25 reporting: https://example.org/guatemala-2020/.",
    )
    err = refused("load_plan", path, check=True)
    line = line_of(path, "https://example.org/guatemala-2020/")
    assert (
        f"{path}:{line}: plan.sections[0].provenance.note.en: mentions "
        "https://example.org/guatemala-2020/ , which is not the url of any of the file's "
        "sources: add it to 'sources' with a key, and name that key here instead"
    ) in err


def test_a_url_of_a_listed_source_may_be_named_in_a_note(tmp_path):
    path = edited(
        tmp_path,
        FIXTURES["guatemala-2017"],
        "Beijing+25 reporting: PeaceWomen's 2020 commitments page (peacewomen-guatemala-2020).",
        "Beijing+25 reporting: http://1325naps.peacewomen.org/index.php/2019-committments/"
        "guatemala-2020-commitments/.",
    )
    out = StringIO()
    call_command("load_plan", str(path), check=True, stdout=out, stderr=StringIO())
    assert "guatemala-2017 is valid" in out.getvalue()


# The framework's Spanish, between its English and its source (only the English is checked).
SPANISH_BASELINE = (
    '        es: "notas de investigación de napwatch: la lectura SMART de los indicadores '
    '(línea de base)"\n'
)


def test_a_framework_that_does_not_name_its_source_is_refused(tmp_path):
    path = edited(
        tmp_path,
        RUBRIC,
        '        en: "napwatch research notes: the SMART reading of indicators (baseline)"\n'
        f"{SPANISH_BASELINE}      source: napwatch-rubric-notes\n",
        '        en: "SMART reading of indicators (baseline)"\n'
        f"{SPANISH_BASELINE}      source: ogp-irm-glossary\n",
    )
    err = refused("load_rubric", path)
    line = line_of(path, 'en: "SMART reading of indicators (baseline)"') - 1  # framework:
    assert (
        f"{path}:{line}: rubric.criteria[11].framework: criterion 'indicator-baseline': the "
        "framework 'SMART reading of indicators (baseline)' does not name its source "
        "'ogp-irm-glossary' (Open Government Partnership)"
    ) in err


def test_every_framework_a_criterion_names_is_a_source_of_the_file(tmp_path):
    path = edited(
        tmp_path,
        RUBRIC,
        '        en: "UN Women review (review and revision)"\n',
        '        en: "UN Women review (review and revision); GNWP Women Count"\n',
    )
    err = refused("load_rubric", path)
    assert (
        "rubric.criteria[7].framework: criterion 'review-stated': 'GNWP Women Count' names none "
        "of the file's sources; add the framework's source to 'sources'"
    ) in err


@pytest.mark.django_db
def test_a_rubric_refused_for_its_framework_writes_nothing(tmp_path):
    path = edited(
        tmp_path,
        RUBRIC,
        '        en: "OGP Independent Reporting Mechanism: verifiability"\n',
        '        en: "Independent Reporting Mechanism: verifiability"\n',
    )
    assert "criterion 'verifiability'" in refused("load_rubric", path)
    assert not Rubric.objects.exists()


def test_a_revision_before_the_first_publication_is_refused(tmp_path):
    path = edited(
        tmp_path,
        FIXTURES["canada-2017"],
        "    criterion: timetable\n    level: partly\n    confidence: described\n"
        '    status: published\n    first_published: "2026-11-30"\n    revised: "2026-12-07"\n',
        "    criterion: timetable\n    level: partly\n    confidence: described\n"
        '    status: published\n    first_published: "2026-11-30"\n    revised: "2026-11-01"\n',
    )
    err = refused("load_plan", path, check=True)
    assert "assessments[1]: 'revised' (2026-11-01) is before 'first_published' (2026-11-30)" in err
