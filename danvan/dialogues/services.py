"""Writes of citizen reception (M3): schedules, reception days and the reception log.

Every write is `<entity>_<verb>(*, actor, …)`: one transaction, the actor's permission on the unit
(`reception.manage`), one audit record (never with a denouncer's identity). Days come from the working-day
calendar with the official swaps (`rulebook.services.work_calendar`): a reception day is never a weekend, a
public holiday or a swapped-off day. `today` may be given (demo data, tests); it defaults to the local day.

- `schedule_create` / `schedule_close`: a regular schedule (weekdays of each week and/or days of each month);
- `sessions_generate`: its concrete days in a range (from today on). A slot on a day off moves to the next
  working day of the same week (weekday slots) or month (month-day slots), else it is skipped and reported;
- `session_add` (ad hoc), `session_cancel` (with a reason, optionally replaced by another day);
- `visit_log`: one visit in the reception log and its outcome — a new case on the reception channel through
  `cases.services.case_submit` (a denunciation's identity is encrypted there; the visit keeps only the case's
  redacted text and no name), a link to an existing case, guidance on the spot, or a refusal on a ground of
  Law 42/2013 Art. 9. A visit that hands a matter to the unit gets the written answer's due date
  (`reception.answer` working days, the rule in force on the visit day).
"""

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from danvan.access.policy import has_unit_perm
from danvan.audit.services import audit_record
from danvan.cases import services as case_services
from danvan.cases.models import Case, Channel, Kind
from danvan.core.errors import DomainError, DomainErrors, ErrorCollector
from danvan.core.formatting import format_date, local_today
from danvan.core.text import clean_text
from danvan.rulebook.services import compute_deadline, work_calendar

from .models import (
    COMMITMENT_ACTIVE,
    REFUSAL_CITATION,
    AgendaItem,
    Commitment,
    CommitmentNote,
    CommitmentStatus,
    Dialogue,
    DialogueStatus,
    HostRole,
    ReceptionSchedule,
    ReceptionSession,
    ReceptionVisit,
    RefusalGround,
    SessionOrigin,
    SessionStatus,
    VisitOutcome,
)
from .rules import ANSWER_RULE

TEXT_MAX = 4000
MAX_GENERATE_DAYS = 366
MAX_GROUP = 10000
WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def _require(
    actor, unit, message: str = "Bạn không có quyền quản lý lịch tiếp công dân của đơn vị này."
) -> None:
    if not has_unit_perm(actor, "reception.manage", unit):
        raise DomainError(message, code="forbidden")


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


_text = clean_text


def _audit(actor, action: str, obj, unit, changes: dict) -> None:
    audit_record(actor=_user(actor), action=action, obj=obj, unit=unit, changes=changes)


def day_off_reason(day: dt.date) -> str | None:
    """Why `day` is not a working day ("Chủ nhật", "Tết Nguyên Đán", "Nghỉ bù …"), or None when it is one."""
    cal = work_calendar()
    if cal.is_working_day(day):
        return None
    name = cal.holiday_name(day)
    if name:
        return name
    if day.weekday() >= 5:
        return WEEKDAY_NAMES[day.weekday()]
    return "Ngày nghỉ bù (hoán đổi ngày làm việc)"


def _working_day(day: dt.date, *, field: str = "day") -> None:
    reason = day_off_reason(day)
    if reason:
        raise DomainError(
            f"Ngày {format_date(day)} không phải là ngày làm việc ({reason}); vui lòng chọn ngày khác.",
            code="day_off",
            field=field,
        )


def _not_past(day: dt.date, today: dt.date, *, field: str = "day") -> None:
    if day < today:
        raise DomainError(
            f"Ngày {format_date(day)} đã qua; chỉ lập lịch tiếp từ hôm nay ({format_date(today)}) trở đi.",
            code="past",
            field=field,
        )


# ---------------------------------------------------------------- schedules

DEFAULT_START, DEFAULT_END = dt.time(7, 30), dt.time(11, 30)


def _hours(start_time, end_time) -> None:
    if start_time is None or end_time is None:
        raise DomainError("Vui lòng nhập giờ bắt đầu và giờ kết thúc.", field="start_time")
    if end_time <= start_time:
        raise DomainError("Giờ kết thúc phải sau giờ bắt đầu.", field="end_time")


def _clean_days(values, *, low: int, high: int, field: str, label: str) -> list[int]:
    try:
        days = sorted({int(v) for v in values or ()})
    except (TypeError, ValueError):
        raise DomainError(f"{label} không hợp lệ.", field=field)
    if any(d < low or d > high for d in days):
        raise DomainError(f"{label} không hợp lệ.", field=field)
    return days


