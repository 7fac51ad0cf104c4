"""The review workflow's emails, sent by the task worker (Django's Tasks framework, as
briefs/tasks.py): the request that took the step only queues this task, after its commit."""

from __future__ import annotations

from django.tasks import task

from editorial import notifications


@task()
def send_workflow_email(
    critique_id: int, step: str, actor_id: int | None = None, comment: str = ""
) -> int:
    """Emails the people a workflow step concerns (editorial/notifications.py); returns how many."""
    return notifications.send(critique_id, step, actor_id, comment)


@task()
def send_reply_email(reply_id: int) -> int:
    """Tells a critique's author that a reply to it is published (issue 28)."""
    return notifications.send_reply_published(reply_id)
