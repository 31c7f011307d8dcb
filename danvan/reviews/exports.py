"""A report's indicators as an XLSX, through the formula-safe writer (danvan/core/spreadsheets.py).

Sheet "Chỉ tiêu": every indicator with a value — its label, unit of measure, the figure (a number, so it can be
summed) and whether it is computed from the platform's data or entered by the unit; the figures are the frozen
ones once the report is submitted, the live ones while it is written (`selectors.report_values`), as in the
DOCX. For a parent, sheet "So sánh đơn vị": each child unit's figures (`selectors.comparison`) with the parent's
total. Texts that come from data (unit names, indicator labels) pass the writer's guard against formulas.
"""

from __future__ import annotations

from danvan.core.formatting import format_date
from danvan.core.spreadsheets import Workbook

from . import figures, selectors
from .models import UnitReport

INDICATOR_HEADERS = ("STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Nguồn số liệu")


def _format(value) -> str:
    return "#,##0" if isinstance(value, int) else "#,##0.0#"


def indicators_xlsx(report: UnitReport) -> bytes:
    from openpyxl.styles import Font

    bold = Font(bold=True)
    values = selectors.report_values(report)
    wb = Workbook()
    sheet = wb.sheet("Chỉ tiêu")
    sheet.row([f"Báo cáo {report.period.title.lower()} — {report.unit.name}"], font=bold)
    if report.frozen and report.figures_on:
        sheet.row([f"Số liệu đã chốt ngày {format_date(report.figures_on)}. {report.provenance}"])
    else:
        sheet.row(
            [f"Số liệu tính đến ngày {format_date(report.period.cutoff)}, chưa chốt (báo cáo chưa gửi)."]
        )
    sheet.row([])
    sheet.row(INDICATOR_HEADERS, font=bold)
    n = 0
    for line in figures.lines():
        value = values.get(line.key)
        if value is None:
            continue
        n += 1
        sheet.row(
            [
                n,
                line.label,
                figures.MEASURE_LABELS.get(line.measure, ""),
                value,
                "Đơn vị nhập" if line.manual else "Tính từ dữ liệu nền tảng",
            ],
            number_formats=[None, None, None, _format(value)],
        )
    sheet.widths([6, 60, 14, 16, 26])
    if selectors.child_units(report.unit, report.period.end):
        _comparison_sheet(wb.sheet("So sánh đơn vị"), selectors.comparison(report), bold)
    return wb.to_bytes()


def _comparison_sheet(sheet, comp: selectors.Comparison, bold) -> None:
    sheet.row(
        [
            "Đơn vị",
            *[f"{ln.label} ({figures.MEASURE_LABELS.get(ln.measure, '')})" for ln in comp.lines],
            "Số liệu",
        ],
        font=bold,
    )
    for unit in comp.units:
        cells = [comp.values.get((unit.pk, ln.key)) for ln in comp.lines]
        sheet.row(
            [unit.name, *cells, "Đã chốt" if comp.frozen.get(unit.pk) else "Tính đến nay"],
            number_formats=[None, *[_format(v) for v in cells]],
        )
    total = [comp.own.get(ln.key) for ln in comp.lines]
    sheet.row(["Toàn đơn vị", *total, ""], font=bold, number_formats=[None, *[_format(v) for v in total]])
    sheet.widths([32, *[18] * len(comp.lines), 14])
