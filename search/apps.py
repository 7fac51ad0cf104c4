from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search across plans")

    def ready(self) -> None:
        from search.folding import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="napwatch_fold")
