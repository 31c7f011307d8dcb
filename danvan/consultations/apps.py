from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "danvan.consultations"
    label = "consultations"
    verbose_name = "Nhân dân tham gia ý kiến"

    def ready(self):
        from danvan.core import pagecache

        # /lay-y-kien/y-kien/: plans and syntheses. Opinions and their answers are written only while the
        # consultation is open or closed and show only in the synthesis, whose publication moves the topic: a
        # citizen's opinion need not empty every /lay-y-kien/ page
        pagecache.watch_app("consultations", "decisions", skip=lambda model: model.__name__ == "Opinion")
