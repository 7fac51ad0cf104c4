"""After an edit the public sees, the worker renders the plan's pages (every language) and API
resources into the page cache, so the first reader after the edit gets a cached page showing it."""

import pytest

from critiques import services
from critiques.models import Critique
from indicators.models import Indicator
from prerender import tasks

pytestmark = pytest.mark.django_db

READER_PAGES = [
    "/en/plans/testland-2024/",
    "/es/plans/testland-2024/",
    "/en/plans/testland-2024/pillars/prevention/",
    "/es/plans/testland-2024/pillars/prevention/",
    "/en/plans/testland-2024/indicators/",
    "/en/plans/testland-2024/critiques/",
    "/es/plans/testland-2024/scorecard/",
    "/en/",
    "/api/v1/plans/testland-2024/tree/",
    "/api/v1/plans/testland-2024/critiques/",
]


@pytest.fixture(autouse=True)
def site(settings):
    settings.NAPWATCH_SITE_URL = "http://testserver/"  # the address the test client asks at
    settings.NAPWATCH_BRIEF_PRERENDER = False  # (the briefs' own pre-render: tests/briefs)


def publish_a_critique(plan, editor, reviewer) -> None:
    critique = Critique.objects.create(
        plan=plan,
        key="counts-events",
        title="Counts events, not change",
        target_indicator=Indicator.objects.get(plan=plan, code="PREV-I1"),
        category=Critique.Category.VAGUE_INDICATOR,
        body="The indicator counts events.",
        author=editor,
    )
    services.submit_for_review(critique=critique, user=editor)
    services.publish(critique=critique, user=reviewer)


@pytest.mark.parametrize("url", READER_PAGES)
def test_the_first_reader_after_an_edit_gets_a_cached_page_that_shows_it(
    client, minimal_plan, editor, reviewer, url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the commit: the task runs
        publish_a_critique(minimal_plan, editor, reviewer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    if "/critiques/" in url or "/pillars/" in url:
        assert "Counts events, not change" in response.content.decode()


def test_a_draft_being_written_renders_nothing(
    client, minimal_plan, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        Critique.objects.create(
            plan=minimal_plan,
            key="a-draft",
            title="A draft",
            target_indicator=Indicator.objects.get(plan=minimal_plan, code="PREV-I1"),
            category=Critique.Category.VAGUE_INDICATOR,
            body="Not yet.",
            author=editor,
        )
    assert callbacks == []
    assert client.get("/en/plans/testland-2024/")["X-Page-Cache"] == "miss"


def test_the_task_says_what_it_made_and_makes_nothing_twice(minimal_plan):
    first = tasks.prerender_pages.call(plan_id=minimal_plan.pk)
    assert first["failed"] == []
    assert first["made"] == len(tasks.plan_addresses(minimal_plan))
    again = tasks.prerender_pages.call(plan_id=minimal_plan.pk)
    assert (again["made"], again["cached"]) == (0, first["made"])


def test_switched_off_it_queues_nothing(
    client, minimal_plan, editor, reviewer, settings, django_capture_on_commit_callbacks
):
    settings.NAPWATCH_PAGE_PRERENDER = False
    with django_capture_on_commit_callbacks(execute=True):
        publish_a_critique(minimal_plan, editor, reviewer)
    assert client.get("/en/plans/testland-2024/")["X-Page-Cache"] == "miss"


def test_pages_are_made_for_the_sites_https_address(client, minimal_plan, settings):
    settings.NAPWATCH_SITE_URL = "https://napwatch.example.org/"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "napwatch.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    made = tasks.prerender_pages.call(plan_id=minimal_plan.pk)
    assert made["failed"] == []
    reader = client.get(
        "/en/plans/testland-2024/", secure=True, headers={"host": "napwatch.example.org"}
    )
    assert reader.status_code == 200
    assert reader["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_request_that_sets_the_task_off_keeps_its_own_language(minimal_plan, language):
    """Run inside a reader's request (the immediate backend, after a respondent's commit), the
    task's own requests in every language must not leave the reader's page in another one."""
    from django.utils import translation

    translation.activate(language)
    tasks.prerender_pages.call(plan_id=minimal_plan.pk)
    assert translation.get_language() == language
