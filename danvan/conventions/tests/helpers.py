import datetime as dt

from django.utils import timezone

from danvan.conventions import services
from danvan.core.formatting import local_today
from danvan.decisions import services as decision_services
from danvan.decisions import steps
from danvan.decisions.tests.helpers import DAY, households, meeting

PERIOD_OPENS = dt.date(2026, 1, 10)
PERIOD_CLOSES = dt.date(2026, 2, 9)  # 30 days after


def drafted(cast, title="Hương ước ấp Phú Hòa", articles=2, hamlet=None):
    c = services.convention_create(
        actor=cast.hoa, hamlet=hamlet or cast.hamlet, title=title, preamble="Lời nói đầu."
    )
    v = c.latest
    for i in range(articles):
        services.article_add(
            actor=cast.hoa, version=v, heading=f"Tiêu đề {i + 1}", text=f"Nội dung điều {i + 1}."
        )
    return c


def commented(cast, opens_on=PERIOD_OPENS, closes_on=PERIOD_CLOSES, **kw):
    c = drafted(cast, **kw)
    services.comment_period_open(actor=cast.hoa, version=c.latest, opens_on=opens_on, closes_on=closes_on)
    c.refresh_from_db()
    return c


def in_comment_now(cast, **kw):
    today = local_today()
    return commented(
        cast, opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=29), **kw
    )


def voting(cast, c=None):
    """A convention whose version is put to the vote on DAY, its adoption decision opened."""
    c = c or commented(cast)
    d = services.put_to_vote(actor=cast.hoa, version=c.latest, voting_on=DAY)
    d = decision_services.decision_notice(actor=cast.hoa, decision=d, notice_on=DAY - dt.timedelta(days=3))
    d = steps.documents_deliver(actor=cast.hoa, decision=d, delivered_on=DAY - dt.timedelta(days=3))
    return decision_services.voting_open(actor=cast.hoa, decision=d)


def recognised(cast, n=10, c=None):
    hh = households(cast, n) if c is None else list(c.hamlet.households.all())
    c = c or commented(cast)
    d = voting(cast, c)
    meeting(cast, d, hh, yes=len(hh))
    d = decision_services.voting_close(actor=cast.hoa, decision=d)
    today = timezone.localdate()
    d = steps.minutes_send(actor=cast.hoa, decision=d, sent_on=today)
    steps.recognition_record(
        actor=cast.tuan, decision=d, outcome="recognised", decided_on=today, number="12/QĐ-UBND"
    )
    c.refresh_from_db()
    return c
