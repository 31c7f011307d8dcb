import datetime as dt

from danvan.cases import services
from danvan.cases.models import Field

D = dt.date
TODAY = None  # services default to local_today()

# Keys that must never appear in an API answer: submitter and protected identity columns and their names.
IDENTITY_KEYS = {
    "submitter_name",
    "submitter_phone",
    "submitter_email",
    "submitter_address",
    "protected_identity",
    "contact_digest",
    "name",
    "phone",
    "email",
    "address",
}

DENOUNCER = {
    "name": "Lê Văn Tố",
    "phone": "0987654321",
    "address": "Số 12 ấp Phú Hòa",
    "email": "to.cao@example.vn",
}


def field(code="dat-dai") -> Field:
    return Field.objects.get(code=code)


def submit(cast, kind="feedback", *, unit=None, actor=None, **extra):
    data = {
        "title": "Đường liên ấp Phú Hòa ngập sâu sau mưa",
        "content": "Đoạn đường từ cầu Phú Hòa đến trường tiểu học ngập 40 cm mỗi khi mưa lớn, học sinh đi lại khó khăn.",
        "unit": unit or cast.commune,
        "field": field("ha-tang-giao-thong"),
    }
    if kind == "complaint":
        data.update(
            name="Nguyễn Văn Khiếu",
            address="Ấp Phú Lợi",
            phone="0911222333",
            decision_ref="Quyết định 125/QĐ-UBND thu hồi đất",
            act_known_on=extra.pop("act_known_on", None)
            or (extra.get("received_on") or services.local_today()) - dt.timedelta(days=10),
        )
    if kind == "denunciation":
        data.update(DENOUNCER)
    data.update(extra)
    return services.case_submit(actor=actor, kind=kind, **data)


def accepted(cast, kind="feedback", *, actor=None, accepted_on=None, is_complex=None, **extra):
    case = submit(cast, kind, **extra)
    return services.case_accept(
        actor=actor or cast.minh, case=case, accepted_on=accepted_on, is_complex=is_complex
    )
