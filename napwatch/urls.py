"""The site's URL map. Every public page of a plan is under /<language>/plans/<slug>/ and listed here.

Public pages carry their language in the path (/en/…, /es/…; `i18n_patterns`), so each language
of a page has its own address to share and cache. An address without the prefix (`/`, or an old
link such as /plans/mexico-2021/) is redirected by LocaleMiddleware to the reader's language
(language cookie, else Accept-Language). /admin/ and /healthz have no prefix: the admin follows the
editor's browser language, and /healthz is answered by middleware before any URL is resolved.

Namespaces name what a page shows (`plans:pillar`, `indicators:list`, `briefs:pdf`), so templates
and tests reverse them by meaning. Public pages are wrapped in `cached_page`: answered from the
page cache while the plan's revision and the deployed code are unchanged (pagecache/pages.py).
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from briefs.views import BriefPdfView, BriefPreviewView
from comparison import views as comparison_views
from pagecache.pages import SITE, cached_page
from pages import views
from search.views import SearchView

PLAN = "plans/<slug:slug>/"

plan_pages = [
    path("", cached_page(views.PlanListView.as_view(), scope=SITE), name="list"),
    path(PLAN, cached_page(views.PlanDetailView.as_view()), name="detail"),
    path(
        f"{PLAN}pillars/<slug:pillar>/",
        cached_page(views.PillarDetailView.as_view()),
        name="pillar",
    ),
    path(
        f"{PLAN}agencies/<str:acronym>/",
        cached_page(views.AgencyDetailView.as_view()),
        name="agency",
    ),
]
indicator_pages = [
    path(f"{PLAN}indicators/", cached_page(views.IndicatorListView.as_view()), name="list"),
]
critique_pages = [
    path(f"{PLAN}critiques/", cached_page(views.CritiqueListView.as_view()), name="list"),
]
brief_pages = [
    # The PDF has its own cache (briefs/services.py); the preview is a page like the others.
    path(f"{PLAN}brief.pdf", BriefPdfView.as_view(), name="pdf"),
    path(f"{PLAN}brief/", BriefPreviewView.as_view(), name="preview"),
]
# The scorecard and the comparison go through the page cache in their views: the compare page's
# key covers every compared plan's token (comparison/views.py).
comparison_pages = [
    path(f"{PLAN}scorecard/", comparison_views.scorecard_page, name="scorecard"),
    path("compare/", comparison_views.compare_page, name="compare"),
]
search_pages = [
    path("search/", cached_page(SearchView.as_view(), scope=SITE), name="results"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    *i18n_patterns(
        path("", include((plan_pages, "plans"))),
        path("", include((indicator_pages, "indicators"))),
        path("", include((critique_pages, "critiques"))),
        path("", include((brief_pages, "briefs"))),
        path("", include((search_pages, "search"))),
        path("", include((comparison_pages, "comparison"))),
    ),
]

# Error pages (issue 6), rendered without the request: a malformed request still answers 400,
# a database outage outside a view 503, not 500.
handler400 = "napwatch.errors.bad_request"
handler500 = "napwatch.errors.server_error"
