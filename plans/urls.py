from django.urls import path

from pagecache.pages import SITE, cached_page
from plans import views

app_name = "plans"

urlpatterns = [
    path("", cached_page(views.PlanListView.as_view(), scope=SITE), name="list"),
    path("plans/<slug:slug>/", cached_page(views.PlanDetailView.as_view()), name="detail"),
    path(
        "plans/<slug:slug>/pillars/<slug:pillar>/",
        cached_page(views.PillarDetailView.as_view()),
        name="pillar",
    ),
    path(
        "plans/<slug:slug>/agencies/<str:acronym>/",
        cached_page(views.AgencyDetailView.as_view()),
        name="agency",
    ),
]
