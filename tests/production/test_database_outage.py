"""A database that cannot be reached answers 503 "temporarily unavailable", never a 500."""

from unittest import mock

import pytest
from django.db import IntegrityError, OperationalError, connection
from django.test import Client, RequestFactory

from napwatch.errors import server_error

DOWN = OperationalError("could not connect to server: Connection refused")


@pytest.fixture
def database_down():
    with mock.patch.object(connection, "ensure_connection", side_effect=DOWN):
        yield


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/en/", "/en/plans/testland-2024/", "/en/plans/testland-2024/pillars/prevention/"]
)
def test_pages_answer_503_with_a_clear_page_while_the_database_is_down(
    minimal_plan, database_down, path
):
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    text = response.content.decode()
    assert "temporarily unavailable" in text
    assert "Connection refused" not in text
    assert "Traceback" not in text


@pytest.mark.django_db
def test_pages_come_back_once_the_database_is_back(client, minimal_plan):
    with mock.patch.object(connection, "ensure_connection", side_effect=DOWN):
        assert Client(raise_request_exception=False).get("/en/").status_code == 503
    assert client.get("/en/").status_code == 200


def test_a_database_outage_outside_a_view_still_answers_503():
    request = RequestFactory().get("/en/")
    try:
        raise DOWN
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503


def test_a_bug_still_answers_500_with_the_custom_page():
    request = RequestFactory().get("/en/")
    try:
        raise IntegrityError("duplicate key")
    except IntegrityError:
        response = server_error(request)
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert b"duplicate key" not in response.content
