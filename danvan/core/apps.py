from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "danvan.core"
    label = "core"
    verbose_name = "Nền tảng"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
