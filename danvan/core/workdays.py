"""Vietnamese working days and legal periods — pure functions, no database.

A `WorkCalendar` answers "is this a working day of the state administration?" from three layers:

1. the working week: Monday–Friday (40-hour week of state agencies);
2. the public holidays of the `holidays` package for Vietnam (`holidays.country_holidays("VN")`): New Year,
   the five days of lunar Tết, the Hùng Kings' day, 30/4, 1/5, the two days of National Day, Vietnam Culture
   Day 24/11 from 2026, and their compensatory days (nghỉ bù, Labour Code 2019 Art. 111(3), Art. 112);
3. the official day swaps of each year (hoán đổi ngày làm việc), given as a mapping `date → worked`:
   `True` makes the date a working day (a make-up Saturday, e.g. Sat 26/04/2025), `False` makes it a day off
   (e.g. Fri 02/05/2025). A swap always wins over layers 1 and 2.

Counting follows the Civil Code 2015 (Bộ luật Dân sự, Law 91/2015/QH13):

- Art. 147: when a period is counted in days, the day of the event that starts it is **not** counted;
- Art. 148(5): if the last day of a period is a weekly rest day or a public holiday, the period ends at the
  end of the next working day.

So `add_calendar_days(start, n)` is a period in "ngày" (calendar days) and `add_working_days(start, n)` a
period in "ngày làm việc" (working days); both return the last day of the period. The database-backed
calendar (with the swap table an administrator maintains) is `danvan.rulebook.services.work_calendar()`;
the module-level functions below use a calendar without any swap unless one is passed.

Efficiency: holidays are computed once per year (cached); the days that break the Monday–Friday pattern
are kept per year in a sorted list, so counting working days across several years is a few bisections,
and adding working days jumps whole weeks before walking the last few days.
"""

from __future__ import annotations

import bisect
import calendar as _calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from functools import lru_cache

import holidays
from django.utils.translation import gettext_noop

# The reason given for a weekday made a day off (public holidays keep their own names); translated where shown.
SWAPPED_DAY_OFF = gettext_noop("Nghỉ bù (hoán đổi ngày làm việc)")

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "WorkCalendar",
    "add_calendar_days",
    "add_calendar_months",
    "add_working_days",
    "holidays_of_year",
    "is_working_day",
    "next_working_day",
    "working_days_between",
]

SATURDAY = 5
# The lunar calendar of the `holidays` package (Tết, Hùng Kings) covers these years; outside them only the
# solar holidays would be known, so callers should refuse dates outside this range.
FIRST_YEAR, LAST_YEAR = 1901, 2100
_ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=256)
def holidays_of_year(year: int) -> dict[dt.date, str]:
    """Public holidays (with their Vietnamese names) that fall in `year`, from the `holidays` package.

    The neighbouring years are included in the computation so that an observed day spilling over the new
    year is not lost; only dates inside `year` are returned.
    """
    days = holidays.country_holidays("VN", years=[year - 1, year, year + 1], language="vi")
    return {day: name for day, name in sorted(days.items()) if day.year == year}


def _is_weekday(d: dt.date) -> bool:
    return d.weekday() < SATURDAY


def _weekdays_between(start: dt.date, end: dt.date) -> int:
    """Monday–Friday dates in (start, end]; 0 when end <= start."""
    if end <= start:
        return 0
    return _weekdays_upto(end) - _weekdays_upto(start)


def _weekdays_upto(d: dt.date) -> int:
    """Monday–Friday dates from a fixed Monday (proleptic ordinal 1 is a Monday) up to and including `d`."""
    ordinal = d.toordinal()  # ordinal 1 = Monday 01/01/0001
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


