"""Keyset pages (`keyset_paginate`, `keyset_page`): walking forward and back gives every row once and the same
pages, whatever the order's directions and ties; a cursor is opaque and checked — junk is the first page."""

import base64
import json

import pytest
from django.contrib.auth.models import Permission
from django.test import RequestFactory

from danvan.core.paging import decode_cursor, encode_cursor, keyset_page, keyset_paginate

pytestmark = pytest.mark.django_db
# ties in the first field (many permissions per content type), opposite directions
ORDER = ("content_type", "-id")


def rows():
    return Permission.objects.all()


def ids(page):
    return [p.pk for p in page.object_list]


def test_walking_forward_then_back_gives_every_row_once_in_order():
    expected = list(rows().order_by(*ORDER).values_list("pk", flat=True))
    assert len(expected) > 40
    pages = [keyset_paginate(rows(), ORDER, per_page=7)]
    while pages[-1].has_next:
        pages.append(keyset_paginate(rows(), ORDER, after=pages[-1].next_cursor, per_page=7))
    assert [pk for page in pages for pk in ids(page)] == expected
    assert not pages[0].has_previous and pages[1].has_previous and not pages[-1].has_next
    # and back from the last page by the "before" cursors: the same pages, the first one last
    back = [pages[-1]]
    while back[-1].has_previous:
        back.append(keyset_paginate(rows(), ORDER, before=back[-1].previous_cursor, per_page=7))
    assert [ids(p) for p in reversed(back)] == [ids(p) for p in pages]


def test_next_then_previous_is_the_same_page():
    first = keyset_paginate(rows(), ORDER, per_page=5)
    second = keyset_paginate(rows(), ORDER, after=first.next_cursor, per_page=5)
    again = keyset_paginate(rows(), ORDER, before=second.previous_cursor, per_page=5)
    assert ids(again) == ids(first) and not again.has_previous and again.has_next
    assert set(ids(second)).isdisjoint(ids(first))


def _b64(value) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "abc",
        "!!!***",
        "%00",
        "x" * 10_000,
        _b64([1]),  # one value for a two-field order
        _b64(["1", 2]),  # a string for the content type
        _b64([1, 2**70]),  # beyond a 64-bit integer
        _b64([True, 1]),
        _b64({"a": 1}),
        _b64([[1], 2]),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),  # not UTF-8
        base64.urlsafe_b64encode(b"[" * 5000).decode(),  # deep nesting
    ],
)
def test_a_junk_cursor_is_the_first_page(junk):
    first = ids(keyset_paginate(rows(), ORDER, per_page=5))
    assert ids(keyset_paginate(rows(), ORDER, after=junk, per_page=5)) == first
    assert ids(keyset_paginate(rows(), ORDER, before=junk, per_page=5)) == first
    request = RequestFactory().get("/", {"sau": junk, "truoc": junk})
    assert ids(keyset_page(request, rows(), ORDER, per_page=5)) == first


def test_a_cursor_past_the_end_is_the_first_page_and_dates_round_trip():
    last = rows().order_by(*ORDER).last()
    cursor = encode_cursor(last, ORDER)
    assert decode_cursor(cursor, Permission, ORDER) == [last.content_type_id, last.pk]
    page = keyset_paginate(rows(), ORDER, after=cursor, per_page=5)
    assert ids(page) == ids(keyset_paginate(rows(), ORDER, per_page=5)) and not page.has_previous


def test_the_links_keep_the_other_parameters_and_drop_the_old_cursor():
    request = RequestFactory().get("/", {"xa": "30025", "q": "a b", "trang": "3"})
    page = keyset_page(request, rows(), ORDER, per_page=5)
    assert page.next_link.startswith("?xa=30025&q=a+b&sau=") and "trang" not in page.next_link
    second = keyset_page(RequestFactory().get("/" + page.next_link), rows(), ORDER, per_page=5)
    assert second.previous_link.startswith("?xa=30025&q=a+b&truoc=") and "sau=" not in second.previous_link
    assert second.first_link == "?xa=30025&q=a+b"
