from django.apps import AppConfig


class CritiquesConfig(AppConfig):
    name = "critiques"
