"""Mexico's 2021 plan and the WIIS brief, as `make run` loads them."""

from pathlib import Path

import pytest
from django.db.models import Count

from critiques.models import Critique
from indicators.models import Indicator
from plans.models import Confidence, LineOfAction, Pillar, Responsibility, StrategicObjective

pytestmark = pytest.mark.django_db


def test_it_loads_the_known_elements_and_the_declared_counts(mexico):
    assert (mexico.declared_pillars, mexico.declared_objectives) == (4, 10)
    assert (mexico.declared_lines, mexico.declared_indicators) == (16, 23)
    assert list(mexico.pillars.values_list("slug", flat=True)) == [
        "prevention",
        "participation",
        "protection",
        "relief-and-recovery",
    ]
    assert sorted(mexico.objectives.values_list("code", flat=True)) == [
        "PART-O1",
        "PREV-O1",
        "PREV-O2",
        "PROT-O1",
        "PROT-O2",
        "RR-O1",
    ]
    assert sorted(mexico.lines_of_action.values_list("code", flat=True)) == [
        "PART-O1-LA1",
        "PART-O1-LA2",
        "PART-O1-LA3",
        "PART-O1-LA4",
        "PART-O1-LA5",
        "PREV-O1-LA2",
        "PREV-O2-LA1",
        "PREV-O2-LA2",
        "PROT-O1-LA1",
        "PROT-O1-LA2",
        "RR-O1-LA1",
    ]
    assert sorted(mexico.indicators.values_list("code", flat=True)) == [
        "PART-I1",
        "PART-I2",
        "PART-I3",
        "PART-I4",
        "PART-I5",
        "PROT-I1",
        "PROT-I2",
        "PROT-I3",
        "PROT-I4",
        "RR-I1",
    ]
    assert str(mexico.adopted_on) == "2021-01-11"
    assert mexico.review_due == 2024
    assert set(mexico.plan_agencies.values_list("agency__acronym", flat=True)) >= {
        "SRE",
        "SEDENA",
        "SEMAR",
        "SSPC",
        "INMUJERES",
    }


def test_the_brief_quotes_are_kept_as_quoted_wording(mexico):
    objective = StrategicObjective.objects.get(plan=mexico, code="PREV-O1")
    assert "promote gender mainstreaming among institutions" in objective.wording_en
    assert objective.confidence == Confidence.QUOTED
    assert objective.source.key == "wiis-2021"
    indicator = Indicator.objects.get(plan=mexico, code="PART-I4")
    assert indicator.wording_en.lower() == "number of networks of women peacebuilders formed"


def test_every_element_has_provenance_and_nothing_claims_to_be_verbatim(mexico):
    for model in (Pillar, StrategicObjective, LineOfAction, Indicator):
        for element in model.objects.filter(plan=mexico):
            assert element.source_id and element.confidence in Confidence.values, element
            # The plan's own text was not available: nothing may pretend to be read in it.
            assert element.confidence != Confidence.VERBATIM, element
    for section in mexico.sections.all():
        assert section.source_id and section.confidence in Confidence.values
    assert Responsibility.objects.filter(indicator__plan=mexico, source__isnull=True).count() == 0


def test_reconstructed_wording_is_inferred_and_bracketed(mexico):
    inferred = LineOfAction.objects.filter(plan=mexico, confidence=Confidence.INFERRED)
    assert inferred.exists()
    for line in inferred:
        assert line.wording_en.startswith("["), line


def test_unknown_indicator_attributes_stay_empty(mexico):
    assert not Indicator.objects.filter(plan=mexico).exclude(baseline="").exists()
    assert not Indicator.objects.filter(plan=mexico).exclude(target="").exists()
    assert not Indicator.objects.filter(plan=mexico).exclude(timeframe="").exists()


def test_every_critique_targets_an_element_of_its_own_plan(mexico):
    critiques = Critique.objects.filter(plan=mexico).with_details()
    assert critiques.count() >= 20
    for critique in critiques:
        target = critique.target
        assert target is not None, critique
        owner = target if critique.target_plan_id else target.plan
        assert owner == mexico, critique
        assert critique.status == Critique.Status.PUBLISHED
        assert critique.citations.filter(source__key="wiis-2021").exists(), critique


def test_the_brief_s_analysis_is_covered(mexico):
    categories = set(Critique.objects.filter(plan=mexico).values_list("category", flat=True))
    # Every category on the model (the vocabulary is defined once, there) is used.
    assert categories == set(Critique.Category.values)
    per_pillar = dict(
        Pillar.objects.filter(plan=mexico).annotate(n=Count("critiques")).values_list("slug", "n")
    )
    slugs = dict(Pillar.objects.filter(plan=mexico).values_list("pk", "slug"))
    critiqued_pillars = {
        slugs[c.pillar_id]
        for c in Critique.objects.filter(plan=mexico).with_details()
        if c.pillar_id is not None
    }
    assert critiqued_pillars == set(per_pillar)
    compared = set(
        Critique.objects.filter(plan=mexico, compares_with__isnull=False).values_list(
            "compares_with__slug", "target_section__kind"
        )
    )
    assert compared == {
        ("el-salvador-2017", "coordination-and-monitoring"),
        ("canada-2017", "financing"),
    }
    promising = Critique.objects.get(plan=mexico, kind=Critique.Kind.PROMISING)
    assert "Chihuahua" in promising.body
    missed = Critique.objects.filter(plan=mexico, kind=Critique.Kind.MISSED_OPPORTUNITY)
    assert set(missed.values_list("category", flat=True)) >= {
        "missing-migration",
        "missing-extremism",
        "missing-intersectionality",
        "federal-state-gap",
    }


