"""The right of reply's e-mails, sent by the task worker (Django's Tasks framework, as
editorial/tasks.py): the request that records an invitation only queues this, after its commit."""

from __future__ import annotations

from django.tasks import task

from replies import mail


@task()
def send_invitation(invitation_id: int) -> int:
    """E-mails the invitation with a fresh single-use link; returns how many were sent."""
    return mail.send_invitation(invitation_id)


@task()
def send_reminder(invitation_id: int) -> int:
    """E-mails the reminder a week before the deadline; returns how many were sent."""
    return mail.send_invitation(invitation_id, reminder=True)
