"""Queue the reminder of every invitation whose deadline is a week away (or less) and that has no
reply yet: run once a day (cron or a systemd timer: docs/right-of-reply.md). Each invitation is
reminded once.

It also announces (plan_data_changed, as other writes without a model signal do) each plan with
an unanswered invitation whose deadline passed in the last week, so that the page cache renews
its pages, which then say "no response as of <deadline>" (a passing deadline
changes nothing else, so cached pages would not). A week, so that a day the timer missed is
caught up; a plan so announced more than once is only pre-rendered again."""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from plans.signals import plan_data_changed
from replies.models import Invitation
from replies.tasks import send_reminder

CATCH_UP = datetime.timedelta(days=7)


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
            today = timezone.localdate()
            lapsed_plans = set(
                Invitation.objects.past_deadline(today)
                .filter(deadline__gte=today - CATCH_UP)
                .unanswered()
                .values_list("plan_id", flat=True)
            )
            if lapsed_plans:
                plan_data_changed.send(sender=Invitation, plan_ids=lapsed_plans)
        for pk in due:
            transaction.on_commit(lambda pk=pk: send_reminder.enqueue(invitation_id=pk))
        self.stdout.write(f"{len(due)} reminder(s) queued.")
        self.stdout.write(
            f"{len(lapsed_plans)} plan(s) whose invitations lapsed this week: pages renewed."
        )
