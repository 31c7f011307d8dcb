"""The admin app with danvan's admin site as the default `admin.site` (see `admin_site.py`).

Kept apart from `admin_site.py` because INSTALLED_APPS imports this module before the models are ready."""

from django.contrib.admin.apps import AdminConfig


class DanvanAdminConfig(AdminConfig):
    default_site = "danvan.access.admin_site.DanvanAdminSite"
