from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The read-only JSON API at /api/v1/ (docs/api.md). It has no models."""

    name = "api"
    verbose_name = "JSON API"