@transaction.atomic
def schedule_create(
    *,
    actor,
    unit,
    host_role: str,
    host_name: str,
    place: str,
    weekdays=(),
    month_days=(),
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    deputy_name: str = "",
    note: str = "",
    start_time: dt.time = DEFAULT_START,
    end_time: dt.time = DEFAULT_END,
) -> ReceptionSchedule:
    """A regular reception schedule of `unit`: one host, weekdays (0 = Monday … 4 = Friday) and/or days of
    the month (1–31). Every field is checked before anything is refused (DomainErrors)."""
    _require(actor, unit)
    errors = ErrorCollector()
    s = {}
    with errors.step():
        if host_role not in HostRole.values:
            raise DomainError("Vui lòng chọn chức danh người tiếp.", field="host_role")
    with errors.step():
        s["host_name"] = _text(host_name, field="host_name", label="họ tên người tiếp", max_length=160)
    with errors.step():
        s["deputy_name"] = _text(
            deputy_name, field="deputy_name", label="người tiếp thay", max_length=160, required=False
        )
    with errors.step():
        s["place"] = _text(place, field="place", label="địa điểm tiếp")
    with errors.step():
        s["note"] = _text(
            note, field="note", label="ghi chú", max_length=TEXT_MAX, required=False, lines=True
        )
    s["weekdays"], s["month_days"] = [], []
    with errors.step():
        s["weekdays"] = _clean_days(weekdays, low=0, high=6, field="weekdays", label="Thứ trong tuần")
        weekend = [d for d in s["weekdays"] if d >= 5]
        if weekend:
            raise DomainError(
                f"{WEEKDAY_NAMES[weekend[0]]} không phải là ngày làm việc; vui lòng chọn từ Thứ Hai đến Thứ Sáu.",
                field="weekdays",
            )
    with errors.step():
        s["month_days"] = _clean_days(
            month_days, low=1, high=31, field="month_days", label="Ngày trong tháng"
        )
    with errors.step():
        if not s["weekdays"] and not s["month_days"]:
            raise DomainError(
                "Vui lòng chọn ít nhất một thứ trong tuần hoặc một ngày trong tháng để tiếp công dân.",
                field="weekdays",
            )
    with errors.step():
        if valid_from is None:
            raise DomainError("Vui lòng nhập ngày áp dụng.", field="valid_from")
        if valid_to is not None and valid_to < valid_from:
            raise DomainError("Ngày kết thúc phải sau ngày bắt đầu áp dụng.", field="valid_to")
    with errors.step():
        _hours(start_time, end_time)
    errors.raise_if_any()
    schedule = ReceptionSchedule.objects.create(
        unit=unit,
        host_role=host_role,
        start_time=start_time,
        end_time=end_time,
        valid_from=valid_from,
        valid_to=valid_to,
        created_by=_user(actor),
        **s,
    )
    _audit(
        actor,
        "reception.schedule_create",
        schedule,
        unit,
        {
            "host_role": [None, host_role],
            "host_name": [None, s["host_name"]],
            "valid_from": [None, valid_from],
        },
    )
    return schedule


@transaction.atomic
def schedule_close(*, actor, schedule: ReceptionSchedule, valid_to: dt.date) -> ReceptionSchedule:
    """End a schedule on `valid_to`; its planned days after that day are cancelled."""
    _require(actor, schedule.unit)
    if valid_to < schedule.valid_from:
        raise DomainError("Ngày kết thúc phải sau ngày bắt đầu áp dụng.", field="valid_to")
    before = schedule.valid_to
    schedule.valid_to = valid_to
    schedule.save(update_fields=["valid_to", "updated_at"])
    schedule.sessions.filter(day__gt=valid_to, status=SessionStatus.PLANNED).update(
        status=SessionStatus.CANCELLED, cancel_reason="Lịch định kỳ đã kết thúc."
    )
    _audit(actor, "reception.schedule_close", schedule, schedule.unit, {"valid_to": [before, valid_to]})
    return schedule


@dataclass
class Generated:
    created: list[ReceptionSession] = field(default_factory=list)
    moved: list[tuple[dt.date, dt.date]] = field(default_factory=list)  # (slot, day it moved to)
    skipped: list[tuple[dt.date, str]] = field(default_factory=list)  # (slot, why)


def schedule_slots(schedule: ReceptionSchedule, start: dt.date, end: dt.date) -> list[dt.date]:
    """The nominal days of `schedule` in [start, end] ∩ its validity (before the calendar is applied)."""
    lo = max(start, schedule.valid_from)
    hi = min(end, schedule.valid_to) if schedule.valid_to else end
    weekdays, month_days = set(schedule.weekdays or ()), set(schedule.month_days or ())
    slots, d = [], lo
    while d <= hi:
        if d.weekday() in weekdays or d.day in month_days:
            slots.append(d)
        d += dt.timedelta(days=1)
    return slots


