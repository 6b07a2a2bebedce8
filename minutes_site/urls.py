"""Root URL configuration: the public site, the clerk's editor (admin), health.

MEDIA_ROOT is never served: files go out only through views that check permission.
"""

from django.contrib import admin
from django.urls import include, path

from agenda import editor_views
from minutes_site import views

handler500 = "minutes_site.errors.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Staff preview of any document, before the admin's catch-all URLs.
    path(
        "editor/documents/<int:pk>/file/",
        editor_views.DocumentPreviewView.as_view(),
        name="editor_document_file",
    ),
    path("editor/", admin.site.urls),
    path("", include("committees.urls")),
    path("", include("agenda.urls")),
]