def test_the_three_recommendations_answer_critiques(mexico):
    recommendations = list(mexico.recommendations.all())
    assert [r.order for r in recommendations] == [1, 2, 3]
    for recommendation in recommendations:
        assert recommendation.critiques.exists(), recommendation


def test_the_plan_page_shows_honest_coverage_and_the_brief(client, mexico):
    text = client.get("/en/plans/mexico-2021/").content.decode()
    assert "10 strategic objectives (6 encoded)" in text
    assert "16 lines of action (11 encoded)" in text
    assert "23 indicators (10 encoded)" in text
    assert "Philipson García" in text


@pytest.mark.parametrize(
    "pillar", ["prevention", "participation", "protection", "relief-and-recovery"]
)
def test_each_pillar_page_shows_its_critiques(client, mexico, pillar):
    response = client.get(f"/en/plans/mexico-2021/pillars/{pillar}/")
    assert response.status_code == 200
    assert 'class="critique ' in response.content.decode()


FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_the_brief_s_proposal_of_specialised_police_units_is_a_described_line(mexico):
    line = LineOfAction.objects.get(plan=mexico, code="PREV-O1-LA2")
    assert line.objective.code == "PREV-O1"
    assert line.objective.pillar.slug == "prevention"
    assert "specialised police body within municipal police departments" in line.wording_en
    assert not line.wording_en.startswith("[")
    assert line.confidence == Confidence.DESCRIBED
    assert (line.source.key, line.source_locator) == ("wiis-2021", "Prevention section")
    assert set(line.critiques.values_list("key", flat=True)) == {
        "federal-state-gap",
        "specialised-gender-police",
    }
    promising = Critique.objects.get(plan=mexico, key="specialised-gender-police")
    assert promising.target_pillar_id is None
    assert "more promising" in promising.title


def test_the_prevention_training_critique_targets_the_pillar_and_credits_the_2020_report(mexico):
    critique = Critique.objects.get(plan=mexico, key="training-only-prevention")
    assert critique.target_pillar is not None and critique.target_pillar.slug == "prevention"
    assert critique.target_line_id is None
    # The point about written limits on force is the 2020 civil society report's, not the brief's.
    body = " ".join(critique.body.split())
    assert "The report's authors called for reassessing training" in body
    assert "argued that training is no substitute for clear, written policies and limits" in body


def test_the_two_semmexico_statements_are_separate_inferred_bracketed_lines(mexico):
    assert not LineOfAction.objects.filter(plan=mexico, code="PREV-O1-LA1").exists()
    courses = LineOfAction.objects.get(plan=mexico, code="PART-O1-LA5")
    training = LineOfAction.objects.get(plan=mexico, code="PROT-O1-LA2")
    assert courses.objective.pillar.slug == "participation"
    assert training.objective.pillar.slug == "protection"
    for line, words in ((courses, "CECOPAM"), (training, "National Guard")):
        assert line.confidence == Confidence.INFERRED, line
        assert line.source.key == "semmexico-2021", line
        assert line.wording_en.startswith("[") and line.wording_en.endswith("]"), line
        assert words in line.wording_en, line
    assert "CECOPAM" not in training.wording_en
    assert "National Guard" not in courses.wording_en


def test_the_coordination_section_is_described_not_quoted(mexico):
    section = mexico.sections.get(slug="coordination-and-monitoring")
    assert section.confidence == Confidence.DESCRIBED
    assert section.source.key == "el-universal-2021"


def test_the_comparisons_keep_to_what_the_brief_says(mexico):
    el_salvador = Critique.objects.get(plan=mexico, key="el-salvador-committee-comparison")
    body = " ".join(el_salvador.body.split())
    assert '"this policy is considered a best practice in the region"' in body
    assert "The authors call this" not in body
    canada = Critique.objects.get(plan=mexico, key="canada-budget-comparison")
    body = " ".join(canada.body.split())
    assert '"include specific budgeting targets over a five-year period"' in body
    assert "for its 2017-2022 plan" not in body
    assert "each year" not in canada.remedy
    deploy = LineOfAction.objects.get(plan=mexico, code="PART-O1-LA1")
    assert "as officers and military observers" in deploy.wording_en


@pytest.mark.parametrize(
    "phrase",
    [
        "most promising",
        "staff officer",
        "as Canada did",
        "for its 2017-2022 plan",
        "calls it a regional best practice",
    ],
)
def test_no_plan_file_keeps_wording_that_goes_beyond_its_source(phrase):
    for path in sorted(FIXTURES.glob("*.yaml")):
        assert phrase.lower() not in path.read_text(encoding="utf-8").lower(), path.name
