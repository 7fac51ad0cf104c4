"""The API runs a bounded number of queries whatever the plan's size: Mexico's plan (10
indicators) and a synthetic plan ten times larger cost the same."""

import pytest

pytestmark = pytest.mark.django_db

# The tree: the plan (1), its revision token (1), the tree reader (at most 8).
# 12 since critiques carry their published replies and their plan's lapsed invitations (issue 28)
TREE_QUERIES = 12
LIST_QUERIES = 12

RESOURCES = [
    "/api/v1/plans/",
    "/api/v1/plans/?year=2017&q=plan",
    "/api/v1/plans/{slug}/",
    "/api/v1/plans/{slug}/indicators/?page_size=100",
    "/api/v1/plans/{slug}/indicators/?pillar={pillar}&critiqued=yes&ordering=-critiques",
    "/api/v1/plans/{slug}/indicators/{indicator}/",
    "/api/v1/plans/{slug}/critiques/?page_size=100",
    "/api/v1/plans/{slug}/critiques/?pillar={pillar}&severity=2",
    "/api/v1/plans/{slug}/critiques/{critique}/",
    "/api/v1/plans/{slug}/agencies/?page_size=100",
    "/api/v1/plans/{slug}/recommendations/",
    "/api/v1/sources/?page_size=100",
    "/api/v1/search/?q=women",
]


def test_the_tree_runs_the_same_bounded_queries_on_a_ten_times_larger_plan(
    client, django_assert_max_num_queries, mexico, make_synthetic_plan
):
    large = make_synthetic_plan(1, indicators=100)
    assert large.indicators.count() == 10 * mexico.indicators.count()
    for plan in (mexico, large):
        url = f"/api/v1/plans/{plan.slug}/tree/"
        with django_assert_max_num_queries(TREE_QUERIES, info=url):
            response = client.get(url)
        assert response.status_code == 200
        body = response.json()
        codes = [
            i["code"]
            for p in body["pillars"]
            for o in p["objectives"]
            for line in o["lines_of_action"]
            for i in line["indicators"]
        ]
        assert len(codes) == plan.indicators.count()


def test_every_resource_is_bounded_too(
    client, django_assert_max_num_queries, mexico, make_synthetic_plan
):
    large = make_synthetic_plan(1, indicators=100)
    for plan in (mexico, large):
        values = {
            "slug": plan.slug,
            "pillar": plan.pillars.order_by("order").first().slug,
            "indicator": plan.indicators.order_by("code").first().code,
            "critique": plan.critiques.filter(status="published").order_by("key").first().key,
        }
        for resource in RESOURCES:
            url = resource.format(**values)
            with django_assert_max_num_queries(LIST_QUERIES, info=url):
                response = client.get(url)
            assert response.status_code == 200, url
