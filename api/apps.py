from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The read-only JSON API at /api/v1/ (README "The JSON API"). It has no models."""

    name = "api"
    verbose_name = "JSON API"
