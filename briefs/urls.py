from django.urls import path

from briefs import views

app_name = "briefs"

urlpatterns = [
    path("plans/<slug:slug>/brief.pdf", views.BriefPdfView.as_view(), name="pdf"),
    path("plans/<slug:slug>/brief/", views.BriefPreviewView.as_view(), name="preview"),
]
