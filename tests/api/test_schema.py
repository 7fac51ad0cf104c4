"""The OpenAPI document describes the API, and the API keeps to it: schemathesis generates
requests for every operation from /api/v1/openapi.json (valid and invalid parameters) and checks
that none answers 5xx, that every response (status, content type, headers, body) is the
documented one, that invalid requests are refused and valid ones accepted: all of schemathesis's
checks, as `schemathesis run --checks all` runs them (issue 25).

The schemathesis run is marked `validators` so that CI runs it once, on the PostgreSQL pass,
as it runs the HTML and accessibility validators.
"""

import json
from collections import Counter
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.generation import GenerationMode

pytestmark = pytest.mark.django_db

STATUSES: Counter = (
    Counter()
)  # the statuses the generated requests got, to show they reach the views
EXAMPLES = 25  # generated cases per operation and mode: the whole run takes about a minute
load_all_checks()
# Every check schemathesis has, as `--checks all` runs them: no server error, status, content
# type, headers and body as documented, invalid data refused (400), valid data accepted (not 400),
# allowed methods, and the rest (those about authentication or links find nothing to check here).
ALL_CHECKS = list(CHECKS.get_all())


def openapi(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_every_operation_is_a_documented_get_with_its_errors(client):
    document = openapi(client)
    assert document["openapi"].startswith("3.")
    error = document["components"]["schemas"]["Error"]
    assert error["properties"]["error"]["$ref"].endswith("/ErrorDetail")
    operations = {
        (path, method): operation
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }
    assert {method for _path, method in operations} == {"get"}
    assert {path for path, _method in operations} == {
        "/api/v1/plans/",
        "/api/v1/plans/{slug}/",
        "/api/v1/plans/{slug}/tree/",
        "/api/v1/plans/{slug}/indicators/",
        "/api/v1/plans/{slug}/indicators/{code}/",
        "/api/v1/plans/{slug}/critiques/",
        "/api/v1/plans/{slug}/critiques/{key}/",
        "/api/v1/plans/{slug}/agencies/",
        "/api/v1/plans/{slug}/recommendations/",
        "/api/v1/plans/{slug}/assessments/",
        "/api/v1/rubrics/",
        "/api/v1/sources/",
        "/api/v1/sources/{source}/",
        "/api/v1/search/",
    }
    for (path, _method), operation in operations.items():
        assert "400" in operation["responses"], path
        assert operation["responses"]["400"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"
        }, path
        if "{" in path or path.endswith("s/") and path != "/api/v1/search/":
            assert "404" in operation["responses"], path
    # The documented filters are the pages' own.
    indicators = operations[("/api/v1/plans/{slug}/indicators/", "get")]
    names = {parameter["name"] for parameter in indicators["parameters"]}
    assert names >= {"q", "pillar", "objective", "agency", "confidence", "critiqued", "category"}
    assert names >= {"ordering", "page", "page_size"}


def test_the_document_is_served_from_the_cache_with_an_etag(client):
    first = client.get("/api/v1/openapi.json")
    again = client.get("/api/v1/openapi.json", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


@contextmanager
def wsgi_app():
    """Django's WSGI application, keeping the test's database connection between requests (as
    Django's test client does, which connects the signals again after each of its requests): its
    transaction holds the test's data."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    handler = WSGIHandler()

    def app(environ, start_response):
        def counting_start_response(status, headers, *args):
            STATUSES[int(status.split()[0])] += 1
            return start_response(status, headers, *args)

        return handler(environ, counting_start_response)

    try:
        yield app
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.validators
def test_schemathesis_finds_no_server_error_and_no_response_off_the_schema(
    client, mexico, make_synthetic_plan
):
    make_synthetic_plan(1, indicators=20)
    schema = schemathesis.openapi.from_dict(openapi(client))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 14
    # Real slugs, codes and keys some of the time, so that generated filters reach the views.
    known = {
        "slug": ["mexico-2021", "synthetic-1"],
        "code": ["PART-I1", "PREV-I1"],
        "key": ["add-women-and-stir"],
        "source": ["wiis-2021"],
    }
    negative_skipped = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategies = [operation.as_strategy(generation_mode=mode)]
            path_names = [p.name for p in operation.path_parameters]
            if path_names and mode is GenerationMode.POSITIVE:
                for slug in known["slug"]:
                    fixed = {name: known[name][0] for name in path_names if name != "slug"}
                    strategies.append(
                        operation.as_strategy(
                            generation_mode=mode,
                            path_parameters={"slug": slug, **fixed}
                            if "slug" in path_names
                            else fixed,
                        )
                    )
            with wsgi_app() as app:
                for strategy in strategies:
                    try:
                        run(strategy, app, mode)
                    except Unsatisfiable:
                        # An operation whose every parameter takes any string has no invalid
                        # request to make (schemathesis' own runner skips it the same way).
                        assert mode is GenerationMode.NEGATIVE, operation.label
                        negative_skipped.append(operation.label)
    assert len(negative_skipped) < len(operations) / 2, negative_skipped
    # The generated requests reached the views: found objects, refused parameters, unknown ids.
    print(f"schemathesis: {sum(STATUSES.values())} requests, statuses {dict(STATUSES)}")
    assert STATUSES[200] > 50 and STATUSES[400] > 50 and STATUSES[404] > 10, STATUSES
    assert set(STATUSES) <= {200, 400, 404}, STATUSES


def run(strategy, app, mode) -> None:
    checks = ALL_CHECKS

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        # The WSGI transport does not undo a Content-Encoding: ask for the body as it is
        # (compression, and its 304s, are tested in tests/production/test_compression.py).
        case.call_and_validate(app=app, checks=checks, headers={"Accept-Encoding": "identity"})

    check()
