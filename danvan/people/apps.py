from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "danvan.people"
    label = "people"
    verbose_name = "Tài khoản, hộ gia đình"
