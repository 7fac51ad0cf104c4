from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("plans.urls")),
]

# Error pages (issue 6): a database outage outside a view still answers 503, not 500.
handler500 = "napwatch.errors.server_error"
