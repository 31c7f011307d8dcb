from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "danvan.decisions"
    label = "decisions"
    verbose_name = "Nhân dân bàn và quyết định"

    def ready(self):
        from . import schedule  # noqa: F401  (registers the daily steps sweep)
