"""The screens' lists take any `?trang=`: a huge, negative or junk page number is the first or last page."""

import pytest

from danvan.cases.tests.helpers import submit
from danvan.disclosures.tests.helpers import make as make_disclosure
from danvan.publishing.tests.helpers import published

VALUES = ["9223372036854775808", "-9223372036854775809", "9" * 400, "0", "abc", "1.5", "%00", "١٢"]


@pytest.mark.parametrize("value", VALUES)
def test_public_and_officer_lists_answer_any_page_number(client, cast, value):
    published(cast)
    make_disclosure(cast)
    submit(cast)
    for path in ("/tin-tuc/", "/cong-khai/", "/phan-anh/tra-loi/"):
        assert client.get(path, {"trang": value}).status_code == 200, path
    client.force_login(cast.tuan)
    for path in ("/can-bo/don-thu/", "/can-bo/don-vi/", "/can-bo/tin-tuc/", "/can-bo/thong-bao/"):
        assert client.get(path, {"trang": value}).status_code == 200, path
