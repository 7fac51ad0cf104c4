import tempfile
import time
import zipfile
from pathlib import Path

from django.core.management.base import CommandError

from opendata.history import previous_for
from opendata.package import write_release
from opendata.tables import Scope
from toolkit.commands import ProjectCommand


class Command(ProjectCommand):
    help = (
        "Write napwatch's public data set as a Frictionless Data Package into DIR: "
        "datapackage.json and data/<table>.csv, and the same files zipped as "
        "napwatch-wps-national-action-plans-<version>.zip (the file /data/ serves; "
        "changes.csv compares it with the newest recorded release: see publish_release). "
        "Published critiques only; synthetic plans are never included."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", type=Path, required=True, help="the folder to write")
        # For bench/dataset.py only: the benchmark's data are synthetic plans.
        parser.add_argument("--include-synthetic", action="store_true", help="(benchmarks only)")

    def handle(self, *args, output, include_synthetic, **options):
        if output.exists() and not output.is_dir():
            raise CommandError(f"{output}: exists and is not a folder.", returncode=2)
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(
                f"{output}: cannot be created: {exc.strerror}", returncode=2
            ) from None
        started = time.monotonic()
        with tempfile.NamedTemporaryFile(dir=output, suffix=".part", delete=False) as handle:
            temporary = Path(handle.name)
        try:
            facts = write_release(
                temporary,
                Scope.public(include_synthetic=include_synthetic),
                previous=previous_for,  # changes.csv: since the newest recorded release
            )
            with zipfile.ZipFile(temporary) as archive:
                archive.extractall(output)
            zip_path = output / facts.file_name
            temporary.replace(zip_path)
        finally:
            temporary.unlink(missing_ok=True)
        rows = sum(table.rows for table in facts.tables)
        self.stdout.write(
            f"Wrote version {facts.version}: {len(facts.tables)} tables, {rows:,} rows, "
            f"{zip_path} ({facts.size:,} bytes, sha256 {facts.sha256}) in "
            f"{time.monotonic() - started:.1f} s."
        )
        self.stdout.write(f"Cite as: {facts.citation}")