def _landing_day(slot: dt.date, by_month_day: bool, cal) -> dt.date | None:
    """`slot` when it is a working day; else the next working day of the same week (weekday slots) or month
    (month-day slots); None when there is none."""
    if cal.is_working_day(slot):
        return slot
    last = (
        slot.replace(day=_calendar.monthrange(slot.year, slot.month)[1])
        if by_month_day
        else slot + dt.timedelta(days=6 - slot.weekday())
    )
    d = slot + dt.timedelta(days=1)
    while d <= last:
        if cal.is_working_day(d):
            return d
        d += dt.timedelta(days=1)
    return None


@transaction.atomic
def sessions_generate(
    *, actor, schedule: ReceptionSchedule, start: dt.date, end: dt.date, today: dt.date | None = None
) -> Generated:
    """Create the reception days of `schedule` in [start, end] (not before today), announced today."""
    _require(actor, schedule.unit)
    today = today or local_today()
    if end < start:
        raise DomainError("Ngày kết thúc phải sau ngày bắt đầu.", field="end")
    if (end - start).days > MAX_GENERATE_DAYS:
        raise DomainError("Mỗi lần chỉ lập lịch cho tối đa một năm.", field="end")
    start = max(start, today)
    cal = work_calendar()
    result = Generated()
    taken = set(
        schedule.unit.reception_sessions.filter(
            host_role=schedule.host_role, status=SessionStatus.PLANNED, day__gte=start
        ).values_list("day", flat=True)
    )
    weekdays = set(schedule.weekdays or ())
    for slot in schedule_slots(schedule, start, end):
        by_month_day = slot.weekday() not in weekdays
        day = _landing_day(slot, by_month_day, cal)
        if day is None:
            result.skipped.append((slot, day_off_reason(slot) or ""))
            continue
        if day in taken or (schedule.valid_to and day > schedule.valid_to) or day > end:
            if day != slot:
                result.skipped.append((slot, day_off_reason(slot) or ""))
            continue
        taken.add(day)
        if day != slot:
            result.moved.append((slot, day))
        result.created.append(
            ReceptionSession.objects.create(
                unit=schedule.unit,
                schedule=schedule,
                day=day,
                host_role=schedule.host_role,
                host_name=schedule.host_name,
                place=schedule.place,
                start_time=schedule.start_time,
                end_time=schedule.end_time,
                origin=SessionOrigin.SCHEDULE,
                moved_from=slot if day != slot else None,
                posted_on=today,
                created_by=_user(actor),
            )
        )
    _audit(
        actor,
        "reception.sessions_generate",
        schedule,
        schedule.unit,
        {"sessions": [None, len(result.created)], "start": [None, start], "end": [None, end]},
    )
    return result


def _check_free(unit, host_role: str, day: dt.date) -> None:
    if ReceptionSession.objects.filter(
        unit=unit, host_role=host_role, day=day, status=SessionStatus.PLANNED
    ).exists():
        raise DomainError(
            f"Ngày {format_date(day)} đã có lịch tiếp của {HostRole(host_role).label.lower()}.",
            code="taken",
            field="day",
        )


@transaction.atomic
def session_add(
    *,
    actor,
    unit,
    day: dt.date,
    host_role: str,
    host_name: str,
    place: str,
    today: dt.date | None = None,
    start_time: dt.time = DEFAULT_START,
    end_time: dt.time = DEFAULT_END,
) -> ReceptionSession:
    """An ad-hoc reception day (tiếp đột xuất) on a working day from today on."""
    _require(actor, unit)
    today = today or local_today()
    errors = ErrorCollector()
    with errors.step():
        if host_role not in HostRole.values:
            raise DomainError("Vui lòng chọn chức danh người tiếp.", field="host_role")
    with errors.step():
        host_name = _text(host_name, field="host_name", label="họ tên người tiếp", max_length=160)
    with errors.step():
        place = _text(place, field="place", label="địa điểm tiếp")
    with errors.step():
        if day is None:
            raise DomainError("Vui lòng chọn ngày tiếp.", field="day")
        _not_past(day, today)
        _working_day(day)
    with errors.step():
        _hours(start_time, end_time)
    errors.raise_if_any()
    _check_free(unit, host_role, day)
    session = ReceptionSession.objects.create(
        unit=unit,
        day=day,
        start_time=start_time,
        end_time=end_time,
        host_role=host_role,
        host_name=host_name,
        place=place,
        origin=SessionOrigin.AD_HOC,
        posted_on=today,
        created_by=_user(actor),
    )
    _audit(
        actor, "reception.session_add", session, unit, {"day": [None, day], "host_role": [None, host_role]}
    )
    return session


