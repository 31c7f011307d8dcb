"""Vietnamese formats: money `1.234.567 đ`, dates dd/mm/yyyy, local time Asia/Ho_Chi_Minh."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone


def group_thousands(value: int) -> str:
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", ".")


def format_vnd(amount: int | Decimal | float | None) -> str:
    if amount is None or amount == "":
        return ""
    return f"{group_thousands(round(Decimal(amount)))} đ"


def format_number(value: int | None) -> str:
    return "" if value is None or value == "" else group_thousands(int(value))


# A day before this in a citizen's or an officer's form is a typing error (a year of 0001 or 1026), not a date
# of the Vietnamese administration: refused with a message instead of reaching rules that have no version then.
EARLIEST_PLAUSIBLE_DAY = dt.date(1945, 1, 1)


def implausible_day(value: dt.date | None) -> bool:
    return value is not None and value < EARLIEST_PLAUSIBLE_DAY


def format_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.strftime("%d/%m/%Y")


def format_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%H:%M %d/%m/%Y")


def local_today() -> dt.date:
    """Today in Asia/Ho_Chi_Minh (the server may run in UTC)."""
    return timezone.localdate()
