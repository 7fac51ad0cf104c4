from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial")

    def ready(self) -> None:
        # Workflow emails: the critiques app announces each step; this app tells the people.
        from critiques.signals import critique_moved
        from editorial.notifications import on_critique_moved

        critique_moved.connect(on_critique_moved, dispatch_uid="editorial-workflow-email")
