"""What the news portal contributes to reports and dashboards, over a unit's subtree and a range."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings

from .models import Article, ArticleStatus


def news_indicators(unit, start: dt.date, end: dt.date) -> dict:
    """Articles of the subtree published (or archived after publication) in [start, end], Vietnam's days."""
    tz = ZoneInfo(settings.TIME_ZONE)
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    qs = Article.objects.filter(
        status__in=(ArticleStatus.PUBLISHED, ArticleStatus.ARCHIVED),
        publish_at__gte=since,
        publish_at__lt=until,
    )
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return {"articles_published": qs.count()}


# ---------------------------------------------------------------- declared for the review (danvan.core.indicators)


def _declare():
    from danvan.core import indicators as ind

    ind.register_source(
        "news",
        compute=lambda unit, start, end: {
            "news.published": news_indicators(unit, start, end)["articles_published"]
        },
        indicators=[
            ind.Indicator(
                "news.published",
                "Tin bài tuyên truyền đã đăng trên cổng",
                "News articles published on the portal",
                section=ind.SECTION_LEADERSHIP,
                public=True,
                order=20,
            )
        ],
    )


_declare()