@transaction.atomic
def session_cancel(
    *,
    actor,
    session: ReceptionSession,
    reason: str,
    replacement_day: dt.date | None = None,
    today: dt.date | None = None,
) -> ReceptionSession | None:
    """Cancel a reception day with its reason; with `replacement_day`, announce another day in its place
    (returned). Nothing is stored when any check fails."""
    _require(actor, session.unit)
    today = today or local_today()
    session = ReceptionSession.objects.select_for_update().get(pk=session.pk)
    reason = _text(reason, field="reason", label="lý do huỷ buổi tiếp", max_length=TEXT_MAX, lines=True)
    if session.is_cancelled:
        raise DomainError("Buổi tiếp này đã được huỷ trước đó.", code="cancelled")
    if session.day < today:
        raise DomainError("Buổi tiếp đã qua, không huỷ được.", code="past")
    session.status = SessionStatus.CANCELLED
    session.cancel_reason = reason
    session.save(update_fields=["status", "cancel_reason", "updated_at"])
    replacement = None
    if replacement_day is not None:
        _not_past(replacement_day, today, field="replacement_day")
        _working_day(replacement_day, field="replacement_day")
        _check_free(session.unit, session.host_role, replacement_day)
        replacement = ReceptionSession.objects.create(
            unit=session.unit,
            schedule=session.schedule,
            day=replacement_day,
            host_role=session.host_role,
            host_name=session.host_name,
            place=session.place,
            start_time=session.start_time,
            end_time=session.end_time,
            origin=SessionOrigin.REPLACEMENT,
            posted_on=today,
            replaces=session,
            created_by=_user(actor),
        )
    _audit(
        actor,
        "reception.session_cancel",
        session,
        session.unit,
        {"reason": [None, reason], "replacement_day": [None, replacement_day]},
    )
    return replacement


# ---------------------------------------------------------------- the reception log


@transaction.atomic
def visit_log(
    *,
    actor,
    unit,
    visited_on: dt.date | None = None,
    receiver_name: str,
    subject: str,
    outcome: str,
    session: ReceptionSession | None = None,
    citizen_name: str = "",
    citizen_address: str = "",
    phone: str = "",
    email: str = "",
    is_group: bool = False,
    people: int = 1,
    representatives: str = "",
    case: Case | None = None,
    case_kind: str = "",
    case_title: str = "",
    case_field=None,
    hamlet=None,
    decision_ref: str = "",
    act_known_on: dt.date | None = None,
    guidance: str = "",
    refusal_ground: str = "",
    today: dt.date | None = None,
) -> ReceptionVisit:
    """Record one reception visit; for `outcome="new_case"` the case is opened in the same transaction
    (`case_submit` on the reception channel, the officer needing `cases.handle`), so a refused case stores
    no visit either."""
    _require(actor, unit, "Bạn không có quyền ghi sổ tiếp công dân của đơn vị này.")
    today = today or local_today()
    visited_on = visited_on or today
    errors = ErrorCollector()
    v = {}
    with errors.step():
        if visited_on > today:
            raise DomainError("Ngày tiếp không được sau hôm nay.", field="visited_on")
    with errors.step():
        v["receiver_name"] = _text(receiver_name, field="receiver_name", label="người tiếp", max_length=160)
    with errors.step():
        v["subject"] = _text(
            subject, field="subject", label="nội dung công dân trình bày", max_length=TEXT_MAX, lines=True
        )
    with errors.step():
        v["citizen_name"] = _text(
            citizen_name, field="citizen_name", label="họ tên công dân", max_length=128, required=False
        )
    with errors.step():
        v["citizen_address"] = _text(
            citizen_address, field="citizen_address", label="địa chỉ", required=False
        )
    with errors.step():
        v["representatives"] = _text(
            representatives,
            field="representatives",
            label="người đại diện",
            max_length=TEXT_MAX,
            required=False,
            lines=True,
        )
    with errors.step():
        try:
            people = int(people or 1)
        except (TypeError, ValueError):
            people = 0
        if is_group and (people < 5 or people > MAX_GROUP):
            raise DomainError(
                "Đoàn đông người có từ 5 người trở lên; vui lòng nhập số người.", field="people"
            )
        if not is_group:
            people = 1
    with errors.step():
        if is_group and not v.get("representatives"):
            raise DomainError("Vui lòng ghi tên người đại diện của đoàn.", field="representatives")
    with errors.step():
        if outcome not in VisitOutcome.values:
            raise DomainError("Vui lòng chọn kết quả tiếp.", field="outcome")
    with errors.step():
        if outcome == VisitOutcome.GUIDANCE:
            v["guidance"] = _text(
                guidance,
                field="guidance",
                label="nội dung hướng dẫn, giải thích",
                max_length=TEXT_MAX,
                lines=True,
            )
    with errors.step():
        if outcome == VisitOutcome.REFUSED and refusal_ground not in RefusalGround.values:
            raise DomainError(
                f"Vui lòng chọn lý do từ chối tiếp theo {REFUSAL_CITATION}.", field="refusal_ground"
            )
    with errors.step():
        if outcome == VisitOutcome.EXISTING_CASE:
            if case is None:
                raise DomainError("Vui lòng chọn hồ sơ đã có.", field="case")
            if not has_unit_perm(actor, "cases.view", case.unit):
                raise DomainError("Không tìm thấy hồ sơ này trong phạm vi của bạn.", field="case")
    with errors.step():
        if session is not None and (
            session.unit_id != unit.pk or session.day != visited_on or session.is_cancelled
        ):
            raise DomainError("Buổi tiếp đã chọn không khớp với đơn vị và ngày tiếp.", field="session")
    if outcome == VisitOutcome.NEW_CASE:
        with errors.step():
            if case_kind not in Kind.values:
                raise DomainError("Vui lòng chọn loại đơn.", field="case_kind")
    errors.raise_if_any()

    visit = ReceptionVisit(
        unit=unit,
        session=session,
        visited_on=visited_on,
        is_group=bool(is_group),
        people=people,
        outcome=outcome,
        created_by=_user(actor),
        **v,
    )
    if outcome == VisitOutcome.NEW_CASE:
        try:
            case = case_services.case_submit(
                actor=actor,
                kind=case_kind,
                title=case_title or _first_line(v["subject"]),
                content=v["subject"],
                unit=unit,
                channel=Channel.RECEPTION,
                field=case_field,
                hamlet=hamlet,
                name=v["citizen_name"] or _first_line(v.get("representatives", ""), 128),
                phone=phone,
                email=email,
                address=v["citizen_address"],
                decision_ref=decision_ref,
                act_known_on=act_known_on,
                received_on=visited_on,
            )
        except DomainErrors as exc:
            raise DomainErrors([_case_error(e) for e in exc.errors])
        except DomainError as exc:
            raise _case_error(exc)
        if case.kind == Kind.DENUNCIATION:
            # the case keeps the identity encrypted; the log keeps only its redacted copy and no name
            visit.citizen_name = visit.citizen_address = visit.representatives = ""
            visit.subject = case.content
    if outcome == VisitOutcome.REFUSED:
        visit.refusal_ground = refusal_ground
        visit.refusal_citation = REFUSAL_CITATION
    if outcome in (VisitOutcome.NEW_CASE, VisitOutcome.EXISTING_CASE):
        visit.case = case
        deadline = compute_deadline(ANSWER_RULE, visited_on)
        visit.answer_due, visit.answer_rule_key, visit.answer_citation = (
            deadline.due,
            deadline.rule_key,
            deadline.citation,
        )
    visit.save()
    _audit(
        actor,
        "reception.visit_log",
        visit,
        unit,
        {
            "outcome": [None, outcome],
            "people": [None, people],
            "case": [None, case.pk if case is not None else None],
            "answer_due": [None, visit.answer_due],
        },
    )
    return visit


