"""The rulebook services: one deadline service used by every module.

Every statutory deadline of the platform — accepting a complaint, posting a disclosure, sending the minutes of a
community vote — is computed here and nowhere else:

    deadline = compute_deadline("complaint.accept", received_on)
    deadline.due, deadline.citation        # 05/03/2026, "Luật Khiếu nại số 02/2011/QH13, Điều 27, …"

`compute_deadline` takes the rule version in force **on the day that starts the clock** (`rule_in_force`), so
a complaint received on 30/06/2026 keeps 10 working days after Law 136/2025 shortened it to 7 on 01/07/2026.
Periods in "ngày làm việc" skip weekends, public holidays and swapped-off days; periods in "ngày" end on the
calendar day, rolled to the next working day when it is a day off (Civil Code 2015 Arts. 147–148). The
calendar is `work_calendar()`: the `holidays` package plus the swap table (`DaySwap`).

Writes (`rule_create`, `rule_update`, `rule_close`, `swap_set`, `swap_delete`) take the acting user, run in a
transaction, refuse overlapping versions of one key with a Vietnamese message, write the audit trail and
drop the caches. Reads are cached (the whole rulebook is a few dozen rows) in the Django cache.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.core.cache import cache
from django.db import transaction

from danvan.audit.services import audit_record, diff, snapshot
from danvan.core.errors import DomainError
from danvan.core.text import nfc
from danvan.core.workdays import FIRST_YEAR, LAST_YEAR, WorkCalendar, holidays_of_year

from .models import PERIOD_UNITS, THRESHOLD_UNITS, DaySwap, LegalRule, RuleUnit, SourceStatus, SwapKind

RULES_CACHE_KEY = "rulebook:rules:v1"
SWAPS_CACHE_KEY = "rulebook:swaps:v1"
CACHE_SECONDS = 300


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


# --- caches ------------------------------------------------------------------------------------------


def invalidate_caches() -> None:
    """Drop the cached rulebook and swap table (done by every write, now and again after commit)."""
    cache.delete_many([RULES_CACHE_KEY, SWAPS_CACHE_KEY])


def _invalidate_now_and_on_commit() -> None:
    invalidate_caches()
    transaction.on_commit(invalidate_caches)


def all_rules() -> list[LegalRule]:
    """Every version of every rule, ordered by key and start date (cached)."""
    rules = cache.get(RULES_CACHE_KEY)
    if rules is None:
        rules = list(LegalRule.objects.order_by("key", "valid_from"))
        cache.set(RULES_CACHE_KEY, rules, CACHE_SECONDS)
    return rules


def _swap_items() -> tuple[tuple[dt.date, bool], ...]:
    items = cache.get(SWAPS_CACHE_KEY)
    if items is None:
        items = tuple((s.date, s.kind == SwapKind.WORKED) for s in DaySwap.objects.order_by("date"))
        cache.set(SWAPS_CACHE_KEY, items, CACHE_SECONDS)
    return items


@lru_cache(maxsize=8)
def _calendar_for(items: tuple[tuple[dt.date, bool], ...]) -> WorkCalendar:
    return WorkCalendar(items)


def work_calendar() -> WorkCalendar:
    """The working-day calendar with the official swap days of the `DaySwap` table."""
    return _calendar_for(_swap_items())


# --- reading rules -----------------------------------------------------------------------------------


def known_keys() -> list[str]:
    return sorted({rule.key for rule in all_rules()})


def rule_in_force(key: str, on: dt.date, *, earliest_before_first: bool = False) -> LegalRule:
    """The version of rule `key` in force on `on`; DomainError when the key is unknown or has no version then.

    `earliest_before_first`: a day before the first version took effect gets that first version instead of an
    error — for limits that must be checked whatever the day (a complaint about an act learnt of in 2005 is
    judged by the earliest filing limit the rulebook knows, never let through unchecked)."""
    versions = [rule for rule in all_rules() if rule.key == key]
    if not versions:
        raise DomainError(
            f"Không có quy định mã “{key}” trong bộ quy định.", code="unknown_rule", field="rule"
        )
    for rule in versions:
        if rule.valid_from <= on and (rule.valid_to is None or on <= rule.valid_to):
            return rule
    first = min(versions, key=lambda r: r.valid_from)
    if earliest_before_first and on < first.valid_from:
        return first
    raise DomainError(
        f"Quy định “{versions[0].title}” ({key}) không có hiệu lực vào ngày {_d(on)}.",
        code="not_in_force",
        field="start",
    )


def rules_in_force(on: dt.date) -> list[LegalRule]:
    """Every rule in force on `on`, ordered by key."""
    return [r for r in all_rules() if r.valid_from <= on and (r.valid_to is None or on <= r.valid_to)]


# --- deadlines ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """A computed statutory deadline: the last day of the period and the rule it came from."""

    due: dt.date
    rule_key: str
    value: Decimal
    unit: str
    citation: str
    rule: LegalRule
    start: dt.date

    @property
    def whole_value(self) -> int:
        return int(self.value)

    @property
    def unit_label(self) -> str:
        return RuleUnit(self.unit).label


def _check_supported(day: dt.date, field: str) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise DomainError(
            f"Lịch làm việc chỉ tính được cho các ngày từ năm {FIRST_YEAR} đến năm {LAST_YEAR}.",
            code="out_of_range",
            field=field,
        )


def compute_deadline(
    rule_key: str,
    start: dt.date,
    calendar: WorkCalendar | None = None,
    *,
    earliest_before_first: bool = False,
) -> Deadline:
    """The due date of the period `rule_key` that starts on `start` (the start day itself is not counted).

    Uses the rule version in force on `start` (or the first version for a start before it, when
    `earliest_before_first`). "working_days" → `add_working_days`; "calendar_days" → `add_calendar_days`
    (rolled to the next working day); "months" → `add_calendar_months`. Thresholds (fractions, counts) are
    not periods and raise DomainError.
    """
    _check_supported(start, "start")
    rule = rule_in_force(rule_key, start, earliest_before_first=earliest_before_first)
    if rule.unit not in PERIOD_UNITS:
        raise DomainError(
            f"Quy định “{rule.title}” ({rule_key}) là {rule.get_unit_display()}, không phải là thời hạn.",
            code="not_a_period",
            field="rule",
        )
    n = rule.whole_value
    if n is None or n < 0:
        raise DomainError(f"Giá trị của quy định {rule_key} phải là số nguyên không âm.", code="bad_value")
    cal = calendar or work_calendar()
    if rule.unit == RuleUnit.WORKING_DAYS:
        due = cal.add_working_days(start, n)
    elif rule.unit == RuleUnit.CALENDAR_DAYS:
        due = cal.add_calendar_days(start, n)
    else:
        due = cal.add_calendar_months(start, n)
    return Deadline(
        due=due,
        rule_key=rule.key,
        value=rule.value,
        unit=rule.unit,
        citation=rule.citation,
        rule=rule,
        start=start,
    )


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`, on the calendar with the swap days."""
    _check_supported(start, "start")
    _check_supported(end, "end")
    return work_calendar().working_days_between(start, end)


