"""Reading and checking a household register workbook (.xlsx) — no writes here.

The sheet format (the first sheet, header in row 1, one row per resident) is `COLUMNS`. `check_file`
reads every row, checks it against the rules and the database (hamlets of the commune in force today,
household codes and CCCD numbers already registered) and returns either the households to create or the
list of errors, each `{"row", "column", "value", "message"}` with the row number as Excel shows it.
`services.household_import_run` writes the result; `build_template` makes the file officials fill in.
"""

import datetime as dt
import functools
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from danvan.core.spreadsheets import Workbook
from danvan.core.text import nfc, normalize
from danvan.units.models import Unit

from .models import Household, Resident
from .phones import normalize_phone

MAX_ROWS = 100_000
PROGRESS_EVERY = 1000
MIN_BIRTH_YEAR = 1900
REPRESENTATIVE = "Chủ hộ"
_QUERY_CHUNK = 900  # stays under SQLite's bound-parameter limit on any build


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool  # the column must be present and its cells filled
    max_length: int = 0
    help: str = ""


COLUMNS = [
    Column(
        "code",
        "Mã hộ",
        True,
        32,
        "Mã hộ gia đình, duy nhất trong xã. Các thành viên cùng hộ ghi cùng một mã.",
    ),
    Column(
        "hamlet",
        "Mã ấp/khóm",
        True,
        32,
        "Mã đơn vị của ấp, khóm, thôn, tổ dân phố (xem trang “Mã ấp, khóm”).",
    ),
    Column("address", "Địa chỉ", True, 255, "Địa chỉ của hộ; mọi dòng của một hộ ghi giống nhau."),
    Column("full_name", "Họ và tên", True, 128, "Họ và tên đầy đủ, có dấu."),
    Column("birth_year", "Năm sinh", True, 0, f"Bốn chữ số, từ {MIN_BIRTH_YEAR} đến năm nay, ví dụ 1975."),
    Column("gender", "Giới tính", True, 0, "Nam, Nữ hoặc Khác."),
    Column(
        "id_number",
        "Số CCCD",
        False,
        12,
        "12 chữ số, có thể để trống. Định dạng ô là Văn bản để giữ số 0 ở đầu.",
    ),
    Column(
        "relation",
        "Quan hệ với chủ hộ",
        True,
        32,
        "Ghi “Chủ hộ” cho người đại diện hộ (mỗi hộ đúng một người); "
        "người khác ghi Vợ, Chồng, Con, Cha, Mẹ, Cháu…",
    ),
    Column(
        "phone",
        "Số điện thoại",
        False,
        0,
        "Số điện thoại của hộ, chỉ ghi ở dòng của chủ hộ; có thể để trống.",
    ),
]
BY_KEY = {c.key: c for c in COLUMNS}
_ALIASES = {
    "ma ap": "hamlet",
    "ma khom": "hamlet",
    "ma thon": "hamlet",
    "ma ap khom thon": "hamlet",
    "ho ten": "full_name",
    "cccd": "id_number",
    "so dinh danh": "id_number",
    "so cccd cmnd": "id_number",
    "quan he": "relation",
    "dien thoai": "phone",
    "sdt": "phone",
    "so dt": "phone",
}
HEADER_KEYS = {normalize(c.header): c.key for c in COLUMNS} | _ALIASES
IGNORED_HEADERS = {"stt", "so tt", "so thu tu", "ghi chu"}
_COLUMN_ORDER = {c.header: i for i, c in enumerate(COLUMNS)}
GENDERS = {"nam": Resident.Gender.MALE, "nu": Resident.Gender.FEMALE, "khac": Resident.Gender.OTHER}


@dataclass(slots=True)
class Member:
    row: int
    full_name: str
    birth_year: int
    gender: str
    id_number: str
    relation: str
    is_representative: bool


