"""The one cleaning of a text a service receives (core.text.clean_text), behind every module's services."""

import unicodedata

import pytest

from danvan.core.errors import DomainError
from danvan.core.text import clean_text


def test_stored_composed_stripped_and_on_one_line_unless_lines_are_kept():
    decomposed = unicodedata.normalize("NFD", "  Đường   liên ấp\r\nPhú Hòa  ")
    assert clean_text(decomposed, "title", "tên") == "Đường liên ấp Phú Hòa"
    kept = clean_text(decomposed, "note", "ghi chú", lines=True)
    assert kept == "Đường   liên ấp\nPhú Hòa" and unicodedata.is_normalized("NFC", kept)


def test_refusals_name_the_field_in_vietnamese():
    with pytest.raises(DomainError) as empty:
        clean_text("   ", "number", "số văn bản")
    assert (empty.value.field, empty.value.message, empty.value.code) == (
        "number",
        "Vui lòng nhập số văn bản.",
        "required",
    )
    assert clean_text(None, "note", "ghi chú", required=False) == ""
    with pytest.raises(DomainError) as long:
        clean_text("x" * 65, "number", "số văn bản", 64)
    assert long.value.message == "Số văn bản không được dài quá 64 ký tự." and long.value.field == "number"
    assert clean_text("x" * 64, "number", "số văn bản", 64) == "x" * 64
