from django.urls import path

from agenda.views import search as views

app_name = "search"

urlpatterns = [
    path("search/", views.SearchView.as_view(), name="search"),
    path("search/feed/", views.SearchFeed(), name="feed"),
]
