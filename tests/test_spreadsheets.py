"""Formula injection (OWASP "CSV injection"): every spreadsheet the project writes neutralises cells that begin
with =, +, -, @, tab or carriage return, through the one writer in danvan.core.spreadsheets."""

import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.core import spreadsheets
from danvan.units.models import Unit

EVIL = '=HYPERLINK("http://evil.example/","Bấm vào")'
TRIGGERS = [EVIL, "+84 912 345 678", "-1+2", "@SUM(A1:A2)", "\tcmd", "\r=1+1"]
ROOT = Path(__file__).resolve().parents[1]


def cells(content: bytes):
    """Every non-empty cell of every sheet, read back as Excel would (formulas as formulas)."""
    wb = load_workbook(io.BytesIO(content))
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def assert_inert(content: bytes, *texts: str) -> None:
    found = cells(content)
    assert [c.coordinate for c in found if c.data_type == "f"] == []
    for text in texts:
        matching = [c for c in found if c.value == text]
        assert matching, f"{text!r} is not in the file as typed"
        assert all(c.data_type == "s" and c.quotePrefix for c in matching)


@pytest.mark.parametrize("write_only", [True, False])
def test_formula_like_texts_are_stored_as_quoted_text_and_numbers_stay_numbers(write_only):
    book = spreadsheets.Workbook(write_only=write_only)
    sheet = book.sheet("Thử")
    sheet.row([*TRIGGERS, -5, 1.5, "Bình thường", None])
    found = cells(book.to_bytes())
    by_value = {c.value: c for c in found}
    for text in TRIGGERS:
        assert by_value[text].data_type == "s" and by_value[text].quotePrefix
    assert by_value[-5].data_type == "n" and by_value[1.5].data_type == "n"
    assert by_value["Bình thường"].data_type == "s" and not by_value["Bình thường"].quotePrefix


def test_control_characters_a_citizen_pasted_do_not_break_the_file():
    book = spreadsheets.Workbook()
    book.sheet("Thử").row(["Cống\x00 vỡ\x0b"])
    assert [c.value for c in cells(book.to_bytes())] == ["Cống vỡ"]


def test_csv_cells_that_could_be_formulas_get_an_apostrophe():
    text = spreadsheets.write_csv([["Tiêu đề", "Số"], [EVIL, -5], ["@x", "an toàn"]])
    lines = text.splitlines()
    assert lines[1] == '"\'=HYPERLINK(""http://evil.example/"",""Bấm vào"")",-5'
    assert lines[2] == "'@x,an toàn"


@pytest.mark.django_db
def test_the_case_register_keeps_a_citizens_formula_as_text(client, cast):
    from danvan.cases.tests.helpers import submit

    submit(cast, title=EVIL)
    submit(cast, title="-Cống vỡ", place_address="@ấp Phú Lợi")
    client.force_login(cast.minh)
    response = client.get(reverse("cases:inbox_xlsx"))
    assert response.status_code == 200
    assert_inert(response.content, EVIL, "-Cống vỡ")


@pytest.mark.django_db
def test_the_disclosure_register_keeps_a_formula_title_as_text(client, cast):
    from danvan.disclosures.tests.helpers import D, make

    make(cast, 1, title=EVIL, decision=D(2026, 3, 2), start=D(2026, 3, 3), end=D(2026, 4, 15))
    response = client.get(
        reverse("disclosures:register_xlsx"), {"don-vi": cast.commune.code, "nam": 2026, "quy": 1}
    )
    assert response.status_code == 200
    assert_inert(response.content, EVIL)


@pytest.mark.django_db
def test_the_household_template_keeps_a_formula_hamlet_name_as_text(client, cast):
    hamlet = Unit.objects.filter(parent=cast.commune, kind="hamlet").first()
    Unit.objects.filter(pk=hamlet.pk).update(name="=cmd|' /C calc'!A0")
    client.force_login(cast.khoa)
    response = client.get(reverse("people:household_import_template"))
    assert response.status_code == 200
    assert_inert(response.content, "=cmd|' /C calc'!A0")


WRITERS = re.compile(
    r"openpyxl\.Workbook\b|from openpyxl(\.workbook)? import [^#]*\bWorkbook\b|\bcsv\.(writer|DictWriter)\b|WriteOnlyCell"
)


def test_no_code_builds_a_spreadsheet_without_the_shared_writer():
    """A future export that builds its own openpyxl workbook or csv writer would bypass the neutralisation."""
    allowed = {ROOT / "danvan" / "core" / "spreadsheets.py"}
    offenders = []
    for folder in ("danvan", "bench", "config"):
        for path in (ROOT / folder).rglob("*.py"):
            if path in allowed or "tests" in path.parts or "migrations" in path.parts:
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if WRITERS.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []
