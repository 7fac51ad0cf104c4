from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("", views.PlanListView.as_view(), name="list"),
    path("plans/<slug:slug>/", views.PlanDetailView.as_view(), name="detail"),
    path(
        "plans/<slug:slug>/pillars/<slug:pillar>/", views.PillarDetailView.as_view(), name="pillar"
    ),
    path(
        "plans/<slug:slug>/agencies/<str:acronym>/",
        views.AgencyDetailView.as_view(),
        name="agency",
    ),
]
