from django.apps import AppConfig


class PlanFilesConfig(AppConfig):
    name = "planfiles"
    verbose_name = "Plan files"
