"""What the disclosures module contributes to reports and dashboards, over a unit's subtree and a range."""

import datetime as dt

from django.db.models import Count, Q

from .models import Disclosure, Status


def disclosure_indicators(unit, start: dt.date, end: dt.date) -> dict:
    """Published postings of the subtree that started in [start, end], those published late, and those on
    the board on `end` (started, not ended): one aggregate query."""
    qs = Disclosure.objects.filter(status=Status.PUBLISHED)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    row = qs.aggregate(
        published=Count("pk", filter=Q(posting_start__gte=start, posting_start__lte=end)),
        late=Count("pk", filter=Q(posting_start__gte=start, posting_start__lte=end, is_late=True)),
        on_board=Count(
            "pk",
            filter=Q(posting_start__lte=end) & (Q(posting_end__isnull=True) | Q(posting_end__gte=end)),
        ),
    )
    return {
        "disclosures_published": row["published"],
        "disclosures_late": row["late"],
        "on_board": row["on_board"],
    }
