from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "danvan.units"
    label = "units"
    verbose_name = "Đơn vị"
