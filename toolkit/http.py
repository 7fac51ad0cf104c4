"""HTTP helpers for function views that only read: the methods they answer, as the class-based
pages answer them (GET, HEAD and OPTIONS; anything else 405 with the same Allow header)."""

from __future__ import annotations

from functools import wraps

from django.http import HttpResponse, HttpResponseNotAllowed

READ_METHODS = ("GET", "HEAD", "OPTIONS")


def read_only(view):
    """GET and HEAD go to the view; OPTIONS answers 200 with Allow; other methods 405."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in READ_METHODS:
            return HttpResponseNotAllowed(READ_METHODS)
        if request.method == "OPTIONS":
            response = HttpResponse()
            response["Allow"] = ", ".join(READ_METHODS)
            response["Content-Length"] = "0"
            return response
        return view(request, *args, **kwargs)

    return wrapper
