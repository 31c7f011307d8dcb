"""Demo accounts: officers for each role at district (2020) and commune (now) level, a system admin,
and a verified citizen. Idempotent (by user name)."""

import datetime as dt

from django.utils import timezone

from danvan.access.models import RoleAssignment
from danvan.access.roles import Role
from danvan.people.models import User

DEMO_PASSWORD = "danvan2026"

# (username, full name, title, role, unit key)
OFFICERS = [
    (
        "danvan.huyen",
        "Nguyễn Thị Bích Thủy",
        "Chuyên viên Ban Dân vận Huyện uỷ",
        Role.MOBILISATION_OFFICER,
        "district",
    ),
    ("lanhdao.huyen", "Trần Văn Hùng", "Trưởng Ban Dân vận Huyện uỷ", Role.LEADER, "district"),
    ("bientap.huyen", "Lê Hoàng Nam", "Biên tập viên Trang thông tin huyện", Role.EDITOR, "district"),
    (
        "xuly.huyen",
        "Phạm Thị Hồng Nhung",
        "Chuyên viên Ban Tiếp công dân huyện",
        Role.CASE_OFFICER,
        "district",
    ),
    ("giamsat.huyen", "Võ Minh Trí", "Phó Chủ tịch Uỷ ban MTTQ huyện", Role.SUPERVISOR, "district"),
    ("quantri.huyen", "Đặng Quốc Bảo", "Quản trị hệ thống huyện", Role.UNIT_ADMIN, "district"),
    (
        "danvan.tinh",
        "Huỳnh Thị Kim Ngân",
        "Chuyên viên Ban Tuyên giáo và Dân vận Tỉnh uỷ",
        Role.MOBILISATION_OFFICER,
        "new_province",
    ),
    (
        "lanhdao.tinh",
        "Phan Văn Lộc",
        "Phó trưởng Ban Tuyên giáo và Dân vận Tỉnh uỷ",
        Role.LEADER,
        "new_province",
    ),
    (
        "danvan.tramchim",
        "Nguyễn Văn Tâm",
        "Cán bộ dân vận xã Tràm Chim",
        Role.MOBILISATION_OFFICER,
        "tram_chim",
    ),
    ("lanhdao.tramchim", "Lê Thị Mỹ Hạnh", "Chủ tịch Uỷ ban nhân dân xã Tràm Chim", Role.LEADER, "tram_chim"),
    (
        "bientap.tramchim",
        "Trần Ngọc Hân",
        "Công chức Văn hoá – Xã hội xã Tràm Chim",
        Role.EDITOR,
        "tram_chim",
    ),
    (
        "xuly.tramchim",
        "Bùi Thanh Phong",
        "Công chức Tư pháp – Hộ tịch xã Tràm Chim",
        Role.CASE_OFFICER,
        "tram_chim",
    ),
    (
        "giamsat.tramchim",
        "Ngô Thị Thu Trang",
        "Trưởng Ban Thanh tra nhân dân xã Tràm Chim",
        Role.SUPERVISOR,
        "tram_chim",
    ),
    (
        "quantri.tramchim",
        "Châu Minh Luân",
        "Công chức Văn phòng – Thống kê xã Tràm Chim",
        Role.UNIT_ADMIN,
        "tram_chim",
    ),
]


def seed(units: dict, stdout=None) -> None:
    targets = {
        "district": units["district"],
        "new_province": units["new_province"],
        "tram_chim": units["new_communes"]["30001"],
    }
    for username, full_name, title, role, key in OFFICERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                full_name=full_name,
                title=title,
                email=f"{username.replace('.', '-')}@danvan.local",
            )
        RoleAssignment.objects.get_or_create(
            user=user, role=role, unit=targets[key], valid_from=dt.date(2019, 1, 1)
        )
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = User.objects.create_superuser(
            username="admin",
            password=DEMO_PASSWORD,
            email="admin@danvan.local",
            full_name="Quản trị hệ thống",
        )
    RoleAssignment.objects.get_or_create(
        user=admin, role=Role.SYSTEM_ADMIN, unit=units["new_province"], valid_from=dt.date(2019, 1, 1)
    )
    if not User.objects.filter(username="congdan").exists():
        User.objects.create_user(
            username="congdan",
            password=DEMO_PASSWORD,
            full_name="Nguyễn Văn An",
            kind=User.Kind.CITIZEN,
            phone="0912345678",
            phone_verified_at=timezone.now(),  # proved by a one-time code, as at sign-up
        )
    if stdout:
        stdout.write(f"  tài khoản: {User.objects.count()}")


def two_factor_note() -> str:
    """What `manage.py demo_logins` says about two-factor sign-in, for the policy in force."""
    from danvan.access.roles import roles_requiring_two_factor
    from danvan.access.two_factor import policy_on

    if policy_on():
        required = ["admin"] + [u for u, _, _, role, _ in OFFICERS if role in roles_requiring_two_factor()]
        return (
            f"Xác thực hai lớp đang bắt buộc: {', '.join(required)} đăng nhập xong phải bật ngay (cần một "
            "ứng dụng xác thực trên điện thoại) mới làm việc được."
        )
    return (
        "Xác thực hai lớp không bắt buộc trong bản demo (DANVAN_2FA_REQUIRED=false); bật thử tại "
        "/can-bo/tai-khoan/. Khi chạy thật, lãnh đạo, quản trị đơn vị, quản trị hệ thống bắt buộc bật."
    )


def logins() -> list[tuple[str, str]]:
    rows = [("admin", "Quản trị hệ thống (toàn quyền, vào được /admin/)")]
    rows += [(u, f"{dict(Role.choices)[r]} — {t}") for u, _, t, r, _ in OFFICERS]
    rows.append(("congdan", "Công dân (SĐT 0912345678)"))
    return rows
