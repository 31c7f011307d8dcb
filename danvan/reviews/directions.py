"""The directions and tasks of the next period (section II of a report) as structured items: what, which units
(of the report's unit subtree), by when, an optional note.

Writes (one transaction and one audit record each, on the report's trail): `direction_add`, `direction_update`,
`direction_remove` — by an officer who prepares the report (`reviews.prepare` on its unit), only while the report
is editable (draft or returned). A submitted or approved report's directions are frozen with it: they are part
of the signed document. Reads: `directions_of(report)`, `unit_choices(report)` (the units a form offers: the
report's unit, its bodies and the units directly under it, in force at the start of the next period) and
`docx_lines(report)` (how section II of the DOCX lists them). `Direction.as_task_dict()` is the shape a
directives module will take them in (docs/architecture.md, M9).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from danvan.core.errors import DomainError
from danvan.core.formatting import format_date
from danvan.core.text import nfc
from danvan.units.models import COMMUNITY_KINDS, Unit

from .models import Direction, UnitReport
from .services import PREPARE, _audit, _expect_editable, _require

TITLE_MAX, NOTE_MAX = 500, 1000


def next_start(report: UnitReport) -> dt.date:
    return report.period.end + dt.timedelta(days=1)


def directions_of(report: UnitReport) -> list[Direction]:
    return list(report.directions.prefetch_related("units"))


def unit_choices(report: UnitReport) -> list[Unit]:
    """The report's unit, then the bodies and units directly under it, in force on the next period's first
    day (hamlets left out: a commune's directions go to the commune)."""
    day = next_start(report)
    below = (
        Unit.objects.filter(parent=report.unit)
        .exclude(kind__in=list(COMMUNITY_KINDS))
        .valid_on(day)
        .natural()
    )
    return [report.unit, *below]


def _clean(report: UnitReport, *, title, units, due, note) -> tuple[str, list[Unit], dt.date, str]:
    title = nfc(str(title or "")).strip()
    if not title:
        raise DomainError("Vui lòng nhập nội dung nhiệm vụ.", field="title", code="required")
    if len(title) > TITLE_MAX:
        raise DomainError(f"Nội dung nhiệm vụ không được dài quá {TITLE_MAX} ký tự.", field="title")
    note = nfc(str(note or "")).strip()
    if len(note) > NOTE_MAX:
        raise DomainError(f"Ghi chú không được dài quá {NOTE_MAX} ký tự.", field="note")
    if due is None:
        raise DomainError("Vui lòng nhập thời hạn hoàn thành.", field="due", code="required")
    if due <= report.period.end:
        raise DomainError(
            f"Thời hạn phải sau ngày kết thúc kỳ báo cáo ({format_date(report.period.end)}).", field="due"
        )
    units = list(units or [])
    if not units:
        raise DomainError("Vui lòng chọn ít nhất một đơn vị thực hiện.", field="units", code="required")
    day = next_start(report)
    for unit in units:
        if not report.unit.contains(unit):
            raise DomainError(f"{unit.name} không thuộc {report.unit.name}.", field="units")
        if not (unit.is_valid_on(day) or unit.is_valid_on(report.period.end)):
            raise DomainError(f"{unit.name} không còn tồn tại vào kỳ tới.", field="units")
    return title, units, due, note


def _editable(actor, report: UnitReport) -> UnitReport:
    _require(actor, PREPARE, report.unit, "Bạn không có quyền sửa báo cáo sơ kết của đơn vị này.")
    report = UnitReport.objects.select_for_update().select_related("unit", "period").get(pk=report.pk)
    _expect_editable(report)
    return report


@transaction.atomic
def direction_add(
    *, actor, report: UnitReport, title: str, units, due: dt.date | None, note: str = ""
) -> Direction:
    report = _editable(actor, report)
    title, units, due, note = _clean(report, title=title, units=units, due=due, note=note)
    last = report.directions.order_by("-order").values_list("order", flat=True).first()
    direction = Direction.objects.create(
        report=report, title=title, due=due, note=note, order=(last or 0) + 1
    )
    direction.units.set(units)
    _audit(actor, "review.direction_add", report, {"direction": [None, title], "due": [None, due]})
    return direction


def _direction(report: UnitReport, direction) -> Direction:
    pk = direction.pk if isinstance(direction, Direction) else direction
    found = Direction.objects.filter(report=report, pk=pk).first()
    if found is None:
        raise DomainError("Không tìm thấy nhiệm vụ này trong báo cáo.", code="not_found")
    return found


@transaction.atomic
def direction_update(
    *, actor, report: UnitReport, direction, title: str, units, due: dt.date | None, note: str = ""
) -> Direction:
    report = _editable(actor, report)
    direction = _direction(report, direction)
    title, units, due, note = _clean(report, title=title, units=units, due=due, note=note)
    changes = {}
    if direction.title != title:
        changes["direction"] = [direction.title, title]
    if direction.due != due:
        changes["due"] = [direction.due, due]
    if direction.note != note:
        changes["note"] = [direction.note, note]
    before = sorted(u.name for u in direction.units.all())
    after = sorted(u.name for u in units)
    if before != after:
        changes["units"] = [", ".join(before), ", ".join(after)]
    direction.title, direction.due, direction.note = title, due, note
    direction.save(update_fields=["title", "due", "note"])
    direction.units.set(units)
    if changes:
        changes.setdefault("direction", [None, title])
        _audit(actor, "review.direction_update", report, changes)
    return direction


@transaction.atomic
def direction_remove(*, actor, report: UnitReport, direction) -> None:
    report = _editable(actor, report)
    direction = _direction(report, direction)
    title = direction.title
    direction.delete()
    _audit(actor, "review.direction_remove", report, {"direction": [title, None]})


def docx_lines(report: UnitReport) -> list[str]:
    """Section II's list of tasks as the DOCX prints them: "1. <what> — đơn vị thực hiện: …; thời hạn:
    dd/mm/yyyy (<note>)."."""
    out = []
    for n, d in enumerate(directions_of(report), start=1):
        names = ", ".join(u.name for u in sorted(d.units.all(), key=lambda u: u.sort_path))
        line = f"{n}. {d.title} — đơn vị thực hiện: {names}; thời hạn: {format_date(d.due)}"
        if d.note:
            line += f" ({d.note})"
        out.append(line + ".")
    return out
