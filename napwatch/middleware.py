"""Middleware for running in production: health checks, malformed requests, database outages."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import translation

from napwatch.errors import service_unavailable
from napwatch.health import healthz_response

logger = logging.getLogger(__name__)

HEALTHZ_PATHS = frozenset({"/healthz", "/healthz/"})


class HealthCheckMiddleware:
    """Answers /healthz before anything else.

    Placed first, so a load balancer polling by IP address (a Host header that is not in
    ALLOWED_HOSTS) over plain HTTP gets the state rather than a 400 or a redirect to HTTPS, and
    so the check costs one trivial query and nothing more.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in HEALTHZ_PATHS and request.method in {"GET", "HEAD"}:
            return healthz_response()
        return self.get_response(request)


class RejectMalformedRequestMiddleware:
    """400 for a NUL character in the path or the query string.

    No URL or filter of napwatch has a use for one, and PostgreSQL refuses NUL in text, which
    would otherwise surface as a 500 wherever such a value reaches a query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            # Answered before LocaleMiddleware: in the language of the address's prefix.
            language = translation.get_language_from_path(request.path_info)
            with translation.override(language or settings.LANGUAGE_CODE):
                message = translation.gettext("Bad request: the address contains a NUL character.")
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A database that cannot be reached answers 503 "temporarily unavailable", not 500.

    process_exception sees exceptions from views and from rendering their templates. Errors that
    are bugs (IntegrityError, ProgrammingError, ...) still give a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception) -> HttpResponse | None:
        if isinstance(exception, OperationalError | InterfaceError):
            logger.warning(
                "database unavailable on %s %s: %s", request.method, request.path, exception
            )
            return service_unavailable(request)
        return None
