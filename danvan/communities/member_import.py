"""Reading and checking an .xlsx of a group's members, row by row, before anything is written.

The first row holds the headers (matched without diacritics or case, in any order); each following row is one
member: a household of the commune's registry (its code), a person of the registry (their ID number — the
household is theirs), or a name alone. Every row is checked — the household or person exists in the group's
commune, is not already an active member nor twice in the file, the joining day is a day not after today nor
before the group's founding — and the result holds either every checked row or every refusal (row number,
column, value, message): the import writes all rows or none (`services.member_import_run`).
"""

from dataclasses import dataclass, field

from openpyxl import load_workbook

from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.core.text import normalize

from .importing import _day

COLUMNS = [
    # key, header, help
    ("full_name", "Họ và tên", "Để trống khi ghi mã hộ hoặc số định danh: lấy tên trong sổ hộ."),
    ("household_code", "Mã hộ", "Mã hộ trong sổ hộ của xã (thành viên là một hộ)."),
    ("id_number", "Số định danh", "Số định danh cá nhân (CCCD, 12 chữ số) của người trong sổ hộ của xã."),
    ("role", "Vai trò", "Thành viên, Tổ trưởng… (để trống: Thành viên)."),
    ("joined_on", "Ngày vào", "Ngày theo dạng ngày/tháng/năm, không trước ngày thành lập mô hình."),
]
HEADERS = {normalize(header): key for key, header, _help in COLUMNS}
LABEL = {key: header for key, header, _help in COLUMNS}


@dataclass
class CheckResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0
    total_rows: int = 0


def error(row, column: str, value, message: str) -> dict:
    shown = "" if value is None else str(value)
    return {"row": row, "column": LABEL.get(column, column), "value": shown[:100], "message": message}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def check_file(fh, *, group, households: dict, residents: dict, members: set, progress=None, max_rows=20_000):
    """`households`: {code: Household} and `residents`: {id number: Resident} of the group's commune;
    `members`: the ids of the households already active members of the group."""
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
    missing = [LABEL[k] for k in ("joined_on",) if k not in columns]
    if not {"full_name", "household_code", "id_number"} & set(columns):
        missing.insert(0, "Họ và tên (hoặc Mã hộ, Số định danh)")
    if missing:
        result.errors.append(error(1, "", "", "Thiếu cột: " + ", ".join(missing) + "."))
        result.error_count = 1
        wb.close()
        return result
    total = max(0, (ws.max_row or 1) - 1)
    if progress:
        progress(0, total)
    today = local_today()
    seen: dict[tuple, int] = {}
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
        name = _text(cell.get("full_name"))
        code = _text(cell.get("household_code"))
        id_number = _text(cell.get("id_number"))
        household = resident = None
        if code:
            household = households.get(code)
            if household is None:
                row_errors.append(
                    error(n, "household_code", code, "Không có hộ mang mã này trong sổ hộ của xã.")
                )
        if id_number:
            if not (id_number.isdigit() and len(id_number) == 12):
                row_errors.append(error(n, "id_number", id_number, "Số định danh phải gồm đúng 12 chữ số."))
            else:
                resident = residents.get(id_number)
                if resident is None:
                    row_errors.append(
                        error(
                            n,
                            "id_number",
                            id_number,
                            "Không có người mang số định danh này trong sổ hộ của xã.",
                        )
                    )
                elif household is not None and resident.household_id != household.pk:
                    row_errors.append(
                        error(n, "id_number", id_number, "Người mang số định danh này không thuộc hộ đã ghi.")
                    )
        if resident is not None:
            name = name or resident.full_name
            household = resident.household
        elif household is not None:
            name = name or household.representative_name
        # one membership a household, as `services.member_add` holds it (a person of the registry brings theirs)
        key = household.pk if household is not None else None
        if not name and not row_errors:
            row_errors.append(
                error(n, "full_name", "", "Hãy ghi họ tên, mã hộ hoặc số định danh của thành viên.")
            )
        elif len(name) > 128:
            row_errors.append(error(n, "full_name", name, "Họ tên dài quá 128 ký tự."))
        role = _text(cell.get("role"))
        if len(role) > 64:
            row_errors.append(error(n, "role", role, "Vai trò dài quá 64 ký tự."))
        joined = None
        try:
            joined = _day(cell.get("joined_on"))
        except DomainError:
            row_errors.append(
                error(n, "joined_on", cell.get("joined_on"), "Ngày vào không đúng dạng ngày/tháng/năm.")
            )
        else:
            if joined is None:
                row_errors.append(error(n, "joined_on", "", "Hãy ghi ngày vào mô hình."))
            elif joined > today:
                row_errors.append(
                    error(n, "joined_on", cell.get("joined_on"), "Ngày vào không thể sau hôm nay.")
                )
            elif joined < group.founded_on:
                row_errors.append(
                    error(
                        n,
                        "joined_on",
                        cell.get("joined_on"),
                        "Ngày vào không thể trước ngày thành lập mô hình.",
                    )
                )
        if key is not None:
            who = "Hộ của người này" if resident is not None else "Hộ này"
            if key in members:
                row_errors.append(error(n, "", name, f"{who} đã là thành viên của mô hình."))
            elif key in seen:
                row_errors.append(error(n, "", name, f"{who} đã có ở dòng {seen[key]} của tệp."))
            else:
                seen[key] = n
        if row_errors:
            result.error_count += len(row_errors)
            if len(result.errors) < 1000:
                result.errors.extend(row_errors)
        else:
            result.rows.append(
                {
                    "full_name": name,
                    "household": household,
                    "role": role or "Thành viên",
                    "joined_on": joined,
                }
            )
        if progress and result.total_rows % 1000 == 0:
            progress(result.total_rows, total)
    if result.total_rows == 0 and not result.errors:
        result.errors.append(error(None, "", "", "Tệp không có dòng thành viên nào."))
        result.error_count = 1
    wb.close()
    return result


def build_template() -> bytes:
    """The .xlsx to fill in: the header row, examples, and an instructions sheet."""
    from openpyxl.styles import Font

    from danvan.core.spreadsheets import Workbook

    book = Workbook()
    sheet = book.sheet("Thành viên")
    sheet.widths([24 for _ in COLUMNS])
    sheet.row([header for _key, header, _help in COLUMNS], font=Font(bold=True))
    sheet.row(["Nguyễn Văn Tư", "", "", "Thành viên", "15/03/2024"])
    sheet.row(["", "HO-0001", "", "Thành viên", "15/03/2024"])
    guide = book.sheet("Hướng dẫn")
    guide.widths((24, 90))
    for _key, header, help_text in COLUMNS:
        guide.row([header, help_text])
    return book.to_bytes()
