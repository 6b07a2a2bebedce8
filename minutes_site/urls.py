"""Root URL configuration: the public site, the clerk's editor (admin)."""

from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from agenda.sitemaps import SITEMAPS
from minutes_site.robots import robots_txt

admin.site.site_header = "Minutebook editor"
admin.site.site_title = "Minutebook"
admin.site.index_title = "Meetings, minutes and the organisation"

urlpatterns = [
    path("editor/", admin.site.urls),
    path("", include("committees.urls")),
    path("", include("agenda.urls")),
    path("", include("agenda.search.urls")),
    path("", include("agenda.follow_urls")),
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