# --- writing rules -----------------------------------------------------------------------------------

RULE_FIELDS = (
    "title",
    "value",
    "unit",
    "comparator",
    "valid_from",
    "valid_to",
    "citation",
    "source_status",
    "note",
)


def _clean_rule(rule: LegalRule) -> None:
    """Validate one rule version (not yet its neighbours); normalises text in place."""
    rule.key = (rule.key or "").strip()
    rule.comparator = rule.comparator or ""
    rule.title = nfc((rule.title or "").strip())
    rule.citation = nfc((rule.citation or "").strip())
    rule.note = nfc((rule.note or "").strip())
    if not rule.key or "." not in rule.key or " " in rule.key:
        raise DomainError("Mã quy định phải có dạng “lĩnh-vực.tên”, ví dụ complaint.accept.", field="key")
    if not rule.title:
        raise DomainError("Vui lòng nhập tên quy định.", field="title")
    if not rule.citation:
        raise DomainError("Vui lòng ghi căn cứ pháp lý (văn bản, điều, khoản).", field="citation")
    if rule.unit not in RuleUnit.values:
        raise DomainError("Đơn vị tính không hợp lệ.", field="unit")
    if rule.source_status not in SourceStatus.values:
        raise DomainError("Mức độ kiểm chứng không hợp lệ.", field="source_status")
    try:
        rule.value = Decimal(str(rule.value))
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError("Giá trị phải là một số.", field="value")
    if rule.value < 0:
        raise DomainError("Giá trị không được âm.", field="value")
    if rule.unit in PERIOD_UNITS:
        if rule.value != rule.value.to_integral_value():
            raise DomainError(
                "Thời hạn phải là một số nguyên (ngày, ngày làm việc hoặc tháng).", field="value"
            )
        if rule.comparator:
            raise DomainError("Thời hạn không dùng cách so sánh; hãy để trống.", field="comparator")
    elif rule.unit in THRESHOLD_UNITS:
        if not rule.comparator:
            raise DomainError("Tỷ lệ và số lượng cần cách so sánh (≥, > hoặc ≤).", field="comparator")
        if rule.unit == RuleUnit.FRACTION and not (0 < rule.value <= 1):
            raise DomainError("Tỷ lệ phải lớn hơn 0 và không quá 1 (ví dụ 2/3 nhập 0.666667).", field="value")
    if rule.valid_from is None:
        raise DomainError("Vui lòng nhập ngày bắt đầu hiệu lực.", field="valid_from")
    if rule.valid_to is not None and rule.valid_to < rule.valid_from:
        raise DomainError("Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực.", field="valid_to")


