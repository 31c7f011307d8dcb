"""The phone helper: Vietnamese numbers in their national form; with `international`, other countries' numbers
written with their country code in E.164 form."""

import pytest

from danvan.people.phones import normalize_phone


@pytest.mark.parametrize(
    "raw", ["0912 345 678", "0912.345.678", "+84 912 345 678", "84912345678", "+84912345678"]
)
def test_vietnamese_numbers_have_one_national_form_either_way(raw):
    assert normalize_phone(raw) == "0912345678"
    assert normalize_phone(raw, international=True) == "0912345678"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("+33 6 12 34 56 78", "+33612345678"),
        ("0033 6 12 34 56 78", "+33612345678"),
        ("+1 (415) 555-2671", "+14155552671"),
        ("+81 90-1234-5678", "+819012345678"),
        ("+84 (0) 912 345 678", "0912345678"),
        ("(+84) 0912 345 678", "0912345678"),
        ("0084 912 345 678", "0912345678"),
    ],
)
def test_international_numbers_are_accepted_only_when_asked(raw, expected):
    assert normalize_phone(raw, international=True) == expected
    if not expected.startswith("0"):
        assert normalize_phone(raw) == ""


@pytest.mark.parametrize(
    "raw", ["", "12ab", "+0 123 456 789", "+1 234", "+1234567890123456", "+84 123 456", "+33 6 12 ab 56"]
)
def test_what_is_not_a_phone_number_is_refused(raw):
    assert normalize_phone(raw, international=True) == ""
