from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "danvan.integrations"
    label = "integrations"
    verbose_name = "Tích hợp với ứng dụng khác"
