import time

from planfiles.services import load_plan_documents
from planfiles.synthetic import synthetic_plan_file
from toolkit.commands import ProjectCommand, UsageError


class Command(ProjectCommand):
    help = (
        "Create synthetic plans (slugs synthetic-1 … synthetic-N, marked as synthetic) for "
        "benchmarks and size tests. Loading again with the same options changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plans", type=int, default=100, help="how many plans (default 100)")
        parser.add_argument(
            "--indicators", type=int, default=100, help="indicators per plan (default 100)"
        )
        parser.add_argument(
            "--critiques-per-indicator", type=int, default=1, help="critiques per indicator"
        )

    def handle(self, *args, plans, indicators, critiques_per_indicator, **options):
        if plans < 1 or indicators < 1 or critiques_per_indicator < 0:
            raise UsageError("--plans and --indicators must be at least 1.")
        started = time.monotonic()
        for number in range(1, plans + 1):
            document = synthetic_plan_file(
                number, indicators=indicators, critiques_per_indicator=critiques_per_indicator
            )
            report = load_plan_documents(documents=[(f"synthetic-{number}", document)])
            self.stdout.write(f"synthetic-{number}: {report.summary()}")
        self.stdout.write(
            f"{plans} synthetic plans of {indicators} indicators in "
            f"{time.monotonic() - started:.1f} s."
        )
