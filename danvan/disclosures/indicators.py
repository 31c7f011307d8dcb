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


# ---------------------------------------------------------------- declared for the review (danvan.core.indicators)


def disclosure_figures(unit, start: dt.date, end: dt.date) -> dict:
    raw = disclosure_indicators(unit, start, end)
    return {
        "disclosures.published": raw["disclosures_published"],
        "disclosures.late": raw["disclosures_late"],
        "disclosures.on_board": raw["on_board"],
    }


def _declare():
    from danvan.core import indicators as ind

    S = ind.SECTION_DISCLOSURE
    ind.register_source(
        "disclosures",
        compute=disclosure_figures,
        indicators=[
            ind.Indicator(
                "disclosures.published",
                "Nội dung công khai đã niêm yết",
                "Disclosures posted",
                section=S,
                public=True,
                order=1,
            ),
            ind.Indicator(
                "disclosures.late",
                "— niêm yết chậm so với hạn",
                "— posted after the deadline",
                section=S,
                order=2,
            ),
            ind.Indicator(
                "disclosures.on_board",
                "Nội dung đang niêm yết cuối kỳ",
                "Disclosures on the board at the end of the period",
                section=S,
                order=3,
            ),
        ],
    )


_declare()
