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

# group funds and consolidation plans (read on the group's trail)
register_trail(
    Group,
    actions={
        "fund.post": Action("ghi sổ quỹ", headline="amount_vnd"),
        "fund.reverse": Action("điều chỉnh (ghi khoản đảo) sổ quỹ", headline="reason"),
        "plan.open": Action("lập kế hoạch củng cố", headline="goal"),
        "plan.action_add": Action("thêm việc củng cố", headline="title"),
        "plan.action_close": Action("kết thúc việc củng cố", headline="title"),
    },
    fields={
        "direction": Field("thu hay chi"),
        "amount_vnd": Field("số tiền", lambda v: format_vnd(v)),
        "receipt_no": Field("số chứng từ"),
        "reason": Field("lý do điều chỉnh"),
        "goal": Field("mục tiêu củng cố"),
        "opened_on": Field("ngày lập kế hoạch", date_text),
        "title": Field("việc cần làm"),
        "due_on": Field("hạn hoàn thành", date_text),
        "note": Field("kết quả, lý do"),
    },
)

# milestones, photos, hand-over and the community supervision board's checks (read on the project's trail)
register_trail(
    Project,
    actions={
        "project.milestone": Action("thêm mốc tiến độ", headline="milestone"),
        "project.milestone_reached": Action("ghi nhận đạt mốc tiến độ", headline="milestone"),
        "project.photo": Action("đăng ảnh công trình", headline="alt_text"),
        "project.hand_over": Action("ghi nhận bàn giao công trình", headline="handed_over_to"),
        "project.supervision": Action("ghi nhận giám sát đầu tư của cộng đồng", headline="checked_on"),
        "project.supervision_resolve": Action(
            "ghi nhận giải quyết kiến nghị giám sát", headline="resolution"
        ),
    },
    fields={
        "milestone": Field("mốc tiến độ"),
        "planned_on": Field("ngày dự kiến", date_text),
        "actual_on": Field("ngày thực tế", date_text),
        "alt_text": Field("mô tả ảnh"),
        "handed_over_on": Field("ngày bàn giao", date_text),
        "handed_over_to": Field("bàn giao cho"),
        "checked_on": Field("ngày giám sát", date_text),
        "findings": Field("kết quả giám sát"),
        "resolved_on": Field("ngày giải quyết", date_text),
        "resolution": Field("cách giải quyết"),
    },
)
