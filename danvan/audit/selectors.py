"""Reads of the audit trail, gated by the `audit.view` permission on the record's unit."""

from django.contrib.contenttypes.models import ContentType

from danvan.access.policy import has_unit_perm

from .models import AuditEvent
from .trail import TrailEntry, describe


def audit_events_for(obj, *, user, unit, limit: int = 50) -> list[TrailEntry]:
    """The trail of one object in words (`trail.describe`), newest first, or an empty list if the user may
    not see it."""
    if unit is None or not has_unit_perm(user, "audit.view", unit):
        return []
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return describe(
        AuditEvent.objects.filter(content_type=ct, object_id=str(obj.pk)).select_related(
            "actor", "content_type"
        )[:limit]
    )
