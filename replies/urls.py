from django.urls import path

from replies import views

app_name = "replies"

urlpatterns = [
    path("respond/", views.HomeView.as_view(), name="home"),
    path("respond/sign-in/", views.RespondentLoginView.as_view(), name="login"),
    path("respond/join/<str:token>/", views.JoinView.as_view(), name="join"),
    path("respond/attachments/<int:pk>/", views.attachment, name="attachment"),
    path(
        "respond/<str:kind>/<str:ref>/reply/",
        views.ReplyFormView.as_view(),
        name="reply",
    ),
]
