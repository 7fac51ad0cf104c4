"""/search/: one interface over PostgreSQL full-text search and a simple fallback elsewhere."""

import pytest
from django.db import connection

from search import fallback
from search.engine import KINDS, search
from search.highlight import highlight, marks_from_sentinels

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL full-text search needs PostgreSQL; CI runs the suite on it as well",
)


@pytest.mark.django_db
def test_it_finds_indicators_objectives_and_critiques_and_links_to_their_anchors(client, mexico):
    response = client.get("/search/", {"q": "peacekeeping"})
    assert response.status_code == 200
    text = response.content.decode()
    assert 'href="/plans/mexico-2021/pillars/participation/#PART-I1"' in text
    assert "<mark>" in text
    assert "Indicators" in text


@pytest.mark.django_db
def test_critique_hits_link_to_the_card_beside_its_target(client, mexico):
    text = client.get("/search/", {"q": "exchanges experiences"}).content.decode()
    assert "/plans/mexico-2021/pillars/participation/#critique-" in text


@pytest.mark.django_db
def test_drafts_are_never_searched(client, minimal_plan):
    text = client.get("/search/", {"q": "unpublished draft"}).content.decode()
    assert "An unpublished draft" not in text and "must never be public" not in text
    assert "Nothing matches" in text
    assert "Counts heads" in client.get("/search/", {"q": "counting"}).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["", "   "])
def test_an_empty_query_asks_for_words(client, minimal_plan, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert "Type a word or phrase to search for." in response.content.decode()


@pytest.mark.django_db
def test_an_over_long_query_is_refused_with_a_clear_message(client, minimal_plan):
    response = client.get("/search/", {"q": "women " * 100})
    assert response.status_code == 400
    assert "That search is too long: use at most 200 characters" in response.content.decode()


@pytest.mark.django_db
def test_the_search_page_without_a_query_shows_the_form(client, minimal_plan):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'id="id_q"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q", ["<script>alert(1)</script>", "'; drop table plans_plan; --", "a & b \" ' < >", "OR -"]
)
def test_hostile_queries_are_escaped_and_never_fail(client, minimal_plan, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
def test_text_holding_html_is_escaped_in_highlighted_snippets(client, minimal_plan):
    from indicators.models import Indicator

    Indicator.objects.filter(code="PREV-I1").update(
        wording_en='number of people <img src=x onerror="alert(1)"> trained'
    )
    text = client.get("/search/", {"q": "trained"}).content.decode()
    assert "<img" not in text
    assert "&lt;img src=x" in text


def test_highlight_escapes_then_marks():
    html = highlight("Training <b>women</b> & men", ["women"])
    assert html == "Training &lt;b&gt;<mark>women</mark>&lt;/b&gt; &amp; men"
    assert highlight("<i>x</i>", []) == "&lt;i&gt;x&lt;/i&gt;"


def test_headline_sentinels_become_marks_only_after_escaping():
    assert (
        marks_from_sentinels("\ue000<women>\ue001 & \ue000men\ue001")
        == "<mark>&lt;women&gt;</mark> &amp; <mark>men</mark>"
    )


@pytest.mark.django_db
def test_the_fallback_needs_every_word_and_marks_each(mexico):
    indicator_kind = next(kind for kind in KINDS if kind.key == "indicator")
    hits = fallback.search_kind(indicator_kind, "women PEACEKEEPING", limit=10)
    assert {hit.code for hit in hits} == {"PART-I1", "PART-I2"}
    assert "<mark>peacekeeping</mark>" in hits[0].snippet
    assert fallback.search_kind(indicator_kind, "peacekeeping zebra", limit=10) == []


@pytest.mark.django_db
def test_results_are_grouped_by_kind_in_the_same_shape_on_every_backend(mexico):
    groups = search("women")
    kinds = [group.kind.key for group in groups]
    assert kinds == [k.key for k in KINDS if k.key in kinds]
    assert {"plan", "indicator", "critique"} <= set(kinds)
    for group in groups:
        for hit in group.hits:
            assert hit.url.startswith("/plans/")
            assert hit.plan.slug


@on_postgresql
@pytest.mark.django_db
def test_postgresql_search_stems_ranks_and_highlights(client, mexico):
    from search.postgres import search_kind

    indicator_kind = next(kind for kind in KINDS if kind.key == "indicator")
    hits = search_kind(indicator_kind, "train", limit=10)  # stemming: "trained", "trainings"
    codes = {hit.code for hit in hits}
    assert {"PROT-I1", "PROT-I4"} <= codes
    assert all(a.rank >= b.rank for a, b in zip(hits, hits[1:], strict=False))
    assert any("<mark>" in hit.snippet for hit in hits)
    response = client.get("/search/", {"q": '"women deployed"'})
    assert 'href="/plans/mexico-2021/pillars/participation/#PART-I2"' in response.content.decode()
    assert "Full-text search" in response.content.decode()


@pytest.mark.django_db
def test_reconstructed_wording_is_flagged_in_results(client, minimal_plan):
    text = client.get("/search/", {"q": "train people"}).content.decode()
    assert 'href="/plans/testland-2024/pillars/prevention/#PREV-O1-LA1"' in text
    assert "Our reconstruction — not the plan's wording" in text
