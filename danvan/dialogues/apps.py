from django.apps import AppConfig


class DialoguesConfig(AppConfig):
    name = "danvan.dialogues"
    label = "dialogues"
    verbose_name = "Tiếp công dân, đối thoại trực tiếp"

    def ready(self):
        from danvan.core import pagecache

        from . import schedule  # noqa: F401  (registers the daily commitments sweep)

        # the public reception days and held dialogues (/doi-thoai/) are rendered afresh when any row of the
        # module is written — but the reception log's visits, which no public page shows
        pagecache.watch_app("dialogues", "dialogues", skip=lambda model: model.__name__ == "ReceptionVisit")
