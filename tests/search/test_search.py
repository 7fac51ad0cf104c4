"""/en/search/: one interface over PostgreSQL full-text search and a simple fallback elsewhere."""

import re

import pytest
from django.db import connection
from django.utils.html import escape

from plans.models import Plan
from search import fallback
from search.engine import KINDS, search
from search.highlight import highlight, marks_from_sentinels

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL full-text search needs PostgreSQL; CI runs the suite on it as well",
)


def hit_links(text: str) -> list[str]:
    """The link of each search result on the page, in order."""
    return re.findall(r'<p class="search-hit__title"><a(?: class="code")? href="([^"]+)"', text)


@pytest.mark.django_db
def test_it_finds_indicators_objectives_and_critiques_and_links_to_their_anchors(client, mexico):
    response = client.get("/en/search/", {"q": "peacekeeping"})
    assert response.status_code == 200
    text = response.content.decode()
    assert 'href="/en/plans/mexico-2021/pillars/participation/#PART-I1"' in text
    assert "<mark>" in text
    assert "Indicators" in text


@pytest.mark.django_db
def test_critique_hits_link_to_the_card_beside_its_target(client, mexico):
    text = client.get("/en/search/", {"q": "exchanges experiences"}).content.decode()
    assert "/en/plans/mexico-2021/pillars/participation/#critique-" in text


@pytest.mark.django_db
def test_drafts_are_never_searched(client, minimal_plan):
    text = client.get("/en/search/", {"q": "unpublished draft"}).content.decode()
    assert "An unpublished draft" not in text and "must never be public" not in text
    assert "Nothing matches" in text
    assert "Counts heads" in client.get("/en/search/", {"q": "counting"}).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["", "   "])
def test_an_empty_query_asks_for_words(client, minimal_plan, q):
    response = client.get("/en/search/", {"q": q})
    assert response.status_code == 200
    assert "Type a word or phrase to search for." in response.content.decode()


@pytest.mark.django_db
def test_an_over_long_query_is_refused_with_a_clear_message(client, minimal_plan):
    response = client.get("/en/search/", {"q": "women " * 100})
    assert response.status_code == 400
    assert "That search is too long: use at most 200 characters" in response.content.decode()


@pytest.mark.django_db
def test_the_search_page_without_a_query_shows_the_form(client, minimal_plan):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert 'id="id_q"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q", ["<script>alert(1)</script>", "'; drop table plans_plan; --", "a & b \" ' < >", "OR -"]
)
def test_hostile_queries_are_escaped_and_find_nothing(client, minimal_plan, q):
    """None of these words is in the minimal plan: no result, and the query shown as typed."""
    response = client.get("/en/search/", {"q": q})
    assert response.status_code == 200
    text = response.content.decode()
    assert "<script>alert(1)</script>" not in text
    assert f'<h1>Search <span class="muted">for “{escape(q)}”</span></h1>' in text
    assert f"Nothing matches “{escape(q)}”." in text
    assert 'class="search-hit"' not in text and "search-group" not in text
    assert Plan.objects.filter(slug="testland-2024").exists()  # the DROP TABLE did nothing


@pytest.mark.django_db
def test_a_query_shows_every_match_and_only_the_matches(client, minimal_plan):
    text = client.get("/en/search/", {"q": "people"}).content.decode()
    assert "3 results for “people”." in text
    assert hit_links(text) == [
        "/en/plans/testland-2024/pillars/prevention/#PREV-O1-LA1",  # "[train people]"
        "/en/plans/testland-2024/pillars/prevention/#PREV-I1",  # "number of people trained"
        "/en/plans/testland-2024/pillars/prevention/#critique-training-only",  # "Counting people…"
    ]


@pytest.mark.django_db
def test_text_holding_html_is_escaped_in_highlighted_snippets(client, minimal_plan):
    from indicators.models import Indicator

    Indicator.objects.filter(code="PREV-I1").update(
        wording_en='number of people <img src=x onerror="alert(1)"> trained'
    )
    text = client.get("/en/search/", {"q": "trained"}).content.decode()
    assert "<img" not in text
    assert 'onerror="alert(1)"' not in text
    assert '/pillars/prevention/#PREV-I1"' in text
    # SQLite's fallback shows the tag as text; PostgreSQL's ts_headline drops tags before we escape.
    if connection.vendor != "postgresql":
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
            assert hit.url.startswith("/en/plans/")
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
    response = client.get("/en/search/", {"q": '"women deployed"'})
    assert (
        'href="/en/plans/mexico-2021/pillars/participation/#PART-I2"' in response.content.decode()
    )
    assert "Full-text search" in response.content.decode()


@pytest.mark.django_db
def test_reconstructed_wording_is_flagged_in_results(client, minimal_plan):
    text = client.get("/en/search/", {"q": "train people"}).content.decode()
    assert 'href="/en/plans/testland-2024/pillars/prevention/#PREV-O1-LA1"' in text
    assert "Our reconstruction — not the plan's wording" in text


