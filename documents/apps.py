from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Plan documents")

    def ready(self):
        from documents import signals  # noqa: F401 - a public document's changes reach its plan's pages
