from pathlib import Path

from django.core.management.base import CommandError

from planfiles.export import plan_file_text
from plans.models import Plan
from toolkit.commands import ProjectCommand, UsageError


class Command(ProjectCommand):
    help = (
        "Write a plan as a plan file (docs/plan-format.md): its tree, provenance, agencies, "
        "critiques and recommendations, in a stable order and format, so that loading the file "
        "back (load_plan) changes nothing. Published critiques only, unless --include-drafts."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the plan's slug, e.g. mexico-2021")
        parser.add_argument(
            "-o", "--output", type=Path, help="the file to write (default: standard output)"
        )
        parser.add_argument(
            "--include-drafts",
            action="store_true",
            help="also write critiques that are not published (draft, in review, withdrawn), "
            "for editors' version control; such a file is not for publication",
        )

    def handle(self, *args, slug, output, include_drafts, **options):
        plan = Plan.objects.filter(slug=slug).first()
        if plan is None:
            known = ", ".join(
                Plan.objects.filter(is_synthetic=False).values_list("slug", flat=True)
            )
            raise UsageError(f"no plan with the slug {slug!r} (plans: {known or 'none loaded'}).")
        text = plan_file_text(plan, include_drafts=include_drafts)
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            output.write_bytes(text.encode("utf-8"))
        except OSError as exc:
            raise CommandError(
                f"{output}: cannot be written: {exc.strerror}", returncode=2
            ) from None
        self.stderr.write(f"Wrote {slug} to {output} ({len(text.encode('utf-8')):,} bytes).")
