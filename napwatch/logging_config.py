"""Logging, defined once for Django (settings.LOGGING) and gunicorn (logconfig_dict).

Logs go to stdout, where the process manager or container runtime collects them: one JSON object
a line in production, plain text when DEBUG is on; LOG_FORMAT=json|text overrides. LOG_LEVEL sets
the level (default INFO). gunicorn's loggers write through the same handler and formatter as the
app's, so the two can never log in different formats.
"""

from django.core.exceptions import ImproperlyConfigured

from napwatch.environment import env

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
FORMATTERS = {
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
    },
    "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
}


def log_level() -> str:
    """LOG_LEVEL in capitals, as logging names levels (default INFO; any case accepted)."""
    level = env.str("LOG_LEVEL", default="INFO").strip().upper()
    if level not in LEVELS:
        raise ImproperlyConfigured(f"LOG_LEVEL must be one of {', '.join(LEVELS)} (got {level!r}).")
    return level


def logging_config(*, debug: bool, loggers: dict | None = None) -> dict:
    """A dictConfig sending every record at LOG_LEVEL and above to stdout, in LOG_FORMAT.

    `loggers` adds named loggers (gunicorn's); they write through the handler "console".
    """
    log_format = env.str(
        "LOG_FORMAT", default="text" if debug else "json", choices=("json", "text")
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": FORMATTERS,
        "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": log_format,
            },
            "mail_admins": {
                "level": "ERROR",
                "filters": ["require_debug_false"],
                "class": "django.utils.log.AdminEmailHandler",
            },
        },
        "root": {"handlers": ["console"], "level": log_level()},
        "loggers": {
            # Django's own default sends "django" records to a plain console of its own under
            # DEBUG as well as up to the root: the task worker's lines ("Task id=… state=…")
            # appeared twice in `make run` (issue 23). They go to the root's console only; errors
            # still reach ADMINS by e-mail in production, as Django's default does.
            "django": {"handlers": ["mail_admins"], "level": "INFO", "propagate": True},
            # django-axes says "AXES: BEGIN version …" at INFO whenever Django starts, so on every
            # manage.py command (issue 23); its lockouts are warnings, and still shown.
            "axes.apps": {"level": "WARNING"},
            **(loggers or {}),
        },
    }
