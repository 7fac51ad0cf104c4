"""Briefs rendered by the task worker: waiting or "being prepared", failures, and the real
database backend end to end. Pre-rendering after an edit is in test_prerender.py, the limits in
test_limits.py."""

import logging
import threading
import time
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django_tasks_db.models import DBTaskResult

from briefs import services, tasks
from tests.briefs.conftest import FAKE_PDF
from tests.briefs.worker import (
    PRERENDER,
    RENDER,
    URL,
    edit_published_critique,
    key_of,
    queued,
    run_queued_tasks,
    run_worker,
)

# ---- Waiting, or "being prepared" ---------------------------------------------------------------


class StrictHTML(HTMLParser):
    """Finds what makes a page invalid HTML: unclosed or misnested elements, duplicate ids."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.ids, self.tags, self.doctype = [], [], set(), [], ""

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        found = dict(attrs).get("id")
        if found is not None and found in self.ids:
            self.problems.append(f"duplicate id {found}")
        self.ids.add(found)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()

    def check(self, text: str) -> "StrictHTML":
        self.feed(text)
        self.close()
        if self.stack:
            self.problems.append(f"never closed: {self.stack}")
        return self


@pytest.mark.django_db
def test_a_brief_not_ready_in_time_gets_a_valid_accessible_being_prepared_page(
    client, minimal_plan, db_tasks, settings, fake_renderer
):
    settings.NAPWATCH_BRIEF_WAIT = 0
    response = client.get(URL)
    assert response.status_code == 202
    assert response["Retry-After"] == str(tasks.PREPARING_RETRY_AFTER)
    assert response["Cache-Control"] == "no-store" and response["X-Brief-Cache"] == "preparing"
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    page = StrictHTML().check(text)
    assert page.problems == [] and page.doctype.lower() == "doctype html"
    assert ("html", {"lang": "en"}) in page.tags
    assert [tag for tag, _ in page.tags].count("h1") == 1
    # It says what is happening, when to come back, and that this same address gives the PDF.
    assert "The PDF brief is being prepared" in text
    assert "Come back to this address in 3 seconds or so" in text
    assert f'<a href="{URL}">try again now</a>' in text
    assert 'role="status"' in text
    assert 'href="/en/plans/testland-2024/brief/"' in text  # the same content as a web page now
    # Its script is a file of ours (the CSP allows no inline code); no timed reload of the page.
    scripts = [attrs for tag, attrs in page.tags if tag == "script"]
    assert any("/static/js/brief-preparing" in script["src"] for script in scripts)
    assert "<style" not in text and 'style="' not in text and 'http-equiv="refresh"' not in text
    # The render was queued for the worker, not made in the web worker.
    assert queued(RENDER) == [
        {"plan_id": minimal_plan.pk, "query": "", "key": key_of(), "language": "en"}
    ]
    assert fake_renderer == []


@pytest.mark.django_db
def test_a_reader_asking_while_a_render_is_queued_is_answered_at_once_and_queues_nothing(
    client, minimal_plan, db_tasks, settings, fake_renderer
):
    settings.NAPWATCH_BRIEF_WAIT = 0.2
    assert client.get(URL).status_code == 202
    settings.NAPWATCH_BRIEF_WAIT = 10
    started = time.monotonic()
    again = client.get(URL)
    assert again.status_code == 202 and time.monotonic() - started < 2
    assert len(queued(RENDER)) == 1


@pytest.mark.django_db
def test_once_the_worker_has_rendered_it_the_same_address_gives_the_pdf(
    client, minimal_plan, db_tasks, settings, fake_renderer
):
    settings.NAPWATCH_BRIEF_WAIT = 0
    assert client.get(f"{URL}?paper=letter").status_code == 202
    assert run_queued_tasks() == 1
    response = client.get(f"{URL}?paper=letter")
    assert response.status_code == 200 and response.content == FAKE_PDF
    assert response["X-Brief-Cache"] == "hit" and len(fake_renderer) == 1


@pytest.mark.django_db
def test_the_request_that_queued_a_render_gets_the_pdf_if_it_is_made_while_it_waits(minimal_plan):
    key = key_of()
    made = services.RenderedBrief(
        pdf=FAKE_PDF, key=key, generated_at=datetime.now(tz=UTC), seconds=0.3, pages=1
    )
    worker = threading.Timer(0.3, lambda: tasks.cache().set(f"brief:{key}", made))
    worker.start()
    got = tasks.wait_for(key, seconds=5)
    worker.join()
    assert isinstance(got, services.RenderedBrief) and got.pdf == FAKE_PDF
    assert got.from_cache is False  # made for this reader: X-Brief-Cache: miss
    assert isinstance(tasks.wait_for(key_of(query="paper=letter"), seconds=0.2), tasks.Preparing)


@pytest.mark.django_db
def test_a_small_plan_gets_its_pdf_in_the_same_request(client, minimal_plan):
    """With the immediate backend the render runs inside the request (as a fast worker would)."""
    response = client.get(URL)
    assert response.status_code == 200 and response["X-Brief-Cache"] == "miss"
    assert response.content.startswith(b"%PDF-")


@pytest.mark.django_db
def test_an_unknown_pillar_is_a_400_before_anything_is_queued(client, minimal_plan, db_tasks):
    response = client.get(f"{URL}?pillar=nope")
    assert response.status_code == 400 and queued(RENDER) == []


# ---- Failures -----------------------------------------------------------------------------------


def failing_renderer(error):
    def render(html, stylesheets, *, timeout=None, progress=None):
        raise error

    return render


@pytest.mark.django_db
def test_a_background_render_that_times_out_is_logged_not_cached_and_shown_as_the_503_page(
    client, minimal_plan, db_tasks, settings, monkeypatch, caplog
):
    settings.NAPWATCH_BRIEF_WAIT = 0
    assert client.get(URL).status_code == 202
    timeout = services.BriefTimeout("Rendering the brief took longer than 20 seconds.")
    monkeypatch.setattr(services, "render_pdf_bytes", failing_renderer(timeout))
    with caplog.at_level(logging.ERROR, logger="briefs.tasks"):
        run_queued_tasks()
    assert "testland-2024-brief-en.pdf timed out in the background" in caplog.text
    assert DBTaskResult.objects.get(task_path=RENDER).status == "FAILED"
    response = client.get(URL)
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "The PDF brief could not be made just now" in response.content.decode()
    assert "longer than 20 seconds" in response.content.decode()
    assert services.cached_brief(key_of()) is None
    assert queued(RENDER) == []  # not queued again while the failure is remembered


@pytest.mark.django_db
def test_after_a_failure_is_forgotten_the_next_request_tries_again(
    client, minimal_plan, monkeypatch, fake_renderer
):
    real = services.render_pdf_bytes
    monkeypatch.setattr(
        services, "render_pdf_bytes", failing_renderer(services.BriefRenderError("x"))
    )
    assert client.get(URL).status_code == 500
    assert client.get(URL).status_code == 500  # remembered for a minute: no render storm
    monkeypatch.setattr(services, "render_pdf_bytes", real)
    tasks.cache().delete(tasks.failed_key(key_of()))  # a minute later
    assert client.get(URL).status_code == 200


@pytest.mark.django_db
def test_a_render_task_that_failed_before_it_could_say_why_shows_the_500_page(
    client, minimal_plan, db_tasks, settings
):
    settings.NAPWATCH_BRIEF_WAIT = 0
    client.get(URL)
    DBTaskResult.objects.get(task_path=RENDER).set_failed(ImportError("worker without WeasyPrint"))
    response = client.get(URL)
    assert response.status_code == 500 and "could not be rendered" in response.content.decode()


@pytest.mark.django_db
def test_a_render_nobody_picks_up_is_given_up_with_the_503_page_not_an_eternal_wait(
    client, minimal_plan, db_tasks, settings, caplog
):
    settings.NAPWATCH_BRIEF_WAIT = 0
    assert client.get(URL).status_code == 202
    job = tasks.cache().get(tasks.job_key(key_of()))
    job["since"] -= tasks.patience() + 1  # no worker ran it for that long
    tasks.cache().set(tasks.job_key(key_of()), job)
    with caplog.at_level(logging.ERROR, logger="briefs.tasks"):
        response = client.get(URL)
    assert response.status_code == 503
    assert "taking longer than it should" in response.content.decode()
    assert "is a task worker (manage.py db_worker) running?" in caplog.text
    assert tasks.cache().get(tasks.job_key(key_of())) is None


# ---- The real database backend, end to end -------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_end_to_end_with_the_database_backend_and_its_worker(
    client, db_tasks, settings, minimal_plan, reviewer
):
    """Loading the plan and editing a critique commit for real: each queues a pre-render that
    `manage.py db_worker --batch` renders with WeasyPrint, and the reader then gets a cached PDF."""
    settings.NAPWATCH_BRIEF_WAIT = 0
    assert queued(PRERENDER) == [{"plan_id": minimal_plan.pk}]
    run_worker()
    first = client.get(URL)
    assert first.status_code == 200 and first["X-Brief-Cache"] == "hit"
    assert first.content.startswith(b"%PDF-")

    edit_published_critique(reviewer)
    assert queued(PRERENDER) == [{"plan_id": minimal_plan.pk}]
    assert client.get(URL).status_code == 202  # a reader before the worker: queued for them
    run_worker()
    after = client.get(URL)
    assert after.status_code == 200 and after["X-Brief-Cache"] == "hit"
    assert after["ETag"] != first["ETag"]
    statuses = set(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == {"SUCCESSFUL"}


@pytest.mark.django_db
def test_a_render_whose_worker_died_mid_render_is_queued_again_for_the_next_reader(
    client, minimal_plan, db_tasks, settings, fake_renderer, caplog
):
    settings.NAPWATCH_BRIEF_WAIT = 0
    assert client.get(URL).status_code == 202
    row = DBTaskResult.objects.get(task_path=RENDER)
    row.claim("a-worker-that-was-killed")  # RUNNING, and never to finish
    started = datetime.now(UTC) - timedelta(seconds=settings.NAPWATCH_BRIEF_TIMEOUT + 31)
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=started)
    with caplog.at_level(logging.WARNING, logger="briefs.tasks"):
        again = client.get(URL)
    assert again.status_code == 202  # being prepared, not a 503
    assert "never ended (its worker died?); queued again" in caplog.text
    assert len(queued(RENDER)) == 1  # a new render, for a live worker
    run_queued_tasks()
    assert client.get(URL).status_code == 200


@pytest.mark.django_db
def test_a_render_running_within_its_time_limit_is_waited_for(
    client, minimal_plan, db_tasks, settings, fake_renderer
):
    settings.NAPWATCH_BRIEF_WAIT = 0
    assert client.get(URL).status_code == 202
    DBTaskResult.objects.get(task_path=RENDER).claim("a-live-worker")
    assert client.get(URL).status_code == 202
    assert queued(RENDER) == []  # nothing queued again
