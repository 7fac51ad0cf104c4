"""A plan's published critiques, filtered, each linking to the anchor of what it criticises."""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from critiques.models import Critique

URL = "/en/plans/mexico-2021/critiques/"


def titles_in(response) -> list[str]:
    text = response.content.decode()
    return [
        part.split(">", 1)[1].split("<", 1)[0] for part in text.split('class="critique__title"')[1:]
    ]


def keys_in(response) -> list[str]:
    """The keys of the critique cards on the page (their anchors are critique-<key>), in order."""
    return re.findall(
        r'<article class="critique [^"]*" id="critique-([^"]+)"', response.content.decode()
    )


class _PageLinks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("rel") in ("next", "prev"):
            self.links[attrs["rel"]] = attrs["href"]


def pagination_link(response, rel: str) -> str | None:
    """The absolute path of the page's "next" or "previous" link, as a browser resolves it."""
    parser = _PageLinks()
    parser.feed(response.content.decode())
    href = parser.links.get(rel)
    return urljoin(response.wsgi_request.get_full_path(), href) if href is not None else None


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


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


@pytest.mark.django_db
def test_it_keeps_the_filters_on_the_next_page(client, make_synthetic_plan):
    plan = make_synthetic_plan(1, indicators=120)
    url = f"/en/plans/{plan.slug}/critiques/"
    expected = list(
        Critique.objects.published()
        .filter(plan=plan, severity=3, target_indicator__isnull=False)
        .order_by("key")
        .values_list("key", flat=True)
    )
    everything = Critique.objects.published().filter(plan=plan).count()
    assert 25 < len(expected) <= 50 < everything  # two pages, and the filters leave some out

    first = client.get(url, {"severity": "3", "target": "indicator"})
    assert f"{len(expected)} published critiques" in first.content.decode()
    assert pagination_link(first, "prev") is None
    next_url = pagination_link(first, "next")
    assert next_url.startswith(url)
    assert query_of(next_url) == {"severity": ["3"], "target": ["indicator"], "page": ["2"]}

    second = client.get(next_url)
    assert second.status_code == 200
    assert pagination_link(second, "next") is None
    assert keys_in(first) + keys_in(second) == expected
    back = pagination_link(second, "prev")
    assert query_of(back) == {"severity": ["3"], "target": ["indicator"], "page": ["1"]}
    assert keys_in(client.get(back)) == keys_in(first)
