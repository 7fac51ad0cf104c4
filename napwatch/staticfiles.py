"""django.contrib.staticfiles, leaving out static files napwatch never serves.

drf-spectacular-sidecar ships Swagger UI and Redoc; the API's documentation page uses Swagger UI
only (api/docs.py), and Redoc's 4.8 MB would cost every `collectstatic` (every deployment and
test run) its compression for nothing.
"""

from django.contrib.staticfiles.apps import StaticFilesConfig as DjangoStaticFilesConfig


class StaticFilesConfig(DjangoStaticFilesConfig):
    ignore_patterns = [*DjangoStaticFilesConfig.ignore_patterns, "drf_spectacular_sidecar/redoc/*"]
