"""The scorecard and compare pages: what a reader sees, only published assessments, every 400,
the CSV, the page cache, and bounded queries with 2 and 6 plans on Mexico and 10× plans."""

import csv
import io

import pytest
from django.urls import reverse

from scorecards import services
from scorecards.models import Assessment

COMPARE = "/en/compare/"
THREE = "mexico-2021,el-salvador-2017,canada-2017"


def text(response) -> str:
    return response.content.decode()


def test_the_scorecard_shows_every_criterion_by_dimension_with_evidence(client, mexico):
    response = client.get(reverse("comparison:scorecard", kwargs={"slug": "mexico-2021"}))
    assert response.status_code == 200
    html = text(response)
    assert '<h2 id="dimension-financing">Financing</h2>' in html
    assert 'id="criterion-budget-allocated"' in html
    assert "The brief finds <strong>no budget</strong> allocated" in html
    # evidence links go to the critique's card on the page that shows its target
    assert 'href="/en/plans/mexico-2021/#critique-no-financing"' in html
    assert "0 of 10 encoded indicators; the plan declares 23" in html
    assert "34 of 82 NAPs (43%) included an allocated budget" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in html


def test_the_overview_and_pillar_pages_link_to_the_scorecard_and_comparisons(client, mexico):
    overview = text(client.get("/en/plans/mexico-2021/"))
    assert 'href="/en/plans/mexico-2021/scorecard/"' in overview
    assert 'href="/en/compare/?plans=mexico-2021,canada-2017"' in overview
    assert 'href="/en/compare/?plans=mexico-2021,el-salvador-2017"' in overview
    pillar = text(client.get("/en/plans/mexico-2021/pillars/participation/"))
    assert 'href="/en/plans/mexico-2021/scorecard/"' in pillar


def test_the_compare_table_has_each_plan_s_answer_and_the_field_wide_context(client, mexico):
    response = client.get(COMPARE, {"plans": THREE})
    assert response.status_code == 200
    html = text(response)
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert (
        html.index(">Mexico 2021<") < html.index(">El Salvador 2017<") < html.index(">Canada 2017<")
    )
    row = html[html.index('id="row-budget-allocated"') :]
    row = row[: row.index("</tr>")]
    assert row.count("answer--poor") == 2 and row.count("answer--partial") == 1  # no, no, partly
    assert "PeaceWomen (WILPF), analysis of 82 NAPs, September 2019" in row
    assert 'href="/en/plans/mexico-2021/#critique-no-financing"' in row
    assert "10 of 23 encoded" in html  # Mexico's indicators, declared vs encoded


def test_not_known_is_shown_apart_from_no(client, mexico):
    html = text(client.get(COMPARE, {"plans": "mexico-2021,el-salvador-2017"}))
    row = html[html.index('id="row-emerging-issues"') :]
    row = row[: row.index("</tr>")]
    assert '<span class="answer answer--poor">No</span>' in row  # Mexico
    assert '<span class="answer answer--unknown">Not known</span>' in row  # El Salvador


def test_only_published_assessments_are_public(client, mexico, reviewer):
    assessment = Assessment.objects.get(plan=mexico, criterion__key="budget-allocated")
    services.transition(assessment=assessment, user=reviewer, name="withdraw")
    scorecard = text(client.get("/en/plans/mexico-2021/scorecard/"))
    card = scorecard[scorecard.index('id="criterion-budget-allocated"') :]
    card = card[: card.index("</article>")]
    assert "no budget" not in card and "No published assessment yet." in card
    compare = text(client.get(COMPARE, {"plans": THREE, "format": "csv"}))
    budget = next(r for r in csv.reader(io.StringIO(compare)) if "allocated budget" in r[1])
    assert budget[2] == "no published assessment"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("mexico-2021", "Choose at least 2 plans to compare (1 given)."),
        ("mexico-2021,mexico-2021", "Choose at least 2 plans to compare (1 given)."),
        (",,,", "Choose at least 2 plans to compare (0 given)."),
        ("a,b,c,d,e,f,g", "Choose at most 6 plans to compare (7 given)."),
        ("mexico-2021,atlantis-1999", "No plan has the slug “atlantis-1999”."),
        ("mexico-2021,nope,<script>", "No plans have the slugs “nope”, “&lt;script&gt;”."),
        ("mexico-2021," + "x" * 5000, "No plan has the slug “" + "x" * 80 + "”."),
    ],
)
def test_bad_selections_answer_400_naming_what_is_wrong(client, mexico, query, message):
    response = client.get(COMPARE, {"plans": query})
    assert response.status_code == 400
    assert message in text(response)
    assert 'type="checkbox" name="plans"' in text(response)  # the form to pick again


def test_the_same_plan_twice_is_ignored_not_an_error(client, mexico):
    response = client.get(COMPARE, {"plans": "mexico-2021,canada-2017,mexico-2021"})
    assert response.status_code == 200
    assert text(response).count('scope="col"><a href="/en/plans/mexico-2021/"') == 1


def test_the_form_s_repeated_parameter_works_without_javascript(client, mexico):
    response = client.get(COMPARE + "?plans=mexico-2021&plans=guatemala-2017")
    assert response.status_code == 200
    assert ">Guatemala 2017<" in text(response)