@dataclass(slots=True)
class HouseholdDraft:
    code: str
    row: int  # first row of the household
    hamlet_code: str
    address: str
    hamlet_id: int | None = None
    phone: str = ""
    members: list = field(default_factory=list)
    representative_rows: list = field(default_factory=list)


@dataclass
class CheckResult:
    households: list  # of HouseholdDraft, in file order
    errors: list  # of error dicts, sorted by row and column
    error_count: int
    total_rows: int

    @property
    def resident_count(self) -> int:
        return sum(len(h.members) for h in self.households)


def error(row: int | None, column: str, value, message: str) -> dict:
    shown = "" if value is None else str(value)
    if len(shown) > 100:
        shown = shown[:99] + "…"
    return {"row": row, "column": column, "value": shown, "message": message}


def _refused(
    message: str, *, row: int | None = None, column: str = "", value="", total: int = 0
) -> CheckResult:
    return CheckResult([], [error(row, column, value, message)], 1, total)


_norm = functools.lru_cache(maxsize=4096)(normalize)  # genders, relations, hamlet codes repeat a lot


def _text(value) -> str:
    """A cell as text: numbers Excel stored as 1985.0 become "1985"; spaces are collapsed; NFC."""
    if value is None:
        return ""
    if type(value) is str:
        text = value.strip()
        if "  " in text or "\n" in text or "\t" in text or "\xa0" in text:
            text = " ".join(text.split())
        return text if unicodedata.is_normalized("NFC", text) else nfc(text)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    text = value if isinstance(value, str) else str(value)
    return nfc(" ".join(text.split()))


def _blank(values) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _map_header(values) -> tuple[dict, list]:
    index: dict[str, int] = {}
    errors = []
    for pos, raw in enumerate(values):
        label = _text(raw)
        if not label:
            continue
        norm = normalize(label)
        key = HEADER_KEYS.get(norm)
        letter = get_column_letter(pos + 1)
        if key is None:
            if norm in IGNORED_HEADERS:
                continue
            errors.append(
                error(
                    1,
                    label,
                    label,
                    f"Cột {letter} “{label}” không có trong mẫu. Hãy đổi tên cột cho đúng mẫu "
                    f"({', '.join(c.header for c in COLUMNS)}) hoặc xoá cột này.",
                )
            )
        elif key in index:
            errors.append(
                error(
                    1,
                    BY_KEY[key].header,
                    label,
                    f"Cột “{BY_KEY[key].header}” bị lặp (cột {get_column_letter(index[key] + 1)} "
                    f"và cột {letter}). Hãy giữ lại một cột.",
                )
            )
        else:
            index[key] = pos
    for col in COLUMNS:
        if col.required and col.key not in index:
            errors.append(
                error(
                    1,
                    col.header,
                    "",
                    f"Thiếu cột “{col.header}”. Hãy thêm cột này vào dòng tiêu đề (dòng 1) đúng như tệp mẫu.",
                )
            )
    return index, errors


