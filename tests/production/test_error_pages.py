"""Custom error pages: the site's look, a way back, and no details of the error."""

from unittest import mock

import pytest
from django.test import Client


@pytest.mark.django_db
def test_an_unknown_plan_shows_the_custom_404(client):
    response = client.get("/en/plans/no-such-plan/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "We could not find that page" in text
    assert 'class="site-header"' in text


@pytest.mark.django_db
def test_a_disallowed_host_shows_the_custom_400(client):
    response = client.get("/en/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    text = response.content.decode()
    assert "We could not understand that request" in text
    assert "evil.example.com" not in text


@pytest.mark.django_db
def test_a_forged_form_shows_the_custom_403():
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "This form could not be accepted" in text
    assert "CSRF cookie not set" not in text


@pytest.mark.django_db
def test_a_crash_shows_the_custom_500_without_a_traceback(minimal_plan):
    with mock.patch(
        "pages.views.PlanListView.get_queryset", side_effect=RuntimeError("secret detail")
    ):
        response = Client(raise_request_exception=False).get("/en/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Something went wrong on our side" in text
    assert "secret detail" not in text
    assert "Traceback" not in text