# a case field → the visit form's field
CASE_FIELDS = {
    "title": "case_title",
    "content": "subject",
    "kind": "case_kind",
    "name": "citizen_name",
    "address": "citizen_address",
    "field": "case_field",
    "unit": "unit",
}


def _case_error(exc: DomainError) -> DomainError:
    return DomainError(exc.message, code=exc.code, field=CASE_FIELDS.get(exc.field, exc.field))


def _first_line(text: str, limit: int = 120) -> str:
    line = (text or "").strip().split("\n", 1)[0].strip()
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------- dialogue conferences
#
# `dialogue_create` / `dialogue_update` (while planned), `agenda_add` (a case from the actor's scope, fetched
# through the cases access gate, or a free topic), `agenda_answer` (what the citizens said, what was answered,
# the outcome), `dialogue_hold` (the summary; every agenda item with a case records the dialogue on that case
# through `cases.services.case_hold_dialogue`), `dialogue_cancel` (with a reason). Commitments:
# `commitment_create` (at a dialogue or a reception visit), `commitment_update` (progress notes, done with
# evidence, dropped with a reason). Permission: `reception.manage` on the unit.

MANAGE_DIALOGUE = "Bạn không có quyền quản lý hội nghị đối thoại của đơn vị này."
PAST_DIALOGUE = (
    "Ngày đối thoại {day} đã qua; chỉ lên kế hoạch hội nghị từ hôm nay ({today}) trở đi. Nếu hội nghị đã "
    "diễn ra, hãy chọn “Ghi lại hội nghị đã tổ chức”."
)


def _dialogue_fields(data: dict) -> dict:
    return {
        "topic": _text(data.get("topic"), field="topic", label="chủ đề đối thoại"),
        "host_name": _text(
            data.get("host_name"), field="host_name", label="họ tên người chủ trì", max_length=160
        ),
        "host_role": _text(
            data.get("host_role"), field="host_role", label="chức vụ người chủ trì", max_length=160
        ),
        "co_organisers": _text(
            data.get("co_organisers"),
            field="co_organisers",
            label="đơn vị phối hợp",
            max_length=TEXT_MAX,
            required=False,
            lines=True,
        ),
        "invitees": _text(
            data.get("invitees"),
            field="invitees",
            label="thành phần mời",
            max_length=TEXT_MAX,
            required=False,
            lines=True,
        ),
        "place": _text(data.get("place"), field="place", label="địa điểm"),
    }


