from django.apps import AppConfig


class RulebookConfig(AppConfig):
    name = "danvan.rulebook"
    label = "rulebook"
    verbose_name = "Quy định pháp lý và lịch làm việc"
