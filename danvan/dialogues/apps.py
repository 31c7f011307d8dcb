from django.apps import AppConfig


class DialoguesConfig(AppConfig):
    name = "danvan.dialogues"
    label = "dialogues"
    verbose_name = "Tiếp công dân, đối thoại trực tiếp"

    def ready(self):
        from . import schedule  # noqa: F401  (registers the daily commitments sweep)
