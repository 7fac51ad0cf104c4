"""/healthz: the app and database state for a load balancer, 200 or 503, always reachable."""

from unittest import mock

import pytest
from django.db import OperationalError, connection


@pytest.mark.django_db
def test_healthz_reports_ok_when_the_database_answers(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "app": "ok", "database": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_healthz_reports_503_when_the_database_is_down(client):
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "app": "ok", "database": "unavailable"}


@pytest.mark.django_db
def test_healthz_answers_a_load_balancer_polling_by_ip_address(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.17:8000")
    assert response.status_code == 200
    assert client.get("/en/", HTTP_HOST="10.0.0.17:8000").status_code == 400


@pytest.mark.django_db
def test_healthz_is_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz/").status_code == 200
    page = client.get("/en/")
    assert page.status_code == 301
    assert page["Location"].startswith("https://")


@pytest.mark.django_db
def test_requests_forwarded_as_https_by_the_proxy_are_not_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/en/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
    assert client.get("/en/", HTTP_X_FORWARDED_PROTO="http").status_code == 301
