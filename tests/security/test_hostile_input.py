"""Hostile input never gives a 500: every public page answers it with a 2xx or a 4xx.

Covers oversized query strings and bodies, invalid UTF-8, SQL and template injection and markup
in every filter and search parameter, NUL characters, and path traversal in slugs.
"""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from critiques.models import Critique
from indicators.models import Indicator
from plans.models import Pillar, Source
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


def template_text(label: str) -> str:
    """Django template syntax a reader or an editor might type, after a label to find it by."""
    return label + '[{{ 7|add:1 }}|{% now "Y" %}]'


def evaluated(label: str) -> str:
    """What a page would show if `template_text(label)` had gone through the template engine."""
    return f"{label}[8|{timezone.localtime().year}]"


class _Text(HTMLParser):
    """The text a reader sees: character references decoded, markup left out, and what the
    page's text boxes hold."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        value = dict(attrs).get("value")
        if tag == "input" and value:
            self.parts.append(f" {value} ")

    def handle_data(self, data):
        self.parts.append(data)


def visible_text(response) -> str:
    parser = _Text()
    parser.feed(response.content.decode())
    return "".join(parser.parts)


def assert_shown_literally(response, label: str, where: str) -> None:
    text = visible_text(response)
    assert evaluated(label) not in text, where
    assert template_text(label) in text, where


# Pages that show the `q` they were given (in the search box or the search heading).
ECHO_THE_QUERY = {"plans", "indicators", "search"}


@pytest.mark.django_db
def test_injected_text_is_shown_escaped_never_evaluated(client, minimal_plan):
    echoed = set()
    for name, path in PAGES:
        if not page_exists(path):
            continue
        response = client.get(path, {"q": template_text("Query") + "<b>bold</b>"})
        assert "<b>bold</b>" not in response.content.decode(), name
        assert evaluated("Query") not in visible_text(response), name
        if name in ECHO_THE_QUERY:
            assert_shown_literally(response, "Query", name)
            assert template_text("Query") + "<b>bold</b>" in visible_text(response), name
            echoed.add(name)
    assert echoed == ECHO_THE_QUERY


@pytest.fixture
def plan_with_template_text(minimal_plan):
    """Template syntax in the wording, names and critique text editors and plan files write."""
    pillar = Pillar.objects.get(plan=minimal_plan, slug="prevention")
    pillar.name_en = template_text("Pillar")
    pillar.save()
    indicator = Indicator.objects.get(plan=minimal_plan, code="PREV-I1")
    indicator.wording_en = template_text("Wording")
    indicator.save()
    critique = Critique.objects.get(plan=minimal_plan, key="training-only")  # on PREV-I1
    critique.title = template_text("Title")
    critique.body = "Markdown " + template_text("Body")
    critique.save()
    source = Source.objects.get(key="test-brief")
    source.title = template_text("Source")
    source.save()
    return minimal_plan


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "labels"),
    [
        ("/en/plans/testland-2024/", ["Pillar", "Source"]),
        ("/en/plans/testland-2024/pillars/prevention/", ["Pillar", "Wording", "Title", "Body"]),
        ("/en/plans/testland-2024/indicators/", ["Wording"]),
        ("/en/plans/testland-2024/critiques/", ["Title", "Body"]),
        # A critique hit shows its whole title (an element hit, only a snippet around the match)
        ("/en/search/?q=Title", ["Title"]),
        ("/en/plans/testland-2024/brief/", ["Pillar", "Wording", "Title", "Body", "Source"]),
    ],
    ids=["overview", "pillar", "indicators", "critiques", "search", "brief-preview"],
)
def test_template_syntax_in_stored_text_is_shown_literally_never_evaluated(
    client, plan_with_template_text, path, labels
):
    response = client.get(path)
    assert response.status_code == 200
    for label in labels:
        assert_shown_literally(response, label, f"{path}: {label}")
