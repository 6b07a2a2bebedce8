"""Email subscriptions: subscribe, confirm, manage, unsubscribe."""

from django.urls import path

from agenda.views import subscriptions as views

app_name = "notices"

urlpatterns = [
    path("subscribe/<slug:kind>/<slug:slug>/", views.SubscribeView.as_view(), name="subscribe"),
    path("subscribe/check-your-email/", views.CheckEmailView.as_view(), name="check_email"),
    path("subscriptions/confirm/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("subscriptions/ended/", views.UnsubscribedView.as_view(), name="unsubscribed"),
    path("subscriptions/<str:token>/", views.ManageView.as_view(), name="manage"),
    path(
        "subscriptions/<str:token>/end/",
        views.UnsubscribeView.as_view(),
        name="unsubscribe",
    ),
]
