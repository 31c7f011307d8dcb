from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "danvan.access"
    label = "access"
    verbose_name = "Phân quyền"
