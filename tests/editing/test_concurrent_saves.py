"""Two editors save the same critique at the same instant, in two threads, each with its own
database connection, on whichever database the suite runs (SQLite file or PostgreSQL).

One save goes through; the other gets the form back with "changed by someone else" and its own
text, never a 5xx ("database is locked") that loses it.
"""

import contextlib
import html
import re
import threading
import time

import pytest
from django.db import connections
from django.test import Client

from critiques import services
from critiques.models import Critique
from tests.editing.conftest import change_url, form_data

# Each thread opens its own connection, which must see the critique: data is committed, not
# wrapped in the test's transaction.
pytestmark = pytest.mark.django_db(transaction=True)

# How long the first save waits at the moment of writing for the other to get there too.
RENDEZVOUS_SECONDS = 1.0


@pytest.fixture
def rendezvous_before_writing(monkeypatch):
    """Hold each save just before it writes until the other save reaches that point too.

    If the database lets both requests past the form's version check (both read version 1), they
    then write at the same instant: the race the issue describes, every time. If it makes the
    second request wait for the first (a row lock on PostgreSQL, an immediate transaction on
    SQLite), the first stops waiting after RENDEZVOUS_SECONDS and saves alone."""
    barrier = threading.Barrier(2, timeout=RENDEZVOUS_SECONDS)
    save_critique = services.save_critique

    def save_when_both_are_here(**kwargs):
        # A broken barrier means the other save never came (SQLite's lock): save alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return save_critique(**kwargs)

    monkeypatch.setattr(services, "save_critique", save_when_both_are_here)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def textarea(page: str, name: str) -> str:
    match = re.search(rf'<textarea name="{name}"[^>]*>\n?(.*?)</textarea>', page, re.DOTALL)
    assert match, f"no {name} textarea in the page"
    return html.unescape(match.group(1))


def test_two_editors_saving_the_same_critique_at_once_lose_nothing(
    editor, second_editor, write_critique, rendezvous_before_writing
):
    critique = write_critique(editor, title="Original title")
    url = change_url(critique)
    texts = {
        editor.username: "Erin rewrote the body at the same instant.",
        second_editor.username: "Ed rewrote the body at the same instant.",
    }
    # Both loaded the form at version 1.
    posts = {name: form_data(critique, body=text) for name, text in texts.items()}
    clients = {editor.username: logged_in(editor), second_editor.username: logged_in(second_editor)}

    start = threading.Barrier(2, timeout=10)
    responses, began, ended, errors = {}, {}, {}, []

    def save(name: str) -> None:
        try:
            start.wait()
            began[name] = time.monotonic()
            responses[name] = clients[name].post(url, posts[name])
            ended[name] = time.monotonic()
        except BaseException as exc:  # noqa: B036 - reported below, in the test's own thread
            errors.append(exc)
        finally:
            connections.close_all()  # this thread's connections, so the database can be reset

    threads = [threading.Thread(target=save, args=(name,)) for name in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert max(began.values()) < min(ended.values()), "the two saves did not overlap"

    statuses = {name: response.status_code for name, response in responses.items()}
    assert sorted(statuses.values()) == [200, 302], statuses  # no 5xx
    winner = next(name for name, status in statuses.items() if status == 302)
    loser = next(name for name, status in statuses.items() if status == 200)

    page = responses[loser].content.decode()
    assert "Someone else saved this critique while you were editing it" in page
    assert winner in page  # who changed it
    assert "Your edits were NOT saved; they are still in the form below." in page
    assert textarea(page, "body_en") == texts[loser]

    saved = Critique.objects.get(pk=critique.pk)
    assert (saved.body, saved.version) == (texts[winner], 2)
    assert saved.history.count() == 2  # created, then the one save