def _expect_planned(dialogue: Dialogue) -> None:
    if dialogue.status != DialogueStatus.PLANNED:
        raise DomainError(
            f"Hội nghị đối thoại đã {dialogue.get_status_display().lower()}, không sửa được nữa.",
            code="status",
        )


@transaction.atomic
def dialogue_create(
    *,
    actor,
    unit,
    day: dt.date,
    start_time: dt.time | None = None,
    today: dt.date | None = None,
    record_held: bool = False,
    **data,
) -> Dialogue:
    """Plan a dialogue conference of `unit` on `day` (from today on; a past day only with `record_held`, to
    write down one already held)."""
    _require(actor, unit, MANAGE_DIALOGUE)
    if day is None:
        raise DomainError("Vui lòng nhập ngày đối thoại.", field="day", code="required")
    today = today or local_today()
    if day < today and not record_held:
        raise DomainError(
            PAST_DIALOGUE.format(day=format_date(day), today=format_date(today)), field="day", code="past"
        )
    fields = _dialogue_fields(data)
    dialogue = Dialogue.objects.create(
        unit=unit, day=day, start_time=start_time or dt.time(8, 0), created_by=_user(actor), **fields
    )
    _audit(actor, "dialogue.create", dialogue, unit, {"topic": [None, fields["topic"]], "day": [None, day]})
    return dialogue


@transaction.atomic
def dialogue_update(*, actor, dialogue: Dialogue, day: dt.date, start_time: dt.time | None = None, **data):
    _require(actor, dialogue.unit, MANAGE_DIALOGUE)
    d = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    _expect_planned(d)
    if day is None:
        raise DomainError("Vui lòng nhập ngày đối thoại.", field="day", code="required")
    today = local_today()
    if day != d.day and day < today:
        raise DomainError(
            PAST_DIALOGUE.format(day=format_date(day), today=format_date(today)), field="day", code="past"
        )
    fields = _dialogue_fields(data)
    changes = {}
    for name, value in {**fields, "day": day, "start_time": start_time or d.start_time}.items():
        if getattr(d, name) != value:
            changes[name] = [getattr(d, name), value]
            setattr(d, name, value)
    d.save()
    if changes:
        _audit(
            actor,
            "dialogue.update",
            d,
            d.unit,
            {k: v for k, v in changes.items() if k in ("topic", "day", "place")},
        )
    return d


@transaction.atomic
def agenda_add(*, actor, dialogue: Dialogue, case_id: int | None = None, topic: str = "") -> AgendaItem:
    """Add an agenda item: a case the actor can see (through the cases access gate), or a free topic."""
    from danvan.access.gates import NotFoundOrForbidden
    from danvan.cases.access import access_case_by_id
    from danvan.cases.models import IN_PROGRESS_STATUSES

    _require(actor, dialogue.unit, MANAGE_DIALOGUE)
    d = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    _expect_planned(d)
    case = None
    if case_id:
        try:
            case = access_case_by_id(actor, case_id)
        except NotFoundOrForbidden:
            raise DomainError("Không tìm thấy hồ sơ này trong phạm vi của bạn.", field="case") from None
        if case.status not in IN_PROGRESS_STATUSES:
            raise DomainError(
                f"Hồ sơ {case.code} không còn trong quá trình giải quyết, không đưa vào đối thoại được.",
                field="case",
            )
        if d.items.filter(case=case).exists():
            raise DomainError(f"Hồ sơ {case.code} đã có trong nội dung đối thoại.", field="case")
        topic = topic or (f"Đơn tố cáo {case.code}" if case.kind == Kind.DENUNCIATION else case.title)[:255]
    topic = _text(topic, field="topic", label="nội dung đối thoại")
    order = (d.items.aggregate(m=models_max("order"))["m"] or 0) + 1
    item = AgendaItem.objects.create(dialogue=d, case=case, topic=topic, order=order)
    _audit(
        actor,
        "dialogue.agenda_add",
        d,
        d.unit,
        {"item": [None, topic], "case": [None, case.pk if case else None]},
    )
    return item


def models_max(name):
    from django.db.models import Max

    return Max(name)


@transaction.atomic
def agenda_remove(*, actor, item: AgendaItem) -> None:
    _require(actor, item.dialogue.unit, MANAGE_DIALOGUE)
    _expect_planned(item.dialogue)
    _audit(actor, "dialogue.agenda_remove", item.dialogue, item.dialogue.unit, {"item": [item.topic, None]})
    item.delete()


