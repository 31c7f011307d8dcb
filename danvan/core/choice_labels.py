"""Catalogue entries for the labels of the models' choices, which stay Vietnamese-only in the models.

Templates show these labels through `{% translate unit.get_kind_display %}` (roles with the context "role",
since "Giám sát" is also the name of a rulebook area). Listing them here (gettext_noop returns the string
unchanged; Django has no pgettext_noop, hence pgettext_lazy for the roles) is what puts them in
locale/en/LC_MESSAGES/django.po. danvan/core/tests/test_choice_labels.py
checks that these lists match the models' choices, so a new or renamed label fails the suite until it is
added here.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

UNIT_KINDS = (
    gettext_noop("Tỉnh"),
    gettext_noop("Thành phố trực thuộc trung ương"),
    gettext_noop("Huyện"),
    gettext_noop("Thị xã"),
    gettext_noop("Thành phố thuộc tỉnh"),
    gettext_noop("Xã"),
    gettext_noop("Phường"),
    gettext_noop("Thị trấn"),
    gettext_noop("Đặc khu"),
    gettext_noop("Ấp"),
    gettext_noop("Thôn"),
    gettext_noop("Tổ dân phố"),
    gettext_noop("Khóm"),
    gettext_noop("Cấp uỷ Đảng"),
    gettext_noop("Ban Dân vận"),
    gettext_noop("Uỷ ban nhân dân"),
    gettext_noop("Hội đồng nhân dân"),
    gettext_noop("Uỷ ban Mặt trận Tổ quốc"),
    gettext_noop("Hội Liên hiệp Phụ nữ"),
    gettext_noop("Hội Nông dân"),
    gettext_noop("Hội Cựu chiến binh"),
    gettext_noop("Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    gettext_noop("Công đoàn"),
    gettext_noop("Cơ quan, đơn vị"),
    gettext_noop("Doanh nghiệp"),
)

SUCCESSION_KINDS = (
    gettext_noop("Sáp nhập"),
    gettext_noop("Nhập một phần"),
    gettext_noop("Chia tách"),
    gettext_noop("Đổi tên, đổi loại"),
)

ROLES = (
    pgettext_lazy("role", "Biên tập viên"),
    pgettext_lazy("role", "Cán bộ xử lý đơn thư"),
    pgettext_lazy("role", "Cán bộ dân vận"),
    pgettext_lazy("role", "Lãnh đạo đơn vị"),
    pgettext_lazy("role", "Giám sát"),
    pgettext_lazy("role", "Quản trị đơn vị"),
    pgettext_lazy("role", "Quản trị hệ thống"),
)

GENDERS = (gettext_noop("Nam"), gettext_noop("Nữ"), gettext_noop("Khác"))

HOUSEHOLD_IMPORT_STATUSES = (
    gettext_noop("Đang chờ xử lý"),
    gettext_noop("Đang xử lý"),
    gettext_noop("Đã nhập xong"),
    gettext_noop("Bị từ chối (có lỗi)"),
    gettext_noop("Lỗi hệ thống"),
)

RULE_SOURCE_STATUSES = (
    gettext_noop("Đã đối chiếu văn bản gốc"),
    gettext_noop("Theo nguồn thứ cấp"),
    gettext_noop("Chưa kiểm chứng"),
)

SWAP_KINDS = (gettext_noop("Làm bù"), gettext_noop("Nghỉ bù"))

# The reason core.workdays gives for a weekday made a day off (public holidays keep their own names).
SWAPPED_DAY_OFF = gettext_noop("Nghỉ bù (hoán đổi ngày làm việc)")
