from pathlib import Path

from planfiles.loading import FileLoadCommand
from planfiles.services import check_plan_files, load_checked_files


class Command(FileLoadCommand):
    help = (
        "Load one or more plan files (docs/plan-format.md). Every file is checked first; "
        "then all are written in one transaction, or nothing is. Exits 2 on a bad file."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, help="plan files (YAML)")
        parser.add_argument(
            "--check",
            action="store_true",
            help="check the files, write nothing; needs no database",
        )
        parser.add_argument(
            "--prune",
            action="store_true",
            help="delete what the database holds for these plans and the files no longer list "
            "(published critiques, and the elements they are about, are kept)",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="let a file change a plan's country or leave out most of its elements "
            "(a file written for another plan under a slug already taken)",
        )

    def handle(self, *args, files, check, prune, replace, **options):
        with self.nothing_written_on_error():
            if check:
                checked = check_plan_files(paths=files)
                for note in checked.notes():
                    self.stdout.write(f"note: {note}")
                for parsed in checked.files:
                    self.stdout.write(f"{parsed.path}: {parsed.plan_file.plan.slug} is valid")
                return
            checked = check_plan_files(paths=files)  # bad input first, whatever the database
            self.require_migrated_database()
            report = load_checked_files(checked=checked, prune=prune, replace=replace)
        names = ", ".join(str(path) for path in files)
        self.stdout.write(f"Loaded {names}: {report.summary()}.")
        for line in report.stale:
            self.stdout.write(f"  not in the file (kept; --prune deletes it): {line}")
        for line in report.kept:
            self.stdout.write(f"  not in the file, not deleted: {line}")
