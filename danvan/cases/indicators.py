"""Indicators of citizen cases over a unit's subtree and a date range (for M9 reports and dashboards).

Each function runs one grouped query on the case table (filtered by the unit path prefix and the day the case
reached the unit that holds it — its receipt, or its transfer for a case transferred in —, or the resolution
date for resolution figures). A transferred case counts for the receiving unit from the transfer on; the
sender only counts it as `transferred_out`. `case_indicators(unit, start, end)` returns them all.
"""

import datetime as dt

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import Coalesce

from danvan.core.formatting import local_today

from .models import DONE_STATUSES, Case, Channel, Status

NEVER_OVERDUE = (Status.DECLINED, Status.TRANSFERRED, Status.MERGED)


def _base(unit, start: dt.date, end: dt.date, date_field: str = "arrived_on"):
    qs = Case.objects.exclude(status=Status.MERGED)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if date_field == "arrived_on":
        qs = qs.annotate(arrived_on=Coalesce("transferred_on", "received_on"))
    return qs.filter(**{f"{date_field}__gte": start, f"{date_field}__lte": end})


def transferred_out(unit, start, end) -> int:
    """Cases the units of the subtree sent on to a unit outside it, transferred in the range."""
    if unit is None:
        return 0
    return (
        Case.objects.filter(transferred_on__gte=start, transferred_on__lte=end)
        .filter(transferred_from__path__startswith=unit.path)
        .exclude(unit__path__startswith=unit.path)
        .count()
    )


def received_by_kind_and_channel(unit, start, end) -> dict:
    """{"total": n, "by_kind": {kind: n}, "by_channel": {channel: n}}"""
    rows = _base(unit, start, end).values("kind", "channel").annotate(n=Count("pk")).order_by()
    by_kind: dict[str, int] = {}
    by_channel: dict[str, int] = {}
    for r in rows:
        by_kind[r["kind"]] = by_kind.get(r["kind"], 0) + r["n"]
        by_channel[r["channel"]] = by_channel.get(r["channel"], 0) + r["n"]
    return {"total": sum(by_kind.values()), "by_kind": by_kind, "by_channel": by_channel}


def overdue_as_of(day: dt.date) -> Q:
    """Cases that were overdue on `day`: accepted by then, past their resolution deadline, and neither resolved nor
    closed by then (a case resolved late, after the day, was overdue on it). Declined and transferred cases never
    count. For a day that is today this is the in-progress cases past their deadline."""
    return (
        Q(accepted_on__lte=day, resolve_due__lt=day)
        & (Q(resolved_on__isnull=True) | Q(resolved_on__gt=day))
        & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))
        & ~Q(status__in=NEVER_OVERDUE)
    )


