from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "danvan.citizens"
    verbose_name = "Tài khoản công dân"

    def ready(self):
        # Each app declares its sections of the citizen's area in a `citizen_area.py` module.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("citizen_area")
