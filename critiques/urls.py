from django.urls import path

from critiques import views

app_name = "critiques"

urlpatterns = [
    path("plans/<slug:slug>/critiques/", views.CritiqueListView.as_view(), name="list"),
]
