"""The API's responses go through the page cache (pagecache/), in English.

`api_page(view, scope=PLAN)` is `cached_page` with the language fixed: the API's texts come in
every language in each object, and its `html_url`s are the English pages, so the request's
Accept-Language must change neither the response nor its key. A response of a plan's resources is
kept under that plan's revision token (every plan's for the lists and search that span them) and
the absolute URL with its query string; the key is also its ETag, so `If-None-Match` with it gets
a 304 without the view running. Errors (400, 404) are never kept.
"""

from __future__ import annotations

from functools import wraps

from django.utils import translation

from api.links import LANGUAGE
from pagecache.keys import cache_key
from pagecache.pages import PLAN, SITE, cached_page, page_response

__all__ = ["PLAN", "SITE", "api_page", "code_page"]


def in_english(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override(LANGUAGE):
            return view(request, *args, **kwargs)

    return wrapper


def api_page(view, *, scope: str = PLAN):
    return in_english(cached_page(view, scope=scope))


def code_page(view):
    """A response that depends on the deployed code only (the OpenAPI document): kept under the
    code's fingerprint and the URL, with the same ETag and 304s."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = cache_key("api-code", request.build_absolute_uri(), LANGUAGE)
        return page_response(request, key, lambda: view(request, *args, **kwargs))

    return in_english(wrapper)
