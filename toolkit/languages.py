"""The same page in every language of the site, for the header's language switch and the
`<link rel="alternate" hreflang>` links in every page's head (a context processor).

Public pages live under a language prefix (/en/…, /es/…: `i18n_patterns` in napwatch/urls.py),
so a page's other-language versions are its path and query string with the other prefix. The
unprefixed address is the x-default: LocaleMiddleware redirects it by the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str  # the language's name in itself ("Español"), as settings.LANGUAGES gives it
    url: str  # path and query string
    absolute_url: str
    current: bool


def split_prefix(path: str) -> tuple[str | None, str]:
    """("es", "/plans/x/") for "/es/plans/x/"; (None, path) when no language prefix starts it."""
    codes = dict(settings.LANGUAGES)
    first, _slash, rest = path.lstrip("/").partition("/")
    if first in codes and path.startswith(f"/{first}/"):
        return first, "/" + rest
    return None, path


def alternates(request) -> dict:
    """The context processor: the request's page in every language."""
    return alternates_of(
        request.path_info,
        request.META.get("QUERY_STRING", ""),
        absolute=request.build_absolute_uri,
    )


def alternates_of(path: str, query: str = "", *, absolute: Callable[[str], str]) -> dict:
    """`language_alternates` (one `Alternate` per language) and `language_default_url` (the
    unprefixed address, which redirects by the reader's language) of the page at `path`.
    `absolute` makes a path absolute: the request's, or the site's address outside a request."""
    current = translation.get_language()
    code, rest = split_prefix(path)
    suffix = f"?{query}" if query else ""
    found = []
    for language, name in settings.LANGUAGES:
        if code is not None:
            url = f"/{language}{rest}{suffix}"
        else:  # a page outside the prefixed ones (an unknown address): the language's home
            with translation.override(language):
                url = reverse("plans:list")
        found.append(
            Alternate(
                code=language,
                name=name,
                url=url,
                absolute_url=absolute(url),
                current=language == current,
            )
        )
    return {
        "language_alternates": found,
        "language_default_url": absolute(f"{rest}{suffix}") if code else "",
    }
