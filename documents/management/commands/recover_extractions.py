"""python manage.py recover_extractions: marks failed the extractions whose worker died."""

from __future__ import annotations

from documents.recovery import recover_stalled_extractions
from toolkit.commands import ProjectCommand


class Command(ProjectCommand):
    help = (
        "Marks failed, with the reason, each running extraction silent for longer than "
        "NAPWATCH_EXTRACTION_LEASE seconds (its task worker died); run it from a timer. The "
        "admin's 'Extract again' retries them."
    )

    def handle(self, *args, **options):
        ids = recover_stalled_extractions()
        self.stdout.write(
            f"{len(ids)} stalled extraction(s) marked failed"
            + (f": documents {', '.join(map(str, ids))}." if ids else ".")
        )
