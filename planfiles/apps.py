from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanFilesConfig(AppConfig):
    name = "planfiles"
    verbose_name = _("Plan files")