def _digits(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "".join(ch for ch in str(value) if not ch.isspace() and ch not in ".-")


def check_file(
    fh, *, commune: Unit, today: dt.date, progress: Callable[[int, int | None], None] | None = None
) -> CheckResult:
    """Read and check the workbook `fh` for `commune`; see the module docstring."""
    try:
        workbook = openpyxl.load_workbook(fh, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        return _refused(
            "Không đọc được tệp Excel. Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx rồi tải lên."
        )
    try:
        return _check_sheet(workbook.worksheets[0], commune=commune, today=today, progress=progress)
    finally:
        workbook.close()


def _check_sheet(ws, *, commune, today, progress) -> CheckResult:
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None or _blank(header):
        return _refused(
            "Tệp trống hoặc dòng 1 không có tiêu đề cột. Hãy dùng tệp mẫu: dòng 1 là tiêu đề, "
            "từ dòng 2 mỗi dòng là một nhân khẩu.",
            row=1,
        )
    index, header_errors = _map_header(header)
    if header_errors:
        return CheckResult([], header_errors, len(header_errors), 0)
    try:
        estimate = (ws.max_row or 0) - 1
    except Exception:  # some writers leave no dimension; progress then shows rows only
        estimate = 0
    estimate = estimate if 0 < estimate <= MAX_ROWS else None

    hamlets = {u.code: u for u in Unit.objects.communities().subtree(commune).valid_on(today)}
    this_year = today.year
    errors: list[dict] = []
    add = errors.append
    households: dict[str, HouseholdDraft] = {}
    ids_seen: dict[str, int] = {}
    unknown_hamlets: dict[str, list[int]] = {}
    positions = [(c, index.get(c.key)) for c in COLUMNS]
    count = 0
    H_CODE, H_HAMLET, H_ADDRESS, H_NAME, H_YEAR, H_GENDER, H_ID, H_REL, H_PHONE = (c.header for c in COLUMNS)

    for rownum, values in enumerate(rows, start=2):
        if _blank(values):
            continue
        count += 1
        if count > MAX_ROWS:
            limit = f"{MAX_ROWS:,}".replace(",", ".")
            return _refused(
                f"Tệp có hơn {limit} dòng dữ liệu. Hãy chia thành nhiều tệp, mỗi tệp tối đa {limit} dòng.",
                row=rownum,
            )
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count, estimate)
        width = len(values)
        cells = {}
        for col, pos in positions:
            raw = values[pos] if pos is not None and pos < width else None
            cells[col.key] = raw
            if col.required and _text(raw) == "":
                add(error(rownum, col.header, "", f"Ô “{col.header}” còn trống. {col.help}"))
        texts = {k: _text(v) for k, v in cells.items()}
        for key in ("code", "hamlet", "address", "full_name", "relation"):
            col = BY_KEY[key]
            if len(texts[key]) > col.max_length:
                add(
                    error(
                        rownum,
                        col.header,
                        texts[key],
                        f"“{col.header}” dài quá {col.max_length} ký tự. Hãy viết ngắn lại.",
                    )
                )

        # Năm sinh
        year = 0
        raw_year = cells["birth_year"]
        if texts["birth_year"]:
            if isinstance(raw_year, dt.date | dt.datetime):
                add(
                    error(
                        rownum,
                        H_YEAR,
                        texts["birth_year"],
                        "Chỉ ghi năm sinh (bốn chữ số, ví dụ 1975), không ghi ngày tháng.",
                    )
                )
            else:
                try:
                    year = int(float(raw_year)) if not isinstance(raw_year, str) else int(texts["birth_year"])
                    if isinstance(raw_year, float) and not raw_year.is_integer():
                        raise ValueError
                except (TypeError, ValueError):
                    year = 0
                    add(
                        error(
                            rownum,
                            H_YEAR,
                            texts["birth_year"],
                            "Năm sinh phải là số có bốn chữ số, ví dụ 1975.",
                        )
                    )
                else:
                    if not MIN_BIRTH_YEAR <= year <= this_year:
                        add(
                            error(
                                rownum,
                                H_YEAR,
                                texts["birth_year"],
                                f"Năm sinh phải từ {MIN_BIRTH_YEAR} đến {this_year}.",
                            )
                        )
                        year = 0
        # Giới tính
        gender = ""
        if texts["gender"]:
            gender = GENDERS.get(_norm(texts["gender"]), "")
            if not gender:
                add(error(rownum, H_GENDER, texts["gender"], "Giới tính chỉ ghi Nam, Nữ hoặc Khác."))
        # Số CCCD
        id_number = ""
        if texts["id_number"]:
            id_number = _digits(cells["id_number"])
            if not (len(id_number) == 12 and id_number.isdigit()):
                hint = ""
                if (
                    isinstance(cells["id_number"], int | float)
                    and len(id_number) == 11
                    and id_number.isdigit()
                ):
                    hint = (
                        " Excel đã làm mất số 0 ở đầu: hãy định dạng cột “Số CCCD” là Văn bản (Text) "
                        "rồi gõ lại số."
                    )
                add(error(rownum, H_ID, texts["id_number"], "Số CCCD phải có đúng 12 chữ số." + hint))
                id_number = ""
            elif id_number in ids_seen:
                add(
                    error(
                        rownum,
                        H_ID,
                        id_number,
                        f"Số CCCD {id_number} trùng với dòng {ids_seen[id_number]}. Mỗi người có một số CCCD "
                        "riêng; hãy kiểm tra lại.",
                    )
                )
            else:
                ids_seen[id_number] = rownum
        # Quan hệ với chủ hộ
        is_rep = _norm(texts["relation"]) == "chu ho"
        relation = REPRESENTATIVE if is_rep else texts["relation"]
        # Số điện thoại
        phone = ""
        if texts["phone"]:
            raw_phone = _digits(cells["phone"]) if isinstance(cells["phone"], int | float) else texts["phone"]
            if isinstance(cells["phone"], int | float) and len(raw_phone) == 9:
                raw_phone = "0" + raw_phone  # Excel drops the leading 0 of a number cell
            phone = normalize_phone(raw_phone)
            if not phone:
                add(
                    error(
                        rownum,
                        H_PHONE,
                        texts["phone"],
                        "Số điện thoại không hợp lệ: cần 10 chữ số, bắt đầu bằng 0 (ví dụ 0912345678).",
                    )
                )
            elif not is_rep:
                add(
                    error(
                        rownum,
                        H_PHONE,
                        texts["phone"],
                        "Chỉ ghi số điện thoại ở dòng của chủ hộ. Hãy chuyển số này sang dòng “Chủ hộ” "
                        "hoặc xoá đi.",
                    )
                )
                phone = ""
        # Ấp/khóm
        hamlet_code = texts["hamlet"]
        hamlet = hamlets.get(hamlet_code) if hamlet_code else None
        if hamlet_code and hamlet is None:
            unknown_hamlets.setdefault(hamlet_code, []).append(rownum)

        code = texts["code"]
        if not code:
            continue
        draft = households.get(code)
        if draft is None:
            draft = households[code] = HouseholdDraft(
                code=code,
                row=rownum,
                hamlet_code=hamlet_code,
                address=texts["address"],
                hamlet_id=hamlet.pk if hamlet else None,
            )
        else:
            if hamlet_code and draft.hamlet_code and hamlet_code != draft.hamlet_code:
                add(
                    error(
                        rownum,
                        H_HAMLET,
                        hamlet_code,
                        f"Hộ {code} ở dòng {draft.row} ghi ấp/khóm “{draft.hamlet_code}”. Mọi dòng của cùng "
                        "một hộ phải ghi cùng mã ấp/khóm.",
                    )
                )
            if (
                texts["address"]
                and draft.address
                and texts["address"] != draft.address
                and normalize(texts["address"]) != normalize(draft.address)
            ):
                add(
                    error(
                        rownum,
                        H_ADDRESS,
                        texts["address"],
                        f"Hộ {code} ở dòng {draft.row} ghi địa chỉ “{draft.address}”. Mọi dòng của cùng một hộ "
                        "phải ghi cùng địa chỉ.",
                    )
                )
        if is_rep:
            if draft.representative_rows:
                add(
                    error(
                        rownum,
                        H_REL,
                        texts["relation"],
                        f"Hộ {code} đã có chủ hộ ở dòng {draft.representative_rows[0]}. Mỗi hộ chỉ có một "
                        "“Chủ hộ”; hãy ghi quan hệ của người này với chủ hộ (Vợ, Con, Cha, Mẹ…).",
                    )
                )
            draft.representative_rows.append(rownum)
            draft.phone = phone
        draft.members.append(Member(rownum, texts["full_name"], year, gender, id_number, relation, is_rep))

    if progress is not None:
        progress(count, count)
    if count == 0:
        return _refused(
            "Tệp chỉ có dòng tiêu đề, chưa có dòng dữ liệu nào. Hãy ghi mỗi nhân khẩu một dòng, "
            "bắt đầu từ dòng 2.",
            row=2,
        )

    for draft in households.values():
        if not draft.representative_rows:
            first = draft.members[0]
            add(
                error(
                    draft.row,
                    H_REL,
                    first.relation,
                    f"Hộ {draft.code} chưa có ai ghi “Chủ hộ”. Mỗi hộ cần đúng một dòng ghi “Chủ hộ” ở cột "
                    "“Quan hệ với chủ hộ”.",
                )
            )
    _check_unknown_hamlets(unknown_hamlets, commune, today, add)
    _check_existing_codes(households, commune, add)
    _check_existing_ids(ids_seen, add)

    errors.sort(key=lambda e: (e["row"] or 0, _COLUMN_ORDER.get(e["column"], 99)))
    if errors:
        return CheckResult([], errors, len(errors), count)
    return CheckResult(list(households.values()), [], 0, count)


def _check_unknown_hamlets(unknown: dict, commune, today, add) -> None:
    if not unknown:
        return
    ended = {}
    for u in Unit.objects.communities().subtree(commune).filter(code__in=list(unknown)[:_QUERY_CHUNK]):
        ended[u.code] = u
    elsewhere = {}
    for u in Unit.objects.filter(code__in=list(unknown)[:_QUERY_CHUNK]).exclude(
        path__startswith=commune.path
    ):
        elsewhere.setdefault(u.code, u)
    for code, rownums in unknown.items():
        if code in ended and ended[code].valid_from and ended[code].valid_from > today:
            u = ended[code]
            message = (
                f"“{u.name}” (mã {code}) chỉ có hiệu lực từ {u.valid_from:%d/%m/%Y}. Hãy ghi mã ấp/khóm "
                f"hiện hành của {commune.name}."
            )
        elif code in ended:
            u = ended[code]
            until = f" từ {u.valid_to + dt.timedelta(days=1):%d/%m/%Y}" if u.valid_to else ""
            message = (
                f"“{u.name}” (mã {code}) đã hết hiệu lực{until}. Hãy ghi mã ấp/khóm hiện hành của "
                f"{commune.name}."
            )
        elif code in elsewhere:
            u = elsewhere[code]
            message = (
                f"Mã {code} là của “{u.name}”, không thuộc {commune.name}. Hãy ghi mã một ấp/khóm của "
                f"{commune.name} (xem trang “Mã ấp, khóm” trong tệp mẫu)."
            )
        else:
            message = (
                f"Không có ấp/khóm nào mã {code} ở {commune.name}. Hãy ghi đúng mã ấp/khóm "
                "(xem trang “Mã ấp, khóm” trong tệp mẫu)."
            )
        for rownum in rownums:
            add(error(rownum, "Mã ấp/khóm", code, message))


def _check_existing_codes(households: dict, commune, add) -> None:
    codes = list(households)
    for start in range(0, len(codes), _QUERY_CHUNK):
        chunk = codes[start : start + _QUERY_CHUNK]
        for code in Household.objects.filter(commune=commune, code__in=chunk).values_list("code", flat=True):
            add(
                error(
                    households[code].row,
                    "Mã hộ",
                    code,
                    f"Mã hộ {code} đã có trong sổ hộ của {commune.name}. Nếu đây là hộ mới, hãy dùng mã khác; "
                    "nếu hộ đã được nhập trước đây, hãy bỏ các dòng của hộ này khỏi tệp.",
                )
            )


def _check_existing_ids(ids_seen: dict, add) -> None:
    numbers = list(ids_seen)
    for start in range(0, len(numbers), _QUERY_CHUNK):
        chunk = numbers[start : start + _QUERY_CHUNK]
        for number, household_code in Resident.objects.filter(id_number__in=chunk).values_list(
            "id_number", "household__code"
        ):
            add(
                error(
                    ids_seen[number],
                    "Số CCCD",
                    number,
                    f"Số CCCD {number} đã có trong sổ (hộ {household_code}). Hãy kiểm tra lại số này.",
                )
            )


# ---------------------------------------------------------------- the template


def build_template(hamlets: list[tuple[str, str]] | None = None) -> bytes:
    """An .xlsx with the header row and an example household, an instructions sheet and the hamlet codes."""
    hamlets = hamlets or []
    book = Workbook()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="F3E3C3")
    data = book.sheet("Hộ gia đình")
    ws = data.ws
    for c in data.row(
        [c.header for c in COLUMNS], font=bold, alignment=Alignment(vertical="center", wrap_text=True)
    ):
        c.fill = fill
    hamlet_code = hamlets[0][0] if hamlets else "30025-01"
    example = [
        [
            "HO-0001",
            hamlet_code,
            "Số 12, tổ 3",
            "Nguyễn Văn An",
            1968,
            "Nam",
            "087068001234",
            "Chủ hộ",
            "0912345678",
        ],
        ["HO-0001", hamlet_code, "Số 12, tổ 3", "Trần Thị Bích", 1971, "Nữ", "087171005678", "Vợ", None],
    ]
    text_columns = {COLUMNS.index(BY_KEY[key]) for key in ("code", "hamlet", "id_number", "phone")}
    formats = ["@" if i in text_columns else None for i in range(len(COLUMNS))]
    data.rows(example, number_formats=formats)
    data.widths([12, 14, 30, 26, 10, 10, 16, 20, 16])
    for i in text_columns:
        ws.column_dimensions[get_column_letter(i + 1)].number_format = "@"
    gender_letter = get_column_letter(COLUMNS.index(BY_KEY["gender"]) + 1)
    dv = DataValidation(
        type="list",
        formula1='"Nam,Nữ,Khác"',
        allow_blank=False,
        error="Giới tính chỉ ghi Nam, Nữ hoặc Khác.",
        errorTitle="Giới tính",
    )
    dv.add(f"{gender_letter}2:{gender_letter}{MAX_ROWS + 1}")
    ws.add_data_validation(dv)
    ws.freeze_panes = "A2"

    guide = book.sheet("Hướng dẫn")
    guide.widths([22, 90])
    lines = [
        ("Cách điền", ""),
        ("", "Trang “Hộ gia đình”: dòng 1 là tiêu đề, giữ nguyên. Từ dòng 2, mỗi dòng là một nhân khẩu."),
        ("", "Các thành viên của cùng một hộ ghi cùng “Mã hộ”, cùng “Mã ấp/khóm” và cùng “Địa chỉ”."),
        ("", "Mỗi hộ có đúng một dòng ghi “Chủ hộ” ở cột “Quan hệ với chủ hộ”."),
        ("", "Hai dòng ví dụ (hộ HO-0001) chỉ để tham khảo: hãy xoá trước khi nhập."),
        ("", f"Mỗi tệp tối đa {MAX_ROWS:,} dòng dữ liệu.".replace(",", ".")),
        (
            "",
            "Nếu tệp có lỗi, hệ thống không nhập dòng nào và liệt kê từng lỗi theo dòng, cột để sửa; "
            "sửa xong tải lại cả tệp.",
        ),
        ("", ""),
        ("Cột", "Cách ghi"),
    ] + [(c.header + (" (bắt buộc)" if c.required else " (không bắt buộc)"), c.help) for c in COLUMNS]
    wrap = Alignment(wrap_text=True, vertical="top")
    for a, b in lines:
        heading = a in {"Cách điền", "Cột"}
        guide.row([a, b], font=bold if heading else None)[1].alignment = wrap

    codes = book.sheet("Mã ấp, khóm")
    codes.row(["Mã ấp/khóm", "Tên"], font=bold)
    codes.rows(hamlets)
    codes.widths([16, 40])
    return book.to_bytes()
