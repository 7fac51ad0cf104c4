"""The desk's addresses, under /admin/desk/ (napwatch/urls.py), behind the admin's login."""

from django.contrib import admin
from django.urls import path

from editorial import views

app_name = "editorial"
urlpatterns = [
    path("", admin.site.admin_view(views.desk), name="desk"),
    path("plans/<slug:slug>/", admin.site.admin_view(views.gaps), name="gaps"),
]
