"""Security headers, cookie names and no inline script on the public pages."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model

from tests.security.pages import PAGES, page_exists

HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}


class InlineCodeFinder(HTMLParser):
    """Collects what a CSP without 'unsafe-inline' would block."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        # A JSON-LD data block is never run, and CSP does not apply to it (opendata/templatetags).
        data_block = attributes.get("type") == "application/ld+json"
        if tag == "script" and not attributes.get("src") and not data_block:
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style> block")
        if "style" in attributes:
            self.problems.append(f'style="" on <{tag}>')
        self.problems += [f"{name} on <{tag}>" for name in attributes if name.startswith("on")]
        if tag == "a" and (attributes.get("href") or "").lower().startswith("javascript:"):
            self.problems.append("javascript: link")


@pytest.mark.django_db
def test_pages_send_csp_hsts_referrer_policy_and_nosniff(client, minimal_plan):
    response = client.get("/en/plans/testland-2024/", **HTTPS)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_public_pages_have_no_inline_script_or_style(client, minimal_plan, name, path):
    if not page_exists(path):
        pytest.skip(f"{path} is not a page of napwatch yet")
    response = client.get(path)
    if "html" not in response.get("Content-Type", ""):
        pytest.skip(f"{path} is not an HTML page")
    assert response.status_code == 200
    finder = InlineCodeFinder()
    finder.feed(response.content.decode())
    assert finder.problems == []


@pytest.mark.django_db
def test_cookies_are_secure_host_prefixed_in_production(client):
    get_user_model().objects.create_user("editor", password="a long passphrase 42", is_staff=True)
    login_page = client.get("/admin/login/", **HTTPS)
    csrf = login_page.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["path"] == "/" and not csrf["domain"]
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "a long passphrase 42"},
        **HTTPS,
    )
    assert response.status_code == 302
    session = response.cookies["__Host-sessionid"]
    assert session["secure"] and session["httponly"] and session["path"] == "/"
    assert not session["domain"]
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_the_admin_change_form_scripts_carry_the_csp_nonce(admin_client):
    response = admin_client.get("/admin/auth/user/add/", **HTTPS)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "'nonce-" in csp
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()
