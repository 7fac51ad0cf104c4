"""Absolute addresses of the HTML page that shows each object, on the site's public address.

Built on NAPWATCH_SITE_URL (as the PDF brief's links are), in English (`/en/…`), from codes and
slugs the rows already carry, so no link costs a query. The API's own `next`/`previous` links are
built from the request instead (DRF's pagination), so they work wherever the API is reached.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

LANGUAGE = "en"


def absolute(path: str) -> str:
    return settings.NAPWATCH_SITE_URL.rstrip("/") + path


def page(name: str, *args, anchor: str = "") -> str:
    with translation.override(LANGUAGE):
        path = reverse(name, args=args)
    return absolute(path + (f"#{anchor}" if anchor else ""))


def plan_url(slug: str, anchor: str = "") -> str:
    return page("plans:detail", slug, anchor=anchor)


def pillar_url(slug: str, pillar: str, anchor: str = "") -> str:
    return page("plans:pillar", slug, pillar, anchor=anchor)


def agency_url(slug: str, acronym: str) -> str:
    return page("plans:agency", slug, acronym)


def element_url(slug: str, pillar: str, code: str) -> str:
    """An objective, line of action or indicator: its anchor on its pillar's page."""
    return pillar_url(slug, pillar, code)


def site_path_url(path: str) -> str:
    """A path the models give (`get_absolute_url`, `target_url`), made absolute."""
    return absolute(path)