def _check_overlap(rule: LegalRule) -> None:
    """Two versions of one key may not be in force on the same day."""
    others = LegalRule.objects.filter(key=rule.key).exclude(pk=rule.pk).order_by("valid_from")
    if transaction.get_connection().in_atomic_block:
        others = others.select_for_update()  # two concurrent writes of one key wait for each other
    for other in others:
        starts_before_other_ends = other.valid_to is None or rule.valid_from <= other.valid_to
        ends_after_other_starts = rule.valid_to is None or other.valid_from <= rule.valid_to
        if starts_before_other_ends and ends_after_other_starts:
            until = f"đến {_d(other.valid_to)}" if other.valid_to else "không thời hạn"
            advice = (
                f" Hãy đặt ngày hết hiệu lực của bản cũ là {_d(rule.valid_from - dt.timedelta(days=1))} trước."
                if other.valid_from < rule.valid_from and other.valid_to is None
                else ""
            )
            raise DomainError(
                f"Quy định {rule.key} đã có bản hiệu lực từ {_d(other.valid_from)} {until}; "
                f"hai bản của cùng một quy định không được trùng thời gian hiệu lực.{advice}",
                code="overlap",
                field="valid_from",
            )


def rule_check(rule: LegalRule) -> None:
    """Validate an unsaved or changed rule version against the rules and its neighbours (no write).

    Raises DomainError (with `field`) exactly as `rule_create`/`rule_update` would; forms call it to show the
    message next to the field. Normalises the text fields of `rule` in place.
    """
    _clean_rule(rule)
    if LegalRule.objects.filter(key=rule.key, valid_from=rule.valid_from).exclude(pk=rule.pk).exists():
        raise DomainError(
            f"Quy định {rule.key} đã có bản hiệu lực từ {_d(rule.valid_from)}.", field="valid_from"
        )
    _check_overlap(rule)


@transaction.atomic
def rule_create(
    *,
    actor,
    key: str,
    title: str,
    value,
    unit: str,
    valid_from: dt.date,
    citation: str,
    valid_to: dt.date | None = None,
    comparator: str = "",
    source_status: str = SourceStatus.UNVERIFIED,
    note: str = "",
) -> LegalRule:
    """Add a rule, or a new version of a rule (which must not overlap the existing versions)."""
    rule = LegalRule(
        key=key,
        title=title,
        value=value,
        unit=unit,
        comparator=comparator or "",
        valid_from=valid_from,
        valid_to=valid_to,
        citation=citation,
        source_status=source_status,
        note=note or "",
    )
    rule_check(rule)
    rule.save()
    audit_record(
        actor=actor,
        action="rule.create",
        obj=rule,
        changes={k: [None, v] for k, v in snapshot(rule).items() if k != "id"},
    )
    _invalidate_now_and_on_commit()
    return rule


