import pytest
from django.utils import timezone

from danvan.audit.tests.test_trail_in_words import assert_in_words, trail_html
from danvan.conventions import services

from .helpers import recognised

pytestmark = pytest.mark.django_db


def test_the_conventions_trail_reads_in_words_on_its_page(client, cast):
    c = recognised(cast)
    services.suspend(
        actor=cast.tuan, convention=c, decided_on=timezone.localdate(), number="1/QĐ", reason="x"
    )
    services.amend(actor=cast.hoa, convention=c, reason="Sửa")
    client.force_login(cast.tuan)
    section = trail_html(client.get(f"/can-bo/lay-y-kien/huong-uoc/{c.pk}/").content.decode())
    assert_in_words(section)
    assert "thêm điều" in section and "Điều 2. Tiêu đề 2" in section  # a version's change, on the convention
    assert "Đã được công nhận, có hiệu lực" in section and "lập bản sửa đổi, bổ sung" in section
