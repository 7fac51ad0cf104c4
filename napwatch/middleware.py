"""Middleware for running in production: health checks, proxy headers, malformed requests,
database outages."""

import ipaddress
import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.utils import translation

from napwatch.errors import API_PREFIX, api_error, service_unavailable
from napwatch.health import healthz_response

logger = logging.getLogger(__name__)

HEALTHZ_PATHS = frozenset({"/healthz", "/healthz/"})


class HealthCheckMiddleware:
    """Answers /healthz before anything else.

    Placed first, so a load balancer polling by IP address (a Host header that is not in
    ALLOWED_HOSTS) over plain HTTP gets the state rather than a 400 or a redirect to HTTPS, and
    so the check costs one trivial query and nothing more. It only reads: OPTIONS says so, any
    other method gets a 405, as the public pages answer.
    """

    ALLOWED = ("GET", "HEAD", "OPTIONS")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info not in HEALTHZ_PATHS:
            return self.get_response(request)
        if request.method in {"GET", "HEAD"}:
            return healthz_response()
        if request.method == "OPTIONS":
            response = HttpResponse(status=200)
            response.headers["Allow"] = ", ".join(self.ALLOWED)
            return response
        return HttpResponseNotAllowed(self.ALLOWED)


class TrustedProxyMiddleware:
    """X-Forwarded-* headers count only on connections from a trusted proxy.

    The reverse proxy sets X-Forwarded-Proto and appends to X-Forwarded-For
    (docs/deploying.md); anyone else who reaches the app server could send them too, and would be taken
    for an HTTPS request (no redirect, HSTS) or choose the address login throttling counts
    (napwatch/client_ip.py). NAPWATCH_TRUSTED_PROXIES is the list gunicorn's forwarded_allow_ips
    reads, from FORWARDED_ALLOW_IPS: addresses or networks, "*" for any. From any other
    REMOTE_ADDR (or none: gunicorn trusts a UNIX socket, but its own scheme stands then) these
    headers are removed, before SecurityMiddleware reads them.
    """

    FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PORT")

    def __init__(self, get_response):
        self.get_response = get_response
        proxies = settings.NAPWATCH_TRUSTED_PROXIES
        self.trust_any = "*" in proxies
        try:
            self.networks = [ipaddress.ip_network(proxy) for proxy in proxies if proxy != "*"]
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"FORWARDED_ALLOW_IPS must list IP addresses or networks, or *: {exc}"
            ) from None
        scheme_header = (settings.SECURE_PROXY_SSL_HEADER or (None,))[0]
        self.headers = [name for name in (scheme_header, *self.FORWARDED_HEADERS) if name]

    def is_trusted(self, address: str) -> bool:
        if self.trust_any:
            return True
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def __call__(self, request):
        if not self.is_trusted(request.META.get("REMOTE_ADDR", "")):
            for name in self.headers:
                request.META.pop(name, None)
            request.__dict__.pop("headers", None)  # in case something read them already
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
            if request.path_info.startswith(API_PREFIX):
                # The JSON API's one error shape (api/errors.py), which its clients expect.
                return api_error(
                    400, "malformed_request", "Bad request: the address contains a NUL character."
                )
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
