"""The officers' register of cases as XLSX (sổ theo dõi tiếp nhận, xử lý đơn thư), with the inbox's filters.

Built with openpyxl's write-only workbook, so memory stays flat however many rows. A denouncer's identity is
never read: the submitter columns of a denunciation are empty by a database constraint, and the register
prints "(giữ bí mật)" in their place.
"""

from django.utils.translation import gettext as _

from danvan.core.formatting import format_date
from danvan.core.spreadsheets import Workbook

from .models import Kind

MAX_ROWS = 20_000


def register_title(unit, day) -> str:
    return _("Sổ theo dõi tiếp nhận, xử lý đơn thư — %(unit)s — xuất ngày %(day)s") % {
        "unit": unit.name if unit is not None else _("tất cả đơn vị"),
        "day": format_date(day),
    }


def header() -> list[str]:
    return [
        _("STT"),
        _("Mã hồ sơ"),
        _("Ngày tiếp nhận"),
        _("Kênh tiếp nhận"),
        _("Loại đơn"),
        _("Lĩnh vực"),
        _("Tiêu đề"),
        _("Người gửi"),
        _("Nơi xảy ra"),
        _("Đơn vị giải quyết"),
        _("Trạng thái"),
        _("Hạn xử lý"),
        _("Ngày giải quyết"),
        _("Kết luận"),
    ]


def _sender(case) -> str:
    if case.kind == Kind.DENUNCIATION:
        return _("(giữ bí mật)")
    if case.is_anonymous or not case.submitter_name:
        return _("Nặc danh")
    return ", ".join(p for p in (case.submitter_name, case.submitter_address) if p)


def row(n: int, case) -> list:
    place = ", ".join(p for p in (case.place_address, case.commune.name if case.commune_id else "") if p)
    return [
        n,
        case.code,
        format_date(case.received_on),
        case.get_channel_display(),
        case.get_kind_display(),
        case.field.name if case.field_id else "",
        case.title,
        _sender(case),
        place,
        case.unit.name,
        case.get_status_display(),
        format_date(case.due) if getattr(case, "due", None) else "",
        format_date(case.resolved_on) if case.resolved_on else "",
        case.get_outcome_display() if case.outcome else "",
    ]


def register_xlsx(cases, title: str) -> bytes:
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.sheet(_("Đơn thư"))
    sheet.widths((6, 14, 12, 16, 12, 20, 60, 30, 30, 24, 16, 12, 12, 14))
    sheet.row([title], font=Font(bold=True, size=14))
    sheet.row([])
    sheet.row(header(), font=Font(bold=True))
    for n, case in enumerate(cases, start=1):
        sheet.row(row(n, case))
    return book.to_bytes()
