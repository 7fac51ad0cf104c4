from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial")

    def ready(self) -> None:
        # Workflow emails: the workflow announces each step of a critique; this app tells the
        # people. (Assessments' steps are not mailed, as before.)
        from critiques.models import Critique
        from editorial.notifications import on_critique_moved
        from reviewing.signals import moved

        moved.connect(on_critique_moved, sender=Critique, dispatch_uid="editorial-workflow-email")
        # The right of reply: a critique's author hears when a reply to it is published.
        from editorial.notifications import on_reply_moved
        from replies.models import Reply

        moved.connect(on_reply_moved, sender=Reply, dispatch_uid="editorial-reply-email")
