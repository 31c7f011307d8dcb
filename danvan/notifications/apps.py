from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "danvan.notifications"
    label = "notifications"
    verbose_name = "Thông báo"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
