"""`cached_page`: a public page answered from the `pages` cache while what it shows is unchanged.

The key (pagecache/keys.py) is a hash of the deployed code, the revision token of the plan in the
URL (or of every plan, for the pages that list or search them all) and the absolute URL with its
query string. The
key fully determines the page, so it is also the page's ETag: a browser that sends it back gets a
304 without the page being looked up or rendered. Only complete 200 responses that set no cookie
are kept; everything else (404, 400, a redirect) is made afresh every time.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

from pagecache.keys import cache_key
from pagecache.revisions import plan_token, site_token
from plans.models import reader_language

CACHE_ALIAS = "pages"
PLAN, SITE = "plan", "site"


def page_key(request, token: str) -> str:
    # The reader's language too: a page's texts are in it where translated, whatever the URL says
    return cache_key(token, request.build_absolute_uri(), reader_language())


def is_cacheable(request, response) -> bool:
    """A whole 200 that is the same for every reader: no cookie set, no CSRF token or session
    read while it was made (either would make the middleware vary it by reader afterwards)."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Vary")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(session, "accessed", False)
    )


def cached_page(view=None, *, scope: str = PLAN):
    """Decorates a view of public pages. `scope=PLAN` for URLs with a plan's `slug`, `SITE` for
    pages that show every plan."""
    if view is None:
        return lambda view: cached_page(view, scope=scope)
    if scope not in (PLAN, SITE):
        raise ValueError(f"scope must be {PLAN!r} or {SITE!r}, not {scope!r}")

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        token = plan_token(kwargs["slug"]) if scope == PLAN else site_token()
        key = page_key(request, token) if token is not None else None
        return page_response(request, key, lambda: view(request, *args, **kwargs))

    return wrapper


def page_response(request, key: str | None, make_response: Callable[[], HttpResponse]):
    """The page kept under `key` (a `cache_key()`): from the cache, or made by `make_response()`
    and kept. With no key (no such plan, or one not yet revised) the page is made and not kept.
    """
    if key is None:
        return make_response()
    etag = f'"{key[:32]}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = from_cache(key)
    if response is None:
        response = make_response()
        if hasattr(response, "render"):
            response.render()
        if not is_cacheable(request, response):
            return response
        caches[CACHE_ALIAS].set(key, (response.content, response["Content-Type"]))
        response.headers["X-Page-Cache"] = "miss"
    response.headers["ETag"] = etag
    # Browsers may keep the page but must ask again (a 304 when nothing changed).
    patch_cache_control(response, no_cache=True)
    return response


def from_cache(key: str) -> HttpResponse | None:
    found = caches[CACHE_ALIAS].get(key)
    if not (isinstance(found, tuple) and len(found) == 2):
        return None
    content, content_type = found
    response = HttpResponse(content, content_type=content_type)
    response.headers["X-Page-Cache"] = "hit"
    return response