@transaction.atomic
def rule_update(*, actor, rule: LegalRule, **fields) -> LegalRule:
    """Change a rule version; the key is fixed (a new key is a new rule)."""
    unknown = set(fields) - set(RULE_FIELDS)
    if unknown:
        raise DomainError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    rule = LegalRule.objects.select_for_update().get(pk=rule.pk)
    before = snapshot(rule)
    for name, value in fields.items():
        setattr(rule, name, value)
    rule_check(rule)
    rule.save()
    changes = diff(before, rule)
    if changes:
        audit_record(actor=actor, action="rule.update", obj=rule, changes=changes)
    _invalidate_now_and_on_commit()
    return rule


@transaction.atomic
def rule_close(*, actor, rule: LegalRule, valid_to: dt.date) -> LegalRule:
    """End a rule version on `valid_to` (inclusive), e.g. the day before a new law takes over."""
    rule = LegalRule.objects.select_for_update().get(pk=rule.pk)
    if valid_to < rule.valid_from:
        raise DomainError(
            f"Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực ({_d(rule.valid_from)}).",
            field="valid_to",
        )
    old = rule.valid_to
    rule.valid_to = valid_to
    rule.save(update_fields=["valid_to", "updated_at"])
    audit_record(
        actor=actor,
        action="rule.close",
        obj=rule,
        changes={"valid_to": [old.isoformat() if old else None, valid_to.isoformat()]},
    )
    _invalidate_now_and_on_commit()
    return rule


# --- swap days ---------------------------------------------------------------------------------------


def swap_check(*, date: dt.date, kind: str, paired_date: dt.date | None = None) -> None:
    """Validate a swap day (no write); DomainError with `field` when it is not acceptable."""
    if date is None:
        raise DomainError("Vui lòng nhập ngày.", field="date")
    if kind not in SwapKind.values:
        raise DomainError("Loại ngày hoán đổi phải là “Làm bù” hoặc “Nghỉ bù”.", field="kind")
    if kind == SwapKind.WORKED and date.weekday() < 5 and date not in holidays_of_year(date.year):
        # A worked weekday is only meaningful to cancel a holiday the `holidays` package lists wrongly.
        raise DomainError(
            f"Ngày làm bù {_d(date)} phải là thứ Bảy, Chủ nhật hoặc một ngày lễ cần đi làm (không nghỉ).",
            field="date",
        )
    if kind == SwapKind.OFF and date.weekday() >= 5:
        raise DomainError(f"Ngày nghỉ bù {_d(date)} phải là một ngày từ thứ Hai đến thứ Sáu.", field="date")
    if paired_date is not None and paired_date == date:
        raise DomainError("Ngày hoán đổi tương ứng phải khác ngày đang khai báo.", field="paired_date")


@transaction.atomic
def swap_set(
    *,
    actor,
    date: dt.date,
    kind: str,
    paired_date: dt.date | None = None,
    citation: str = "",
    note: str = "",
) -> DaySwap:
    """Record (or change) the official swap on `date`: a worked Saturday/Sunday or a weekday off."""
    swap_check(date=date, kind=kind, paired_date=paired_date)
    existing = DaySwap.objects.select_for_update().filter(date=date).first()
    before = snapshot(existing) if existing else None
    swap, created = DaySwap.objects.update_or_create(
        date=date,
        defaults={
            "kind": kind,
            "paired_date": paired_date,
            "citation": nfc((citation or "").strip()),
            "note": nfc((note or "").strip()),
        },
    )
    changes = (
        {k: [None, v] for k, v in snapshot(swap).items() if k != "id"} if created else diff(before, swap)
    )
    if changes:
        audit_record(actor=actor, action="swap.set", obj=swap, changes=changes)
    _invalidate_now_and_on_commit()
    return swap


@transaction.atomic
def swap_delete(*, actor, swap: DaySwap) -> None:
    """Remove a swap day (the date goes back to the plain calendar)."""
    before = snapshot(swap)
    audit_record(
        actor=actor, action="swap.delete", obj=swap, changes={k: [v, None] for k, v in before.items()}
    )
    swap.delete()
    _invalidate_now_and_on_commit()
