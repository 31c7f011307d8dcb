from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "danvan.consultations"
    label = "consultations"
    verbose_name = "Nhân dân tham gia ý kiến"

    def ready(self):
        from danvan.core import pagecache

        pagecache.watch_app("consultations", "decisions")  # /lay-y-kien/y-kien/: plans, opinions, syntheses
