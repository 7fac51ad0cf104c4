from django.urls import path

from indicators import views

app_name = "indicators"

urlpatterns = [
    path("plans/<slug:slug>/indicators/", views.IndicatorListView.as_view(), name="list"),
]
