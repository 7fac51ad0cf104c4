"""Briefs pre-rendered by the task worker after an edit, so that the next reader gets a hit."""

import pytest
from django_tasks_db.models import DBTaskResult

from briefs import tasks
from critiques import services as workflow
from critiques.models import Critique
from tests.briefs.worker import (
    EMAIL,
    LANGUAGES,
    PRERENDER,
    URL,
    edit_published_critique,
    queued,
    run_queued_tasks,
)


@pytest.mark.django_db
def test_an_edit_through_the_workflow_queues_a_prerender_and_the_next_reader_gets_a_hit(
    client, minimal_plan, reviewer, db_tasks, fake_renderer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edit_published_critique(reviewer)
    assert queued(PRERENDER) == [{"plan_id": minimal_plan.pk}]
    assert fake_renderer == []  # queued, not rendered by the editor's request
    # The pre-render queues one task per brief (default options, each language), so a worker
    # told to stop finishes the brief it is on and no more; and one more task renders the
    # plan's pages (prerender/tasks.py)
    assert run_queued_tasks() == 1 + len(LANGUAGES) + 1
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
    # (the plan's pages are still pre-rendered: NAPWATCH_PAGE_PRERENDER, prerender/tasks.py)
    assert DBTaskResult.objects.filter(task_path__startswith="briefs.").count() == 0


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
