"""Bad input answers 400 or 404 in the one documented error shape; paging is stable and strict."""

import json

import pytest

from tests.api.conftest import error_of

pytestmark = pytest.mark.django_db

API = "/api/v1"


def test_malformed_paging_is_a_400_naming_the_parameter(client, mexico):
    for query, name in [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=two", "page"),
        ("page=1.5", "page"),
        ("page=", "page"),
        ("page=last", "page"),
        ("page_size=0", "page_size"),
        ("page_size=abc", "page_size"),
        ("page_size=101", "page_size"),
        ("page_size=1000000000000", "page_size"),
    ]:
        for url in [f"{API}/plans/", f"{API}/plans/mexico-2021/indicators/", f"{API}/sources/"]:
            error = error_of(client.get(f"{url}?{query}"), 400)
            assert error["code"] == "invalid_parameters", (url, query)
            assert list(error["fields"]) == [name], (url, query)
    too_big = error_of(client.get(f"{API}/plans/?page_size=101"), 400)
    assert too_big["fields"]["page_size"] == ["At most 100 rows a page; got 101."]


def test_a_page_past_the_end_is_a_404(client, mexico):
    error = error_of(client.get(f"{API}/plans/mexico-2021/indicators/?page=3&page_size=5"), 404)
    assert error["code"] == "not_found"


def test_pages_in_a_stable_order_with_next_and_previous_links(client, mexico):
    """Following `next` from the first page gives every row once, in the order of one big page."""
    whole = json.loads(client.get(f"{API}/plans/mexico-2021/critiques/?page_size=100").content)
    url = f"http://testserver{API}/plans/mexico-2021/critiques/?page_size=4"
    seen, previous = [], None
    while url:
        body = json.loads(client.get(url).content)
        assert body["count"] == whole["count"]
        assert body["previous"] == previous  # the page we came from
        assert len(body["results"]) <= 4
        seen += [critique["key"] for critique in body["results"]]
        url, previous = body["next"], url
    assert seen == [critique["key"] for critique in whole["results"]]
    assert len(seen) == whole["count"] > 4


def test_an_unknown_filter_value_is_a_400_naming_each_wrong_parameter(client, mexico):
    error = error_of(
        client.get(
            f"{API}/plans/mexico-2021/indicators/?pillar=nope&confidence=sure&critiqued=yes"
        ),
        400,
    )
    assert sorted(error["fields"]) == ["confidence", "pillar"]
    assert "nope" in error["fields"]["pillar"][0]
    for url in [
        f"{API}/plans/?year=10660",
        f"{API}/plans/mexico-2021/indicators/?ordering=wording",
        f"{API}/plans/mexico-2021/indicators/?agency=NO%20BODY",
        f"{API}/plans/mexico-2021/critiques/?severity=9",
        f"{API}/plans/mexico-2021/critiques/?target=galaxy",
        f"{API}/plans/?q={'x' * 201}",
    ]:
        assert error_of(client.get(url), 400)["code"] == "invalid_parameters", url


def test_a_well_formed_name_that_names_nothing_is_a_404(client, mexico):
    """The document gives these filters a shape, not a list (api/parameters.py): a value of that
    shape is a valid request for something that does not exist, as an unknown plan is."""
    for url, named in [
        (f"{API}/plans/?country=Atlantis", "Atlantis"),
        (f"{API}/plans/?year=1066", "1066"),
        (f"{API}/plans/mexico-2021/indicators/?agency=NOBODY", "NOBODY"),
        (f"{API}/plans/mexico-2021/indicators/?pillar=nope", "nope"),
    ]:
        assert named in error_of(client.get(url), 404)["message"], url


def test_an_unknown_parameter_is_a_400_rather_than_ignored(client, mexico):
    error = error_of(client.get(f"{API}/plans/mexico-2021/indicators/?pilar=participation"), 400)
    assert list(error["fields"]) == ["pilar"]
    assert "pillar" in error["fields"]["pilar"][0]  # the parameters it does take
    assert error_of(client.get(f"{API}/plans/mexico-2021/tree/?page=2"), 400)["fields"] == {
        "page": ["Unknown parameter; this address takes none."]
    }


def test_unknown_ids_and_addresses_are_404s_in_the_same_shape(client, mexico):
    for url in [
        f"{API}/plans/no-such-plan/",
        f"{API}/plans/no-such-plan/tree/",
        f"{API}/plans/no-such-plan/indicators/",
        f"{API}/plans/no-such-plan/critiques/",
        f"{API}/plans/no-such-plan/agencies/",
        f"{API}/plans/mexico-2021/indicators/NOPE-I9/",
        f"{API}/plans/mexico-2021/critiques/no-such-critique/",
        f"{API}/sources/no-such-source/",
        f"{API}/no-such-resource/",
        f"{API}/plans/mexico-2021/pillars/",
        f"{API}/plans/a%0Ab/",  # found by schemathesis: a newline in the path
        f"{API}/plans/%F2%BA%8D%B9/",
    ]:
        assert error_of(client.get(url), 404)["code"] == "not_found", url


def test_the_api_only_reads(client, mexico):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(f"{API}/plans/mexico-2021/")
        error = error_of(response, 405)
        assert error["code"] == "method_not_allowed"
        assert "GET" in response["Allow"] and "POST" not in response["Allow"]


def test_a_nul_character_is_a_400_in_the_apis_shape(client, mexico):
    error = error_of(client.get(f"{API}/plans/?q=a%00b"), 400)
    assert error["code"] == "malformed_request"
    # The HTML pages keep their own plain-text answer.
    assert client.get("/en/?q=a%00b")["Content-Type"].startswith("text/plain")


def test_no_session_cookie_or_csrf_is_needed_or_set(client, mexico):
    response = client.get(f"{API}/plans/mexico-2021/tree/")
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
