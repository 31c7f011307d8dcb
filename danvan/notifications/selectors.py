"""A user's own notifications (nobody reads another's)."""

from .models import Notification


def unread_count(user) -> int:
    """Unread notices that still ask for something: one already done by someone is not counted."""
    return Notification.objects.filter(user=user, read_at__isnull=True, done_at__isnull=True).count()


def latest_for(user, limit: int = 5):
    return list(Notification.objects.filter(user=user)[:limit])


def inbox(user):
    return Notification.objects.filter(user=user)
