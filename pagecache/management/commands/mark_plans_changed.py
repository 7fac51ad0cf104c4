"""manage.py mark_plans_changed [SLUG ...]: make plans' cached pages and brief stale.

Edits through the admin, the workflow and load_plan do this by themselves. This is for changes
made around them: SQL typed into psql, a restored backup, a bulk QuerySet.update() in a shell.
"""

from django.db import transaction

from pagecache.revisions import plans_changed
from plans.models import Plan
from toolkit.commands import ProjectCommand, UsageError


class Command(ProjectCommand):
    help = "Give plans new revision tokens, so their pages and briefs are made afresh."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="SLUG", help="plans (default: all)")

    @transaction.atomic
    def handle(self, *args, slugs, **options):
        plans = Plan.objects.all()
        if slugs:
            found = set(plans.filter(slug__in=slugs).values_list("slug", flat=True))
            unknown = [slug for slug in slugs if slug not in found]
            if unknown:
                raise UsageError(f"No plan {', '.join(map(repr, unknown))}. Nothing was changed.")
            plans = plans.filter(slug__in=slugs)
        ids = list(plans.values_list("pk", flat=True))
        plans_changed(ids)
        self.stdout.write(f"Marked {len(ids)} plan(s) changed: their pages will be made afresh.")
