"""The role → permission map. It lives in code, is shown in docs/permissions.md, and is tested as a matrix.

A role is granted on a unit and applies to that unit's whole subtree. Adding a permission here without
adding it to the matrix in `danvan/access/tests/test_permission_matrix.py` fails the test suite.
"""

from django.db import models
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    EDITOR = "editor", pgettext_lazy("role", "Biên tập viên")
    CASE_OFFICER = "case_officer", pgettext_lazy("role", "Cán bộ xử lý đơn thư")
    MOBILISATION_OFFICER = "mobilisation_officer", pgettext_lazy("role", "Cán bộ dân vận")
    LEADER = "leader", pgettext_lazy("role", "Lãnh đạo đơn vị")
    SUPERVISOR = "supervisor", pgettext_lazy("role", "Giám sát")
    UNIT_ADMIN = "unit_admin", pgettext_lazy("role", "Quản trị đơn vị")
    SYSTEM_ADMIN = "system_admin", pgettext_lazy("role", "Quản trị hệ thống")


# permission → description (Vietnamese, shown in docs and the admin)
PERMISSIONS: dict[str, str] = {
    "workspace.access": "Vào khu làm việc của cán bộ",
    "units.view": "Xem cây đơn vị, số hộ, số cử tri",
    "units.manage": "Thêm, sửa đơn vị, kế thừa đơn vị, số hộ và cử tri",
    "households.view": "Xem sổ hộ gia đình và nhân khẩu",
    "households.manage": "Thêm, sửa hộ gia đình; nhập sổ hộ từ Excel",
    "citizens.verify": "Xác minh tài khoản công dân, gắn với hộ gia đình",
    "users.manage": "Quản lý tài khoản cán bộ và phân quyền trong đơn vị",
    "audit.view": "Xem nhật ký thay đổi của hồ sơ",
    "rules.view": "Xem bộ quy định pháp lý và lịch làm việc",
    "rules.manage": "Sửa quy định pháp lý, ngày hoán đổi làm việc",
    "news.edit": "Viết, sửa tin tức của đơn vị và gửi duyệt",
    "news.approve": "Duyệt, đăng, hẹn giờ đăng, lưu trữ tin tức",
    "disclosures.edit": "Đăng, sửa, rút nội dung công khai",
    "disclosures.register": "Xem sổ theo dõi công khai của các xã trong phạm vi",
    "cases.view": "Xem hồ sơ phản ánh, kiến nghị, khiếu nại, tố cáo (không gồm danh tính người tố cáo)",
    "cases.handle": "Tiếp nhận, phân loại, thụ lý, chuyển, xác minh, gộp hồ sơ; phân công xử lý",
    "cases.resolve": "Giải quyết, kết luận, gia hạn, đóng và mở lại hồ sơ",
    "cases.reveal_identity": "Xem danh tính người tố cáo (lãnh đạo đơn vị; người được phân công xử lý xem hồ sơ mình)",
    "disclosures.answer": "Kiểm duyệt và trả lời câu hỏi của người dân về nội dung công khai",
    "integrations.manage": "Cấp, sửa, thu hồi khoá API cho ứng dụng của tổ chức khác gửi phản ánh (Open311)",
    "reception.view": "Xem lịch tiếp công dân, các ngày tiếp và sổ tiếp công dân của đơn vị",
    "reception.manage": "Lập, huỷ, thay lịch tiếp công dân; ghi sổ tiếp công dân",
    "communities.view": "Xem hội quán, tổ tự quản, công trình và sổ đóng góp của phạm vi",
    "communities.manage": "Đăng ký, sửa hội quán, tổ tự quản, thành viên, buổi sinh hoạt, kế hoạch củng cố, công trình và tiến độ; ghi sổ đóng góp, sổ quỹ và bút toán điều chỉnh",
    "reviews.view": "Xem báo cáo sơ kết, tổng kết của phạm vi và tình hình gửi báo cáo của đơn vị trực thuộc",
    "reviews.prepare": "Lập, sửa, gửi báo cáo sơ kết, tổng kết của đơn vị; tổng hợp báo cáo của đơn vị trực thuộc",
    "reviews.approve": "Duyệt hoặc trả lại báo cáo sơ kết, tổng kết của đơn vị trực thuộc",
    "decisions.view": "Xem việc cộng đồng dân cư bàn và quyết định của phạm vi, kết quả biểu quyết",
    "decisions.manage": "Lập, thông báo việc bàn và quyết định; mở, ghi kết quả kiểm phiếu, kết thúc biểu quyết",
    "conventions.view": "Xem hương ước, quy ước của phạm vi: dự thảo, ý kiến góp ý, công nhận, tổng kết",
    "conventions.manage": "Soạn thảo, lấy ý kiến, đưa ra biểu quyết, sửa đổi và tổng kết hương ước, quy ước",
    "decisions.recognise": "Ghi quyết định công nhận hoặc từ chối công nhận, hủy bỏ quyết định của cộng đồng dân cư (UBND, Ủy ban MTTQ cấp xã)",
    "consultations.view": "Xem việc lấy ý kiến Nhân dân của phạm vi, các ý kiến và báo cáo tổng hợp",
    "consultations.manage": "Lập kế hoạch lấy ý kiến Nhân dân; ghi nhận, tiếp thu, giải trình ý kiến; công khai báo cáo tổng hợp, ghi quyết định",
    "reports.view": "Xem số liệu tổng hợp của phạm vi: đơn vị, hộ, cử tri, đơn thư, công khai, tin tức (không gồm nội dung đơn thư)",
}

