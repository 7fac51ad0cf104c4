"""Queue the reminder of every invitation whose deadline is a week away (or less) and that has no
reply yet: run once a day (cron or a systemd timer: docs/right-of-reply.md). Each invitation is
reminded once."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from replies.models import Invitation
from replies.tasks import send_reminder


class Command(BaseCommand):
    help = "Queue reminders for invitations to reply whose deadline is a week away."

    def handle(self, *args, **options):
        with transaction.atomic():
            due = list(
                Invitation.objects.due_for_reminder()
                .select_for_update(of=("self",))
                .values_list("pk", flat=True)
            )
            # Marked now, so that a second run before the worker sends them queues none again.
            Invitation.objects.filter(pk__in=due).update(reminded_at=timezone.now())
        for pk in due:
            transaction.on_commit(lambda pk=pk: send_reminder.enqueue(invitation_id=pk))
        self.stdout.write(f"{len(due)} reminder(s) queued.")
