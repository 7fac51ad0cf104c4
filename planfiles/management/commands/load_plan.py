from pathlib import Path

from django.db import transaction

from planfiles.edits import changed_files, record_loaded
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
        parser.add_argument(
            "--force",
            action="store_true",
            help="overwrite what people changed in the admin or the workbench since the last "
            "load (by default such rows are kept, and each is reported with the file's value)",
        )
        parser.add_argument(
            "--only-changed",
            action="store_true",
            help="load only the files that changed since their last load (what make run does)",
        )

    def handle(self, *args, files, check, prune, replace, force, only_changed, **options):
        with self.nothing_written_on_error():
            if check:
                checked = check_plan_files(paths=files)
                for note in checked.notes():
                    self.stdout.write(f"note: {note}")
                for parsed in checked.files:
                    self.stdout.write(f"{parsed.path}: {parsed.plan_file.plan.slug} is valid")
                return
            if only_changed:
                self.require_migrated_database()
                files, unchanged = changed_files(files)
                for path in unchanged:
                    self.stdout.write(f"{path}: unchanged since its last load, not loaded")
                if not files:
                    return
            checked = check_plan_files(paths=files)  # bad input first, whatever the database
            self.require_migrated_database()
            with transaction.atomic():
                report = load_checked_files(
                    checked=checked, prune=prune, replace=replace, force=force
                )
                record_loaded(files)
        names = ", ".join(str(path) for path in files)
        self.stdout.write(f"Loaded {names}: {report.summary()}.")
        for line in report.stale:
            self.stdout.write(f"  not in the file (kept; --prune deletes it): {line}")
        for line in report.kept:
            self.stdout.write(f"  not in the file, not deleted: {line}")
        for line in report.edits.kept:
            self.stdout.write(f"  changed by a person, kept (--force overwrites it): {line}")
        for line in report.edits.overwritten:
            self.stdout.write(f"  changed by a person, overwritten (--force): {line}")
