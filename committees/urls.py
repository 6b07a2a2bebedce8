from django.urls import path

from committees import views

app_name = "committees"

urlpatterns = [
    path("committees/", views.CommitteeListView.as_view(), name="committee_list"),
    path("committees/<slug:slug>/", views.CommitteeDetailView.as_view(), name="committee_detail"),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
]
