"""The one way the project writes spreadsheets (XLSX and CSV), safe against formula injection.

A citizen's case title `=HYPERLINK("http://evil.example/","Bấm vào")` written into an officers' register as
is would become a live formula in Excel or LibreOffice. OWASP ("CSV injection") lists the characters that make
a spreadsheet program read a cell as a formula: `=`, `+`, `-`, `@`, tab and carriage return. Here:

- in XLSX, a text that begins with one of them is stored as a plain string (never openpyxl's formula type)
  with Excel's own "quote prefix" flag, so it reads exactly as typed, is not evaluated on opening and stays
  text when an officer edits the cell or saves the sheet again as CSV;
- in CSV, where no type exists, such a text is prefixed with an apostrophe, as OWASP recommends.

Numbers, dates and empty cells pass unchanged (a negative amount stays a number). Every export and template
goes through `Workbook` / `Sheet` or `write_csv`; a test fails when code elsewhere builds an openpyxl
workbook or a csv writer of its own.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

# the media type of every XLSX served (exports, import templates, the review's indicators)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def csv_value(value):
    """The value as a CSV cell: a formula-like text gets a leading apostrophe."""
    return "'" + value if is_formula_like(value) else value


def cell(ws, value, *, font=None, alignment=None, number_format: str | None = None):
    """A cell for `ws.append([...])` (write-only or normal worksheet) that can never hold a formula."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):  # control characters a citizen pasted would make openpyxl refuse the file
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    c = WriteOnlyCell(ws, value=value)
    if is_formula_like(value):
        c.data_type = "s"
        c.quotePrefix = True
    if font is not None:
        c.font = font
    if alignment is not None:
        c.alignment = alignment
    if number_format is not None:
        c.number_format = number_format
    return c


class Sheet:
    """One worksheet; `row()` appends safe cells. `ws` is the openpyxl worksheet for what is not about cell
    values (column widths, data validation, frozen panes)."""

    def __init__(self, ws):
        self.ws = ws

    def row(
        self, values: Iterable = (), *, font=None, alignment=None, number_formats: Sequence | None = None
    ):
        formats = list(number_formats or [])
        cells = [
            cell(
                self.ws,
                value,
                font=font,
                alignment=alignment,
                number_format=formats[i] if i < len(formats) else None,
            )
            for i, value in enumerate(values)
        ]
        self.ws.append(cells)
        return cells

    def rows(self, rows: Iterable[Iterable], **style) -> None:
        for values in rows:
            self.row(values, **style)

    def widths(self, widths: Sequence[float]) -> None:
        from openpyxl.utils import get_column_letter

        for i, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width


class Workbook:
    """An XLSX workbook. `write_only=True` keeps memory flat for long registers (rows are streamed)."""

    def __init__(self, *, write_only: bool = False):
        from openpyxl import Workbook as OpenpyxlWorkbook

        self.write_only = write_only
        self.wb = OpenpyxlWorkbook(write_only=write_only)
        self._first = not write_only

    def sheet(self, title: str) -> Sheet:
        if self._first:  # a normal workbook starts with one empty sheet: use it for the first title
            self._first = False
            ws = self.wb.active
            ws.title = title
        else:
            ws = self.wb.create_sheet(title)
        return Sheet(ws)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.wb.save(out)
        return out.getvalue()


def write_csv(rows: Iterable[Iterable], out=None) -> str | None:
    """Write `rows` as CSV (UTF-8 text, Excel dialect) to the text stream `out`, or return it as a string."""
    target = out if out is not None else io.StringIO()
    writer = csv.writer(target)
    for values in rows:
        writer.writerow([csv_value(v) for v in values])
    return None if out is not None else target.getvalue()
