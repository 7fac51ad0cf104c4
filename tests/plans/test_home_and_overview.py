"""The list of plans with its filters, and the overview's summaries and coverage panel."""

import re

import pytest


def plan_titles(response) -> list[str]:
    text = response.content.decode()
    return [
        part.split(">", 2)[1].split("<", 1)[0].strip()
        for part in text.split('<h2 class="plan-card__title">')[1:]
    ]


@pytest.mark.django_db
def test_home_filters_plans_by_country_region_year_and_text(client, mexico):
    assert len(plan_titles(client.get("/"))) == 4
    assert plan_titles(client.get("/", {"country": "Mexico"})) == ["Mexico 2021"]
    assert plan_titles(client.get("/", {"year": "2021"})) == ["Mexico 2021"]
    assert "Mexico 2021" not in plan_titles(client.get("/", {"year": "2017"}))
    assert len(plan_titles(client.get("/", {"year": "2017"}))) == 3
    assert plan_titles(client.get("/", {"q": "salvador"})) == ["El Salvador 2017"]
    region = mexico.region
    assert "Mexico 2021" in plan_titles(client.get("/", {"region": region}))


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"country": "Atlantis"}, {"year": "1066"}, {"year": "abc"}])
def test_home_with_unknown_filter_values_shows_the_error_and_every_plan(client, mexico, params):
    response = client.get("/", params)
    assert response.status_code == 200
    assert "Some filters were not understood" in response.content.decode()
    assert len(plan_titles(response)) == 4


def plan_card_counts(response, title: str) -> list[str]:
    """The lines of counts on the plan card titled `title`, as text."""
    text = response.content.decode()
    card = text.split(f">{title}</a></h2>", 1)[1]
    counts = card.split('<ul class="counts">', 1)[1].split("</ul>", 1)[0]
    return [re.sub(r"<[^>]+>", "", item).strip() for item in counts.split("<li>")[1:]]


@pytest.mark.django_db
def test_home_counts_only_published_critiques(client, minimal_plan):
    text = client.get("/").content.decode()
    # testland has 4 published critiques and a draft
    assert (
        '<a href="/plans/testland-2024/critiques/"><strong>4</strong> published critiques</a>'
        in text
    )


@pytest.mark.django_db
def test_home_cards_say_what_is_not_encoded_and_pluralise_their_counts(client, mexico):
    """A plan encoded at plan level only shows "not encoded", never a bare 0 ("it has none")."""
    response = client.get("/")
    assert plan_card_counts(response, "Mexico 2021") == [
        "4 of 4 pillars",
        "6 of 10 objectives",
        "11 of 16 lines of action",
        "10 of 23 indicators",
        "27 published critiques",
    ]
    # Canada: one pillar, the 5 objectives it declares, no count of lines or indicators
    assert plan_card_counts(response, "Canada 2017") == [
        "1 pillar",
        "5 of 5 objectives",
        "Lines of action not encoded",
        "Indicators not encoded",
        "No published critiques",
    ]
    assert plan_card_counts(response, "El Salvador 2017") == [
        "5 pillars",
        "Objectives not encoded",
        "Lines of action not encoded",
        "Indicators not encoded",
        "No published critiques",
    ]
    assert plan_card_counts(response, "Guatemala 2017")[2:4] == [
        "Lines of action not encoded",
        "Indicators not encoded",
    ]


@pytest.mark.django_db
def test_home_cards_count_what_a_plan_declares_but_napwatch_has_none_of(client, mexico):
    from plans.models import Plan

    Plan.objects.filter(slug="canada-2017").update(declared_lines=1, declared_indicators=12)
    assert plan_card_counts(client.get("/"), "Canada 2017")[2:4] == [
        "1 line of action, none encoded",
        "12 indicators, none encoded",
    ]


@pytest.mark.django_db
def test_overview_splits_coverage_by_confidence_and_says_what_is_not_encoded(client, mexico):
    text = client.get(mexico.get_absolute_url()).content.decode()
    assert "23 indicators (10 encoded)" in text
    assert "7 quoted" in text and "3 described" in text and "13 not encoded" in text
    assert "7 inferred" in text  # lines of action reconstructed by us are counted as such


@pytest.mark.django_db
def test_overview_summarises_each_pillar_with_critiques_by_category_and_severity(client, mexico):
    text = client.get(mexico.get_absolute_url()).content.decode()
    assert 'href="/plans/mexico-2021/indicators/?pillar=participation">5</a>' in text
    assert (
        'href="/plans/mexico-2021/critiques/?pillar=participation">7 published critiques</a>'
        in text
    )
    assert 'Vague or unmeasurable indicator <span class="muted">× 3</span>' in text
    assert "27 published</a> (6 high, 15 medium, 6 low)" in text
    assert 'href="#sources">8 sources</a>' in text


@pytest.mark.django_db
def test_long_provenance_notes_fold_into_a_disclosure_on_the_page(client, mexico):
    text = client.get(mexico.get_absolute_url()).content.decode()
    assert '<details class="provenance__details"><summary>How we know this</summary>' in text


@pytest.mark.django_db
def test_pillar_page_offers_a_citation_for_every_element(client, minimal_plan):
    text = client.get("/plans/testland-2024/pillars/prevention/").content.decode()
    for code in ("PREV-O1", "PREV-O1-LA1", "PREV-I1"):
        assert f'<p class="cite__text" id="cite-{code}">{code} – ' in text
    assert (
        "PREV-I1 – “number of people trained”. Testland 2024, National Test Plan. "
        "Wording: quoted by a secondary source (Researcher 2024). "
        "napwatch, http://testserver/plans/testland-2024/pillars/prevention/#PREV-I1"
    ) in text
    assert "[napwatch reconstruction, not the plan’s wording]" in text  # PREV-O1-LA1 is inferred
    assert 'src="/static/js/cite.' in text


@pytest.mark.django_db
def test_overview_coverage_pluralises_what_it_counts(client, mexico):
    text = client.get("/plans/canada-2017/").content.decode()
    assert "1 pillar encoded (the plan's own count is not known)" in text
    assert "1 pillars" not in text
    assert "5 strategic objectives (5 encoded)" in text