@transaction.atomic
def agenda_answer(
    *, actor, item: AgendaItem, citizens_said: str, answer: str, outcome: str = ""
) -> AgendaItem:
    """Conduct: what the citizens said on the item, what was answered, the outcome."""
    _require(actor, item.dialogue.unit, MANAGE_DIALOGUE)
    _expect_planned(item.dialogue)
    item.citizens_said = _text(
        citizens_said, field="citizens_said", label="ý kiến của công dân", max_length=TEXT_MAX, lines=True
    )
    item.answer = _text(answer, field="answer", label="nội dung trả lời", max_length=TEXT_MAX, lines=True)
    item.outcome = _text(
        outcome, field="outcome", label="kết quả", max_length=TEXT_MAX, required=False, lines=True
    )
    item.save()
    _audit(actor, "dialogue.agenda_answer", item.dialogue, item.dialogue.unit, {"item": [None, item.topic]})
    return item


@transaction.atomic
def dialogue_hold(
    *, actor, dialogue: Dialogue, summary: str, attendance: str = "", held_on: dt.date | None = None
) -> Dialogue:
    """Close the conference as held: the summary and who attended. Every agenda item with a case records the
    dialogue on that case through the cases service (day, place, participants, what was said and answered),
    so the case's "resolved through dialogue" counts it. Every item needs its answer first."""
    _require(actor, dialogue.unit, MANAGE_DIALOGUE)
    d = Dialogue.objects.select_for_update().select_related("unit").get(pk=dialogue.pk)
    _expect_planned(d)
    summary = _text(summary, field="summary", label="kết quả đối thoại", max_length=TEXT_MAX, lines=True)
    attendance = _text(
        attendance,
        field="attendance",
        label="thành phần tham dự",
        max_length=TEXT_MAX,
        required=False,
        lines=True,
    )
    held_on = held_on or d.day
    if held_on > local_today():
        raise DomainError("Ngày tổ chức đối thoại không được sau hôm nay.", field="held_on")
    items = list(d.items.select_related("case", "case__unit"))
    if not items:
        raise DomainError("Hội nghị đối thoại chưa có nội dung nào.", field="summary")
    missing = [i for i in items if not i.answer]
    if missing:
        raise DomainError(
            f"Nội dung “{missing[0].topic}” chưa ghi ý kiến trả lời; vui lòng ghi đủ trước khi kết thúc.",
            field="summary",
        )
    participants = "\n".join(
        x for x in (f"Chủ trì: {d.host_name}, {d.host_role}", d.co_organisers, attendance) if x
    )
    recorded = 0
    for item in items:
        if item.case is None:
            continue
        note = "\n".join(
            x
            for x in (
                f"Hội nghị đối thoại: {d.topic}",
                f"Ý kiến của công dân: {item.citizens_said}" if item.citizens_said else "",
                f"Trả lời: {item.answer}",
                f"Kết quả: {item.outcome}" if item.outcome else "",
            )
            if x
        )
        try:
            case_services.case_hold_dialogue(
                actor=actor,
                case=item.case,
                note=note,
                held_on=held_on,
                participants=participants,
                place=d.place,
            )
        except DomainError as exc:
            raise DomainError(f"Hồ sơ {item.case.code}: {exc.message}", field="summary") from None
        recorded += 1
    d.status, d.summary, d.attendance, d.held_on = DialogueStatus.HELD, summary, attendance, held_on
    d.save()
    _audit(
        actor,
        "dialogue.hold",
        d,
        d.unit,
        {"held_on": [None, held_on], "cases": [None, recorded], "items": [None, len(items)]},
    )
    return d


@transaction.atomic
def dialogue_cancel(*, actor, dialogue: Dialogue, reason: str) -> Dialogue:
    _require(actor, dialogue.unit, MANAGE_DIALOGUE)
    d = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    _expect_planned(d)
    d.cancel_reason = _text(reason, field="reason", label="lý do huỷ", max_length=TEXT_MAX, lines=True)
    d.status = DialogueStatus.CANCELLED
    d.save()
    _audit(actor, "dialogue.cancel", d, d.unit, {"reason": [None, d.cancel_reason]})
    return d


# ---------------------------------------------------------------- commitments


