from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "danvan.search"
    label = "search"
    verbose_name = "Tìm kiếm"

    def ready(self):
        from .registry import autodiscover

        autodiscover()
