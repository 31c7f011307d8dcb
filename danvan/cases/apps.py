from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "danvan.cases"
    label = "cases"
    verbose_name = "Phản ánh, kiến nghị, khiếu nại, tố cáo"
