"""Conditional requests and CORS: the plan's revision gives the ETag, a match gets a 304; any
origin may GET /api/, and only /api/."""

import pytest

from critiques.models import Critique

pytestmark = pytest.mark.django_db

TREE = "/api/v1/plans/mexico-2021/tree/"


def test_the_etag_follows_the_plans_revision_and_a_match_is_a_304(client, mexico):
    first = client.get(TREE)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    etag = first["ETag"]
    assert etag.startswith('"') and len(etag) == 34
    assert "no-cache" in first["Cache-Control"]

    again = client.get(TREE)
    assert again["X-Page-Cache"] == "hit" and again["ETag"] == etag
    assert again.content == first.content

    unchanged = client.get(TREE, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert client.get(TREE, headers={"If-None-Match": '"stale"'}).status_code == 200

    # An edit readers see replaces the plan's revision: a new ETag, and the old one gets the data.
    indicator = mexico.indicators.get(code="PART-I1")
    indicator.wording_en = "A wording changed by a maintainer"
    indicator.save()
    changed = client.get(TREE, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert b"A wording changed by a maintainer" in changed.content
    # A draft being written is not something readers see: the ETag stays.
    Critique.objects.create(
        plan=mexico,
        key="a-draft",
        title="A draft",
        body="Not yet.",
        target_plan=mexico,
        category="data-gaps",
    )
    assert client.get(TREE, headers={"If-None-Match": changed["ETag"]}).status_code == 304


def test_another_plans_edit_leaves_the_etag_alone_and_lists_follow_every_plan(
    client, mexico, make_synthetic_plan
):
    other = make_synthetic_plan(1, indicators=5)
    tree, plans = client.get(TREE)["ETag"], client.get("/api/v1/plans/")["ETag"]
    indicator = other.indicators.order_by("code").first()
    indicator.wording_en = "Changed elsewhere"
    indicator.save()
    assert client.get(TREE, headers={"If-None-Match": tree}).status_code == 304
    assert client.get("/api/v1/plans/", headers={"If-None-Match": plans}).status_code == 200


def test_the_etag_does_not_depend_on_the_readers_language(client, mexico):
    english = client.get(TREE, headers={"Accept-Language": "en"})
    spanish = client.get(TREE, headers={"Accept-Language": "es"})
    assert spanish["ETag"] == english["ETag"] and spanish.content == english.content


def test_errors_are_never_cached(client, mexico):
    for query, status in [("pillar=not%20a%20slug", 400), ("pillar=nope", 404)]:
        for _ in range(2):
            response = client.get(f"/api/v1/plans/mexico-2021/indicators/?{query}")
            assert response.status_code == status
            assert "X-Page-Cache" not in response and "ETag" not in response


def test_any_origin_may_get_the_api(client, mexico):
    response = client.get(TREE, headers={"Origin": "https://notebook.example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


def test_a_preflight_allows_get_only(client, mexico):
    response = client.options(
        TREE,
        headers={
            "Origin": "https://notebook.example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "if-none-match" in response["Access-Control-Allow-Headers"]


def test_the_html_pages_and_the_admin_get_no_cors_headers(client, mexico):
    for url in ["/en/plans/mexico-2021/", "/admin/login/", "/healthz"]:
        response = client.get(url, headers={"Origin": "https://notebook.example.org"})
        assert "Access-Control-Allow-Origin" not in response, url
