"""The site's URL map. Every public page of a plan is under /<language>/plans/<slug>/ and listed here.

Public pages carry their language in the path (/en/…, /es/…; `i18n_patterns`), so each language
of a page has its own address to share and cache. An address without the prefix (`/`, or an old
link such as /plans/mexico-2021/) is redirected by LocaleMiddleware to the reader's language
(language cookie, else Accept-Language). /admin/ and /healthz have no prefix: the admin follows the
editor's browser language, and /healthz is answered by middleware before any URL is resolved.
The JSON API (/api/v1/, the `api` app) has no prefix either: it answers in every language at once.

Namespaces name what a page shows (`plans:pillar`, `indicators:list`, `briefs:pdf`), so templates
and tests reverse them by meaning. Public pages are wrapped in `cached_page`: answered from the
page cache while the plan's revision and the deployed code are unchanged (pagecache/pages.py).
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from api import views as api
from api.caching import api_page, code_page
from api.docs import DocsView, OpenApiView
from briefs.views import BriefPdfView, BriefPreviewView
from comparison import views as comparison_views
from discovery import views as discovery
from discovery.feeds import PlanFeed, PublishedFeed
from opendata.views import (
    CritiqueAnnotationView,
    CritiqueDetailView,
    DataDownloadView,
    DataView,
    ReplyAnnotationView,
    cite_as,
    release_page,
)
from pagecache.pages import SITE, cached_page
from pages import views
from pages.filters import CritiqueFilter, IndicatorFilter, PlanFilter
from planfiles.views import PlanFileView
from search import engine as search_engine
from search.forms import SearchForm
from search.views import SearchView
from toolkit.http import read_only
from workbench.public import DocumentView, document_file

PLAN = "plans/<slug:slug>/"

plan_pages = [
    path("", cached_page(views.PlanListView.as_view(), scope=SITE), name="list"),
    # `?cite=bibtex|ris|csl` downloads the page's citation (opendata.views.cite_as).
    path(
        PLAN,
        cached_page(cite_as(views.PlanDetailView.as_view(), kind="plan")),
        name="detail",
    ),
    path(
        f"{PLAN}pillars/<slug:pillar>/",
        cached_page(cite_as(views.PillarDetailView.as_view(), kind="pillar")),
        name="pillar",
    ),
    path(
        f"{PLAN}agencies/<str:acronym>/",
        cached_page(views.AgencyDetailView.as_view()),
        name="agency",
    ),
    # The plan's own document, where public: its pages' text, and the original file
    path(f"{PLAN}document/", cached_page(DocumentView.as_view()), name="document"),
    path(f"{PLAN}document/file", document_file, name="document-file"),
    # The plan as a plan file (docs/plan-format.md), published critiques only.
    path(f"{PLAN}plan.yaml", cached_page(PlanFileView.as_view()), name="plan_file"),
]
indicator_pages = [
    path(f"{PLAN}indicators/", cached_page(views.IndicatorListView.as_view()), name="list"),
]
critique_pages = [
    path(f"{PLAN}critiques/", cached_page(views.CritiqueListView.as_view()), name="list"),
    path(
        f"{PLAN}critiques/<slug:key>/",
        cached_page(CritiqueDetailView.as_view()),
        name="detail",
    ),
    # The critique as a W3C Web Annotation (JSON-LD).
    path(
        f"{PLAN}critiques/<slug:key>/annotation.jsonld",
        cached_page(CritiqueAnnotationView.as_view()),
        name="annotation",
    ),
    # A published reply to it (the right of reply), as a W3C Web Annotation that replies to it.
    path(
        f"{PLAN}critiques/<slug:key>/replies/<int:pk>/annotation.jsonld",
        cached_page(ReplyAnnotationView.as_view()),
        name="reply-annotation",
    ),
]
brief_pages = [
    # The PDF has its own cache (briefs/services.py); the preview is a page like the others.
    path(f"{PLAN}brief.pdf", BriefPdfView.as_view(), name="pdf"),
    path(f"{PLAN}brief/", BriefPreviewView.as_view(), name="preview"),
]
data_pages = [
    # Kept like a SITE page, and under the newest recorded release too (opendata/views.py).
    path("data/", release_page(DataView.as_view()), name="data"),
    # A release's zip: the current data's (its own cache, opendata/release.py) or a recorded
    # release's (kept in storage, opendata/history.py); an ETag of its checksum.
    path("data/<str:file_name>", DataDownloadView.as_view(), name="download"),
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
# Atom feeds of what is published, site-wide and per plan, in each language (discovery/feeds.py)
feed_pages = [
    path("feed.atom", read_only(cached_page(PublishedFeed(), scope=SITE)), name="feed"),
    path(f"{PLAN}feed.atom", read_only(cached_page(PlanFeed())), name="plan-feed"),
]

# The read-only JSON API (api/): the same filters and search as the pages, handed in here since the
# api app may not import its sibling apps. Cached like the pages, by plan (or site) revision.
API_PLAN = "plans/<slug:slug>/"
api_pages = [
    path("", api.IndexView.as_view(), name="index"),
    path(
        "plans/",
        api_page(api.PlanListView.as_view(filterset_class=PlanFilter), scope=SITE),
        name="plans",
    ),
    path(API_PLAN, api_page(api.PlanDetailView.as_view()), name="plan"),
    path(f"{API_PLAN}tree/", api_page(api.PlanTreeView.as_view()), name="tree"),
    path(
        f"{API_PLAN}indicators/",
        api_page(api.IndicatorListView.as_view(filterset_class=IndicatorFilter)),
        name="indicators",
    ),
    path(
        f"{API_PLAN}indicators/<str:code>/",
        api_page(api.IndicatorDetailView.as_view(filterset_class=IndicatorFilter)),
        name="indicator",
    ),
    path(
        f"{API_PLAN}critiques/",
        api_page(api.CritiqueListView.as_view(filterset_class=CritiqueFilter)),
        name="critiques",
    ),
    path(
        f"{API_PLAN}critiques/<str:key>/",
        api_page(api.CritiqueDetailView.as_view()),
        name="critique",
    ),
    path(f"{API_PLAN}agencies/", api_page(api.AgencyListView.as_view()), name="agencies"),
    path(
        f"{API_PLAN}recommendations/",
        api_page(api.RecommendationListView.as_view()),
        name="recommendations",
    ),
    path(
        f"{API_PLAN}assessments/",
        api_page(api.AssessmentListView.as_view()),
        name="assessments",
    ),
    path("rubrics/", api_page(api.RubricListView.as_view(), scope=SITE), name="rubrics"),
    path("sources/", api_page(api.SourceListView.as_view(), scope=SITE), name="sources"),
    path(
        "sources/<str:source>/",
        api_page(api.SourceDetailView.as_view(), scope=SITE),
        name="source",
    ),
    path(
        "search/",
        api_page(
            api.SearchView.as_view(
                form_class=SearchForm,
                search=search_engine.search,
                backend_name=search_engine.backend_name,
            ),
            scope=SITE,
        ),
        name="search",
    ),
    path("openapi.json", code_page(OpenApiView.as_view()), name="openapi"),
    path("docs/", DocsView.as_view(url_name="api:openapi"), name="docs"),
]

urlpatterns = [
    # Where crawlers look, at the root: robots.txt, and the sitemap of every public page in every
    # language (discovery/); /favicon.ico is a file WhiteNoise serves (WHITENOISE_ROOT).
    path("robots.txt", discovery.robots_txt, name="robots"),
    path("sitemap.xml", cached_page(discovery.sitemap, scope=SITE), name="sitemap"),
    # The editors' desk (editorial/urls.py): an admin page, before the admin's own catch-all
    path("admin/desk/", include("editorial.urls")),
    # The plan workbench: admin pages of its own (before admin/, whose catch-all would take them)
    path("admin/workbench/", include("workbench.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_pages, "api"))),
    *i18n_patterns(
        path("", include((plan_pages, "plans"))),
        path("", include((indicator_pages, "indicators"))),
        path("", include((critique_pages, "critiques"))),
        path("", include((brief_pages, "briefs"))),
        path("", include((search_pages, "search"))),
        path("", include((data_pages, "opendata"))),
        path("", include((comparison_pages, "comparison"))),
        path("", include((feed_pages, "discovery"))),
        # The right of reply's respondent screens (never cached: each is one respondent's)
        path("", include("replies.urls")),
    ),
]

# Error pages (issue 6), rendered without the request: a malformed request still answers 400,
# a database outage outside a view 503, not 500.
handler400 = "napwatch.errors.bad_request"
# The site's 404 page; under /api/ the API's JSON error shape.
handler404 = "napwatch.errors.not_found"
handler500 = "napwatch.errors.server_error"