def resolution_figures(unit, start, end, today: dt.date | None = None) -> dict:
    """Acceptance and resolution figures of the range. `overdue` is counted as of the range's end (or today, for a
    range that has not ended), so a report frozen or recomputed after the period says what was overdue at its end."""
    today = today or local_today()
    received = _base(unit, start, end).aggregate(
        accepted=Count("pk", filter=Q(accepted_on__isnull=False)),
        overdue=Count("pk", filter=overdue_as_of(min(end, today))),
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
    return {
        **received_by_kind_and_channel(unit, start, end),
        **resolution_figures(unit, start, end, today),
        "transferred_out": transferred_out(unit, start, end),
    }


# ---------------------------------------------------------------- declared for the review (danvan.core.indicators)

CHANNEL_LABELS = [  # parts of "cases received", listed after its parts by kind ("— qua điện thoại")
    ("web", "qua cổng thông tin", "through the portal"),
    ("reception", "tại buổi tiếp công dân", "at citizen reception"),
    ("letter", "qua thư, đơn", "by letter"),
    ("phone", "qua điện thoại", "by phone"),
    ("transferred", "do cơ quan khác chuyển đến", "transferred by another body"),
]
KIND_KEYS = {
    "feedback": "feedback",
    "petition": "petition",
    "complaint": "complaint",
    "denunciation": "denunciation",
}


def case_figures(unit, start: dt.date, end: dt.date) -> dict:
    """The registry's flat keys from `case_indicators` (today: the day the figures are computed)."""
    raw = case_indicators(unit, start, end)
    rated = (
        _base(unit, start, end, "resolved_on").filter(status__in=DONE_STATUSES, rating__isnull=False).count()
    )
    values = {
        "cases.received": raw["total"],
        "cases.accepted": raw["accepted"],
        "cases.overdue": raw["overdue"],
        "cases.resolved": raw["resolved"],
        "cases.resolved_on_time": raw["resolved_on_time"],
        "cases.resolved_through_dialogue": raw["resolved_through_dialogue"],
        "cases.average_days_to_resolve": raw["average_days_to_resolve"],
        "cases.satisfaction": raw["satisfaction"],
        "cases.rated": rated,
    }
    for kind, key in KIND_KEYS.items():
        values[f"cases.received.{key}"] = raw["by_kind"].get(kind, 0)
    for channel, n in raw["by_channel"].items():
        values[f"cases.channel.{channel}"] = n
    for channel in Channel.values:
        values.setdefault(f"cases.channel.{channel}", 0)
    return values


def _declare():
    from danvan.core import indicators as ind

    S = ind.SECTION_CITIZEN_CASES
    items = [
        ind.Indicator(
            "cases.received", "Đơn thư tiếp nhận", "Cases received", section=S, public=True, order=1
        ),
        ind.Indicator("cases.received.feedback", "— phản ánh", "— feedback", section=S, order=2),
        ind.Indicator("cases.received.petition", "— kiến nghị", "— petitions", section=S, order=3),
        ind.Indicator("cases.received.complaint", "— khiếu nại", "— complaints", section=S, order=4),
        ind.Indicator("cases.received.denunciation", "— tố cáo", "— denunciations", section=S, order=5),
        ind.Indicator("cases.accepted", "Đơn đã thụ lý", "Cases accepted", section=S, order=30),
        ind.Indicator(
            "cases.resolved", "Đơn đã giải quyết", "Cases resolved", section=S, public=True, order=31
        ),
        ind.Indicator(
            "cases.resolved_on_time", "Giải quyết đúng hạn", "Resolved on time", section=S, order=32
        ),
        ind.Indicator(
            "cases.resolved_on_time_rate",
            "Tỉ lệ giải quyết đúng hạn",
            "Share resolved on time",
            measure=ind.PERCENT,
            aggregation=ind.RATE,
            numerator="cases.resolved_on_time",
            denominator="cases.resolved",
            section=S,
            public=True,
            order=33,
        ),
        ind.Indicator(
            "cases.resolved_through_dialogue",
            "Giải quyết qua đối thoại",
            "Resolved through dialogue",
            section=S,
            order=34,
        ),
        ind.Indicator(
            "cases.overdue",
            "Đơn quá hạn chưa giải quyết (tính đến cuối kỳ)",
            "Overdue, not resolved (at the period's end)",
            aggregation=ind.LATEST,
            section=S,
            order=35,
        ),
        ind.Indicator(
            "cases.average_days_to_resolve",
            "Số ngày giải quyết bình quân",
            "Average days to resolve",
            measure=ind.DAYS,
            aggregation=ind.AVERAGE,
            weight="cases.resolved",
            section=S,
            order=36,
        ),
        ind.Indicator("cases.rated", "Đơn được người dân đánh giá", "Answers rated", section=S, order=37),
        ind.Indicator(
            "cases.satisfaction",
            "Mức hài lòng bình quân (1–5)",
            "Average satisfaction (1–5)",
            measure=ind.SCORE,
            aggregation=ind.AVERAGE,
            weight="cases.rated",
            section=S,
            order=38,
        ),
    ] + [
        ind.Indicator(f"cases.channel.{value}", f"— {vi}", f"— {en}", section=S, order=6 + n)
        for n, (value, vi, en) in enumerate(CHANNEL_LABELS)
    ]
    ind.register_source("cases", compute=case_figures, indicators=items)


_declare()