class WorkCalendar:
    """The working-day calendar: weekends, public holidays and the official swaps.

    `swaps` maps a date to `True` (worked: a Saturday made a working day) or `False` (off: a weekday made a
    day off). Instances are immutable once built and safe to share between threads.
    """

    def __init__(self, swaps: Mapping[dt.date, bool] | Iterable[tuple[dt.date, bool]] | None = None):
        items = swaps.items() if isinstance(swaps, Mapping) else (swaps or ())
        self._swaps: dict[dt.date, bool] = {day: bool(worked) for day, worked in items}
        self._exceptions: dict[int, tuple[list[int], list[int]]] = {}

    def __repr__(self) -> str:
        return f"WorkCalendar(swaps={len(self._swaps)})"

    @property
    def swaps(self) -> dict[dt.date, bool]:
        return dict(self._swaps)

    # --- single days ---------------------------------------------------------------------------------

    def holiday_name(self, d: dt.date) -> str | None:
        """The public holiday on `d` (Vietnamese name), or None."""
        return holidays_of_year(d.year).get(d)

    def is_working_day(self, d: dt.date) -> bool:
        """True when state agencies work on `d`: a swap decides first, then weekends and holidays."""
        swapped = self._swaps.get(d)
        if swapped is not None:
            return swapped
        return _is_weekday(d) and d not in holidays_of_year(d.year)

    def next_working_day(self, d: dt.date) -> dt.date:
        """The first working day strictly after `d`."""
        d += _ONE_DAY
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def working_day_on_or_after(self, d: dt.date) -> dt.date:
        """`d` itself when it is a working day, else the next working day (the Civil Code Art. 148(5) roll)."""
        return d if self.is_working_day(d) else self.next_working_day(d)

    # --- counting ------------------------------------------------------------------------------------

    def _year_exceptions(self, year: int) -> tuple[list[int], list[int]]:
        """Sorted ordinals of the dates of `year` that break the Monday–Friday rule:
        (weekend dates that are worked, weekdays that are off)."""
        cached = self._exceptions.get(year)
        if cached is not None:
            return cached
        extra_worked: set[dt.date] = set()
        weekdays_off: set[dt.date] = {d for d in holidays_of_year(year) if _is_weekday(d)}
        for day, worked in self._swaps.items():
            if day.year != year:
                continue
            if worked:
                weekdays_off.discard(day)
                if not _is_weekday(day):
                    extra_worked.add(day)
            elif _is_weekday(day):
                weekdays_off.add(day)
        result = (sorted(d.toordinal() for d in extra_worked), sorted(d.toordinal() for d in weekdays_off))
        self._exceptions[year] = result
        return result

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (Civil Code Art. 147: the start day is not
        counted); 0 when `end <= start`."""
        if end <= start:
            return 0
        count = _weekdays_between(start, end)
        lo, hi = start.toordinal(), end.toordinal()
        for year in range(start.year, end.year + 1):
            worked, off = self._year_exceptions(year)
            count += bisect.bisect_right(worked, hi) - bisect.bisect_right(worked, lo)
            count -= bisect.bisect_right(off, hi) - bisect.bisect_right(off, lo)
        return count

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after `start` — the last day of a period of `n` "ngày làm việc".

        The start day is not counted (Civil Code 2015 Art. 147), so a period starting on a Friday with
        n = 1 ends on the next Monday (or later if that is a holiday). `n = 0` returns `start` unchanged.
        """
        if n < 0:
            raise ValueError("n must be >= 0")
        d, remaining = start, n
        # Jump whole weeks while at least 8 working days remain: a week holds at most 7 working days,
        # so the jump can never pass the target.
        while remaining > 7:
            weeks = (remaining - 1) // 7
            jump_to = d + dt.timedelta(weeks=weeks)
            remaining -= self.working_days_between(d, jump_to)
            d = jump_to
        while remaining > 0:
            d += _ONE_DAY
            if self.is_working_day(d):
                remaining -= 1
        return d

    def add_calendar_days(self, start: dt.date, n: int) -> dt.date:
        """The last day of a period of `n` calendar days ("ngày") starting on `start`.

        Civil Code 2015 Art. 147: the start day is not counted, so the period runs to `start + n`;
        Art. 148(5): if that day is a weekend, a public holiday or a swapped-off day, the period ends at the
        end of the next working day.
        """
        if n < 0:
            raise ValueError("n must be >= 0")
        return self.working_day_on_or_after(start + dt.timedelta(days=n))

    def add_calendar_months(self, start: dt.date, n: int) -> dt.date:
        """The last day of a period of `n` months starting on `start` (Civil Code 2015 Art. 148): the day
        with the same number in the last month, or that month's last day when it has no such day; rolled to
        the next working day when it is not one (Art. 148(5))."""
        if n < 0:
            raise ValueError("n must be >= 0")
        month_index = start.month - 1 + n
        year, month = start.year + month_index // 12, month_index % 12 + 1
        day = min(start.day, _calendar.monthrange(year, month)[1])
        return self.working_day_on_or_after(dt.date(year, month, day))

    def non_working_days(self, start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
        """Days off in (start, end] that are not plain Saturdays/Sundays, with the reason (for display)."""
        result = []
        d = start + _ONE_DAY
        while d <= end:
            if not self.is_working_day(d):
                swapped = self._swaps.get(d)
                name = self.holiday_name(d)
                if swapped is False and _is_weekday(d):
                    result.append((d, name or SWAPPED_DAY_OFF))
                elif name:
                    result.append((d, name))
            d += _ONE_DAY
        return result


_PLAIN = WorkCalendar()


def _cal(calendar: WorkCalendar | None) -> WorkCalendar:
    return calendar if calendar is not None else _PLAIN


def is_working_day(d: dt.date, calendar: WorkCalendar | None = None) -> bool:
    """See `WorkCalendar.is_working_day`; without `calendar`, no swap day is known."""
    return _cal(calendar).is_working_day(d)


def next_working_day(d: dt.date, calendar: WorkCalendar | None = None) -> dt.date:
    """The first working day strictly after `d`."""
    return _cal(calendar).next_working_day(d)


def add_working_days(start: dt.date, n: int, calendar: WorkCalendar | None = None) -> dt.date:
    """The n-th working day after `start` (start day not counted, Civil Code 2015 Art. 147)."""
    return _cal(calendar).add_working_days(start, n)


def add_calendar_days(start: dt.date, n: int, calendar: WorkCalendar | None = None) -> dt.date:
    """`start + n` days, rolled to the next working day when it is a day off (Civil Code 2015 Arts. 147–148)."""
    return _cal(calendar).add_calendar_days(start, n)


def add_calendar_months(start: dt.date, n: int, calendar: WorkCalendar | None = None) -> dt.date:
    """A period of `n` months (Civil Code 2015 Art. 148), rolled to the next working day."""
    return _cal(calendar).add_calendar_months(start, n)


def working_days_between(start: dt.date, end: dt.date, calendar: WorkCalendar | None = None) -> int:
    """Working days after `start` up to and including `end`; 0 when `end <= start`."""
    return _cal(calendar).working_days_between(start, end)
