"""How the audit records of the communities module read (danvan.audit.trail)."""

from danvan.audit.trail import Action, Field, date_text, register_trail
from danvan.core.formatting import format_vnd
from danvan.units.models import Unit

from .models import Contribution, Group, Project

register_trail(
    Group,
    actions={
        "group.create": Action("đăng ký mô hình", headline="name"),
        "group.update": Action("sửa thông tin mô hình"),
        "group.status": Action("đổi tình trạng mô hình", headline="status"),
        "group.member_add": Action("thêm thành viên", headline="member"),
        "group.member_leave": Action("ghi nhận thành viên ra khỏi mô hình", headline="member"),
        "group.board_add": Action("bổ sung ban điều hành", headline="member"),
        "group.meeting": Action("ghi nhận buổi sinh hoạt", headline="topic"),
        "group.assess": Action("đánh giá, xếp loại", headline="level"),
        "group.member_import": Action("nhập danh sách thành viên từ Excel", headline="rows"),
    },
    fields={
        "member": Field("thành viên"),
        "position": Field("chức danh"),
        "topic": Field("chủ đề"),
        "held_on": Field("ngày sinh hoạt", date_text),
        "attendance": Field("số người tham dự", lambda v: f"{v} người"),
        "level": Field("xếp loại"),
        "assessed_on": Field("ngày đánh giá", date_text),
        "joined_on": Field("ngày vào", date_text),
        "left_on": Field("ngày ra", date_text),
        "file": Field("tệp"),
        "rows": Field("số dòng", lambda v: f"{v} dòng"),
    },
)

register_trail(
    Project,
    actions={
        "project.create": Action("đăng ký công trình", headline="name"),
        "project.update": Action("cập nhật công trình", headline="progress"),
        "contribution.import": Action("nhập sổ đóng góp từ tệp Excel", headline="rows"),
    },
    fields={
        "file": Field("tệp"),
        "rows": Field("số dòng", lambda v: f"{v} dòng"),
    },
)

register_trail(
    Contribution,
    actions={
        "contribution.post": Action("ghi sổ đóng góp", headline="value_vnd"),
        "contribution.reverse": Action("điều chỉnh (ghi bút toán đảo) khoản đóng góp", headline="reason"),
    },
    fields={
        "value_vnd": Field("giá trị", lambda v: format_vnd(v)),
        "reason": Field("lý do điều chỉnh"),
    },
)

register_trail(
    Unit,
    actions={"contribution.export": Action("xuất sổ đóng góp", headline="rows")},
    fields={
        "rows": Field("số dòng", lambda v: f"{v} dòng"),
        "filters": Field("bộ lọc", lambda v: "có lọc" if v else ""),
    },
)
