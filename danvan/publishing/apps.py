from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "danvan.publishing"
    label = "publishing"
    verbose_name = "Tin tức"
