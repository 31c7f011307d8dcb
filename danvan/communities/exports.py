"""Spreadsheets and open data of the communities module, through the shared formula-safe writer
(`danvan.core.spreadsheets`): the officers' ledger with its totals (XLSX), and the public open data of
projects and totals (CSV, JSON) — the open data carry no contributor's name."""

from django.utils.translation import gettext as _

from danvan.core.formatting import format_date
from danvan.core.spreadsheets import Workbook, write_csv

from . import selectors
from .models import ContributionKind, Source

MAX_ROWS = 100_000


def ledger_header() -> list[str]:
    return [
        _("STT"),
        _("Ngày đóng góp"),
        _("Người đóng góp là"),
        _("Tên người đóng góp"),
        _("Hình thức"),
        _("Số lượng"),
        _("Đơn vị tính"),
        _("Giá trị (đồng)"),
        _("Căn cứ quy đổi"),
        _("Công trình, mục đích"),
        _("Số biên nhận"),
        _("Nêu tên công khai"),
        _("Ghi chú"),
    ]


def ledger_row(n: int, e) -> list:
    note = ""
    if e.reverses_id:
        note = _("Bút toán điều chỉnh khoản ngày %(day)s: %(reason)s") % {
            "day": format_date(e.reverses.on),
            "reason": e.reason,
        }
    return [
        n,
        format_date(e.on),
        e.get_contributor_kind_display(),
        e.contributor_name,
        e.get_kind_display(),
        float(e.quantity) if e.quantity is not None else "",
        e.quantity_unit,
        e.value_vnd,
        e.value_basis,
        e.project.name if e.project_id else e.purpose,
        e.receipt_no,
        _("có") if e.consent_named else _("không"),
        note,
    ]


def ledger_xlsx(entries, totals, title: str) -> bytes:
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.sheet(_("Sổ đóng góp"))
    sheet.widths((6, 12, 18, 30, 16, 10, 12, 16, 30, 36, 14, 10, 40))
    sheet.row([title], font=Font(bold=True, size=14))
    sheet.row([])
    sheet.row(ledger_header(), font=Font(bold=True))
    for n, e in enumerate(entries, start=1):
        sheet.row(ledger_row(n, e))
    summary = book.sheet(_("Tổng hợp"))
    summary.widths((24, 30, 16, 16, 10))
    summary.row(
        [_("Hình thức"), _("Nguồn"), _("Số lượng"), _("Giá trị (đồng)"), _("Số bút toán")],
        font=Font(bold=True),
    )
    kinds = {k: str(v) for k, v in ContributionKind.choices}
    sources = {k: str(v) for k, v in Source.choices}
    for t in totals:
        summary.row(
            [
                kinds.get(t["kind"], ""),
                sources.get(t["source"], ""),
                float(t["quantity"]),
                t["value"],
                t["entries"],
            ]
        )
    return book.to_bytes()


def open_projects(projects) -> list[dict]:
    """Each project with its budget by source and what the ledger holds by source (no names)."""
    rows = []
    for p in projects:
        money = {m["source"].value: m for m in selectors.money_by_source(p)}
        rows.append(
            {
                "ten": p.name,
                "loai": str(p.get_kind_display()),
                "dia_ban": p.place.name,
                "xa": selectors.current_unit_of(p.commune).name,
                "tieu_chi_nong_thon_moi": p.criterion.number if p.criterion_id else None,
                "khoi_cong": p.started_on.isoformat(),
                "hoan_thanh": p.completed_on.isoformat() if p.completed_on else None,
                "ban_giao": p.handed_over_on.isoformat() if p.handed_over_on else None,
                "tien_do_phan_tram": p.progress,
                "tinh_trang": str(p.get_status_display()),
                "du_toan_dong": {s: money[s]["budget"] for s in Source.values},
                "da_dong_gop_dong": {s: money[s]["contributed"] for s in Source.values if s != Source.STATE},
            }
        )
    return rows


def open_projects_csv(rows: list[dict]) -> str:
    header = [
        "ten",
        "loai",
        "dia_ban",
        "xa",
        "tieu_chi_nong_thon_moi",
        "khoi_cong",
        "hoan_thanh",
        "ban_giao",
        "tien_do_phan_tram",
        "tinh_trang",
    ]
    header += [f"du_toan_{s}_dong" for s in Source.values]
    header += [f"da_dong_gop_{s}_dong" for s in Source.values if s != Source.STATE]
    lines = [header]
    for r in rows:
        lines.append(
            [r[k] if r[k] is not None else "" for k in header[:10]]
            + [r["du_toan_dong"][s] for s in Source.values]
            + [r["da_dong_gop_dong"][s] for s in Source.values if s != Source.STATE]
        )
    return write_csv(lines)
