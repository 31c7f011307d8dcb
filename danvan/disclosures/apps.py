from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    name = "danvan.disclosures"
    label = "disclosures"
    verbose_name = "Công khai"
