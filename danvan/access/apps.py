from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "danvan.access"
    label = "access"
    verbose_name = "Phân quyền"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment check of the two-factor policy)
