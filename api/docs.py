"""The documentation page, /api/v1/docs/: Swagger UI over /api/v1/openapi.json.

Swagger UI's files come from drf-spectacular-sidecar, collected and served as our own static
files (no CDN: the machines reading it may have no internet). drf-spectacular's "split" view
serves the page's start-up script from its own address (`?script`) rather than inline, so the
page runs under the site's Content-Security-Policy (scripts and styles from our origin only);
the page's template is ours (a language, and a style sheet instead of an inline <style>).
"""

from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from api.views import ReadOnly


class DocsView(ReadOnly, SpectacularSwaggerSplitView):
    template_name = "api/docs.html"
    title = "napwatch API"


class OpenApiView(ReadOnly, SpectacularJSONAPIView):
    """/api/v1/openapi.json, generated from the views by drf-spectacular. One renderer, so the
    document does not vary by Accept and the page cache may keep it (api/caching.py)."""

    renderer_classes = [OpenApiJsonRenderer]
