"""The working-day calendar: holidays, swaps and Civil Code counting (pure, no database)."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.core import workdays
from danvan.core.workdays import WorkCalendar

D = dt.date
OFFICIAL_SWAPS = {D(2025, 4, 26): True, D(2025, 5, 2): False, D(2026, 8, 22): True, D(2026, 8, 31): False}
CAL = WorkCalendar(OFFICIAL_SWAPS)


def brute_add_working_days(cal, start, n):
    d = start
    while n > 0:
        d += dt.timedelta(days=1)
        if cal.is_working_day(d):
            n -= 1
    return d


def brute_between(cal, start, end):
    return sum(
        1 for k in range(1, (end - start).days + 1) if cal.is_working_day(start + dt.timedelta(days=k))
    )


# --- single days -------------------------------------------------------------------------------------


def test_weekends_are_not_working_days_and_weekdays_are():
    assert CAL.is_working_day(D(2026, 3, 4))  # Wednesday
    assert not CAL.is_working_day(D(2026, 3, 7))  # Saturday
    assert not CAL.is_working_day(D(2026, 3, 8))  # Sunday


def test_tet_2026_is_five_days_off_from_lunar_new_years_eve():
    for day in range(16, 21):
        assert not CAL.is_working_day(D(2026, 2, day)), day
        assert CAL.holiday_name(D(2026, 2, day))
    assert CAL.is_working_day(D(2026, 2, 13))
    assert CAL.is_working_day(D(2026, 2, 23))


def test_fixed_holidays_and_hung_kings_day_observed_on_monday_in_2026():
    assert not CAL.is_working_day(D(2026, 1, 1))
    assert not CAL.is_working_day(D(2026, 4, 30))
    assert not CAL.is_working_day(D(2026, 5, 1))
    assert not CAL.is_working_day(D(2026, 9, 2))
    # Giỗ Tổ 10/3 âm lịch falls on Sunday 26/04/2026: Monday 27/04 is the compensatory day (nghỉ bù).
    assert not CAL.is_working_day(D(2026, 4, 27))


def test_vietnam_culture_day_24_november_is_a_holiday_from_2026():
    assert not CAL.is_working_day(D(2026, 11, 24))
    assert CAL.is_working_day(D(2025, 11, 24))  # a Monday, not yet a holiday


def test_2025_swap_makes_saturday_26_april_a_working_day_and_friday_2_may_a_day_off():
    assert CAL.is_working_day(D(2025, 4, 26))
    assert not CAL.is_working_day(D(2025, 5, 2))
    plain = WorkCalendar()
    assert not plain.is_working_day(D(2025, 4, 26))


def test_2026_swap_makes_saturday_22_august_a_working_day_and_monday_31_august_a_day_off():
    assert CAL.is_working_day(D(2026, 8, 22))
    assert not CAL.is_working_day(D(2026, 8, 31))
    # 29/08–02/09/2026: Saturday to Wednesday off in a row.
    assert [CAL.is_working_day(D(2026, 8, 29) + dt.timedelta(days=k)) for k in range(6)] == [
        False,
        False,
        False,
        False,
        False,
        True,
    ]


def test_a_swap_off_makes_any_weekday_a_day_off():
    cal = WorkCalendar({D(2027, 3, 10): False})
    assert not cal.is_working_day(D(2027, 3, 10))
    assert cal.working_days_between(D(2027, 3, 9), D(2027, 3, 11)) == 1


def test_next_working_day_is_strictly_after():
    assert CAL.next_working_day(D(2026, 3, 4)) == D(2026, 3, 5)
    assert CAL.next_working_day(D(2026, 3, 6)) == D(2026, 3, 9)  # Friday → Monday
    assert CAL.next_working_day(D(2026, 2, 13)) == D(2026, 2, 23)  # over Tết


# --- working days ------------------------------------------------------------------------------------


def test_ten_working_days_from_12_february_2026_cross_tet_and_end_on_5_march():
    assert CAL.add_working_days(D(2026, 2, 12), 10) == D(2026, 3, 5)
    assert CAL.working_days_between(D(2026, 2, 12), D(2026, 3, 5)) == 10


def test_start_day_is_not_counted():
    assert CAL.add_working_days(D(2026, 3, 2), 1) == D(2026, 3, 3)  # Monday → Tuesday
    assert CAL.add_working_days(D(2026, 3, 6), 1) == D(2026, 3, 9)  # Friday → Monday
    assert CAL.add_working_days(D(2026, 3, 7), 1) == D(2026, 3, 9)  # from a Saturday
    assert CAL.add_working_days(D(2026, 3, 4), 0) == D(2026, 3, 4)


def test_the_2025_make_up_saturday_counts_as_a_working_day():
    # Thu 24/04/2025 + 5 working days: Fri 25, Sat 26 (làm bù), Mon 28, Tue 29, then 30/4, 1/5, 2/5 off, Mon 5/5.
    assert CAL.add_working_days(D(2025, 4, 24), 5) == D(2025, 5, 5)
    assert WorkCalendar().add_working_days(D(2025, 4, 24), 5) == D(2025, 5, 6)


def test_the_2026_swap_moves_a_deadline_over_national_day():
    # Thu 20/08/2026 + 3 working days: Fri 21, Sat 22 (làm bù), Mon 24.
    assert CAL.add_working_days(D(2026, 8, 20), 3) == D(2026, 8, 24)
    # Fri 28/08/2026 + 1 working day: 29–30 weekend, 31 nghỉ bù, 1–2/9 Quốc khánh → Thu 03/09.
    assert CAL.add_working_days(D(2026, 8, 28), 1) == D(2026, 9, 3)


def test_working_days_between_is_zero_when_end_is_not_after_start():
    assert CAL.working_days_between(D(2026, 3, 5), D(2026, 3, 5)) == 0
    assert CAL.working_days_between(D(2026, 3, 5), D(2026, 3, 1)) == 0


def test_working_days_in_2026_across_a_whole_year():
    # 261 weekdays in 2026, minus the holidays falling on weekdays, minus 31/08 (nghỉ bù), plus 22/08 (làm bù).
    weekday_holidays = [d for d in workdays.holidays_of_year(2026) if d.weekday() < 5]
    expected = 261 - len(weekday_holidays) - (0 if D(2026, 8, 31) in weekday_holidays else 1) + 1
    assert CAL.working_days_between(D(2025, 12, 31), D(2026, 12, 31)) == expected
    assert expected == brute_between(CAL, D(2025, 12, 31), D(2026, 12, 31))


def test_negative_periods_are_refused():
    with pytest.raises(ValueError):
        CAL.add_working_days(D(2026, 1, 5), -1)
    with pytest.raises(ValueError):
        CAL.add_calendar_days(D(2026, 1, 5), -1)


# --- calendar days (Civil Code Arts. 147–148) --------------------------------------------------------


def test_calendar_day_period_ending_on_a_saturday_rolls_to_monday():
    # 10/02/2026 + 30 days = Thu 12/03 (a working day): no roll.
    assert CAL.add_calendar_days(D(2026, 2, 10), 30) == D(2026, 3, 12)
    # 05/02/2026 + 30 days = Sat 07/03 → Mon 09/03.
    assert CAL.add_calendar_days(D(2026, 2, 5), 30) == D(2026, 3, 9)
    # … = Sun 08/03 → Mon 09/03.
    assert CAL.add_calendar_days(D(2026, 2, 6), 30) == D(2026, 3, 9)


def test_calendar_day_period_ending_in_tet_rolls_past_the_holiday():
    # 17/01/2026 + 30 = Mon 16/02/2026 (giao thừa); Tết runs to Fri 20/02, then the weekend → Mon 23/02.
    assert CAL.add_calendar_days(D(2026, 1, 17), 30) == D(2026, 2, 23)


def test_calendar_day_period_ending_on_culture_day_24_november_2026_rolls_to_the_next_day():
    assert CAL.add_calendar_days(D(2026, 10, 25), 30) == D(2026, 11, 25)
    assert CAL.add_calendar_days(D(2026, 11, 9), 15) == D(2026, 11, 25)


def test_calendar_day_period_ending_on_a_swapped_off_day_rolls():
    # 02/04/2025 + 30 = Fri 02/05/2025, the swapped-off day → Mon 05/05.
    assert CAL.add_calendar_days(D(2025, 4, 2), 30) == D(2025, 5, 5)


def test_calendar_day_period_ending_on_a_make_up_saturday_ends_that_day():
    # 27/03/2025 + 30 = Sat 26/04/2025, a working day by the swap: no roll.
    assert CAL.add_calendar_days(D(2025, 3, 27), 30) == D(2025, 4, 26)


def test_month_periods_end_on_the_same_day_number_or_the_month_end():
    assert CAL.add_calendar_months(D(2026, 1, 15), 3) == D(2026, 4, 15)
    assert CAL.add_calendar_months(D(2025, 11, 30), 3) == D(2026, 3, 2)  # 28/02/2026 is Saturday → Monday
    # 31/05 + 3 months = Mon 31/08/2026 (nghỉ bù), then 1–2/9 Quốc khánh → Thu 03/09.
    assert CAL.add_calendar_months(D(2026, 5, 31), 3) == D(2026, 9, 3)
    # 31/03 + 1 month = 30/04 (no 31 April; a holiday), 1/5 holiday, weekend → Mon 04/05.
    assert CAL.add_calendar_months(D(2026, 3, 31), 1) == D(2026, 5, 4)


def test_module_functions_without_a_calendar_know_no_swap():
    assert workdays.is_working_day(D(2025, 4, 26)) is False
    assert workdays.is_working_day(D(2025, 4, 26), CAL) is True
    assert workdays.add_working_days(D(2026, 2, 12), 10) == D(2026, 3, 5)
    assert workdays.add_calendar_days(D(2026, 10, 25), 30) == D(2026, 11, 25)
    assert workdays.working_days_between(D(2026, 2, 12), D(2026, 3, 5)) == 10
    assert workdays.next_working_day(D(2026, 2, 13)) == D(2026, 2, 23)


def test_non_working_days_lists_holidays_and_swaps_but_not_plain_weekends():
    days = dict(CAL.non_working_days(D(2025, 4, 24), D(2025, 5, 5)))
    assert set(days) == {D(2025, 4, 30), D(2025, 5, 1), D(2025, 5, 2)}


# --- properties --------------------------------------------------------------------------------------

dates = st.dates(min_value=D(2023, 1, 1), max_value=D(2028, 12, 31))
periods = st.integers(min_value=1, max_value=400)


@settings(max_examples=300, deadline=None)
@given(start=dates, n=periods)
def test_add_working_days_lands_on_a_working_day_and_counts_back_to_n(start, n):
    due = CAL.add_working_days(start, n)
    assert CAL.is_working_day(due)
    assert due > start
    assert CAL.working_days_between(start, due) == n
    assert CAL.working_days_between(start, due - dt.timedelta(days=1)) == n - 1


@settings(max_examples=150, deadline=None)
@given(start=dates, n=st.integers(min_value=0, max_value=120))
def test_add_working_days_matches_a_day_by_day_walk(start, n):
    assert CAL.add_working_days(start, n) == brute_add_working_days(CAL, start, n)


@settings(max_examples=200, deadline=None)
@given(start=dates, n=periods)
def test_add_working_days_is_strictly_increasing_in_n(start, n):
    assert CAL.add_working_days(start, n) < CAL.add_working_days(start, n + 1)


@settings(max_examples=300, deadline=None)
@given(start=dates, n=st.integers(min_value=0, max_value=400))
def test_add_calendar_days_is_the_first_working_day_on_or_after_start_plus_n(start, n):
    due = CAL.add_calendar_days(start, n)
    plain_end = start + dt.timedelta(days=n)
    assert due >= plain_end
    assert CAL.is_working_day(due)
    # every day between the plain end and the due date is a day off (the roll stops at the first working day)
    assert all(
        not CAL.is_working_day(plain_end + dt.timedelta(days=k)) for k in range((due - plain_end).days)
    )


@settings(max_examples=200, deadline=None)
@given(start=dates, n=st.integers(min_value=0, max_value=400))
def test_add_calendar_days_is_monotonic_in_n(start, n):
    assert CAL.add_calendar_days(start, n) <= CAL.add_calendar_days(start, n + 1)


@settings(max_examples=200, deadline=None)
@given(a=dates, b=dates, c=dates)
def test_working_days_between_adds_up_and_matches_counting(a, b, c):
    a, b, c = sorted((a, b, c))
    assert CAL.working_days_between(a, c) == CAL.working_days_between(a, b) + CAL.working_days_between(b, c)
    if (c - a).days <= 400:
        assert CAL.working_days_between(a, c) == brute_between(CAL, a, c)


@settings(max_examples=150, deadline=None)
@given(d=dates)
def test_next_working_day_is_the_first_working_day_after(d):
    nxt = CAL.next_working_day(d)
    assert nxt > d and CAL.is_working_day(nxt)
    assert CAL.working_days_between(d, nxt) == 1
