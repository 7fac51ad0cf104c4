from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("plans.urls")),
    path("", include("briefs.urls")),
    path("", include("indicators.urls")),
    path("", include("critiques.urls")),
    path("", include("search.urls")),
]

# Error pages (issue 6), rendered without the request: a malformed request still answers 400,
# a database outage outside a view 503, not 500.
handler400 = "napwatch.errors.bad_request"
handler500 = "napwatch.errors.server_error"
