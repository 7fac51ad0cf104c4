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
from opendata.views import (
    CritiqueAnnotationView,
    CritiqueDetailView,
    DataDownloadView,
    DataView,
    cite_as,
)
from pagecache.pages import SITE, cached_page
from pages import views
from planfiles.views import PlanFileView
from search.views import SearchView
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
]
brief_pages = [
    # The PDF has its own cache (briefs/services.py); the preview is a page like the others.
    path(f"{PLAN}brief.pdf", BriefPdfView.as_view(), name="pdf"),
    path(f"{PLAN}brief/", BriefPreviewView.as_view(), name="preview"),
]
data_pages = [
    path("data/", cached_page(DataView.as_view(), scope=SITE), name="data"),
    # The release's zip (its own cache, opendata/release.py; an ETag of its checksum).
    path("data/<str:file_name>", DataDownloadView.as_view(), name="download"),
]
search_pages = [
    path("search/", cached_page(SearchView.as_view(), scope=SITE), name="results"),
]

urlpatterns = [
    # The editors' desk (editorial/urls.py): an admin page, before the admin's own catch-all
    path("admin/desk/", include("editorial.urls")),
    # The plan workbench: admin pages of its own (before admin/, whose catch-all would take them)
    path("admin/workbench/", include("workbench.urls")),
    path("admin/", admin.site.urls),
    *i18n_patterns(
        path("", include((plan_pages, "plans"))),
        path("", include((indicator_pages, "indicators"))),
        path("", include((critique_pages, "critiques"))),
        path("", include((brief_pages, "briefs"))),
        path("", include((search_pages, "search"))),
        path("", include((data_pages, "opendata"))),
    ),
]

# Error pages (issue 6), rendered without the request: a malformed request still answers 400,
# a database outage outside a view 503, not 500.
handler400 = "napwatch.errors.bad_request"
handler500 = "napwatch.errors.server_error"
