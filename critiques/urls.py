from django.urls import path

from critiques import views
from pagecache.pages import cached_page

app_name = "critiques"

urlpatterns = [
    path(
        "plans/<slug:slug>/critiques/", cached_page(views.CritiqueListView.as_view()), name="list"
    ),
]
