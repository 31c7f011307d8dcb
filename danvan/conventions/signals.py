"""A version's status follows its adoption decision: every save of a decisions.Decision linked to a version
re-reads it (`services.sync_version`). Kept here so the decisions app need not know about conventions."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from danvan.decisions.models import Decision


@receiver(post_save, sender=Decision, dispatch_uid="conventions.follow_decision")
def follow_decision(sender, instance: Decision, raw=False, **kwargs):
    if raw:
        return
    from .models import ConventionVersion
    from .services import sync_version

    version = ConventionVersion.objects.filter(decision_id=instance.pk).select_related("convention").first()
    if version is not None:
        sync_version(version, decision=instance)
