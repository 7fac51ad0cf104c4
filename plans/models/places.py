"""Where a plan is from, in the reader's language: its country and its world region.

A plan stores its country's English name and ISO 3166-1 alpha-3 code, and the English name of
its region. Readers of another language see the country's name from ISO 3166 and its
translations (pycountry: "México", "Canadá") and the region's name from the interface's
catalogue (`Region`, gettext). A country or region outside these vocabularies (a synthetic test
plan's) shows as stored.
"""

from __future__ import annotations

import gettext as gettext_module
from functools import cache

import pycountry
from django.db import models
from django.utils.translation import gettext_lazy as _

from plans.models.language import reader_language


class Region(models.TextChoices):
    """The world regions plans are filed under (the UN's regional groupings, as plans use them).

    Only the labels are used: the stored value stays the English name, which the home page's
    filter and the API take as it is."""

    AFRICA = "Africa", _("Africa")
    ASIA_PACIFIC = "Asia and the Pacific", _("Asia and the Pacific")
    EUROPE = "Europe", _("Europe")
    LATIN_AMERICA = "Latin America and the Caribbean", _("Latin America and the Caribbean")
    MIDDLE_EAST = "Middle East and North Africa", _("Middle East and North Africa")
    NORTH_AMERICA = "North America", _("North America")
    OCEANIA = "Oceania", _("Oceania")


def region_name(region: str) -> str:
    """The region's name in the reader's language (as stored if it is not in `Region`)."""
    return str(Region(region).label) if region in Region.values else region


@cache
def _iso3166_names(language: str) -> gettext_module.NullTranslations:
    return gettext_module.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def country_name(code: str, english: str) -> str:
    """The country's name in the reader's language; `english` (as stored) for English readers
    and for a code ISO 3166 does not know."""
    language = reader_language()
    if language == "en":
        return english
    country = pycountry.countries.get(alpha_3=code) if code else None
    if country is None:
        return english
    return _iso3166_names(language).gettext(country.name)
