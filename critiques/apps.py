from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _restore_missing_groups(sender, using="default", **kwargs):
    from critiques.roles import create_missing_groups

    create_missing_groups(using=using)


class CritiquesConfig(AppConfig):
    name = "critiques"
    verbose_name = _("Critiques")

    def ready(self) -> None:
        # Migration 0004 creates the editorial groups; a database flush (as in transactional
        # tests) empties them, so put back any that are missing. Existing groups are left as
        # they are, so permissions an administrator changed are kept.
        # After every app's post_migrate (not only this one's), so that the permissions of apps
        # listed after this one exist by the last call.
        post_migrate.connect(_restore_missing_groups, dispatch_uid="critiques-restore-groups")
