from django.core.management.base import CommandError

from opendata.history import record_release
from toolkit.commands import ProjectCommand


class Command(ProjectCommand):
    help = (
        "Record a data release: build the public data set as it is now (published critiques "
        "only, never synthetic plans), keep its zip through the site's file storage and list it "
        "on /data/ with the rows added, changed and removed in each table since the previous "
        "recorded release. Nothing is recorded if the data are those of a recorded release."
    )

    def handle(self, *args, **options):
        try:
            release, new = record_release()
        except OSError as exc:
            raise CommandError(f"The release could not be stored: {exc}", returncode=1) from None
        if not new:
            self.stdout.write(
                f"Version {release.version} is already recorded ({release.file_name}); "
                "nothing to do."
            )
            return
        changed = ", ".join(
            f"{row['table']} +{row['added']} ~{row['changed']} -{row['removed']}"
            for row in release.changed_tables
        )
        since = release.previous_version or "nothing (the first release)"
        self.stdout.write(
            f"Recorded version {release.version}: {release.file_name} ({release.size:,} bytes, "
            f"sha256 {release.sha256}). Changed since {since}: {changed or 'no rows'}."
        )
