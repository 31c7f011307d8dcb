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


def case_figures(unit, start: dt.date, end: dt.date, today: dt.date | None = None) -> dict:
    """The registry's flat keys over `unit`'s subtree (None: everything); today: the day they are computed.
    Three queries: the cases that arrived (by kind and channel, accepted, overdue at the end), those resolved
    (on time, days, ratings) and those resolved through a dialogue."""
    received = _base(unit, start, end)
    resolved = _base(unit, start, end, "resolved_on").filter(status__in=DONE_STATUSES)
    return _collect(received, resolved, min(end, today or local_today()), grouped=False)[None]


def case_figures_by_unit(units, start: dt.date, end: dt.date, today: dt.date | None = None) -> dict:
    """`case_figures` of each of `units` (siblings: the children of a report) from the same three queries,
    grouped by the unit a case counts for: {unit pk: the same dict}. A query per unit read the whole case
    table again for each district (330 ms a query at 1,000,000 cases); a test holds the two equal."""
    from danvan.core.indicators import sibling_parts

    units = list(units)
    parts = sibling_parts(units) if units else None
    if parts is None:  # none, or not siblings: each on its own
        return {u.pk: case_figures(u, start, end, today) for u in units}
    where, part = parts
    received = _base(None, start, end).filter(where).annotate(_part=part)
    resolved = (
        _base(None, start, end, "resolved_on").filter(where, status__in=DONE_STATUSES).annotate(_part=part)
    )
    found = _collect(received, resolved, min(end, today or local_today()), grouped=True)
    empty = _flat({})
    return {u.pk: found.get(u.path, empty) for u in units}


def _collect(received, resolved, overdue_day: dt.date, *, grouped: bool) -> dict:
    """{part (None when not `grouped`): flat figures}."""
    group = ("_part",) if grouped else ()
    raw: dict = {} if grouped else {None: {}}

    def one(r) -> dict:
        return raw.setdefault(r["_part"] if grouped else None, {})

    for r in (
        received.values(*group, "kind", "channel")
        .annotate(
            n=Count("pk"),
            accepted=Count("pk", filter=Q(accepted_on__isnull=False)),
            overdue=Count("pk", filter=overdue_as_of(overdue_day)),
        )
        .order_by()
    ):
        o = one(r)
        for name, key in (("kind", "by_kind"), ("channel", "by_channel")):
            counts = o.setdefault(key, {})
            counts[r[name]] = counts.get(r[name], 0) + r["n"]
        o["accepted"] = o.get("accepted", 0) + r["accepted"]
        o["overdue"] = o.get("overdue", 0) + r["overdue"]
    figures = {
        "resolved": Count("pk"),
        "on_time": Count("pk", filter=Q(resolve_due__isnull=True) | Q(resolved_on__lte=F("resolve_due"))),
        "satisfaction": Avg("rating"),
        "avg_days": Avg(F("resolved_on") - F("received_on")),
        "rated": Count("pk", filter=Q(rating__isnull=False)),
    }
    dialogue = resolved.filter(events__action="dialogue")
    if grouped:
        for r in resolved.values("_part").annotate(**figures).order_by():
            one(r).update(r)
        for r in dialogue.values("_part").annotate(n=Count("pk", distinct=True)).order_by():
            one(r)["through_dialogue"] = r["n"]
    else:
        raw[None].update(resolved.aggregate(**figures))
        raw[None]["through_dialogue"] = dialogue.aggregate(n=Count("pk", distinct=True))["n"]
    return {part: _flat(o) for part, o in raw.items()}


def case_indicators(unit, start: dt.date, end: dt.date, today: dt.date | None = None) -> dict:
    """`case_figures` in the shape the home page's statistics read ({"total", "by_kind": {kind: n},
    "by_channel": {channel: n}, "accepted", "overdue", "resolved", …}, the kinds and channels with cases only),
    with the cases sent on outside the subtree. `overdue` is counted as of the range's end (or today, for a
    range that has not ended), so a report frozen or recomputed after the period says what was overdue at its
    end."""
    v = case_figures(unit, start, end, today)
    channel = "cases.channel."
    return {
        "total": v["cases.received"],
        "by_kind": {
            k: v[f"cases.received.{key}"] for k, key in KIND_KEYS.items() if v[f"cases.received.{key}"]
        },
        "by_channel": {k[len(channel) :]: n for k, n in v.items() if k.startswith(channel) and n},
        "accepted": v["cases.accepted"],
        "overdue": v["cases.overdue"],
        "resolved": v["cases.resolved"],
        "resolved_on_time": v["cases.resolved_on_time"],
        "resolved_through_dialogue": v["cases.resolved_through_dialogue"],
        "average_days_to_resolve": v["cases.average_days_to_resolve"],
        "satisfaction": v["cases.satisfaction"],
        "transferred_out": transferred_out(unit, start, end),
    }


def _flat(o: dict) -> dict:
    """The registry's keys from what `_collect` gathered for one unit."""
    avg_days, satisfaction = o.get("avg_days"), o.get("satisfaction")
    if isinstance(avg_days, dt.timedelta):
        avg_days = avg_days.total_seconds() / 86400
    by_kind, by_channel = o.get("by_kind", {}), o.get("by_channel", {})
    values = {
        "cases.received": sum(by_kind.values()),
        "cases.accepted": o.get("accepted", 0),
        "cases.overdue": o.get("overdue", 0),
        "cases.resolved": o.get("resolved", 0),
        "cases.resolved_on_time": o.get("on_time", 0),
        "cases.resolved_through_dialogue": o.get("through_dialogue") or 0,
        "cases.average_days_to_resolve": round(float(avg_days), 1) if avg_days is not None else None,
        "cases.satisfaction": round(float(satisfaction), 2) if satisfaction is not None else None,
        "cases.rated": o.get("rated", 0),
    }
    for kind, key in KIND_KEYS.items():
        values[f"cases.received.{key}"] = by_kind.get(kind, 0)
    for channel in Channel.values:
        values[f"cases.channel.{channel}"] = by_channel.get(channel, 0)
    for channel, n in by_channel.items():
        values.setdefault(f"cases.channel.{channel}", n)
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
    ind.register_source("cases", compute=case_figures, compute_by_unit=case_figures_by_unit, indicators=items)


_declare()
