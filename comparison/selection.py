"""Which plans a compare URL asks for: `?plans=a,b,c` (or `plans` repeated, as the form sends it).

Duplicates are dropped (not an error); an unknown slug, fewer than 2 or more than 6 plans is a
SelectionError whose message names what is wrong, for a 400 page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from plans.models import Plan

MIN_PLANS, MAX_PLANS = 2, 6
MAX_SLUG = 80  # Plan.slug's max_length


class SelectionError(ValueError):
    pass


@dataclass(frozen=True)
class Selection:
    slugs: list[str]
    plans: list[Plan]

    @property
    def param(self) -> str:
        return ",".join(self.slugs)


def requested_slugs(values: list[str]) -> list[str]:
    """Every slug the query string names, in order, each once."""
    slugs: list[str] = []
    for value in values:
        for part in value.split(","):
            slug = part.strip()
            if slug and slug not in slugs:
                slugs.append(slug)
    return slugs


def select_plans(values: list[str], queryset) -> Selection:
    slugs = requested_slugs(values)
    if len(slugs) < MIN_PLANS:
        raise SelectionError(
            gettext("Choose at least %(min)d plans to compare (%(count)d given).")
            % {"min": MIN_PLANS, "count": len(slugs)}
        )
    if len(slugs) > MAX_PLANS:
        raise SelectionError(
            gettext("Choose at most %(max)d plans to compare (%(count)d given).")
            % {"max": MAX_PLANS, "count": len(slugs)}
        )
    found = {
        plan.slug: plan
        for plan in queryset.filter(slug__in=[s for s in slugs if len(s) <= MAX_SLUG])
    }
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        shown = ", ".join(f"“{slug[:MAX_SLUG]}”" for slug in unknown)
        raise SelectionError(
            ngettext(
                "No plan has the slug %(slugs)s.",
                "No plans have the slugs %(slugs)s.",
                len(unknown),
            )
            % {"slugs": shown}
        )
    return Selection(slugs, [found[slug] for slug in slugs])
