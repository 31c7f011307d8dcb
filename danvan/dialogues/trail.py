"""How the audit records of citizen reception read (danvan.audit.trail)."""

from danvan.audit.trail import Action, Field, date_text, register_trail

from .models import (
    Commitment,
    CommitmentStatus,
    Dialogue,
    HostRole,
    ModerationStatus,
    ReceptionSchedule,
    ReceptionSession,
    ReceptionVisit,
    VisitOutcome,
)


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

register_trail(
    Dialogue,
    actions={
        "dialogue.create": Action("lên kế hoạch hội nghị đối thoại", headline="topic"),
        "dialogue.update": Action("sửa hội nghị đối thoại", headline="topic"),
        "dialogue.agenda_add": Action("thêm nội dung đối thoại", headline="item"),
        "dialogue.agenda_remove": Action("bỏ nội dung đối thoại", headline="item"),
        "dialogue.agenda_answer": Action("ghi ý kiến và trả lời tại hội nghị đối thoại", headline="item"),
        "dialogue.hold": Action("kết thúc hội nghị đối thoại", headline="held_on"),
        "dialogue.cancel": Action("huỷ hội nghị đối thoại", headline="reason"),
    },
    fields={
        "topic": Field("chủ đề"),
        "day": Field("ngày đối thoại", date_text),
        "place": Field("địa điểm"),
        "item": Field("nội dung"),
        "case": Field("hồ sơ", lambda pk: "đã gắn hồ sơ" if pk else ""),
        "held_on": Field("ngày tổ chức", date_text),
        "cases": Field("số hồ sơ được đối thoại", _count("hồ sơ")),
        "items": Field("số nội dung", _count("nội dung")),
        "reason": Field("lý do"),
    },
)
register_trail(
    Commitment,
    actions={
        "commitment.create": Action("ghi cam kết", headline="owner_unit"),
        "commitment.update": Action("cập nhật tiến độ cam kết", headline="status"),
    },
    fields={
        "owner_unit": Field("đơn vị thực hiện"),
        "due": Field("hạn hoàn thành", date_text),
        "status": Field("trạng thái", _label(CommitmentStatus)),
    },
)

# minutes, news drafts and evidence files (registered apart so the lists above stay as they were)
register_trail(
    Dialogue,
    actions={
        "dialogue.minutes": Action("lập biên bản hội nghị đối thoại"),
        "dialogue.article": Action("soạn bài viết về hội nghị đối thoại", headline="article"),
    },
    fields={
        "minutes": Field("biên bản", lambda pk: "đã yêu cầu" if pk else ""),
        "article": Field("bài viết"),
    },
)
register_trail(
    ReceptionSession,
    actions={"reception.session_minutes": Action("lập biên bản buổi tiếp công dân")},
    fields={"minutes": Field("biên bản", lambda pk: "đã yêu cầu" if pk else "")},
)
register_trail(
    Commitment,
    actions={"commitment.file_add": Action("đính kèm tệp minh chứng cam kết", headline="file")},
    fields={"file": Field("tệp minh chứng")},
)

# citizens' registrations and questions, invitees and attendance (dialogues/participation.py): the records
# carry counts and statuses only, never who registered or asked
register_trail(
    Dialogue,
    actions={
        "dialogue.register": Action("đăng ký tham dự hội nghị đối thoại", headline="registrations"),
        "dialogue.question_send": Action("gửi câu hỏi trước hội nghị đối thoại", headline="questions"),
        "dialogue.registration_moderate": Action("duyệt đăng ký tham dự đối thoại", headline="status"),
        "dialogue.question_moderate": Action("duyệt câu hỏi gửi trước hội nghị đối thoại", headline="status"),
        "dialogue.participant_add": Action("thêm thành phần mời dự đối thoại", headline="participant"),
        "dialogue.participant_remove": Action("bỏ thành phần mời dự đối thoại", headline="participant"),
        "dialogue.attendance": Action("điểm danh hội nghị đối thoại", headline="present"),
    },
    fields={
        "registrations": Field("đăng ký", _count("lượt")),
        "questions": Field("câu hỏi", _count("câu")),
        "status": Field("kết quả duyệt", _label(ModerationStatus)),
        "participant": Field("thành phần"),
        "present": Field("có mặt", _count("người")),
    },
)
