"""System checks of the briefs app: its time limits (always) and its links (`check --deploy`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from briefs.limits import Limits

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


@register()
def limits_end_before_the_worker_timeout(app_configs, **kwargs):
    """A brief's render limit and a request's wait must end well before gunicorn's worker timeout
    (briefs/limits.py), or a reader gets gunicorn's bare 500 instead of napwatch's own page."""
    limits = Limits(
        worker_timeout=settings.NAPWATCH_WORKER_TIMEOUT,
        brief_timeout=settings.NAPWATCH_BRIEF_TIMEOUT,
        brief_wait=settings.NAPWATCH_BRIEF_WAIT,
    )
    return [
        Error(
            problem,
            hint="Lower NAPWATCH_BRIEF_TIMEOUT or NAPWATCH_BRIEF_WAIT, or raise GUNICORN_TIMEOUT.",
            id="napwatch.E001",
        )
        for problem in limits.problems()
    ]


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
