"""Deployment checks of the briefs app (run by `manage.py check --deploy`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


@register(Tags.urls, deploy=True)
def site_url_is_public(app_configs, **kwargs):
    """Links printed in a PDF brief lead readers to the site: they must not point at localhost."""
    host = urlsplit(settings.NAPWATCH_SITE_URL).hostname or ""
    if host in LOCAL_HOSTS:
        return [
            Warning(
                f"NAPWATCH_SITE_URL is {settings.NAPWATCH_SITE_URL!r}: the links in every PDF "
                "brief will point at this machine, not the public site.",
                hint="Set NAPWATCH_SITE_URL to the site's public address, "
                "for example https://napwatch.example.org.",
                id="napwatch.W001",
            )
        ]
    return []
