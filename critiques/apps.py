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
        post_migrate.connect(_restore_missing_groups, sender=self)
