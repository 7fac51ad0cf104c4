"""Only published critiques ever reach the API: a draft, one in review and a withdrawn one never
appear in a list, a detail, the tree, a recommendation, a count or search."""

import json

import pytest

from critiques.models import Critique, Recommendation

pytestmark = pytest.mark.django_db

API = "/api/v1/plans/mexico-2021"
WORD = "Quokkagram"  # in no plan file: any hit comes from the unpublished critiques


@pytest.fixture
def unpublished(mexico):
    """Three unpublished critiques of one indicator that has no published critique, saved through
    the model (and its signals) as the admin saves them, each listed by a recommendation."""
    indicator = next(i for i in mexico.indicators.order_by("code") if not i.critiques.exists())
    recommendation = Recommendation.objects.filter(plan=mexico).first()
    critiques = []
    for status in ("draft", "in-review", "withdrawn"):
        critique = Critique(
            plan=mexico,
            key=f"secret-{status}",
            title=f"{WORD} {status}",
            body=f"{WORD} must never be public ({status}).",
            target_indicator=indicator,
            category="vague-indicator",
            severity=3,
            status=status,
        )
        critique.save()
        recommendation.critiques.add(critique)
        critiques.append(critique)
    return indicator, critiques


def text_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_no_unpublished_critique_appears_anywhere_in_the_api(client, unpublished):
    indicator, critiques = unpublished
    for url in [
        f"{API}/",
        f"{API}/tree/",
        f"{API}/critiques/?page_size=100",
        f"{API}/critiques/?severity=3&target=indicator",
        f"{API}/indicators/?page_size=100",
        f"{API}/indicators/{indicator.code}/",
        f"{API}/recommendations/",
        f"{API}/agencies/",
        "/api/v1/plans/",
        f"/api/v1/search/?q={WORD}+must",
    ]:
        text = text_of(client, url).replace(f'"query":"{WORD} must"', "")
        assert WORD not in text, url
        assert "secret-" not in text, url
    for critique in critiques:
        response = client.get(f"{API}/critiques/{critique.key}/")
        assert response.status_code == 404
        assert json.loads(response.content)["error"]["code"] == "not_found"

    row = json.loads(text_of(client, f"{API}/indicators/{indicator.code}/"))
    assert row["published_critique_count"] == 0
    critiqued = json.loads(text_of(client, f"{API}/indicators/?critiqued=yes&page_size=100"))
    assert indicator.code not in [r["code"] for r in critiqued["results"]]
    search = json.loads(text_of(client, f"/api/v1/search/?q={WORD}"))
    assert search["groups"] == []


def test_a_critique_appears_once_published_and_goes_when_withdrawn(client, unpublished):
    """Through the cache: publishing replaces the plan's revision, so no stale copy is served."""
    indicator, critiques = unpublished
    draft = critiques[0]
    assert WORD not in text_of(client, f"{API}/tree/")  # cached now, without it
    draft.status = Critique.Status.PUBLISHED
    draft.save()
    tree = json.loads(text_of(client, f"{API}/tree/"))
    assert draft.key in [
        key
        for pillar in tree["pillars"]
        for objective in pillar["objectives"]
        for line in objective["lines_of_action"]
        for i in line["indicators"]
        if i["code"] == indicator.code
        for key in i["critiques"]
    ]
    assert json.loads(text_of(client, f"{API}/critiques/{draft.key}/"))["key"] == draft.key
    draft.status = Critique.Status.WITHDRAWN
    draft.save()
    assert draft.key not in text_of(client, f"{API}/tree/")
    assert client.get(f"{API}/critiques/{draft.key}/").status_code == 404
