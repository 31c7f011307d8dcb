from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "danvan.access"
    label = "access"
    verbose_name = "Phân quyền"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from danvan.units.models import Unit

        from . import checks  # noqa: F401  (registers the deployment check of the two-factor policy)
        from .models import RoleAssignment
        from .policy import assignments_changed

        for model in (RoleAssignment, Unit):
            post_save.connect(assignments_changed, sender=model, dispatch_uid=f"grants-{model.__name__}")
            post_delete.connect(
                assignments_changed, sender=model, dispatch_uid=f"grants-del-{model.__name__}"
            )
