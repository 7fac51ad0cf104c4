from pathlib import Path

from django.core.management.base import CommandError

from napwatch.commands import ProjectCommand
from planfiles.services import check_plan_files, load_plan_files
from planfiles.validate import PlanFileError


class Command(ProjectCommand):
    help = (
        "Load one or more plan files (docs/plan-format.md). Every file is checked first; "
        "then all are written in one transaction, or nothing is."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, help="plan files (YAML)")
        parser.add_argument("--check", action="store_true", help="check the files, write nothing")
        parser.add_argument(
            "--prune",
            action="store_true",
            help="delete elements of these plans that the files no longer list "
            "(published critiques are kept)",
        )

    def handle(self, *args, files, check, prune, **options):
        try:
            if check:
                parsed = check_plan_files(paths=files)
                for path, plan_file in parsed:
                    self.stdout.write(f"{path}: {plan_file.plan.slug} is valid")
                return
            report = load_plan_files(paths=files, prune=prune)
        except PlanFileError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            count = len(exc.problems)
            raise CommandError(
                f"{count} problem{'s' if count != 1 else ''} found; nothing was written."
            ) from None
        names = ", ".join(str(path) for path in files)
        self.stdout.write(f"Loaded {names}: {report.summary()}.")
        for line in report.stale:
            self.stdout.write(f"  not in the file (kept; --prune deletes it): {line}")
