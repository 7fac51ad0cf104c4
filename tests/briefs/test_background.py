"""Briefs rendered by the task worker: waiting or "being prepared", pre-rendering after an edit,
failures, and the limits that keep a reader from ever meeting gunicorn's bare 500."""

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from briefs import services, tasks
from briefs.content import find_plan
from briefs.limits import LimitError, Limits, read
from briefs.options import BriefOptions
from critiques import services as workflow
from critiques.models import Critique
from tests.briefs.conftest import FAKE_PDF

ROOT = Path(__file__).resolve().parents[2]
URL = "/en/plans/testland-2024/brief.pdf"
LANGUAGES = django_settings.LANGUAGES
RENDER = "briefs.tasks.render_brief"
PRERENDER = "briefs.tasks.prerender_briefs"


EMAIL = "editorial.tasks.send_workflow_email"


def queued(path: str) -> list[dict]:
    """The keyword arguments of the tasks of this path waiting in the database."""
    return [
        row.args_kwargs["kwargs"] for row in DBTaskResult.objects.ready().filter(task_path=path)
    ]


def run_queued_tasks() -> int:
    """What `manage.py db_worker` does with each task it claims (its `Worker.run_task`), here in
    the test's own transaction; returns how many ran."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    count = 0
    while (row := DBTaskResult.objects.ready().first()) is not None:
        row.claim(worker.worker_id)
        worker.run_task(row)
        count += 1
    return count


def key_of(slug: str = "testland-2024", query: str = "") -> str:
    from django.http import QueryDict

    return services.brief_key(find_plan(slug), BriefOptions.from_query(QueryDict(query)))


def edit_published_critique(reviewer, title: str = "No money at all") -> None:
    """A reviewer changes a published critique through the editorial workflow."""
    critique = Critique.objects.get(key="no-money")
    critique.title = title
    workflow.save_critique(critique=critique, user=reviewer)


# ---- The limits ---------------------------------------------------------------------------------


def test_the_default_limits_agree_and_leave_a_margin():
    limits = read({})
    assert limits == Limits(worker_timeout=30, brief_timeout=20, brief_wait=5.0)
    assert limits.problems() == []


@pytest.mark.parametrize(
    ("environ", "problem"),
    [
        ({"NAPWATCH_BRIEF_TIMEOUT": "60"}, "NAPWATCH_BRIEF_TIMEOUT (60 s) must be less than"),
        ({"NAPWATCH_BRIEF_TIMEOUT": "25"}, "so below 25 s"),
        ({"GUNICORN_TIMEOUT": "20"}, "GUNICORN_TIMEOUT (20 s) minus a margin of 5 s"),
        ({"NAPWATCH_BRIEF_WAIT": "26"}, "NAPWATCH_BRIEF_WAIT (26 s) must be less than"),
    ],
)
def test_a_limit_that_does_not_end_before_the_worker_timeout_is_a_problem(environ, problem):
    problems = read(environ).problems()
    assert len(problems) == 1 and problem in problems[0]


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"GUNICORN_TIMEOUT": "thirty"}, "GUNICORN_TIMEOUT must be a whole number of seconds"),
        ({"NAPWATCH_BRIEF_TIMEOUT": "0"}, "NAPWATCH_BRIEF_TIMEOUT must be a positive number"),
        ({"NAPWATCH_BRIEF_WAIT": "nan"}, "NAPWATCH_BRIEF_WAIT must be a number of seconds"),
        ({"NAPWATCH_BRIEF_WAIT": "-1"}, "NAPWATCH_BRIEF_WAIT must be a positive number"),
    ],
)
def test_a_limit_that_is_not_a_number_is_refused_by_name(environ, message):
    with pytest.raises(LimitError, match=message):
        read(environ)


@pytest.mark.django_db  # the model checks ask SQLite what it supports, which opens a connection
def test_the_system_check_fails_when_the_render_limit_reaches_the_worker_timeout(settings):
    call_command("check")  # the suite's own limits agree
    settings.NAPWATCH_WORKER_TIMEOUT = 30
    settings.NAPWATCH_BRIEF_TIMEOUT = 60
    with pytest.raises(SystemCheckError, match=r"napwatch\.E001.*NAPWATCH_BRIEF_TIMEOUT \(60 s\)"):
        call_command("check")
    settings.NAPWATCH_BRIEF_TIMEOUT = 20
    settings.NAPWATCH_BRIEF_WAIT = 25
    with pytest.raises(SystemCheckError, match=r"napwatch\.E001.*NAPWATCH_BRIEF_WAIT \(25 s\)"):
        call_command("check")


def gunicorn_check_config(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--config",
            "napwatch/gunicorn.conf.py",
            "--check-config",
            "napwatch.wsgi",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_gunicorn_refuses_to_start_when_the_limits_disagree_and_starts_when_they_agree():
    refused = gunicorn_check_config(GUNICORN_TIMEOUT="20")
    assert refused.returncode != 0
    assert "gunicorn will not start: NAPWATCH_BRIEF_TIMEOUT (20 s)" in refused.stderr
    assert "GUNICORN_TIMEOUT (20 s)" in refused.stderr
    agreed = gunicorn_check_config(GUNICORN_TIMEOUT="40", NAPWATCH_BRIEF_TIMEOUT="30")
    assert agreed.returncode == 0, agreed.stderr


def test_the_settings_refuse_a_limit_that_is_not_a_number():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**os.environ, "NAPWATCH_BRIEF_TIMEOUT": "soon"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "NAPWATCH_BRIEF_TIMEOUT must be a whole number of seconds (got 'soon')" in result.stderr


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


# ---- Pre-rendering after an edit ----------------------------------------------------------------


@pytest.mark.django_db
def test_an_edit_through_the_workflow_queues_a_prerender_and_the_next_reader_gets_a_hit(
    client, minimal_plan, reviewer, db_tasks, fake_renderer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edit_published_critique(reviewer)
    assert queued(PRERENDER) == [{"plan_id": minimal_plan.pk}]
    assert fake_renderer == []  # queued, not rendered by the editor's request
    # The pre-render queues one task per brief (default options, each language), so a worker
    # told to stop finishes the brief it is on and no more.
    assert run_queued_tasks() == 1 + len(LANGUAGES)
    response = client.get(URL)
    assert response.status_code == 200 and response["X-Brief-Cache"] == "hit"
    assert "No money at all" in fake_renderer[0]  # rendered after the edit, with it
    assert len(fake_renderer) == len(LANGUAGES)  # the default brief in each language


@pytest.mark.django_db
def test_draft_edits_queue_nothing(
    client, minimal_plan, editor, db_tasks, django_capture_on_commit_callbacks
):
    draft = Critique.objects.get(key="draft-note")
    draft.title = "Still an unpublished draft"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        workflow.save_critique(critique=draft, user=editor)
        workflow.submit_for_review(critique=draft, user=editor)
    # Only the reviewers' email (editorial/tasks.py) is queued: no brief is made again
    assert DBTaskResult.objects.exclude(task_path=EMAIL).count() == 0
    assert [row.task_path for row in DBTaskResult.objects.all()] == [EMAIL] * len(callbacks)


@pytest.mark.django_db
def test_repeated_edits_to_one_plan_queue_one_prerender_until_it_starts(
    client, minimal_plan, reviewer, db_tasks, fake_renderer, django_capture_on_commit_callbacks
):
    for title in ("First", "Second", "Third"):
        with django_capture_on_commit_callbacks(execute=True):
            edit_published_critique(reviewer, title)
    assert queued(PRERENDER) == [{"plan_id": minimal_plan.pk}]
    run_queued_tasks()
    assert len(fake_renderer) == len(LANGUAGES) and "Third" in fake_renderer[0]
    with django_capture_on_commit_callbacks(execute=True):
        edit_published_critique(reviewer, "Fourth")
    assert queued(PRERENDER) == [{"plan_id": minimal_plan.pk}]


@pytest.mark.django_db
def test_a_prerender_also_makes_the_options_readers_asked_for_and_skips_what_is_made(
    client,
    minimal_plan,
    reviewer,
    db_tasks,
    settings,
    fake_renderer,
    django_capture_on_commit_callbacks,
):
    settings.NAPWATCH_BRIEF_WAIT = 0
    client.get(f"{URL}?paper=letter")
    run_queued_tasks()
    with django_capture_on_commit_callbacks(execute=True):
        edit_published_critique(reviewer)
    run_queued_tasks()
    for url in (URL, f"{URL}?paper=letter"):
        assert client.get(url)["X-Brief-Cache"] == "hit"
    # letter before the edit; default and letter after it, in each language
    assert len(fake_renderer) == 1 + 2 * len(LANGUAGES)
    result = tasks.prerender_briefs.call(plan_id=minimal_plan.pk)
    assert result == {"queued": [], "skipped": ["", "paper=letter"] * len(LANGUAGES)}


@pytest.mark.django_db
def test_prerendering_can_be_switched_off(
    minimal_plan, reviewer, db_tasks, settings, django_capture_on_commit_callbacks
):
    settings.NAPWATCH_BRIEF_PRERENDER = False
    with django_capture_on_commit_callbacks(execute=True):
        edit_published_critique(reviewer)
    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db
def test_one_commit_announces_each_changed_plan_once(
    minimal_plan, mexico, django_capture_on_commit_callbacks
):
    from pagecache.revisions import plans_changed, revisions_changed

    heard = []

    def listener(sender, plan_ids, **kwargs):
        heard.append(set(plan_ids))

    revisions_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            for _ in range(3):
                plans_changed([minimal_plan.pk])
            plans_changed([minimal_plan.pk, mexico.pk])
        assert heard == [{minimal_plan.pk}, {mexico.pk}]
    finally:
        revisions_changed.disconnect(listener)


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
    assert "testland-2024-brief.pdf timed out in the background" in caplog.text
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


def run_worker() -> None:
    """The worker command itself, until the queue is empty; its signal handlers are undone."""
    handlers = {
        sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    }
    try:
        call_command(
            "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0
        )
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
