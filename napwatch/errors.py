"""Error pages: rendered without a request context, so they work when the database does not."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseServerError,
    JsonResponse,
)
from django.template.loader import render_to_string
from django.views.defaults import page_not_found

API_PREFIX = "/api/"

RETRY_AFTER_SECONDS = 5


def service_unavailable(request=None) -> HttpResponse:
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception=None) -> HttpResponse:
    """handler400, without the request: the request may be the bad part.

    A query string with too many fields raises again wherever request.GET is read, and the site
    header's search box reads it; rendering without the request keeps the 400 a 400.
    """
    return HttpResponseBadRequest(render_to_string("400.html"))


def server_error(request) -> HttpResponse:
    """handler500: a 503 when the uncaught exception is the database being unreachable.

    Django calls this inside its `except` block, so the exception is still current. This covers
    database errors raised outside a view (in middleware), which process_exception cannot see.
    """
    exception = sys.exc_info()[1]
    if isinstance(exception, OperationalError | InterfaceError):
        return service_unavailable(request)
    return HttpResponseServerError(render_to_string("500.html"))


def api_error(status: int, code: str, message: str) -> JsonResponse:
    """An error in the JSON API's one shape (api/errors.py documents it), for answers given
    before any API view runs: a malformed address (middleware), an address that names nothing."""
    return JsonResponse(
        {"error": {"status": status, "code": code, "message": message, "fields": {}}},
        status=status,
    )


def not_found(request, exception=None) -> HttpResponse:
    """handler404: the site's 404 page, or under /api/ the API's JSON error."""
    if request.path_info.startswith(API_PREFIX):
        return api_error(404, "not_found", "No such address in the API: see /api/v1/openapi.json.")
    return page_not_found(request, exception)
