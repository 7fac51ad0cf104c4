from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefsConfig(AppConfig):
    name = "briefs"
    verbose_name = _("PDF briefs")

    def ready(self):
        from briefs import checks  # noqa: F401 - registers the deployment checks
