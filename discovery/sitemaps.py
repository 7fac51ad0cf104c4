"""`/sitemap.xml`: every public page, in every language, with its hreflang alternates.

Django's sitemaps framework writes it (`i18n`, `alternates` and `x_default`: one `<url>` per
page and language, each listing the page in every language as `<xhtml:link rel="alternate"
hreflang>` and the unprefixed address, which redirects by the reader's language, as x-default).
A page's `<lastmod>` is its plan's revision date (pagecache's `PlanRevision.changed_at`, replaced
by any edit the public sees); a page of the whole site takes the latest of them.

Listed: the plan list, the data release, the comparison picker, and for every real plan its
overview, pillars, agencies, indicators, critiques and each published critique, scorecard, brief
and (where public) document. Not listed: search results and comparisons (made on demand from a
query), other pages of a list, and synthetic test plans.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.sitemaps import Sitemap
from django.db.models import Prefetch
from django.urls import reverse

from critiques.models import Critique
from documents.models import Document
from plans.models import Plan, PlanAgency

SITE_PAGES = ("plans:list", "opendata:data", "comparison:compare")
PLAN_PAGES = (
    "plans:detail",
    "indicators:list",
    "critiques:list",
    "comparison:scorecard",
    "briefs:preview",
)


@dataclass(frozen=True)
class Page:
    url_name: str
    kwargs: dict = field(default_factory=dict, hash=False, compare=False)
    lastmod: datetime.datetime | None = None


def sitemap_plans():
    """The real plans with what their pages list (4 queries)."""
    return (
        Plan.objects.filter(is_synthetic=False)
        .order_by("country", "-adopted_on", "slug")
        .select_related("revision")
        .prefetch_related(
            "pillars",
            Prefetch(
                "plan_agencies",
                queryset=PlanAgency.objects.select_related("agency").order_by("agency__acronym"),
            ),
            Prefetch(
                "critiques",
                queryset=Critique.objects.published().order_by("key").only("key", "plan_id"),
                to_attr="published_critiques",
            ),
        )
    )


def plan_revised(plan: Plan) -> datetime.datetime:
    revision = getattr(plan, "revision", None)
    return revision.changed_at if revision else plan.updated_at


def public_pages() -> list[Page]:
    plans = list(sitemap_plans())
    with_documents = set(Document.objects.public().values_list("plan_id", flat=True))
    latest = max((plan_revised(plan) for plan in plans), default=None)
    pages = [Page(name, {}, latest) for name in SITE_PAGES]
    for plan in plans:
        slug, revised = plan.slug, plan_revised(plan)
        pages += [Page(name, {"slug": slug}, revised) for name in PLAN_PAGES]
        pages += [
            Page("plans:pillar", {"slug": slug, "pillar": pillar.slug}, revised)
            for pillar in sorted(plan.pillars.all(), key=lambda p: (p.order, p.pk))
        ]
        pages += [
            Page("plans:agency", {"slug": slug, "acronym": link.agency.acronym}, revised)
            for link in plan.plan_agencies.all()
        ]
        pages += [
            Page("critiques:detail", {"slug": slug, "key": critique.key}, revised)
            for critique in plan.published_critiques
        ]
        if plan.pk in with_documents:
            pages.append(Page("plans:document", {"slug": slug}, revised))
    return pages


class PublicPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self) -> list[Page]:
        # Read once per request: the framework asks for the items more than once.
        if not hasattr(self, "_pages"):
            self._pages = public_pages()
        return self._pages

    def location(self, page: Page) -> str:
        return reverse(page.url_name, kwargs=page.kwargs)

    def lastmod(self, page: Page) -> datetime.datetime | None:
        return page.lastmod


SITEMAPS = {"pages": PublicPagesSitemap}
