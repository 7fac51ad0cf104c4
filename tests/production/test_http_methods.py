"""Every method on every URL of the site answers 2xx, 3xx or 4xx, never a 5xx.

The URLs are read from napwatch.urls, so a page added there is covered without editing this file;
their parameters are filled from a loaded plan. The admin is represented by its login page (its
own URLs are Django's), and /healthz by itself: it is answered by middleware, not by a URL.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from briefs import services

METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]
WRITES = ["POST", "PUT", "PATCH", "DELETE", "TRACE"]
EXTRA_PATHS = ["/admin/login/", "/healthz"]
FAKE_PDF = b"%PDF-1.7\n% a stand-in for WeasyPrint's output\n%%EOF\n"


def site_routes(patterns=None, namespace: str = "", parameters: frozenset = frozenset()):
    """(URL name, parameter names) for every pattern of napwatch.urls outside the admin."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        names = parameters | set(entry.pattern.converters)
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin" or str(entry.pattern).startswith("admin/"):
                continue  # the admin, and admin pages of napwatch's own (desk, workbench)
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from site_routes(entry.url_patterns, inner, frozenset(names))
        elif isinstance(entry, URLPattern):
            assert entry.name, f"every URL of the site has a name: {entry.pattern}"
            yield f"{namespace}{entry.name}", sorted(names)


ROUTES = sorted({(name, tuple(params)) for name, params in site_routes()})


def parameters_of(plan) -> dict[str, str]:
    """A value for each URL parameter the site uses, taken from the plan."""
    return {
        "slug": plan.slug,
        "pillar": plan.pillars.order_by("order").first().slug,
        "acronym": plan.plan_agencies.select_related("agency").first().agency.acronym,
        # the JSON API's indicator, published critique and source (api:indicator, …)
        "code": plan.indicators.order_by("code").first().code,
        "key": plan.critiques.filter(status="published").order_by("key").first().key,
        "source": plan.source.key,
        # the data release's zip (opendata:download): a name that is not the current one is a 404
        "file_name": "napwatch-wps-national-action-plans-2000-01-01-0000000000.zip",
        # the workbench of a document (workbench:*): none is attached here, so a 404 behind login
        "document_id": "999999",
        # a reply (critiques:reply-annotation): none is published here, so a 404
        "pk": "999999",
        # an invitation's link (replies:join): a token that was never issued
        "token": "no-such-invitation-token",
        # a reply to a published critique (replies:reply): behind a respondent's login
        "kind": "critique",
        "ref": plan.critiques.filter(status="published").order_by("key").first().key,
    }


# The respondents' screens (issue 28) are forms behind their own sign-in, as the admin is: they
# answer every method without a server error (below), and tests/replies checks who may use them.
RESPONDENT_SCREENS = "replies:"


def site_paths(plan, *, respondents: bool = True) -> list[str]:
    values = parameters_of(plan)
    paths = []
    for name, params in ROUTES:
        if not respondents and name.startswith(RESPONDENT_SCREENS):
            continue
        unknown = set(params) - set(values)
        assert not unknown, f"{name}: add a value for {unknown} to parameters_of()"
        paths.append(reverse(name, kwargs={param: values[param] for param in params}))
    return paths


@pytest.fixture
def fake_renderer(monkeypatch, settings, tmp_path):
    """The PDF is not what is under test here: WeasyPrint is stood in for, its cache is private."""
    settings.CACHES = {
        **settings.CACHES,
        "briefs": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "brief-cache"),
        },
    }
    monkeypatch.setattr(services, "render_pdf_bytes", lambda *args, **kwargs: (FAKE_PDF, 1, 0, 0.0))


@pytest.fixture(params=["anonymous", "editor"])
def visitor(request):
    """A client that reports a 500 as a response, so one test lists every failing request."""
    client = Client(raise_request_exception=False)
    if request.param == "editor":
        client.force_login(request.getfixturevalue("editor"))
    return client


def test_the_site_has_the_urls_this_test_expects():
    """The enumeration finds the public pages: if it found none, the test below would pass idly."""
    names = {name for name, _ in ROUTES}
    assert {"plans:list", "plans:pillar", "briefs:pdf", "briefs:preview", "search:results"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("plan_fixture", ["minimal_plan", "mexico"])
def test_no_method_on_any_url_answers_5xx(request, plan_fixture, visitor, fake_renderer):
    plan = request.getfixturevalue(plan_fixture)
    failures = []
    for path in [*site_paths(plan), *EXTRA_PATHS]:
        for method in METHODS:
            response = visitor.generic(method, path)
            if response.status_code >= 500:
                failures.append(f"{method} {path} -> {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_public_pages_refuse_writes_with_405_and_say_what_they_allow(
    client, minimal_plan, fake_renderer
):
    failures = []
    for path in [*site_paths(minimal_plan, respondents=False), "/healthz"]:
        for method in WRITES:
            response = client.generic(method, path)
            if response.status_code != 405:
                failures.append(f"{method} {path} -> {response.status_code}, not 405")
            elif set(response["Allow"].split(", ")) - {"GET", "HEAD", "OPTIONS"}:
                failures.append(f"{method} {path} allows {response['Allow']}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_options_lists_the_methods_a_public_page_allows(client, minimal_plan, fake_renderer):
    for path in [*site_paths(minimal_plan, respondents=False), "/healthz"]:
        response = client.options(path)
        assert response.status_code == 200, path
        assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}, path


@pytest.mark.django_db
def test_head_answers_wherever_get_does(client, minimal_plan, fake_renderer):
    # What the minimal plan has not got: a public document, and a release by the name given above
    absent = {
        reverse(name, kwargs=kwargs)
        for name, kwargs in [
            ("plans:document", {"slug": minimal_plan.slug}),
            ("plans:document-file", {"slug": minimal_plan.slug}),
            ("opendata:download", {"file_name": parameters_of(minimal_plan)["file_name"]}),
            (
                "critiques:reply-annotation",
                {
                    "slug": minimal_plan.slug,
                    "key": parameters_of(minimal_plan)["key"],
                    "pk": parameters_of(minimal_plan)["pk"],
                },
            ),
        ]
    }
    for path in [*site_paths(minimal_plan, respondents=False), *EXTRA_PATHS]:
        got = client.get(path)
        head = client.head(path)
        expected = 404 if path in absent else 200
        assert got.status_code == expected, path
        assert head.status_code == expected, path
        assert head["Content-Type"] == got["Content-Type"], path
