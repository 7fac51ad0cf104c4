"""The public plan pages: right status codes, honest coverage, critiques beside their targets."""

import re

import pytest
from django.urls import reverse

from critiques.models import Critique


@pytest.mark.django_db
def test_home_lists_the_plans(client, minimal_plan):
    response = client.get("/en/")
    assert response.status_code == 200
    assert b"Testland 2024" in response.content
    assert b"National Test Plan" in response.content


@pytest.mark.django_db
def test_every_page_names_an_icon_that_is_served(client, minimal_plan):
    """Without one, browsers ask for /favicon.ico and log a 404 on every page."""
    page = client.get("/en/").content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+)"', page).group(1)
    assert icon.startswith("/static/img/favicon.") and icon.endswith(".svg")
    assert client.get(icon).status_code == 200


@pytest.mark.django_db
def test_plan_page_shows_declared_and_encoded_counts(client, minimal_plan):
    response = client.get(minimal_plan.get_absolute_url())
    assert response.status_code == 200
    text = response.content.decode()
    assert "3 strategic objectives (1 encoded)" in text
    assert "5 indicators (1 encoded)" in text
    assert "Financing" in text
    assert "No money" in text  # a published critique of a section


@pytest.mark.django_db
def test_pillar_page_shows_tree_badges_and_published_critiques_only(client, minimal_plan):
    response = client.get("/en/plans/testland-2024/pillars/prevention/")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="PREV-O1"' in text and 'id="PREV-O1-LA1"' in text and 'id="PREV-I1"' in text
    assert "Our reconstruction — not the plan&#x27;s wording" in text or (
        "Our reconstruction — not the plan's wording" in text
    )
    assert 'class="badge badge--inferred"' in text
    assert "Counts heads, not change" in text
    assert "An unpublished draft" not in text
    assert "must never be public" not in text


@pytest.mark.django_db
def test_critique_targeting_a_pillar_shows_on_that_pillar(client, minimal_plan):
    text = client.get("/en/plans/testland-2024/pillars/participation/").content.decode()
    assert "Participation is narrow" in text
    assert "Counts heads, not change" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/en/plans/no-such-plan/",
        "/en/plans/no-such-plan/pillars/prevention/",
        "/en/plans/testland-2024/pillars/no-such-pillar/",
        "/en/plans/testland-2024/agencies/NOPE/",
        "/en/plans/testland-2024/agencies/%3Cscript%3E/",
    ],
)
def test_unknown_slugs_answer_404(client, minimal_plan, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_agency_page_lists_its_responsibilities(client, minimal_plan):
    response = client.get(
        reverse("plans:agency", kwargs={"slug": "testland-2024", "acronym": "MINREL"})
    )
    assert response.status_code == 200
    assert "PREV-O1" in response.content.decode()


@pytest.mark.django_db
def test_withdrawn_and_in_review_critiques_are_not_public(client, minimal_plan):
    critique = Critique.objects.get(key="training-only")
    for status in (Critique.Status.IN_REVIEW, Critique.Status.WITHDRAWN, Critique.Status.DRAFT):
        critique.status = status
        critique.save()
        text = client.get("/en/plans/testland-2024/pillars/prevention/").content.decode()
        assert "Counts heads, not change" not in text, status


PAGES = [
    "/en/",
    "/en/plans/{slug}/",
    "/en/plans/{slug}/pillars/prevention/",
    "/en/plans/{slug}/agencies/{agency}/",
]
# 12, and 3 for the right of reply (issue 28): the published replies and the lapsed invitations
# of every critique shown, each in one query, and the plan's response rate.
MAX_QUERIES = 15


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_pages_run_a_bounded_number_of_queries_whatever_the_plan_size(
    client, django_assert_max_num_queries, make_synthetic_plan, page
):
    """Prevents an N+1: the same bound holds for a 10-indicator and a 100-indicator plan."""
    small = make_synthetic_plan(1, indicators=10)
    large = make_synthetic_plan(2, indicators=100)
    assert large.indicators.count() == 10 * small.indicators.count()
    for plan in (small, large):
        url = page.format(slug=plan.slug, agency="SYN-A")
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url)
        assert response.status_code == 200, url
