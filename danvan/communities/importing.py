"""Reading and checking an .xlsx of contributions to one project, row by row, before anything is written.

The first row holds the headers (matched without diacritics or case, in any order); each following row is
one contribution, checked by the same rules as the form (`services.clean_contribution`). The result holds
either every checked row, or the refusals of every bad row (row number, column, value, message) — the
import writes all rows or none (`services.contribution_import_run`).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from openpyxl import load_workbook

from danvan.core.errors import DomainError, errors_of
from danvan.core.text import normalize

from .models import ContributionKind, ContributorKind, Display

COLUMNS = [
    # key, header, help
    (
        "contributor_kind",
        "Người đóng góp là",
        "Hộ gia đình, Cá nhân, Doanh nghiệp hoặc Nhà hảo tâm giấu tên.",
    ),
    ("household_code", "Mã hộ", "Mã hộ trong sổ hộ của xã (khi người đóng góp là hộ gia đình)."),
    ("contributor_name", "Tên người đóng góp", "Họ tên hoặc tên doanh nghiệp (để trống với hộ trong sổ hộ)."),
    ("kind", "Hình thức", "Tiền mặt, Vật tư, Ngày công hoặc Hiến đất."),
    ("quantity", "Số lượng", "m² đất hiến, số ngày công hoặc số lượng vật tư."),
    ("quantity_unit", "Đơn vị tính", "Đơn vị của vật tư (bao xi măng, m³ đá…)."),
    ("value_vnd", "Giá trị (đồng)", "Số tiền, hoặc giá trị quy ra tiền."),
    ("value_basis", "Căn cứ quy đổi", "Đơn giá hoặc biên bản định giá (khi không phải tiền mặt)."),
    ("on", "Ngày đóng góp", "Ngày theo dạng ngày/tháng/năm."),
    ("receipt_no", "Số biên nhận", ""),
    ("consent_named", "Nêu tên", "Có nếu người đóng góp đồng ý nêu tên trên bảng vinh danh."),
    ("rounded", "Làm tròn", "Có nếu người đóng góp muốn số tiền hiện làm tròn."),
]
HEADERS = {normalize(header): key for key, header, _help in COLUMNS}
LABEL = {key: header for key, header, _help in COLUMNS}
FIELD_COLUMN = {"household": "household_code", "display": "rounded", "project": "", "place": ""}

CONTRIBUTORS = {
    "ho gia dinh": ContributorKind.HOUSEHOLD,
    "ho": ContributorKind.HOUSEHOLD,
    "ca nhan": ContributorKind.PERSON,
    "doanh nghiep": ContributorKind.BUSINESS,
    "nha hao tam giau ten": ContributorKind.ANONYMOUS,
    "giau ten": ContributorKind.ANONYMOUS,
}
KINDS = {
    "tien mat": ContributionKind.CASH,
    "tien": ContributionKind.CASH,
    "vat tu": ContributionKind.MATERIALS,
    "vat tu vat lieu": ContributionKind.MATERIALS,
    "ngay cong": ContributionKind.LABOUR,
    "ngay cong lao dong": ContributionKind.LABOUR,
    "hien dat": ContributionKind.LAND,
}
YES = {"co", "x", "dong y", "1", "true"}


@dataclass
class CheckResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0
    total_rows: int = 0


def error(row, column: str, value, message: str) -> dict:
    shown = "" if value is None else str(value)
    return {"row": row, "column": LABEL.get(column, column), "value": shown[:100], "message": message}


def _day(value):
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise DomainError("Ngày không đúng dạng ngày/tháng/năm.", field="on")


def _number(value, key: str):
    if value is None or value == "":
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = str(value).strip().replace(".", "").replace(" ", "").replace("đ", "").replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise DomainError(f"“{LABEL[key]}” phải là một số.", field=key)


def check_file(
    fh, *, project, stamp, households: dict, clean, progress=None, max_rows: int = 200_000
) -> CheckResult:
    """Check every row of the first sheet. `households`: {code: Household} of the project's commune;
    `clean(data, stamp)` the service's rule check; `progress(done, total)` is called every 1,000 rows."""
    result = CheckResult()
    try:
        wb = load_workbook(fh, read_only=True, data_only=True)
    except Exception:
        result.errors.append(error(None, "", "", "Không đọc được tệp: hãy lưu tệp dưới dạng Excel (.xlsx)."))
        result.error_count = 1
        return result
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None) or ()
    columns = {}
    for i, value in enumerate(header):
        key = HEADERS.get(normalize(str(value or "")))
        if key:
            columns[key] = i
    missing = [LABEL[k] for k in ("contributor_kind", "kind", "on") if k not in columns]
    if missing:
        result.errors.append(error(1, "", "", "Thiếu cột: " + ", ".join(missing) + "."))
        result.error_count = 1
        return result
    total = max(0, (ws.max_row or 1) - 1)
    if progress:
        progress(0, total)
    for n, values in enumerate(rows, start=2):
        if not any(v not in (None, "") for v in values):
            continue
        result.total_rows += 1
        if result.total_rows > max_rows:
            result.errors.append(error(n, "", "", f"Tệp có quá {max_rows} dòng; hãy chia thành nhiều tệp."))
            result.error_count += 1
            break
        cell = {k: (values[i] if i < len(values) else None) for k, i in columns.items()}
        row_errors = []
        data = {"project": project}
        who = normalize(str(cell.get("contributor_kind") or ""))
        data["contributor_kind"] = CONTRIBUTORS.get(who, who)
        kind = normalize(str(cell.get("kind") or ""))
        data["kind"] = KINDS.get(kind, kind)
        code = str(cell.get("household_code") or "").strip()
        if code:
            household = households.get(code)
            if household is None:
                row_errors.append(
                    error(n, "household_code", code, "Không có hộ mang mã này trong sổ hộ của xã.")
                )
            data["household"] = household
        data["contributor_name"] = str(cell.get("contributor_name") or "").strip()
        data["quantity_unit"] = str(cell.get("quantity_unit") or "").strip()
        data["value_basis"] = str(cell.get("value_basis") or "").strip()
        data["receipt_no"] = str(cell.get("receipt_no") or "").strip()
        data["consent_named"] = normalize(str(cell.get("consent_named") or "")) in YES
        data["display"] = (
            Display.ROUNDED if normalize(str(cell.get("rounded") or "")) in YES else Display.EXACT
        )
        for key, parse in (("quantity", _number), ("value_vnd", _number), ("on", None)):
            try:
                data[key] = _day(cell.get(key)) if key == "on" else parse(cell.get(key), key)
            except DomainError as exc:
                row_errors.append(error(n, key, cell.get(key), exc.message))
                data[key] = None if key != "value_vnd" else 0
        if data.get("value_vnd") is not None and data["value_vnd"] != int(data["value_vnd"]):
            row_errors.append(
                error(n, "value_vnd", cell.get("value_vnd"), "Giá trị phải là số đồng, không lẻ.")
            )
        if not row_errors:
            try:
                result.rows.append(clean(data, stamp))
            except DomainError as exc:
                for e in errors_of(exc):
                    column = FIELD_COLUMN.get(e.field, e.field or "")
                    row_errors.append(error(n, column, cell.get(column), e.message))
        if row_errors:
            result.error_count += len(row_errors)
            if len(result.errors) < 1000:
                result.errors.extend(row_errors)
        if progress and result.total_rows % 1000 == 0:
            progress(result.total_rows, total)
    if result.total_rows == 0 and not result.errors:
        result.errors.append(error(None, "", "", "Tệp không có dòng đóng góp nào."))
        result.error_count = 1
    wb.close()
    return result


def build_template() -> bytes:
    """The .xlsx to fill in: the header row, one example, and an instructions sheet."""
    from openpyxl.styles import Font

    from danvan.core.spreadsheets import Workbook

    book = Workbook()
    sheet = book.sheet("Đóng góp")
    sheet.widths([22 for _ in COLUMNS])
    sheet.row([header for _key, header, _help in COLUMNS], font=Font(bold=True))
    sheet.row(
        [
            "Cá nhân",
            "",
            "Nguyễn Văn Tư",
            "Tiền mặt",
            "",
            "",
            2000000,
            "",
            "15/03/2026",
            "BN-001",
            "Có",
            "Không",
        ]
    )
    guide = book.sheet("Hướng dẫn")
    guide.widths((24, 90))
    for _key, header, help_text in COLUMNS:
        guide.row([header, help_text])
    return book.to_bytes()
