"""The workbench's admin pages (included under /admin/workbench/ by napwatch/urls.py)."""

from django.contrib import admin
from django.urls import path

from workbench import views

app_name = "workbench"

urlpatterns = [
    path("<int:document_id>/", admin.site.admin_view(views.workbench), name="workbench"),
    path(
        "<int:document_id>/suggestions/",
        admin.site.admin_view(views.suggestions),
        name="suggestions",
    ),
]
