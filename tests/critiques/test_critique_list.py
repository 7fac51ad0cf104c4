"""A plan's published critiques, filtered, each linking to the anchor of what it criticises."""

import pytest

from critiques.models import Critique

URL = "/en/plans/mexico-2021/critiques/"


def titles_in(response) -> list[str]:
    text = response.content.decode()
    return [
        part.split(">", 1)[1].split("<", 1)[0] for part in text.split('class="critique__title"')[1:]
    ]


@pytest.mark.django_db
def test_it_lists_every_published_critique_with_a_link_to_its_target(client, mexico):
    response = client.get(URL)
    assert response.status_code == 200
    text = response.content.decode()
    published = Critique.objects.published().filter(plan=mexico)
    assert f"{published.count()} published critiques" in text
    for critique in published.with_target_links()[:25]:
        assert f'href="{critique.target_url()}"' in text
    assert 'href="/en/plans/mexico-2021/pillars/participation/#PART-I3"' in text


@pytest.mark.django_db
def test_it_filters_by_category_kind_severity_pillar_and_target_type(client, mexico):
    published = Critique.objects.published().filter(plan=mexico)
    vague = titles_in(client.get(URL, {"category": "vague-indicator"}))
    assert len(vague) == published.filter(category="vague-indicator").count() > 0
    high = titles_in(client.get(URL, {"severity": "3"}))
    assert len(high) == published.filter(severity=3).count() > 0
    promising = titles_in(client.get(URL, {"kind": "promising"}))
    assert len(promising) == published.filter(kind="promising").count()
    on_indicators = titles_in(client.get(URL, {"target": "indicator"}))
    assert len(on_indicators) == published.filter(target_indicator__isnull=False).count() == 5
    participation = titles_in(client.get(URL, {"pillar": "participation"}))
    assert (
        len(participation) == published.for_pillar(mexico.pillars.get(slug="participation")).count()
    )
    both = titles_in(client.get(URL, {"pillar": "participation", "target": "indicator"}))
    assert 0 < len(both) < len(participation)


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"severity": "9"}, {"target": "plan'--"}, {"pillar": "x"}])
def test_invalid_filters_show_the_error_and_every_published_critique(client, mexico, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert "Some filters were not understood" in response.content.decode()
    assert len(titles_in(response)) == min(
        25, Critique.objects.published().filter(plan=mexico).count()
    )


@pytest.mark.django_db
def test_drafts_never_appear_whatever_the_filter(client, minimal_plan):
    for params in [{}, {"category": "data-gaps"}, {"severity": "1"}, {"target": "indicator"}]:
        text = client.get("/en/plans/testland-2024/critiques/", params).content.decode()
        assert "An unpublished draft" not in text, params
        assert "must never be public" not in text, params
    assert (
        "Counts heads, not change"
        in client.get("/en/plans/testland-2024/critiques/").content.decode()
    )


@pytest.mark.django_db
def test_pages_past_the_end_answer_404(client, mexico):
    assert client.get(URL, {"page": 2}).status_code == 200
    assert client.get(URL, {"page": 3}).status_code == 404
    assert client.get("/en/plans/nope/critiques/").status_code == 404
