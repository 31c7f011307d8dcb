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
from .sms import SmsError, get_gateway, sms_text

CHANNELS = frozenset({"inapp", "email", "sms"})


@transaction.atomic
def notify(
    *, user, title: str, body: str = "", url: str = "", channels=("inapp", "email"), topic: str = ""
) -> Notification:
    """Store an in-app notice for `user` (and send the other channels after commit). `topic` names the action
    the notice asks for, so that `notices_done(topic=…)` can close it once someone has done it."""
    unknown = set(channels) - CHANNELS
    if unknown:
        raise DomainError(f"Kênh thông báo không hợp lệ: {', '.join(sorted(unknown))}.")
    note = Notification.objects.create(user=user, title=title[:255], body=body, url=url, topic=topic[:100])
    outside = [c for c in channels if c != "inapp"]
    if outside:
        from .tasks import deliver_notification

        enqueue_on_commit(deliver_notification, note.pk, outside)
    return note


def notices_done(*, topic: str | list[str], note: str = "") -> int:
    """Mark every open notice of `topic` (one or a list) done, for all its recipients: the action it asked
    for has been done (`note`, e.g. "Lê Thị Mỹ Hạnh đã duyệt đăng"). Returns how many were closed."""
    topics = [topic] if isinstance(topic, str) else list(topic)
    topics = [t for t in topics if t]
    if not topics:
        return 0
    return Notification.objects.filter(topic__in=topics, done_at__isnull=True).update(
        done_at=timezone.now(), done_note=note[:255]
    )


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
            get_gateway().send(user.phone, sms_text(f"{note.title}. {note.body}"))
        except SmsError:
            raise
        Notification.objects.filter(pk=note.pk).update(sms_sent_at=now)


def send_sms(*, phone: str, text: str) -> str:
    """A direct SMS to a phone number without an account (e.g. a one-time code to a citizen), sent without
    diacritics in one GSM-7 segment (`sms.sms_text`; docs/architecture.md, "Notices")."""
    return get_gateway().send(phone, sms_text(text))


def mark_read(*, user, notification_ids=None) -> int:
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())