# What an assignment still grants once its unit has been dissolved (a district abolished on 1 July 2025):
# reading the unit's history — its units, hamlets, households, cases and trail as they were on a chosen day —,
# never writing. The same set bounds what an officer reads of the units their unit succeeded (the 2020
# picture of a commune formed in 2025). `danvan.access.policy` applies it; the matrix tests it.
HISTORY_PERMISSIONS = frozenset(
    {
        "workspace.access",
        "units.view",
        "households.view",
        "audit.view",
        "rules.view",
        "disclosures.register",
        "cases.view",
        "reception.view",
        "reports.view",
        "reviews.view",
    }
)

_ALL_OFFICERS = {"workspace.access", "units.view", "rules.view", "disclosures.register"}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.EDITOR: frozenset(_ALL_OFFICERS | {"news.edit", "disclosures.edit", "disclosures.answer"}),
    Role.CASE_OFFICER: frozenset(
        _ALL_OFFICERS
        | {"households.view", "cases.view", "cases.handle", "reception.view", "reception.manage"}
    ),
    Role.MOBILISATION_OFFICER: frozenset(
        _ALL_OFFICERS
        | {
            "households.view",
            "reception.view",
            "reports.view",
            "communities.view",
            "communities.manage",
            "reviews.view",
            "reviews.prepare",
            "decisions.view",
            "decisions.manage",
            "conventions.view",
            "conventions.manage",
            "consultations.view",
            "consultations.manage",
        }
    ),
    Role.LEADER: frozenset(
        _ALL_OFFICERS
        | {
            "households.view",
            "audit.view",
            "news.edit",
            "news.approve",
            "disclosures.edit",
            "disclosures.answer",
            "cases.view",
            "cases.handle",
            "cases.resolve",
            "cases.reveal_identity",
            "reception.view",
            "reception.manage",
            "reports.view",
            "communities.view",
            "communities.manage",
            "reviews.view",
            "reviews.prepare",
            "reviews.approve",
            "decisions.view",
            "decisions.manage",
            "conventions.view",
            "conventions.manage",
            "consultations.view",
            "consultations.manage",
            "decisions.recognise",
        }
    ),
    Role.SUPERVISOR: frozenset(
        _ALL_OFFICERS
        | {
            "households.view",
            "audit.view",
            "cases.view",
            "reception.view",
            "reports.view",
            "communities.view",
            "reviews.view",
            "decisions.view",
            "conventions.view",
            "consultations.view",
        }
    ),
    Role.UNIT_ADMIN: frozenset(
        _ALL_OFFICERS
        | {
            "units.manage",
            "households.view",
            "households.manage",
            "citizens.verify",
            "users.manage",
            "audit.view",
        }
    ),
    # A system administrator runs the platform but, by law, never reads a denouncer's identity.
    Role.SYSTEM_ADMIN: frozenset(PERMISSIONS) - {"cases.reveal_identity"},
}


def permissions_of(role: str) -> frozenset[str]:
    return ROLE_PERMISSIONS.get(role, frozenset())


def roles_with(perm: str) -> list[str]:
    return [role for role, perms in ROLE_PERMISSIONS.items() if perm in perms]


# Permissions whose holders must sign in with a second factor (danvan.access.two_factor): reading a
# denouncer's identity, and administering accounts and roles (which can grant any of these).
TWO_FACTOR_PERMISSIONS = frozenset({"cases.reveal_identity", "users.manage"})


def roles_requiring_two_factor() -> list[str]:
    return [role for role, perms in ROLE_PERMISSIONS.items() if perms & TWO_FACTOR_PERMISSIONS]
