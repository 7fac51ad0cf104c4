"""The editors' admin pages run a bounded number of queries, whatever the plan's size."""

import pytest

from critiques.models import Critique
from indicators.models import Indicator

pytestmark = pytest.mark.django_db

# Session, user, two permission queries, counts, the rows, the filters' choices: none grows with
# the number of rows. Measured (reviewer, SQLite): changelist 10, critique form 12–15 (Django's
# autocomplete widget reads each citation's chosen source), history 7–8, indicator page 10–11.
MAX_QUERIES = 16


def pages(plan) -> list[str]:
    critique = Critique.objects.filter(plan=plan).order_by("pk").first()
    indicator = Indicator.objects.filter(plan=plan).order_by("pk").first()
    return [
        "/admin/critiques/critique/",
        f"/admin/critiques/critique/?plan__id__exact={plan.pk}",
        f"/admin/critiques/critique/?q={indicator.code}",
        f"/admin/critiques/critique/{critique.pk}/change/",
        f"/admin/critiques/critique/{critique.pk}/history/",
        f"/admin/indicators/indicator/{indicator.pk}/change/",
        "/admin/indicators/indicator/",
    ]


def test_admin_pages_run_the_same_bounded_queries_on_a_small_and_a_10x_plan(
    client, reviewer, make_synthetic_plan, django_assert_max_num_queries
):
    """Prevents an N+1 in list columns (targets, authors) and element pages' critique inlines."""
    small = make_synthetic_plan(1, indicators=10)
    large = make_synthetic_plan(2, indicators=100)
    assert (
        Critique.objects.filter(plan=large).count()
        >= 10 * Critique.objects.filter(plan=small).count() - 20
    )
    client.force_login(reviewer)
    for plan in (small, large):
        for url in pages(plan):
            with django_assert_max_num_queries(MAX_QUERIES):
                response = client.get(url)
            assert response.status_code == 200, url


def test_admin_pages_on_mexico_are_bounded(client, reviewer, mexico, django_assert_max_num_queries):
    client.force_login(reviewer)
    for url in pages(mexico):
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(url).status_code == 200, url
