import datetime as dt

import pytest

from danvan.core.errors import DomainError
from danvan.reviews.models import PeriodKind
from danvan.reviews.periods import next_period_text, parse_period

D = dt.date


def test_half_years_and_the_year():
    h1 = parse_period("2020-H1")
    assert (h1.kind, h1.start, h1.end, h1.cutoff) == (
        PeriodKind.FIRST_HALF,
        D(2020, 1, 1),
        D(2020, 6, 30),
        D(2020, 6, 15),
    )
    assert h1.deadline == D(2020, 7, 5) and h1.title == "6 tháng đầu năm 2020"
    h2 = parse_period("2020-h2")
    assert (h2.start, h2.end, h2.deadline) == (D(2020, 7, 1), D(2020, 12, 31), D(2021, 1, 5))
    year = parse_period("2020")
    assert (year.kind, year.start, year.end) == (PeriodKind.YEAR, D(2020, 1, 1), D(2020, 12, 31))
    assert parse_period("2020-9T").end == D(2020, 9, 30)
    assert next_period_text(PeriodKind.FIRST_HALF, 2020) == "6 tháng cuối năm 2020"


@pytest.mark.parametrize("text", ["", "2020-H3", "20-H1", "2020H1", "năm 2020", "0001-H1"])
def test_anything_else_is_refused_in_words(text):
    with pytest.raises(DomainError) as exc:
        parse_period(text)
    assert "không hợp lệ" in exc.value.message


def test_a_period_is_made_once_per_reporting_body(db):
    from danvan.reviews.services import period_ensure

    a = period_ensure(text="2020-H1")
    assert period_ensure(text="2020-H1") == a
    b = period_ensure(text="2020-H1", reporter_kind="peoples_committee")
    assert b != a and b.cutoff == D(2020, 6, 15)
