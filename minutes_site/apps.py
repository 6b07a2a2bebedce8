"""App configs for the project package: the editor's admin site and site-wide plumbing."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class MinutesSiteConfig(AppConfig):
    """Site-wide plumbing: audit logging, health checks, backup and restore commands."""

    default = True
    name = "minutes_site"
    verbose_name = "Minutebook site"

    def ready(self):
        # Audit logging listens to auth signals (logging is not domain logic).
        from minutes_site import audit

        audit.connect_signals()


class MinutebookAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with the editor's admin site (optional TOTP) as admin.site."""

    default = False
    default_site = "minutes_site.admin_site.EditorAdminSite"
