"""How the audit records of households and citizens' accounts read (danvan.audit.trail)."""

from danvan.audit.trail import Action, Field, register_trail

from .models import Household, HouseholdRequest, User

register_trail(
    Household,
    actions={
        "household.create": Action("thêm hộ gia đình", headline="code"),
        "household.update": Action("sửa thông tin hộ"),
        "household.delete": Action("xoá hộ gia đình", headline="code"),
        "household.resident_add": Action("thêm nhân khẩu", headline="resident"),
        "household.resident_update": Action("sửa thông tin nhân khẩu", headline="resident"),
        "household.resident_remove": Action("xoá nhân khẩu", headline="resident"),
        "household.import": Action("nhập sổ hộ từ Excel"),
        "citizen.verify": Action("xác minh tài khoản công dân", headline="account"),
        "citizen.verify_code": Action("tự xác minh tài khoản bằng mã", headline="account"),
        "citizen.code_send": Action("gửi mã xác minh tài khoản"),
        "citizen.unlink": Action("gỡ liên kết tài khoản công dân", headline="account"),
    },
    fields={
        "representative_name": Field("chủ hộ"),
        "resident": Field("nhân khẩu"),
        "account": Field("tài khoản"),
        "members": Field("số nhân khẩu"),
        "rows": Field("số dòng"),
    },
    hidden={"search_text", "resident_id", "account_id", "household_id", "commune_id", "user_id"},
)
register_trail(
    User,
    actions={
        "citizen.signup": Action("đăng ký tài khoản công dân", headline="full_name"),
        "citizen.phone_code_send": Action("gửi mã xác nhận số điện thoại"),
        "citizen.phone_verify": Action("xác nhận số điện thoại"),
        "citizen.profile_update": Action("sửa thông tin tài khoản"),
        "two_factor.enrol_start": Action("bắt đầu bật xác thực hai lớp"),
        "two_factor.enrol": Action("bật xác thực hai lớp"),
        "two_factor.recovery_used": Action("dùng một mã khôi phục"),
        "two_factor.recovery_regenerate": Action("tạo mã khôi phục mới"),
        "two_factor.remove": Action("tắt xác thực hai lớp"),
        "two_factor.reset": Action("đặt lại xác thực hai lớp"),
    },
    fields={
        "two_factor": Field(
            "xác thực hai lớp", lambda v: {"on": "đang bật", "waiting": "chờ xác nhận"}.get(v, str(v))
        ),
        "recovery_codes": Field("số mã khôi phục"),
        "recovery_codes_left": Field("số mã khôi phục còn lại"),
    },
)
register_trail(
    HouseholdRequest,
    actions={
        "household_request.create": Action("gửi yêu cầu về sổ hộ", headline="kind"),
        "household_request.approve": Action("xử lý yêu cầu về sổ hộ"),
        "household_request.decline": Action("không thực hiện yêu cầu về sổ hộ"),
    },
    name=lambda row: f"{row.get_kind_display()} — {row.citizen.full_name}",
)