@transaction.atomic
def commitment_create(
    *,
    actor,
    content: str,
    owner_unit: str,
    due: dt.date,
    owner_person: str = "",
    dialogue: Dialogue | None = None,
    visit: ReceptionVisit | None = None,
) -> Commitment:
    """A commitment made at a dialogue or at a reception visit: what, by whom, by when."""
    if (dialogue is None) == (visit is None):
        raise DomainError("Cam kết phải gắn với một hội nghị đối thoại hoặc một lượt tiếp công dân.")
    origin = dialogue or visit
    _require(actor, origin.unit, MANAGE_DIALOGUE)
    if dialogue is not None and dialogue.status == DialogueStatus.CANCELLED:
        raise DomainError("Hội nghị đối thoại đã huỷ, không ghi cam kết được.")
    content = _text(content, field="content", label="nội dung cam kết", max_length=TEXT_MAX, lines=True)
    owner_unit = _text(owner_unit, field="owner_unit", label="đơn vị thực hiện")
    owner_person = _text(
        owner_person, field="owner_person", label="người chịu trách nhiệm", max_length=160, required=False
    )
    if due is None:
        raise DomainError("Vui lòng nhập hạn hoàn thành.", field="due", code="required")
    made_on = dialogue.day if dialogue is not None else visit.visited_on
    if due < made_on:
        raise DomainError(
            f"Hạn hoàn thành không được trước ngày cam kết ({format_date(made_on)}).", field="due"
        )
    c = Commitment.objects.create(
        unit=origin.unit,
        dialogue=dialogue,
        visit=visit,
        content=content,
        owner_unit=owner_unit,
        owner_person=owner_person,
        due=due,
        created_by=_user(actor),
    )
    _audit(actor, "commitment.create", c, c.unit, {"owner_unit": [None, owner_unit], "due": [None, due]})
    return c


@transaction.atomic
def commitment_update(
    *,
    actor,
    commitment: Commitment,
    status: str,
    note: str = "",
    evidence: str = "",
    reason: str = "",
    today: dt.date | None = None,
) -> Commitment:
    """A progress note, and the new status: in progress, done (with its evidence) or dropped (with a reason)."""
    _require(actor, commitment.unit, MANAGE_DIALOGUE)
    c = Commitment.objects.select_for_update().get(pk=commitment.pk)
    today = today or local_today()
    if c.status not in COMMITMENT_ACTIVE:
        raise DomainError(
            f"Cam kết đã {c.get_status_display().lower()}, không cập nhật được nữa.", code="status"
        )
    if status not in CommitmentStatus.values:
        raise DomainError("Trạng thái không hợp lệ.", field="status")
    note = _text(
        note, field="note", label="tiến độ thực hiện", max_length=TEXT_MAX, required=False, lines=True
    )
    old = c.status
    if status == CommitmentStatus.DONE:
        c.evidence = _text(
            evidence,
            field="evidence",
            label="kết quả, minh chứng hoàn thành",
            max_length=TEXT_MAX,
            lines=True,
        )
        c.closed_on = today
        note = note or c.evidence
    elif status == CommitmentStatus.DROPPED:
        c.drop_reason = _text(
            reason, field="reason", label="lý do không thực hiện", max_length=TEXT_MAX, lines=True
        )
        c.closed_on = today
        note = note or c.drop_reason
    elif not note:
        raise DomainError("Vui lòng nhập tiến độ thực hiện.", field="note", code="required")
    c.status = status
    c.save()
    CommitmentNote.objects.create(
        commitment=c, written_on=today, status=status, text=note, created_by=_user(actor)
    )
    _audit(actor, "commitment.update", c, c.unit, {"status": [old, status]})
    return c


def commitment_sweep(*, today: dt.date | None = None, days: int | None = None) -> int:
    """Daily: in-app warnings to the unit's leaders and to whoever recorded it, for each open or in-progress
    commitment due within `days` (DANVAN_COMMITMENT_WARN_DAYS, 3) or overdue; at most one per commitment per
    day. Returns how many commitments were warned."""
    from django.conf import settings
    from django.db.models import Q

    from danvan.access.policy import leaders_on
    from danvan.notifications.services import notify

    today = today or local_today()
    days = days if days is not None else getattr(settings, "DANVAN_COMMITMENT_WARN_DAYS", 3)
    due = (
        Commitment.objects.filter(status__in=COMMITMENT_ACTIVE, due__lte=today + dt.timedelta(days=days))
        .filter(Q(last_warned_on__isnull=True) | Q(last_warned_on__lt=today))
        .select_related("unit", "created_by", "dialogue")
    )
    leaders: dict[int, list] = {}
    warned = 0
    for c in due.iterator(chunk_size=500):
        if c.unit_id not in leaders:
            leaders[c.unit_id] = leaders_on(c.unit_id, today)
        recipients = {u.pk: u for u in leaders[c.unit_id]}
        if c.created_by_id and c.created_by.is_active:
            recipients[c.created_by_id] = c.created_by
        state = "đã quá hạn" if c.due < today else "sắp đến hạn"
        with transaction.atomic():
            for user in recipients.values():
                notify(
                    user=user,
                    title=f"Cam kết {state} ({format_date(c.due)}): {c.owner_unit}"[:255],
                    body=_first_line(c.content, 200),
                    url="/can-bo/tiep-cong-dan/cam-ket/",
                    channels=("inapp",),
                    topic=f"commitment:{c.pk}:due",
                )
            Commitment.objects.filter(pk=c.pk).update(last_warned_on=today)
        warned += 1
    return warned
