"""Reporting periods from their short names: "2020-H1" (1/1–30/6), "2020-H2" (1/7–31/12), "2020-9T"
(nine months) and "2020" (the year).

The cut-off day and the submission deadline are the usual practice (figures to the 15th of the period's last
month, the report in the first days after it); each period stores its own and an officer may change them.
"""

import datetime as dt
import re
from dataclasses import dataclass

from danvan.core.errors import DomainError

from .models import PeriodKind

_PATTERN = re.compile(r"^\s*(\d{4})(?:-(H1|H2|9T|M9))?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class PeriodBounds:
    kind: str
    year: int
    start: dt.date
    end: dt.date
    cutoff: dt.date
    deadline: dt.date
    title: str


def title_of(kind: str, year: int) -> str:
    return {
        PeriodKind.FIRST_HALF: f"6 tháng đầu năm {year}",
        PeriodKind.SECOND_HALF: f"6 tháng cuối năm {year}",
        PeriodKind.NINE_MONTHS: f"9 tháng năm {year}",
        PeriodKind.YEAR: f"Năm {year}",
    }.get(kind, f"Kỳ báo cáo năm {year}")


def bounds(kind: str, year: int) -> PeriodBounds:
    d = dt.date
    if kind == PeriodKind.FIRST_HALF:
        start, end, cutoff, deadline = d(year, 1, 1), d(year, 6, 30), d(year, 6, 15), d(year, 7, 5)
    elif kind == PeriodKind.SECOND_HALF:
        start, end, cutoff, deadline = d(year, 7, 1), d(year, 12, 31), d(year, 12, 15), d(year + 1, 1, 5)
    elif kind == PeriodKind.NINE_MONTHS:
        start, end, cutoff, deadline = d(year, 1, 1), d(year, 9, 30), d(year, 9, 15), d(year, 10, 5)
    elif kind == PeriodKind.YEAR:
        start, end, cutoff, deadline = d(year, 1, 1), d(year, 12, 31), d(year, 12, 15), d(year, 12, 20)
    else:
        raise ValueError(kind)
    return PeriodBounds(kind, year, start, end, cutoff, deadline, title_of(kind, year))


def parse_period(text: str) -> PeriodBounds:
    """ "2020-H1" → the first half of 2020; "2020" → the year. A DomainError for anything else."""
    m = _PATTERN.match(str(text or ""))
    if not m:
        raise DomainError(
            f"Kỳ báo cáo “{text}” không hợp lệ; ví dụ: 2020-H1 (6 tháng đầu năm), 2020-H2, 2020-9T, 2020.",
            field="period",
        )
    year = int(m.group(1))
    if not 1945 <= year <= 2200:
        raise DomainError(f"Năm {year} không hợp lệ.", field="period")
    suffix = (m.group(2) or "").upper()
    kind = {
        "H1": PeriodKind.FIRST_HALF,
        "H2": PeriodKind.SECOND_HALF,
        "9T": PeriodKind.NINE_MONTHS,
        "M9": PeriodKind.NINE_MONTHS,
        "": PeriodKind.YEAR,
    }[suffix]
    return bounds(kind, year)


def next_period_text(kind: str, year: int) -> str:
    """How the report names the period its directions are for."""
    return {
        PeriodKind.FIRST_HALF: f"6 tháng cuối năm {year}",
        PeriodKind.SECOND_HALF: f"năm {year + 1}",
        PeriodKind.NINE_MONTHS: f"3 tháng cuối năm {year}",
        PeriodKind.YEAR: f"năm {year + 1}",
    }.get(kind, "kỳ tới")
