from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrerenderConfig(AppConfig):
    name = "prerender"
    verbose_name = _("Pages made before readers ask")

    def ready(self):
        from pagecache.revisions import revisions_changed
        from prerender import tasks

        # An edit the public sees, once committed: render the plan's pages in the background.
        revisions_changed.connect(tasks.on_revisions_changed, dispatch_uid="pages-prerender")
