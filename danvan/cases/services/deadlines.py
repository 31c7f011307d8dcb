"""The daily deadline sweep: warnings to handlers and leaders about cases due soon or overdue."""

import datetime as dt

from django.conf import settings
from django.db import transaction

from danvan.core.formatting import format_date, local_today

from ..models import (
    IN_PROGRESS_STATUSES,
    OPEN_STATUSES,
    Case,
    Status,
)
from .common import (
    KIND_LABELS,
    case_topic,
    vi,
)


def deadline_sweep(*, today: dt.date | None = None, days: int | None = None) -> int:
    """In-app warnings to the handler and the unit's leaders for open cases due within `days` or overdue;
    at most one per case per day. Returns how many cases were warned."""
    from danvan.access.policy import leaders_on
    from danvan.notifications.services import notify

    today = today or local_today()
    days = days if days is not None else getattr(settings, "DANVAN_CASE_WARN_DAYS", 3)
    horizon = today + dt.timedelta(days=days)
    from django.db.models import Q

    due = (
        Case.objects.filter(status__in=OPEN_STATUSES)
        .filter(
            Q(status__in=IN_PROGRESS_STATUSES, resolve_due__lte=horizon)
            | Q(status__in=(Status.RECEIVED, Status.TRANSFERRED), accept_due__lte=horizon)
        )
        .filter(Q(last_warned_on__isnull=True) | Q(last_warned_on__lt=today))
        .select_related("unit", "handler")
    )
    leaders_by_unit: dict[int, list] = {}
    warned = 0
    for case in due.iterator(chunk_size=500):
        when = case.current_due
        if when is None:
            continue
        if case.unit_id not in leaders_by_unit:
            leaders_by_unit[case.unit_id] = leaders_on(case.unit_id, today)
        recipients = {u.pk: u for u in leaders_by_unit[case.unit_id]}
        if case.handler_id and case.handler.is_active:
            recipients[case.handler_id] = case.handler
        state = "đã quá hạn" if when < today else "sắp đến hạn"
        stage = "thụ lý" if case.status in (Status.RECEIVED, Status.TRANSFERRED) else "giải quyết"
        with transaction.atomic():
            for user in recipients.values():
                notify(
                    user=user,
                    title=f"Hồ sơ {case.code} {state} {stage} ({format_date(when)})",
                    body=f"{vi(KIND_LABELS[case.kind])}: {case.title[:120]}",
                    url=case.get_absolute_url(),
                    channels=("inapp",),
                    topic=case_topic(case, "due:accept" if stage == "thụ lý" else "due:resolve"),
                )
            Case.objects.filter(pk=case.pk).update(last_warned_on=today)
        warned += 1
    return warned
