from django.urls import path

from pagecache.pages import SITE, cached_page
from search import views

app_name = "search"

urlpatterns = [
    path("search/", cached_page(views.SearchView.as_view(), scope=SITE), name="results"),
]
