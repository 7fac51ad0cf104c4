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
