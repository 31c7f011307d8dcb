from django.apps import AppConfig


class ConventionsConfig(AppConfig):
    name = "danvan.conventions"
    label = "conventions"
    verbose_name = "Hương ước, quy ước"

    def ready(self):
        from . import signals  # noqa: F401  (a convention's status follows its adoption decision)
