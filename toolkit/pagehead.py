"""What a page's head says about itself: its canonical address, its Open Graph locale and the
Atom feeds that follow it. The context processor `discovery.head.page_head` gives it to every
page made in a request; the brief's preview, made outside the request, calls `page_head_of`.

The canonical address is the page's own, in its own language, absolute, with only the query
parameters that make it another page (`defining`: a search's `q`, the plans of a comparison) and
the page of an unfiltered list. Everything else (filters and sorting of a list, a brief's paper
options, tracking parameters such as utm_source) is the same page seen another way: left out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import get_language, gettext

# The query parameters that make each page another page (by URL name), in the order the
# canonical address gives them.
DEFINING = {"search:results": ("q",), "comparison:compare": ("plans",)}
# Open Graph wants a locale (language_TERRITORY); napwatch's Spanish is not one country's.
OG_LOCALES = {"en": "en_US", "es": "es_LA"}


def canonical_query(query: Mapping[str, str], defining: tuple[str, ...] = ()) -> str:
    kept = [(name, query.get(name)) for name in defining if query.get(name)]
    others = set(query) - set(defining) - {"page"}
    page = query.get("page", "")
    if page and page != "1" and not others:
        kept.append(("page", page))
    return urlencode(kept, safe=",")


def feeds(slug: str | None) -> list[dict]:
    """The plan's feed (on a plan's pages) and the site's, each with a title that says which."""
    found = []
    if slug:
        found.append(
            {
                "title": gettext("New critiques and assessments of this plan (Atom)"),
                "url": reverse("discovery:plan-feed", kwargs={"slug": slug}),
            }
        )
    found.append(
        {
            "title": gettext("New critiques, assessments and plans on napwatch (Atom)"),
            "url": reverse("discovery:feed"),
        }
    )
    return found


def page_head_of(
    path: str,
    query: Mapping[str, str],
    *,
    absolute: Callable[[str], str],
    slug: str | None,
    view_name: str = "",
) -> dict:
    language = get_language() or "en"
    kept = canonical_query(query, DEFINING.get(view_name, ()))
    return {
        "canonical_url": absolute(path + (f"?{kept}" if kept else "")),
        "og_locale": OG_LOCALES.get(language, language),
        "og_locale_alternates": [locale for code, locale in OG_LOCALES.items() if code != language],
        "page_feeds": feeds(slug),
    }
