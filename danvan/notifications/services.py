"""Notifications: `notify()` stores the in-app message at once and, after commit, a background task
delivers the e-mail and SMS copies. Callers pass only text that may be shown to the recipient — never
protected data (e.g. a denouncer's identity)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from danvan.core.errors import DomainError
from danvan.core.tasks import enqueue_on_commit

from .mail import send_email
from .models import Notification
from .sms import SmsError, get_gateway

CHANNELS = frozenset({"inapp", "email", "sms"})


@transaction.atomic
def notify(*, user, title: str, body: str = "", url: str = "", channels=("inapp", "email")) -> Notification:
    unknown = set(channels) - CHANNELS
    if unknown:
        raise DomainError(f"Kênh thông báo không hợp lệ: {', '.join(sorted(unknown))}.")
    note = Notification.objects.create(user=user, title=title[:255], body=body, url=url)
    outside = [c for c in channels if c != "inapp"]
    if outside:
        from .tasks import deliver_notification

        enqueue_on_commit(deliver_notification, note.pk, outside)
    return note


def deliver(notification_id: int, channels: list[str]) -> None:
    """Send the e-mail/SMS copies; idempotent (a channel already sent is not sent again)."""
    note = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if note is None:
        return
    user = note.user
    now = timezone.now()
    if "email" in channels and user.email and note.emailed_at is None:
        text = note.body + (f"\n\n{settings.DANVAN_SITE_URL}{note.url}" if note.url else "")
        send_email(to=user.email, subject=note.title, body=text)
        Notification.objects.filter(pk=note.pk).update(emailed_at=now)
    if "sms" in channels and user.phone and note.sms_sent_at is None:
        try:
            get_gateway().send(user.phone, f"{note.title}. {note.body}"[:300])
        except SmsError:
            raise
        Notification.objects.filter(pk=note.pk).update(sms_sent_at=now)


def send_sms(*, phone: str, text: str) -> str:
    """A direct SMS to a phone number without an account (e.g. a one-time code to a citizen)."""
    return get_gateway().send(phone, text)


def mark_read(*, user, notification_ids=None) -> int:
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())
