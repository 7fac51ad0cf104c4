"""The "being prepared" page of a PDF brief in Chromium: once the task
worker has made the PDF, its script starts the download without the reader doing anything."""

import signal

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queued_briefs(settings, tmp_path):
    """The production Tasks backend (renders wait for a worker), and a brief cache of the test's own."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.CACHES = {
        **settings.CACHES,
        "briefs": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "brief-cache"),
        },
    }


def test_the_being_prepared_page_is_accessible_and_starts_the_download_when_ready(
    queued_briefs, page, minimal_plan, screenshot
):
    response = page.goto("/en/plans/testland-2024/brief.pdf")
    assert response.status == 202
    assert page.get_by_role("heading", level=1).inner_text() == "The PDF brief is being prepared"
    # Its HTML and accessibility are checked in tests/briefs/test_background.py (strict HTML,
    # one h1, a status region); here, what a reader's browser does with it.
    screenshot(page, "brief-being-prepared")

    with page.expect_download(timeout=30_000) as download:
        run_worker()  # renders the brief the page is waiting for
    assert download.value.suggested_filename == "testland-2024-brief-en.pdf"
    assert page.get_by_role("status").inner_text() == "The PDF is ready: your download is starting."
    # Issue 23: the page no longer says the brief is being prepared, and offers the download.
    assert page.get_by_role("heading", level=1).inner_text() == "The PDF brief is ready"
    assert not page.get_by_text("We are making the PDF brief").is_visible()
    link = page.get_by_role("link", name="Download the PDF brief")
    assert link.is_visible() and link.get_attribute("href") == "/en/plans/testland-2024/brief.pdf"
    screenshot(page, "brief-ready")


def test_spanish_brief_is_prepared_at_once_and_downloads_under_a_spanish_name(
    queued_briefs, page, minimal_plan, screenshot, settings
):
    """Issue 23: a browser is shown the page at once (it used to wait NAPWATCH_BRIEF_WAIT
    seconds on a blank tab; 20 here, which the 15 s timeout below would not survive), and
    the two languages' PDFs are two files."""
    settings.NAPWATCH_BRIEF_WAIT = 20
    page.set_default_timeout(15_000)
    response = page.goto("/es/plans/testland-2024/brief.pdf", timeout=15_000)
    assert response.status == 202
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Estamos preparando el informe en PDF"
    screenshot(page, "brief-being-prepared-es")
    with page.expect_download(timeout=30_000) as download:
        run_worker()
    assert download.value.suggested_filename == "testland-2024-brief-es.pdf"
    assert "preparando" not in heading.inner_text().lower()
    screenshot(page, "brief-ready-es")


def run_worker() -> None:
    """`manage.py db_worker` until the queue is empty; its signal handlers are undone."""
    signals = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    handlers = {sig: signal.getsignal(sig) for sig in signals}
    try:
        call_command(
            "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0
        )
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
