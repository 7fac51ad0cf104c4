"""What the tests of briefs rendered by the task worker share: the brief's address, the tasks
waiting in the database, and a worker that runs them in the test's own transaction."""

import signal

from django.conf import settings as django_settings
from django.core.management import call_command
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from briefs import services
from briefs.content import find_plan
from briefs.options import BriefOptions
from critiques import services as workflow
from critiques.models import Critique

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