def test_the_csv_has_a_column_per_plan_and_the_context_with_its_source(client, mexico):
    response = client.get(COMPARE, {"plans": THREE, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(text(response))))
    assert rows[0] == [
        "section",
        "row",
        "mexico-2021",
        "el-salvador-2017",
        "canada-2017",
        "context",
        "context source",
        "responses",
    ]
    budget = next(
        r for r in rows if r[1] == "Did the plan have an allocated budget when it was released?"
    )
    assert budget[2:5] == ["No", "No", "Partly"]
    assert budget[5].startswith("34 of 82 NAPs (43%)")
    assert "PeaceWomen" in budget[6]
    baseline = next(r for r in rows if r[1] == "Share of encoded indicators that state a baseline")
    assert baseline[2] == (
        "Not known from the sources available (0 of 10 encoded indicators; the plan declares 23)"
    )


def test_an_edit_to_any_compared_plan_makes_the_page_afresh(client, mexico, reviewer):
    url = f"{COMPARE}?plans={THREE}"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    assessment = Assessment.objects.get(plan__slug="canada-2017", criterion__key="budget-allocated")
    services.transition(assessment=assessment, user=reviewer, name="withdraw")
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss"
    row = text(fresh)[text(fresh).index('id="row-budget-allocated"') :]
    assert row[: row.index("</tr>")].count("answer--partial") == 0
    scorecard = "/en/plans/canada-2017/scorecard/"
    assert client.get(scorecard)["X-Page-Cache"] == "miss"
    assert client.get(scorecard)["X-Page-Cache"] == "hit"


def test_a_draft_edit_leaves_the_cache_alone(client, mexico, editor):
    url = "/en/plans/mexico-2021/scorecard/"
    client.get(url)
    Assessment.objects.filter(plan=mexico, criterion__key="timetable").delete()
    assert client.get(url)["X-Page-Cache"] == "miss"  # a published one was deleted
    from scorecards.models import Criterion

    services.save_assessment(
        assessment=Assessment(
            plan=mexico,
            criterion=Criterion.objects.get(key="timetable"),
            level="no",
            confidence="described",
            rationale_en="draft",
        ),
        user=editor,
    )
    assert client.get(url)["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("count", [2, 6])
def test_the_compare_page_runs_a_bounded_number_of_queries(
    client, mexico, make_synthetic_plan, django_assert_max_num_queries, count
):
    """Prevents an N+1: the same bound for 2 or 6 plans, Mexico's size or 10× its indicators."""
    synthetic = [make_synthetic_plan(n, indicators=230) for n in range(1, count + 1)]
    for plans in (
        [
            "mexico-2021",
            "el-salvador-2017",
            "canada-2017",
            "guatemala-2017",
            *[p.slug for p in synthetic],
        ][:count],
        [p.slug for p in synthetic],
    ):
        url = f"{COMPARE}?plans={','.join(plans)}"
        with django_assert_max_num_queries(22):
            assert client.get(url).status_code == 200
        with django_assert_max_num_queries(22):
            assert client.get(url + "&format=csv").status_code == 200


def test_the_scorecard_runs_a_bounded_number_of_queries(
    client, mexico, make_synthetic_plan, django_assert_max_num_queries
):
    big = make_synthetic_plan(1, indicators=230)
    for slug in ("mexico-2021", big.slug):
        with django_assert_max_num_queries(14):
            assert client.get(f"/en/plans/{slug}/scorecard/").status_code == 200


def test_an_unknown_plan_s_scorecard_is_404(client, mexico):
    assert client.get("/en/plans/atlantis-1999/scorecard/").status_code == 404


def test_evidence_that_is_an_unpublished_critique_is_not_linked(client, mexico):
    from critiques.models import Critique

    Critique.objects.filter(plan=mexico, key="no-financing").update(status="draft")
    from plans.signals import plan_data_changed

    plan_data_changed.send(sender=None, plan_ids=[mexico.pk])  # update() sends no signal
    html = text(client.get("/en/plans/mexico-2021/scorecard/"))
    assert "#critique-no-financing" not in html
    assert "#critique-canada-budget-comparison" in html  # the published one stays


def test_publishing_an_assessment_makes_the_scorecard_and_compare_page_afresh(
    client, mexico, editor, reviewer
):
    """A publication changes what readers see: the cached pages are made again at once (a draft's
    edits do not, test_a_draft_edit_leaves_the_cache_alone)."""
    from scorecards.models import Criterion

    Assessment.objects.filter(plan=mexico, criterion__key="timetable").delete()
    scorecard = "/en/plans/mexico-2021/scorecard/"
    compare = f"{COMPARE}?plans={THREE}"
    draft = services.save_assessment(
        assessment=Assessment(
            plan=mexico,
            criterion=Criterion.objects.get(key="timetable"),
            level="partly",
            confidence="described",
            rationale_en="Some activities carry **dates of their own**.",
        ),
        user=editor,
    )
    services.transition(assessment=draft, user=editor, name="submit")
    for url in (scorecard, compare):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"

    services.transition(assessment=draft, user=reviewer, name="publish")

    fresh = client.get(scorecard)
    assert fresh["X-Page-Cache"] == "miss"
    card = text(fresh)[text(fresh).index('id="criterion-timetable"') :]
    assert "dates of their own" in card[: card.index("</article>")]
    fresh = client.get(compare)
    assert fresh["X-Page-Cache"] == "miss"
    row = text(fresh)[text(fresh).index('id="row-timetable"') :]
    assert '<span class="answer answer--partial">' in row[: row.index("</td>", row.index("<td"))]
