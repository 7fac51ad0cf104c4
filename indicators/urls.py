from django.urls import path

from indicators import views
from pagecache.pages import cached_page

app_name = "indicators"

urlpatterns = [
    path(
        "plans/<slug:slug>/indicators/", cached_page(views.IndicatorListView.as_view()), name="list"
    ),
]
