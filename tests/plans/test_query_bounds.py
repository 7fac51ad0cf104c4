"""Every public page runs at most 16 queries, on Mexico's plan and on a plan ten times larger,
in English and in Spanish."""

import itertools

import pytest

# 13 since the overview also names the plans it can be compared with (issue 12)
# 16 since critiques carry their published replies and their plan's invitations past their
# deadline (2), and the overview the plan's response rate (1) (issue 28)
MAX_QUERIES = 16

PAGES = [
    "/{lang}/",
    "/{lang}/?country=Mexico&year=2021",
    "/{lang}/plans/{slug}/",
    "/{lang}/plans/{slug}/pillars/{pillar}/",
    "/{lang}/plans/{slug}/agencies/{agency}/",
    "/{lang}/plans/{slug}/indicators/",
    "/{lang}/plans/{slug}/indicators/?pillar={pillar}&critiqued=yes&ordering=-critiques&q=a",
    "/{lang}/plans/{slug}/indicators/?agency={agency}&category=training-only&confidence=quoted",
    "/{lang}/plans/{slug}/indicators/?format=csv",
    "/{lang}/plans/{slug}/critiques/",
    "/{lang}/plans/{slug}/critiques/?pillar={pillar}&severity=2&kind=weakness&target=indicator",
    "/{lang}/search/?q=women",
    "/{lang}/search/?q=number",
]


@pytest.mark.django_db
def test_every_page_runs_the_same_bounded_queries_on_mexico_and_a_ten_times_larger_plan(
    client, django_assert_max_num_queries, mexico, make_synthetic_plan
):
    """Prevents an N+1: Mexico has 10 indicators, the synthetic plan 100.

    One test walks every page so the two plans are loaded once; the failure names the URL.
    """
    large = make_synthetic_plan(1, indicators=100)
    assert large.indicators.count() == 10 * mexico.indicators.count()
    for page in PAGES:
        for (plan, pillar, agency), lang in itertools.product(
            [(mexico, "participation", "SEDENA"), (large, "prevention", "SYN-A")], ["en", "es"]
        ):
            url = page.format(slug=plan.slug, pillar=pillar, agency=agency, lang=lang)
            with django_assert_max_num_queries(MAX_QUERIES, info=url):
                response = client.get(url)
            assert response.status_code == 200, url
