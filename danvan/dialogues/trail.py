"""How the audit records of citizen reception read (danvan.audit.trail)."""

from danvan.audit.trail import Action, Field, date_text, register_trail

from .models import HostRole, ReceptionSchedule, ReceptionSession, ReceptionVisit, VisitOutcome


def _label(choices):
    return lambda value: str(choices(value).label) if value in choices.values else ""


def _count(unit: str):
    return lambda value: f"{value} {unit}" if value else ""


register_trail(
    ReceptionSchedule,
    actions={
        "reception.schedule_create": Action("lập lịch tiếp công dân định kỳ", headline="host_role"),
        "reception.schedule_close": Action("kết thúc lịch tiếp công dân", headline="valid_to"),
        "reception.sessions_generate": Action("công bố các ngày tiếp công dân", headline="sessions"),
    },
    fields={
        "host_role": Field("người tiếp", _label(HostRole)),
        "host_name": Field("họ tên người tiếp"),
        "valid_from": Field("áp dụng từ", date_text),
        "valid_to": Field("áp dụng đến", date_text),
        "sessions": Field("số ngày tiếp", _count("ngày")),
        "start": Field("từ ngày", date_text),
        "end": Field("đến ngày", date_text),
    },
    hidden={"weekdays", "month_days"},
)
register_trail(
    ReceptionSession,
    actions={
        "reception.session_add": Action("thêm ngày tiếp công dân đột xuất", headline="day"),
        "reception.session_cancel": Action("huỷ ngày tiếp công dân", headline="reason"),
    },
    fields={
        "day": Field("ngày tiếp", date_text),
        "host_role": Field("người tiếp", _label(HostRole)),
        "reason": Field("lý do"),
        "replacement_day": Field("ngày tiếp thay thế", date_text),
    },
)
register_trail(
    ReceptionVisit,
    actions={"reception.visit_log": Action("ghi sổ tiếp công dân", headline="outcome")},
    fields={
        "outcome": Field("kết quả", _label(VisitOutcome)),
        "people": Field("số người", _count("người")),
        "case": Field("hồ sơ", lambda pk: "đã gắn hồ sơ" if pk else ""),
        "answer_due": Field("hạn trả lời", date_text),
    },
)
