from django.apps import AppConfig


class BriefsConfig(AppConfig):
    name = "briefs"
    verbose_name = "PDF briefs"

    def ready(self):
        from briefs import checks  # noqa: F401 - registers the deployment checks
