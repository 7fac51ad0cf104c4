"""Helpers for the API's tests: a GET that checks the response is JSON and returns it."""

import json

import pytest


def error_of(response, status: int) -> dict:
    """The body of an error response, checked against the one documented shape."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"status", "code", "message", "fields"}
    assert error["status"] == status
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["fields"], dict)
    return error


@pytest.fixture
def get_json(client):
    def get(url: str, status: int = 200, **headers):
        response = client.get(url, headers=headers)
        assert response.status_code == status, (url, response.content[:500])
        assert response["Content-Type"].startswith("application/json"), url
        return json.loads(response.content)

    return get


def walk(node):
    """Every dict in a JSON document, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)
