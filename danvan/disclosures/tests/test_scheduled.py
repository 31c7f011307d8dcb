"""A posting that has not started is scheduled: never current, never counted as disclosed, never "Đạt"
(/cong-khai/130/, posted from 09/12/2026, was listed current and counted "Đạt" on 02/12/2026)."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.core.formatting import local_today
from danvan.disclosures import selectors, services

from .helpers import make

pytestmark = pytest.mark.django_db


def _scheduled(cast, number=1, title="Kế hoạch phát triển kinh tế - xã hội năm sau"):
    today = local_today()
    return make(cast, number, title=title, decision=today, start=today + dt.timedelta(days=3))


def test_a_posting_that_starts_next_week_is_scheduled_in_the_register_not_current(cast):
    d = _scheduled(cast)
    year, quarter = selectors.quarter_of(local_today())
    reg = selectors.register(cast.commune, year, quarter)
    row = next(r for r in reg.rows if r.category.number == 1)
    if d.posting_start <= reg.end:  # starts inside the quarter (the last week of a quarter: in the next one)
        assert row.status == selectors.REG_SCHEDULED and row.label == "Chưa đến ngày niêm yết"
        assert reg.scheduled == [d]
    assert row.status != selectors.REG_CURRENT
    assert d not in reg.items
    assert reg.counts[selectors.REG_CURRENT] == 0


def test_a_scheduled_posting_does_not_hide_the_one_still_posted(cast):
    today = local_today()
    old = make(
        cast,
        1,
        title="Kế hoạch phát triển kinh tế - xã hội năm nay",
        decision=today - dt.timedelta(days=12),
        start=today - dt.timedelta(days=10),
    )
    _scheduled(cast)
    year, quarter = selectors.quarter_of(today)
    row = next(r for r in selectors.register(cast.commune, year, quarter).rows if r.category.number == 1)
    assert row.status in (selectors.REG_CURRENT, selectors.REG_LATE) and row.disclosure == old


def test_the_public_list_shows_a_scheduled_posting_as_such_and_never_among_the_current(client, cast):
    d = _scheduled(cast)
    assert d not in selectors.public_list(state=selectors.CURRENT)
    assert list(selectors.public_list(state=selectors.SCHEDULED)) == [d]
    assert d not in selectors.current_disclosures()
    html = client.get(reverse("disclosures:list")).content.decode()
    assert "Sắp niêm yết, từ" in html and "Đang niêm yết" not in html
    assert d.title in client.get(reverse("disclosures:list"), {"tinh-trang": "sap-niem-yet"}).content.decode()
    assert (
        d.title
        not in client.get(reverse("disclosures:list"), {"tinh-trang": "con-hieu-luc"}).content.decode()
    )


def test_a_scheduled_postings_checks_are_never_met_before_it_starts(client, cast):
    d = _scheduled(cast)
    checks = services.rule_checks(d)
    assert all(c.ok is not True for c in checks) and all(c.scheduled for c in checks)
    html = client.get(d.get_absolute_url()).content.decode()
    assert "Chưa đến ngày niêm yết" in html and ">Đạt<" not in html
