from pathlib import Path

from planfiles.loading import FileLoadCommand
from planfiles.rubric import load_rubric_files, parse_rubric_file


class Command(FileLoadCommand):
    help = (
        "Load one or more rubric files (docs/plan-format.md, 'Rubric files'): checked first, "
        "then written in one transaction, or nothing is. Load rubrics before the plan files whose "
        "assessments use them. Exits 2 on a bad file."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, help="rubric files (YAML)")
        parser.add_argument(
            "--check", action="store_true", help="check the files, write nothing; needs no database"
        )

    def handle(self, *args, files, check, **options):
        with self.nothing_written_on_error():
            if check:
                for path in files:
                    parsed = parse_rubric_file(path)
                    self.stdout.write(f"{path}: {parsed.rubric_file.rubric.key} is valid")
                return
            for path in files:
                parse_rubric_file(path)  # bad input first, whatever the database
            self.require_migrated_database()
            report = load_rubric_files(paths=files)
        names = ", ".join(str(path) for path in files)
        self.stdout.write(f"Loaded {names}: {report.summary()}.")
        for line in report.stale:
            self.stdout.write(f"  not in the file (kept): {line}")
