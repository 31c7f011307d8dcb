"""Indicators of citizen cases over a unit's subtree and a date range (for M9 reports and dashboards).

Each function runs one grouped query on the case table (filtered by the unit path prefix and the receipt date,
or the resolution date for resolution figures). `case_indicators(unit, start, end)` returns them all.
"""

import datetime as dt

from django.db.models import Avg, Count, F, Q

from danvan.core.formatting import local_today

from .models import DONE_STATUSES, IN_PROGRESS_STATUSES, Case, Status


def _base(unit, start: dt.date, end: dt.date, date_field: str = "received_on"):
    qs = Case.objects.exclude(status=Status.MERGED)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs.filter(**{f"{date_field}__gte": start, f"{date_field}__lte": end})


def received_by_kind_and_channel(unit, start, end) -> dict:
    """{"total": n, "by_kind": {kind: n}, "by_channel": {channel: n}}"""
    rows = _base(unit, start, end).values("kind", "channel").annotate(n=Count("pk")).order_by()
    by_kind: dict[str, int] = {}
    by_channel: dict[str, int] = {}
    for r in rows:
        by_kind[r["kind"]] = by_kind.get(r["kind"], 0) + r["n"]
        by_channel[r["channel"]] = by_channel.get(r["channel"], 0) + r["n"]
    return {"total": sum(by_kind.values()), "by_kind": by_kind, "by_channel": by_channel}


def resolution_figures(unit, start, end, today: dt.date | None = None) -> dict:
    today = today or local_today()
    received = _base(unit, start, end).aggregate(
        accepted=Count("pk", filter=Q(accepted_on__isnull=False)),
        overdue=Count("pk", filter=Q(status__in=IN_PROGRESS_STATUSES, resolve_due__lt=today)),
    )
    resolved = _base(unit, start, end, "resolved_on").filter(status__in=DONE_STATUSES)
    figures = resolved.aggregate(
        resolved=Count("pk"),
        on_time=Count("pk", filter=Q(resolve_due__isnull=True) | Q(resolved_on__lte=F("resolve_due"))),
        satisfaction=Avg("rating"),
        avg_days=Avg(F("resolved_on") - F("received_on")),
    )
    figures["through_dialogue"] = resolved.filter(events__action="dialogue").values("pk").distinct().count()
    avg_days = figures["avg_days"]
    if isinstance(avg_days, dt.timedelta):
        avg_days = avg_days.total_seconds() / 86400
    return {
        "accepted": received["accepted"],
        "overdue": received["overdue"],
        "resolved": figures["resolved"],
        "resolved_on_time": figures["on_time"],
        "resolved_through_dialogue": figures["through_dialogue"],
        "average_days_to_resolve": round(float(avg_days), 1) if avg_days is not None else None,
        "satisfaction": round(float(figures["satisfaction"]), 2)
        if figures["satisfaction"] is not None
        else None,
    }


def case_indicators(unit, start: dt.date, end: dt.date, today: dt.date | None = None) -> dict:
    return {**received_by_kind_and_channel(unit, start, end), **resolution_figures(unit, start, end, today)}
