"""How the audit records of cases read (danvan.audit.trail): "Lê Thị Mỹ Hạnh giải quyết: Đúng một phần"."""

from danvan.audit.trail import Action, Field, date_text, register_trail
from danvan.units.models import Unit

from .models import Case


def _on_time(value) -> str:
    return "đúng hạn" if value else "trễ hạn"


def _count(unit: str):
    return lambda value: f"{value} {unit}" if value else ""


register_trail(
    Case,
    actions={
        "case.submit": Action("tiếp nhận hồ sơ", headline="kind", nobody="Người dân"),
        "case.classify": Action("phân loại lại"),
        "case.assign": Action("phân công xử lý", headline="handler"),
        "case.accept": Action("thụ lý", headline="resolve_due"),
        "case.decline": Action("không thụ lý", headline="decline_reason"),
        "case.transfer": Action("chuyển đơn", headline="unit"),
        "case.verify": Action("bắt đầu xác minh"),
        "case.dialogue": Action("ghi nhận đối thoại", headline="dialogue_on"),
        "case.extend": Action("gia hạn giải quyết", headline="resolve_due"),
        "case.resolve": Action("giải quyết", headline="outcome"),
        "case.close": Action("đóng hồ sơ"),
        "case.reopen": Action("mở lại hồ sơ", headline="reason"),
        "case.merge": Action("gộp hồ sơ", headline="merged_into"),
        "case.merge_in": Action("nhận hồ sơ gộp", headline="merged"),
        "case.rate": Action("đánh giá kết quả", headline="rating", nobody="Người dân"),
        "case.appeal": Action("tiếp nhận khiếu nại lần hai", headline="unit", nobody="Người dân"),
        "case.identity_view": Action("xem danh tính người tố cáo"),
        "case.attachment_download": Action("tải tệp đính kèm"),
        "case.resolution_download": Action("tải văn bản giải quyết"),
        "case.minutes_download": Action("tải biên bản đối thoại"),
        "case.attach": Action("đính kèm tệp"),
        "case.export": Action("xuất sổ đơn thư", headline="rows"),
    },
    fields={
        "on_time": Field("thời hạn", _on_time),
        "reason": Field("lý do"),
        "merged": Field("hồ sơ được gộp", lambda pk: _case_code(pk)),
        "rating": Field("mức đánh giá", lambda v: f"{v}/5 sao"),
        "attachments": Field("tệp đính kèm", _count("tệp")),
        "attachment": Field("tệp", lambda v: "một tệp đính kèm"),
        "api_key": Field("gửi qua ứng dụng", lambda v: "ứng dụng của tổ chức khác (Open311)"),
        "dialogue_on": Field("ngày đối thoại", date_text),
        "participants": Field("thành phần tham dự"),
        "minutes": Field("biên bản", lambda v: "đã đính kèm biên bản"),
        "resolution_file": Field("tệp văn bản", lambda v: "đã đính kèm tệp"),
        "decline_reason": Field("lý do"),
    },
    hidden={"search_text", "resolution_file_name"},
    name=lambda case: case.code,
)

register_trail(
    Unit,
    fields={
        "rows": Field("số hồ sơ", _count("hồ sơ")),
        "filters": Field("bộ lọc", lambda v: "có lọc" if v else ""),
    },
)


def _case_code(pk) -> str:
    return Case.objects.filter(pk=pk).values_list("code", flat=True).first() or "(đã xoá)"
