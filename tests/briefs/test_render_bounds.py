"""The render queue cannot be filled by one client (issue 24): options are normalised before the
cache key, one client may queue a bounded number of renders, and a pre-render is one task per
brief so that a worker told to stop stops after the brief it is on."""

import pytest

from briefs import tasks
from tests.briefs.worker import LANGUAGES, URL, edit_published_critique, queued

RENDER = "briefs.tasks.render_brief"
PRERENDER_ONE = "briefs.tasks.prerender_brief"

pytestmark = pytest.mark.django_db


def test_pillars_in_any_order_queue_one_render(client, minimal_plan, db_tasks, settings):
    settings.NAPWATCH_BRIEF_WAIT = 0
    orders = [
        "pillar=prevention&pillar=participation",
        "pillar=participation&pillar=prevention",
        "pillar=participation,prevention",
        "pillar=prevention&pillar=participation&pillar=prevention",
    ]
    for _round in range(13):  # 52 requests, as the attack sent
        for query in orders:
            assert client.get(f"{URL}?{query}").status_code == 202
    assert [task["query"] for task in queued(RENDER)] == ["pillar=participation&pillar=prevention"]


def test_one_client_may_queue_a_bounded_number_of_renders(client, minimal_plan, db_tasks, settings):
    settings.NAPWATCH_BRIEF_WAIT = 0
    settings.NAPWATCH_BRIEF_RENDERS_PER_CLIENT = 3
    queries = ["paper=letter", "provenance=no", "pillar=prevention", "pillar=participation"]
    answers = [client.get(f"{URL}?{query}") for query in queries]
    assert [a.status_code for a in answers] == [202, 202, 202, 429]
    refused = answers[-1]
    assert 0 < int(refused["Retry-After"]) <= tasks.CLIENT_WINDOW
    assert refused["Cache-Control"] == "no-store"
    assert "ask again in" in refused.content.decode()
    assert len(queued(RENDER)) == 3  # the refused one queued nothing
    # What it queued already is still answered ("being prepared"), and other clients are not
    # bound by this one.
    assert client.get(f"{URL}?paper=letter").status_code == 202
    other = client.get(f"{URL}?pillar=participation", REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 202 and len(queued(RENDER)) == 4


def test_a_prerender_is_one_task_per_brief(
    client, minimal_plan, reviewer, db_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edit_published_critique(reviewer)
    result = tasks.prerender_briefs.call(plan_id=minimal_plan.pk)
    assert len(result["queued"]) == len(LANGUAGES)
    assert sorted(t["language"] for t in queued(PRERENDER_ONE)) == sorted(
        code for code, _name in LANGUAGES
    )
