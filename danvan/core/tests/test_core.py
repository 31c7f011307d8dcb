import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from danvan.core.files import validate_upload
from danvan.core.formatting import format_date, format_vnd
from danvan.core.text import normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tràm Chim", "tram chim"),
        ("Đường 3/2", "duong 3 2"),
        ("KHIẾU NẠI", "khieu nai"),
        ("Ủy ban  nhân dân", "uy ban nhan dan"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_money_and_dates_are_vietnamese():
    assert format_vnd(1234567) == "1.234.567 đ"
    assert format_vnd(0) == "0 đ"
    assert format_date(dt.date(2026, 2, 5)) == "05/02/2026"


def _xlsx_bytes():
    wb = Workbook()
    wb.active.append(["a"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_upload_accepts_a_real_xlsx():
    assert validate_upload(SimpleUploadedFile("so-ho.xlsx", _xlsx_bytes()), {"xlsx"}).endswith("sheet")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("so-ho.xlsx", b"%PDF-1.4 not a spreadsheet" + b"0" * 100, "bad_content"),
        ("so-ho.xlsx", b"just text", "bad_content"),
        ("so-ho.pdf", None, "disguised"),
        ("so-ho.xlsx", b"", "empty"),
    ],
)
def test_upload_refuses_disguised_or_empty_files(name, content, code):
    content = _xlsx_bytes() if content is None else content
    with pytest.raises(ValidationError) as err:
        validate_upload(
            SimpleUploadedFile(name, content), {"xlsx", "pdf"} if code == "disguised" else {"xlsx"}
        )
    assert err.value.code == code


def test_upload_size_limit_says_the_limit(settings):
    with pytest.raises(ValidationError) as err:
        validate_upload(SimpleUploadedFile("a.xlsx", _xlsx_bytes()), {"xlsx"}, max_bytes=100)
    assert err.value.code == "too_large" and "vượt giới hạn" in err.value.messages[0]


def test_upload_scanner_hook_can_refuse(settings):
    settings.DANVAN_UPLOAD_SCANNERS = ["danvan.core.tests.test_core.refuse_everything"]
    with pytest.raises(ValidationError, match="virus"):
        validate_upload(SimpleUploadedFile("a.xlsx", _xlsx_bytes()), {"xlsx"})


def refuse_everything(fileobj):
    raise ValidationError("Tệp có dấu hiệu nhiễm virus.")
