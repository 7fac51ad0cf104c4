"""The document and the server agree on the query parameters (issue 25, found by schemathesis's
`--checks all`): closed sets are documented as such, and a value the document allows is never a
400, a value it forbids never accepted."""

from __future__ import annotations

import json
import re

import pytest

from tests.api.conftest import error_of

API = "/api/v1"


def parameters(client) -> dict[tuple[str, str], dict]:
    document = json.loads(client.get(f"{API}/openapi.json").content)
    return {
        (path, parameter["name"]): parameter["schema"]
        for path, methods in document["paths"].items()
        for operation in methods.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query"
    }


def test_the_document_says_what_the_server_accepts(db, client):
    documented = parameters(client)
    critiques = "/api/v1/plans/{slug}/critiques/"
    indicators = "/api/v1/plans/{slug}/indicators/"
    assert documented[(critiques, "severity")] == {"type": "integer", "enum": [1, 2, 3]}
    assert documented[(indicators, "page")] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 999_999_999,
    }
    search = documented[("/api/v1/search/", "q")]
    assert (search["type"], search["maxLength"], search["minLength"]) == ("string", 200, 1)
    # Something besides spaces, and never NUL (a 400 before any view)
    assert not re.search(search["pattern"], "   ") and re.search(search["pattern"], " a ")
    assert not re.search(search["pattern"], "a\x00")
    text = documented[(indicators, "q")]
    assert (text["type"], text["maxLength"]) == ("string", 200)
    assert re.search(text["pattern"], "") and not re.search(text["pattern"], "a\x00b")
    for path, name in [
        (critiques, "pillar"),
        (indicators, "pillar"),
        (indicators, "agency"),
        (indicators, "objective"),
        ("/api/v1/plans/", "year"),
        ("/api/v1/plans/", "country"),
    ]:
        assert set(documented[(path, name)]) == {"type", "pattern"}, (path, name)


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("indicators/?pillar=participation", 200),
        ("indicators/?pillar=no-such-pillar", 404),  # well formed, names nothing here
        ("indicators/?pillar=not%20a%20slug", 400),
        ("indicators/?pillar=", 400),  # empty: leave the filter out
        ("indicators/?agency=SEDENA", 200),
        ("indicators/?agency=NOPE", 404),
        ("indicators/?agency=no%20such", 400),
        ("indicators/?objective=ZZ-O9", 404),
        ("critiques/?severity=3", 200),
        ("critiques/?severity=three", 400),
        ("indicators/?ordering=code", 200),
        ("indicators/?ordering=", 400),  # documented with at least one key
        ("indicators/?page=1", 200),
        ("indicators/?page=999999999", 404),  # documented, past the end
        ("indicators/?page=1000000000", 400),  # more than the document allows
    ],
)
def test_each_documented_value_is_accepted_and_each_other_refused(mexico, client, query, status):
    response = client.get(f"{API}/plans/mexico-2021/{query}")
    if status == 200:
        assert response.status_code == 200, response.content[:300]
    else:
        error_of(response, status)


@pytest.mark.parametrize(
    ("query", "status"),
    [("year=2021", 200), ("year=1999", 404), ("year=21", 400), ("year=", 400)],
)
def test_the_plans_years(mexico, client, query, status):
    response = client.get(f"{API}/plans/?{query}")
    assert response.status_code == status, response.content[:300]


def test_documented_patterns_match_the_real_names(mexico, client):
    from plans.models import Pillar, PlanAgency

    documented = parameters(client)
    pillar = documented[("/api/v1/plans/{slug}/indicators/", "pillar")]["pattern"]
    agency = documented[("/api/v1/plans/{slug}/indicators/", "agency")]["pattern"]
    for slug in Pillar.objects.values_list("slug", flat=True):
        assert re.search(pillar, slug), slug
    for acronym in PlanAgency.objects.values_list("agency__acronym", flat=True):
        assert re.search(agency, acronym), acronym


@pytest.mark.parametrize("q", ["", "%20%20", "a" * 201, "%20" * 199 + "ab"])
def test_an_empty_or_long_search_is_a_400(db, client, q):
    error_of(client.get(f"{API}/search/?q={q}"), 400)
