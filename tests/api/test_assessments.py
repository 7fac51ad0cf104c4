"""Rubric assessments through the API: a plan's published answers with their criterion,
rationale, confidence and evidence; the rubrics with their criteria; never a draft."""

import pytest

from critiques.models import Critique
from scorecards.models import Assessment, Criterion, Evidence
from tests.api.conftest import error_of

pytestmark = pytest.mark.django_db

API = "/api/v1/plans/mexico-2021/assessments/"
WORD = "Quokkagram"  # in no plan file


def test_a_plans_published_assessments_with_criterion_rationale_and_evidence(mexico, get_json):
    body = get_json(f"{API}?page_size=100")
    published = Assessment.objects.filter(plan=mexico, status="published")
    assert body["count"] == published.count() > 10
    orders = [Criterion.objects.get(key=row["criterion"]["key"]).order for row in body["results"]]
    assert orders == sorted(orders)  # the rubric's order

    budget = next(r for r in body["results"] if r["criterion"]["key"] == "budget-allocated")
    assert budget["plan"] == "mexico-2021"
    assert budget["answer"] == "no"  # the word, never a boolean
    assert budget["rating"] == "poor"
    assert budget["criterion"]["rubric"] == "napwatch-nap-quality-2026"
    assert budget["criterion"]["dimension"] == "financing"
    assert budget["criterion"]["question"]["en"].startswith("Did the plan have an allocated budget")
    assert budget["criterion"]["question"]["es"]
    assert "not-known" in budget["criterion"]["scale"]
    assert "**no budget**" in budget["rationale"]["en"]
    assert "<strong>no budget</strong>" in budget["rationale_html"]["en"]
    assert budget["confidence"] in {"verbatim", "quoted", "described", "inferred"}
    assert budget["html_url"].endswith(
        "/en/plans/mexico-2021/scorecard/#criterion-budget-allocated"
    )
    assert budget["evidence"], "every answer other than not-known names its evidence"
    for item in budget["evidence"]:
        assert item["type"] in {"pillar", "objective", "line", "indicator", "critique", "source"}
        if item["type"] == "critique":
            assert item["html_url"].endswith(f"#critique-{item['critique']}")
            assert Critique.objects.get(plan=mexico, key=item["critique"]).status == "published"
        elif item["type"] == "source":
            assert item["source"]["key"] and item["source"]["title"]
        else:
            assert item["code"] and f"#{item['code']}" in item["html_url"]

    not_known = [r for r in body["results"] if r["answer"] == "not-known"]
    assert not_known and all(r["rating"] == "unknown" for r in not_known)


def test_the_plan_links_its_assessments_and_the_rubrics_list_their_criteria(mexico, get_json):
    plan = get_json("/api/v1/plans/mexico-2021/")
    assert plan["links"]["assessments"].endswith("/api/v1/plans/mexico-2021/assessments/")
    assert get_json("/api/v1/")["rubrics"].endswith("/api/v1/rubrics/")
    rubrics = get_json("/api/v1/rubrics/")["results"]
    assert [r["key"] for r in rubrics] == ["napwatch-nap-quality-2026"]
    criteria = rubrics[0]["criteria"]
    assert [c["key"] for c in criteria] == list(
        Criterion.objects.order_by("order").values_list("key", flat=True)
    )
    assert {c["kind"] for c in criteria} == {"computed", "judged"}


def test_bad_input_answers_in_the_error_shape(mexico, client):
    assert error_of(client.get("/api/v1/plans/atlantis-2020/assessments/"), 404)
    error = error_of(client.get(f"{API}?level=no"), 400)
    assert "level" in error["fields"]


def test_a_draft_assessment_and_an_unpublished_critique_as_evidence_never_appear(
    mexico, client, get_json
):
    draft, public = Assessment.objects.filter(plan=mexico).order_by("criterion__order")[:2]
    draft.status = Assessment.Status.DRAFT
    draft.rationale = f"{WORD}: a draft answer."
    draft.save()
    secret = Critique.objects.create(
        plan=mexico,
        key="secret-draft",
        title=f"{WORD} draft",
        body="Not public.",
        target_plan=mexico,
        category="vague-indicator",
        status=Critique.Status.DRAFT,
    )
    Evidence.objects.create(assessment=public, order=99, critique=secret)

    text = client.get(f"{API}?page_size=100").content.decode()
    assert WORD not in text and "secret-draft" not in text
    keys = [r["criterion"]["key"] for r in get_json(f"{API}?page_size=100")["results"]]
    assert draft.criterion.key not in keys and public.criterion.key in keys

    # Through the page cache: publishing the answer replaces the plan's revision.
    draft.status = Assessment.Status.PUBLISHED
    draft.save()
    keys = [r["criterion"]["key"] for r in get_json(f"{API}?page_size=100")["results"]]
    assert draft.criterion.key in keys


def test_assessments_run_a_bounded_number_of_queries_whatever_the_evidence(
    client, django_assert_max_num_queries, mexico, make_synthetic_plan
):
    large = make_synthetic_plan(1, indicators=100)
    indicators = list(large.indicators.all())
    for criterion in Criterion.objects.filter(kind=Criterion.Kind.JUDGED):
        assessment = Assessment.objects.create(
            plan=large,
            criterion=criterion,
            level=criterion.scale[0],
            rationale="Synthetic.",
            confidence="inferred",
            status=Assessment.Status.PUBLISHED,
        )
        Evidence.objects.bulk_create(
            Evidence(assessment=assessment, order=n, indicator=indicator)
            for n, indicator in enumerate(indicators, 1)
        )
    for url in (API, f"/api/v1/plans/{large.slug}/assessments/?page_size=100", "/api/v1/rubrics/"):
        with django_assert_max_num_queries(8, info=url):
            response = client.get(url)
        assert response.status_code == 200, url
    body = client.get(f"/api/v1/plans/{large.slug}/assessments/?page_size=100").json()
    assert body["count"] == Criterion.objects.filter(kind="judged").count()
    assert all(len(row["evidence"]) == 100 for row in body["results"])
