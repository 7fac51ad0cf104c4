from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefsConfig(AppConfig):
    name = "briefs"
    verbose_name = _("PDF briefs")

    def ready(self):
        from briefs import (
            checks,  # noqa: F401 - registers the system checks
            tasks,
        )
        from pagecache.revisions import revisions_changed

        # An edit the public sees, once committed: render the plan's briefs in the background.
        revisions_changed.connect(tasks.on_revisions_changed, dispatch_uid="briefs-prerender")