# The stored documents (search/documents.py, migration 0002): the database keeps them, not Django.


def pg_hits(key: str, q: str) -> set[str]:
    """What PostgreSQL search finds of one kind: element codes, or plan and critique titles."""
    from search.postgres import search_kind

    kind = next(kind for kind in KINDS if kind.key == key)
    return {hit.code or hit.title for hit in search_kind(kind, q, limit=50)}


@on_postgresql
@pytest.mark.django_db
def test_an_element_saved_with_new_wording_is_found_by_its_new_words_only(minimal_plan):
    from indicators.models import Indicator

    assert pg_hits("indicator", "trained") == {"PREV-I1"}
    indicator = Indicator.objects.get(code="PREV-I1")
    indicator.wording_en = "share of mediators who are women"
    indicator.save()
    assert pg_hits("indicator", "mediators") == {"PREV-I1"}
    assert pg_hits("indicator", "trained") == set()


@on_postgresql
@pytest.mark.django_db
def test_a_row_inserted_with_bulk_create_is_searchable(minimal_plan):
    from indicators.models import Indicator

    model = Indicator.objects.get(code="PREV-I1")
    Indicator.objects.bulk_create(
        [
            Indicator(
                plan=model.plan,
                line_of_action=model.line_of_action,
                source=model.source,
                confidence=model.confidence,
                code="PREV-I9",
                order=9,
                wording_en="kilometres of quetzal habitat protected",
            )
        ]
    )
    assert pg_hits("indicator", "quetzal habitat") == {"PREV-I9"}


@on_postgresql
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("key", "model", "lookup", "field", "found"),
    [
        pytest.param(*row, id=row[0])
        for row in [
            ("plan", "plans.Plan", {"slug": "testland-2024"}, "summary", "National Test Plan"),
            ("objective", "plans.StrategicObjective", {"code": "PREV-O1"}, "note", "PREV-O1"),
            ("line", "plans.LineOfAction", {"code": "PREV-O1-LA1"}, "note", "PREV-O1-LA1"),
            ("indicator", "indicators.Indicator", {"code": "PREV-I1"}, "target", "PREV-I1"),
            ("critique", "critiques.Critique", {"key": "no-money"}, "remedy", "No money"),
        ]
    ],
)
def test_every_kind_changed_with_queryset_update_is_searchable_by_its_new_words(
    minimal_plan, key, model, lookup, field, found
):
    from django.apps import apps

    assert pg_hits(key, "quetzal") == set()
    apps.get_model(model).objects.filter(**lookup).update(**{field: "A quetzal was seen."})
    assert pg_hits(key, "quetzal") == {found}


@on_postgresql
@pytest.mark.django_db
def test_drafts_are_never_found_though_their_words_are_stored(minimal_plan):
    from critiques.models import Critique
    from search.documents import column_sql

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column_sql('critiques_critique')} @@ to_tsquery('english', 'unpublished') "
            "FROM critiques_critique WHERE key = 'draft-note'"
        )
        assert cursor.fetchone() == (True,)
    assert pg_hits("critique", "unpublished draft") == set()
    assert pg_hits("critique", "counting") == {"Counts heads, not change"}
    Critique.objects.filter(key="training-only").update(status=Critique.Status.DRAFT)
    assert pg_hits("critique", "counting") == set()


@on_postgresql
@pytest.mark.django_db
def test_migration_0002_reverses_to_0001s_indexes_and_reapplies_over_existing_rows(minimal_plan):
    """Run inside the test's transaction: PostgreSQL rolls the DDL back with the data."""
    from importlib import import_module

    from search.documents import COLUMN, TABLE_FIELDS, document_name, expression_index_name

    migration = import_module("search.migrations.0002_postgres_stored_documents")

    def state() -> tuple[set[str], set[str]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT table_name FROM information_schema.columns WHERE column_name = %s",
                [COLUMN],
            )
            tables = {row[0] for row in cursor.fetchall()}
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'search\\_%%'")
            return tables, {row[0] for row in cursor.fetchall()}

    assert state() == (set(TABLE_FIELDS), {document_name(t) for t in TABLE_FIELDS})
    with connection.cursor() as cursor:
        # The plan was loaded in this same transaction: check its deferred foreign keys now, as a
        # commit would, since PostgreSQL indexes no table with checks still pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:
        migration.remove_documents(None, editor)
    assert state() == (set(), {expression_index_name(t) for t in TABLE_FIELDS})
    with connection.schema_editor() as editor:
        migration.add_documents(None, editor)
    assert state() == (set(TABLE_FIELDS), {document_name(t) for t in TABLE_FIELDS})
    assert pg_hits("indicator", "trained") == {"PREV-I1"}
    assert pg_hits("critique", "counting") == {"Counts heads, not change"}
