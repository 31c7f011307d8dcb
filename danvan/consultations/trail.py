"""How the audit records of consultations read (danvan.audit.trail). Every record is kept on the consultation."""

from danvan.audit.trail import Action, Field, register_trail
from danvan.core.formatting import format_date

from .models import Channel, Consultation, Response, Status


def _day(value) -> str:
    import datetime as dt

    try:
        return format_date(dt.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def _label(choices):
    return lambda v: choices(v).label if v in choices.values else str(v)


register_trail(
    Consultation,
    actions={
        "consultation.create": Action("lập kế hoạch lấy ý kiến Nhân dân", headline="title"),
        "consultation.plan_sent": Action("ghi ngày gửi kế hoạch đến HĐND và Ủy ban MTTQ"),
        "consultation.open": Action("bắt đầu lấy ý kiến", headline="status"),
        "consultation.close": Action("kết thúc lấy ý kiến", headline="status"),
        "consultation.opinion_submit": Action("gửi ý kiến trên cổng thông tin", nobody="Người dân"),
        "consultation.opinion_record": Action("ghi nhận ý kiến", headline="channel"),
        "consultation.opinion_respond": Action("trả lời ý kiến", headline="response"),
        "consultation.publish": Action("công khai báo cáo tổng hợp ý kiến", headline="published_on"),
        "consultation.outcome": Action("ghi quyết định của cơ quan có thẩm quyền", headline="outcome_on"),
    },
    fields={
        "title": Field("tên"),
        "status": Field("tình trạng", _label(Status)),
        "opens_on": Field("ngày bắt đầu", _day),
        "closes_on": Field("ngày kết thúc", _day),
        "sent_to_council_on": Field("ngày gửi Hội đồng nhân dân", _day),
        "sent_to_front_on": Field("ngày gửi Ủy ban MTTQ", _day),
        "channel": Field("hình thức", _label(Channel)),
        "opinion": Field("ý kiến", hide_values=True),
        "response": Field("trả lời", _label(Response)),
        "published_on": Field("ngày công khai", _day),
        "outcome_on": Field("ngày quyết định", _day),
    },
)
