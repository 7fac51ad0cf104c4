"""The CSRF cookie is HttpOnly, and the admin still works with CSRF checks on.

No script of ours reads the cookie: Django's forms carry the token in their hidden
`csrfmiddlewaretoken` input, and the Markdown preview sends that input's value as X-CSRFToken.
"""

import re
from pathlib import Path

import pytest
from django.test import Client

from critiques.models import Critique
from tests.conftest import CAST_PASSWORD
from tests.editing.conftest import change_url, form_data

pytestmark = pytest.mark.django_db

# As a browser sends them through the proxy: CSRF compares Origin with the scheme and Host.
HTTPS = {
    "HTTP_X_FORWARDED_PROTO": "https",
    "HTTP_HOST": "testserver",
    "HTTP_ORIGIN": "https://testserver",
}
PREVIEW_JS = Path(__file__).resolve().parents[2] / "static" / "admin-extra" / "markdown-preview.js"


def form_token(response) -> str:
    """The token a browser's form would send: the hidden input, not the cookie."""
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert found, "the page has a form with a CSRF token"
    return found.group(1)


def test_the_csrf_cookie_is_http_only(client):
    response = client.get("/admin/login/", **HTTPS)
    cookie = response.cookies["__Host-csrftoken"]
    assert cookie["httponly"]
    assert cookie["secure"]


def test_an_editor_logs_in_and_saves_a_critique_with_csrf_enforced(editor, write_critique):
    critique = write_critique(editor, title="Before")
    browser = Client(enforce_csrf_checks=True)

    login_page = browser.get("/admin/login/", **HTTPS)
    refused = browser.post(
        "/admin/login/?next=/admin/",
        {"username": editor.username, "password": CAST_PASSWORD},
        **HTTPS,
    )
    assert refused.status_code == 403  # the check is really on: no token, no login
    logged_in = browser.post(
        "/admin/login/?next=/admin/",
        {
            "username": editor.username,
            "password": CAST_PASSWORD,
            "csrfmiddlewaretoken": form_token(login_page),
        },
        **HTTPS,
    )
    assert logged_in.status_code == 302, logged_in.content.decode()[:500]

    change_page = browser.get(change_url(critique), **HTTPS)
    assert change_page.status_code == 200
    saved = browser.post(
        change_url(critique),
        form_data(critique, title="After", csrfmiddlewaretoken=form_token(change_page)),
        **HTTPS,
    )
    assert saved.status_code == 302
    assert Critique.objects.get(pk=critique.pk).title == "After"


def test_the_markdown_preview_sends_the_forms_token_not_the_cookies(editor, write_critique):
    critique = write_critique(editor)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    change_page = browser.get(change_url(critique), **HTTPS)
    preview_url = re.search(r'data-preview-url="([^"]+)"', change_page.content.decode()).group(1)

    without = browser.post(preview_url, {"body": "**bold**"}, **HTTPS)
    assert without.status_code == 403
    preview = browser.post(
        preview_url,
        {"body": "**bold**"},
        HTTP_X_CSRFTOKEN=form_token(change_page),
        **HTTPS,
    )
    assert preview.status_code == 200
    assert "<strong>bold</strong>" in preview.json()["html"]

    script = PREVIEW_JS.read_text()
    assert "document.cookie" not in script
    assert 'querySelector("input[name=csrfmiddlewaretoken]")' in script
