from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "danvan.consultations"
    label = "consultations"
    verbose_name = "Nhân dân tham gia ý kiến"
