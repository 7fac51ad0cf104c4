"""The JSON API's settings (api/, issue 13): read-only, anonymous, JSON only.

Constants that read no environment, imported by name into napwatch/settings.py (the one settings
module), kept here so that it stays short enough to read. Nothing else imports this module.
"""

# No authentication at all (so no session, cookie or CSRF token is read or needed), JSON as the
# only renderer (no browsable API), one error shape for every 4xx (api/errors.py), pages of at
# most NAPWATCH_API_MAX_PAGE_SIZE rows, where a larger `page_size` is refused with a 400.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_METADATA_CLASS": None,
    "DEFAULT_VERSIONING_CLASS": None,
    "DEFAULT_PAGINATION_CLASS": "api.pagination.StrictPageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
NAPWATCH_API_MAX_PAGE_SIZE = 100
SPECTACULAR_SETTINGS = {
    "TITLE": "napwatch API",
    "DESCRIPTION": (
        "Read-only JSON API over Women, Peace and Security National Action Plans: plans, their "
        "tree with provenance, indicators, published critiques, agencies, sources, "
        "recommendations, rubric assessments and search. Anonymous; every error has the shape "
        "of `Error`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # An assessment's answer and a criterion's scale are the same vocabulary: one enum.
    "ENUM_NAME_OVERRIDES": {"ScaleValueEnum": "scorecards.models.ScaleValue"},
    # drf-spectacular's own enum hook, then the query parameters' shapes as the server reads them
    # (api/parameters.py: filters of names as patterns, severity's integers, page's maximum).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.parameters.document_parameters",
    ],
}
# CORS: any origin may read /api/ with GET (a notebook, another site); no credentials, no other
# method, and no other URL of the site gets CORS headers.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag"]
