"""Hostile input never gives a 500: every public page answers it with a 2xx or a 4xx.

Covers oversized query strings and bodies, invalid UTF-8, SQL and template injection and markup
in every filter and search parameter, NUL characters, and path traversal in slugs.
"""

import pytest
from django.conf import settings
from django.test import Client

from tests.security.pages import PAGES, page_exists, parameters_for

INJECTIONS = [
    "' OR '1'='1",
    "1; DROP TABLE plans_plan; --",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "<script>alert('xss')</script>",
    '" onmouseover="alert(1)',
    "99999999999999999999999999",
    "ṭéšť ☃ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "a" * 5000,
]

TRAVERSALS = [
    "/en/plans/..%2F..%2Fetc%2Fpasswd/",
    "/en/plans/%2e%2e/%2e%2e/etc/passwd/",
    "/en/plans/testland-2024/pillars/..%2F..%2F..%2Fnapwatch%2Fsettings.py/",
    "/en/plans/testland-2024/agencies/..%2F..%2Fadmin/",
    "/en/plans/testland-2024/agencies/..%5C..%5Cwindows/",
    "/static/..%2F..%2Fnapwatch%2Fsettings.py",
    "/static/../napwatch/settings.py",
    "/en/plans/" + "a" * 5000 + "/",
    "/en/plans/%FF%FE/",
    "/en/plans/testland-2024/agencies/%C3%28/",
    "/en/plans/testland-2024/agencies/%00/",
]

pages = pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])


def skip_unless_page_exists(path):
    if not page_exists(path):
        pytest.skip(f"{path} is not a page of napwatch yet")


def assert_survived(response, *, allowed=range(200, 500)):
    assert response.status_code in allowed, response.status_code
    body = response.content.decode("utf-8", errors="replace")
    assert "Traceback" not in body
    assert settings.SECRET_KEY not in body
    assert "<script>alert(" not in body


@pages
@pytest.mark.django_db
def test_injection_strings_in_every_parameter_answer_without_a_server_error(
    client, minimal_plan, name, path
):
    skip_unless_page_exists(path)
    for parameter in parameters_for(path):
        for value in INJECTIONS:
            assert_survived(client.get(path, {parameter: value}))


@pages
@pytest.mark.django_db
def test_repeated_and_empty_parameters_answer_without_a_server_error(
    client, minimal_plan, name, path
):
    skip_unless_page_exists(path)
    query = "&".join(f"{p}=&{p}=x&{p}[]=1" for p in parameters_for(path))
    assert_survived(client.get(f"{path}?{query}"))


@pages
@pytest.mark.django_db
def test_invalid_utf8_in_the_query_string_answers_without_a_server_error(
    client, minimal_plan, name, path
):
    skip_unless_page_exists(path)
    for raw in ["q=%FF%FE%FD", "q=%C3%28", "page=%ED%A0%80", "%FF=1", "q=%E2%82"]:
        assert_survived(client.get(f"{path}?{raw}"))


@pages
@pytest.mark.django_db
def test_a_nul_character_in_any_parameter_is_a_bad_request(client, minimal_plan, name, path):
    skip_unless_page_exists(path)
    for parameter in parameters_for(path):
        response = client.get(f"{path}?{parameter}=a%00b")
        assert response.status_code == 400


@pages
@pytest.mark.django_db
def test_an_oversized_query_string_is_refused_or_ignored(client, minimal_plan, name, path):
    skip_unless_page_exists(path)
    too_many_fields = "&".join(f"f{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    assert client.get(f"{path}?{too_many_fields}").status_code == 400
    assert_survived(client.get(path, {"q": "x" * 20_000}))


@pages
@pytest.mark.django_db
def test_an_oversized_body_is_refused(minimal_plan, name, path):
    skip_unless_page_exists(path)
    body = "q=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    for client in (Client(), Client(enforce_csrf_checks=True)):
        response = client.post(path, body, content_type="application/x-www-form-urlencoded")
        assert 400 <= response.status_code < 500


@pytest.mark.parametrize("path", TRAVERSALS)
@pytest.mark.django_db
def test_path_traversal_in_slugs_answers_4xx(client, minimal_plan, path):
    response = client.get(path)
    assert 400 <= response.status_code < 500
    assert_survived(response)
    assert b"SECRET_KEY" not in response.content


@pytest.mark.django_db
def test_injected_text_is_shown_escaped_never_evaluated(client, minimal_plan):
    for name, path in PAGES:
        if not page_exists(path):
            continue
        response = client.get(path, {"q": "{{ 7|add:7 }}<b>bold</b>"})
        assert b"<b>bold</b>" not in response.content, name
