from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "danvan.audit"
    label = "audit"
    verbose_name = "Nhật ký thay đổi"

    def ready(self):
        # each app's trail.py registers how its audit records read (danvan.audit.trail)
        from .trail import autodiscover

        autodiscover()
