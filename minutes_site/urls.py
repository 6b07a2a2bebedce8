"""Root URL configuration: the public site, the clerk's editor (admin)."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Minutebook editor"
admin.site.site_title = "Minutebook"
admin.site.index_title = "Meetings, minutes and the organisation"

urlpatterns = [
    path("editor/", admin.site.urls),
    path("", include("committees.urls")),
    path("", include("agenda.urls")),
]
