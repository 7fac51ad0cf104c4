from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepliesConfig(AppConfig):
    name = "replies"
    verbose_name = _("Right of reply")
