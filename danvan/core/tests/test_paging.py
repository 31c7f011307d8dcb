"""Paging: `?trang=` on the screens is forgiving, the API's `bounded_int` is strict."""

import pytest
from django.contrib.auth.models import Permission
from django.test import RequestFactory

from danvan.core.errors import DomainError
from danvan.core.paging import MAX_OFFSET, bounded_int, paginate

HUGE = "9223372036854775808"


def page_of(value, items=None, **kwargs):
    request = RequestFactory().get("/", {"trang": value} if value is not None else {})
    return paginate(request, items if items is not None else list(range(10)), per_page=3, **kwargs)


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (None, 1),
        ("", 1),
        ("2", 2),
        ("abc", 1),
        ("1.5", 1),
        ("1e400", 1),
        ("NaN", 1),
        ("0x2", 1),
        ("4", 4),
        ("5", 4),  # past the end: the last page
        (HUGE, 4),
        ("9" * 400, 4),
        ("0", 4),
        ("-1", 4),
        ("-" + HUGE, 4),
    ],
)
def test_a_huge_negative_or_junk_trang_is_the_first_or_the_last_page(value, number):
    assert page_of(value).number == number


def test_a_capped_count_pages_huge_values_to_its_last_page(db):
    rows = Permission.objects.order_by("pk")
    assert rows.count() > 10
    page = page_of(HUGE, rows, count_limit=6)
    assert page.paginator.capped and page.number == 3 and len(page) == 1


@pytest.mark.parametrize("value", [None, "", "  "])
def test_bounded_int_reads_nothing_as_the_default(value):
    assert bounded_int(value, name="limit", default=20, minimum=1, maximum=100) == 20


@pytest.mark.parametrize(("value", "number"), [("1", 1), ("100", 100), (" 7 ", 7), ("+3", 3), (42, 42)])
def test_bounded_int_reads_integers_in_range(value, number):
    assert bounded_int(value, name="limit", default=20, minimum=1, maximum=100) == number


@pytest.mark.parametrize(
    "value", ["0", "101", "-5", HUGE, "9" * 5000, "abc", "1.5", "1e3", "1_0", "١٢", "-", True, 3.0, []]
)
def test_bounded_int_refuses_anything_else_naming_the_parameter_and_its_range(value):
    with pytest.raises(DomainError) as refused:
        bounded_int(value, name="offset", default=0, minimum=1, maximum=100)
    assert refused.value.message == "Tham số offset phải là số nguyên từ 1 đến 100."
    assert refused.value.field == "offset"


def test_the_deepest_offset_fits_a_64_bit_integer_with_any_page():
    assert MAX_OFFSET + 500 < 2**63 - 1


def test_late_rows_page_as_the_queryset_does_with_its_joins_in_two_queries(db, django_assert_num_queries):
    """`LateRows` gives every page, the count and a capped count exactly as its queryset does; a page is two
    queries (the keys, then their rows with the queryset's select_related), whatever its size."""
    from django.core.paginator import Paginator

    from danvan.core.paging import CappedPaginator, LateRows

    rows = Permission.objects.select_related("content_type").order_by("-codename", "pk")
    late = LateRows(rows)
    assert late.count() == rows.count() == len(late)
    for number in (1, 2, 7):
        want = Paginator(rows, 9).page(number)
        got = Paginator(late, 9).page(number)
        assert [p.pk for p in got] == [p.pk for p in want]
    with django_assert_num_queries(2):
        page = list(late[10:20])
        assert [p.content_type.app_label for p in page]  # joined: no query a row
    assert [p.pk for p in page] == [p.pk for p in rows[10:20]]
    assert late[3].pk == rows[3].pk and list(late)[0].pk == rows[0].pk
    capped = CappedPaginator(late, 5, 6)
    assert capped.capped and capped.num_pages == 2
    assert late[10_000:10_010] == []
