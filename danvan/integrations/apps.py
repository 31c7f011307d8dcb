from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "danvan.integrations"
    label = "integrations"
    verbose_name = "Tích hợp với ứng dụng khác"

    def ready(self):
        from . import checks  # noqa: F401  (registers the shared-cache deployment check)
