"""Root URL configuration: the public site, the clerk's editor (admin), health.

MEDIA_ROOT is never served: files go out only through views that check permission.
"""

from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from agenda.admin.console import console_view
from agenda.views import editor_files as editor_views
from agenda.views.sitemaps import SITEMAPS
from minutes_site import views
from minutes_site.robots import robots_txt

handler400 = "minutes_site.errors.bad_request"
handler500 = "minutes_site.errors.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Staff preview of any document, before the admin's catch-all URLs.
    path(
        "editor/documents/<int:pk>/file/",
        editor_views.DocumentPreviewView.as_view(),
        name="editor_document_file",
    ),
    # The clerk's meeting console (agenda/admin/console.py), before the admin's URLs too.
    path("editor/meetings/<int:pk>/console/", console_view, name="editor_meeting_console"),
    path("editor/", admin.site.urls),
    path("", include("committees.urls")),
    path("", include("agenda.urls")),
    path("", include("agenda.search_urls")),
    path("", include("agenda.follow_urls")),
    path("", include("agenda.notices_urls")),
    path("api/", include("agenda.api.urls")),
    path("robots.txt", robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]
