"""After an edit the public sees, render the plan's pages into the page cache before readers ask.

pagecache announces `revisions_changed` after the commit that gave plans new revision tokens;
`on_revisions_changed` queues one `prerender_pages` task per plan (edits to a plan while its task
waits in the queue are coalesced into it, as the briefs' pre-render does). The task asks for each
of the plan's public pages in every language, the site's plan list, and the plan's API resources
through Django's own request handling (the same middleware, views and `cached_page` a reader's
request goes through), so each is kept under exactly the key a reader's request looks for, and
the first reader after an edit gets a page from the cache.

The key holds the page's absolute address, so the pages are asked for at NAPWATCH_SITE_URL's
address: readers who reach the site at another address get their pages made on demand. Reads go
to the primary database, never a replica that may not have the edit yet (toolkit/replica.py).
"""

from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.tasks import task
from django.urls import reverse
from django.utils import translation

from plans.models import Pillar, Plan
from toolkit.replica import reading_from_primary

logger = logging.getLogger(__name__)

PAGES_CACHE = "pages"
# Below readers' brief renders, beside the briefs' own pre-render.
PRIORITY = -5
# A queued pre-render is forgotten after this long (its worker may be gone): edits queue another.
MARK_SECONDS = 600
# The plan's public pages, in every language (each takes the plan's slug), and the site's list.
PLAN_PAGES = (
    "plans:detail",
    "indicators:list",
    "critiques:list",
    "comparison:scorecard",
)
SITE_PAGES = ("plans:list",)
# The plan's API resources (English only: the API's texts come in English, api/caching.py).
API_RESOURCES = (
    "api:plan",
    "api:tree",
    "api:indicators",
    "api:critiques",
    "api:agencies",
    "api:recommendations",
    "api:assessments",
)


def enabled() -> bool:
    return settings.NAPWATCH_PAGE_PRERENDER and not isinstance(caches[PAGES_CACHE], DummyCache)


def plan_addresses(plan: Plan) -> list[str]:
    """The paths a reader may ask for, pages in every language then API resources."""
    pillars = list(Pillar.objects.filter(plan=plan).values_list("slug", flat=True))
    paths = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths += [reverse(name, kwargs={"slug": plan.slug}) for name in PLAN_PAGES]
            paths += [
                reverse("plans:pillar", kwargs={"slug": plan.slug, "pillar": pillar})
                for pillar in pillars
            ]
            paths += [reverse(name) for name in SITE_PAGES]
    paths += [reverse(name, kwargs={"slug": plan.slug}) for name in API_RESOURCES]
    return paths


def site_client():
    """A client whose requests arrive as a reader's do at NAPWATCH_SITE_URL (host, and whether
    over HTTPS: `get(..., secure=...)`). Django's test client is its request handler with the
    whole middleware; imported here, so that web workers never import django.test."""
    from django.test import Client

    site = urlsplit(settings.NAPWATCH_SITE_URL)
    client = Client(headers={"host": site.netloc}, raise_request_exception=False)
    return client, site.scheme == "https"


@task(priority=PRIORITY)
def prerender_pages(plan_id: int) -> dict:
    """Renders the plan's pages and API resources into the page cache; says what it made."""
    caches[PAGES_CACHE].delete(mark_key(plan_id))  # an edit committed from now on queues another
    plan = Plan.objects.filter(pk=plan_id).first()
    if plan is None:
        return {"made": 0, "cached": 0, "failed": []}
    client, secure = site_client()
    made, cached, failed = 0, 0, []
    started = time.monotonic()
    # The requests activate each page's language in this thread; the task may run inside a
    # request (the immediate backend, after an edit's commit), whose own language must stay.
    with reading_from_primary(), translation.override(translation.get_language()):
        for path in plan_addresses(plan):
            response = client.get(path, secure=secure)
            if response.status_code != 200:
                failed.append(f"{path} {response.status_code}")
            elif response.get("X-Page-Cache") == "hit":
                cached += 1
            else:
                made += 1
    seconds = round(time.monotonic() - started, 2)
    logger.info(
        "Pre-rendered %s pages of plan %s (%s already cached) in %s s",
        made,
        plan.slug,
        cached,
        seconds,
    )
    if failed:
        logger.warning("Pages of plan %s not pre-rendered: %s", plan.slug, ", ".join(failed))
    return {"made": made, "cached": cached, "failed": failed, "seconds": seconds}


def on_revisions_changed(sender, plan_ids, **kwargs) -> None:
    """pagecache's `revisions_changed` (after the commit): queue one pre-render per plan, unless
    one is already queued (it reads the plan's revision when it runs)."""
    if not enabled():
        return
    for plan_id in sorted(plan_ids):
        if not caches[PAGES_CACHE].add(mark_key(plan_id), True, MARK_SECONDS):
            continue
        try:
            prerender_pages.enqueue(plan_id=plan_id)
        except Exception:
            caches[PAGES_CACHE].delete(mark_key(plan_id))
            logger.exception("Could not queue the pre-render of plan %s's pages", plan_id)


def mark_key(plan_id: int) -> str:
    return f"pages-prerender:{plan_id}"
