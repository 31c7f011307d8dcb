"""How the audit records of conventions read (danvan.audit.trail). Every record is kept on the convention."""

import datetime as dt

from danvan.audit.trail import Action, Field, register_trail

from .models import Convention, Kind, Status, VersionStatus


def _day(value) -> str:
    try:
        return dt.date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


def _label(choices):
    return lambda v: choices(v).label if v in choices.values else str(v)


register_trail(
    Convention,
    actions={
        "convention.create": Action("soạn hương ước, quy ước", headline="title"),
        "convention.status": Action("cập nhật tình trạng hương ước, quy ước", headline="status"),
        "convention.version_status": Action("cập nhật tình trạng của bản", headline="version_status"),
        "convention.article_add": Action("thêm điều", headline="article"),
        "convention.article_update": Action("sửa điều", headline="article"),
        "convention.article_delete": Action("xóa điều"),
        "convention.comment_period": Action("mở thời gian lấy ý kiến Nhân dân", headline="closes_on"),
        "convention.comment": Action("ghi ý kiến góp ý", headline="comment", nobody="Người dân"),
        "convention.comment_respond": Action("trả lời ý kiến góp ý"),
        "convention.put_to_vote": Action("đưa dự thảo ra cộng đồng dân cư biểu quyết", headline="voting_on"),
        "convention.suspend": Action("ghi quyết định tạm ngưng thi hành", headline="number"),
        "convention.suspension_lift": Action("ghi hết tạm ngưng thi hành", headline="lifted_on"),
        "convention.annul": Action("ghi quyết định bãi bỏ", headline="number"),
        "convention.amend": Action("lập bản sửa đổi, bổ sung", headline="version"),
        "convention.annual_review": Action("ghi kết quả tổng kết năm", headline="year"),
    },
    fields={
        "title": Field("tên"),
        "kind": Field("tên gọi", _label(Kind)),
        "status": Field("tình trạng", _label(Status)),
        "version_status": Field("tình trạng của bản", _label(VersionStatus)),
        "version_number": Field("bản", lambda v: f"lần {v}"),
        "version": Field("bản", lambda v: f"lần {v}"),
        "article": Field("điều"),
        "opens_on": Field("ngày bắt đầu lấy ý kiến", _day),
        "closes_on": Field("ngày kết thúc lấy ý kiến", _day),
        "comment": Field("người góp ý"),
        "response": Field("ý kiến trả lời", hide_values=True),
        "voting_on": Field("ngày biểu quyết", _day),
        "number": Field("số văn bản"),
        "decided_on": Field("ngày quyết định", _day),
        "lifted_on": Field("ngày hết tạm ngưng", _day),
        "year": Field("năm", lambda v: f"năm {v}"),
    },
)
