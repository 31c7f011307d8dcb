import re

import pytest

from danvan.audit.tests.test_trail_in_words import assert_in_words, trail_html
from danvan.consultations import services

from .helpers import opened, recorded

pytestmark = pytest.mark.django_db


def test_the_consultations_trail_reads_in_words_on_its_page(client, cast):
    c = opened(cast)
    services.plan_sent(actor=cast.hoa, consultation=c, council_on=c.opens_on)
    opinion = recorded(cast, c, channel="hotline")
    services.opinion_respond(
        actor=cast.hoa, opinion=opinion, response="explained", text="Đã có trong phần 2."
    )
    client.force_login(cast.tuan)  # a leader: holds audit.view
    section = trail_html(client.get(f"/can-bo/lay-y-kien/y-kien/{c.pk}/").content.decode())
    assert_in_words(section)
    assert "lập kế hoạch lấy ý kiến Nhân dân" in section and "Qua đường dây nóng" in section
    assert "trả lời ý kiến" in section and "Giải trình" in section
    text = " ".join(re.sub(r"<[^>]+>", " ", section).split())
    assert not re.search(rf"ý kiến:? (→ )?{opinion.pk}\b", text), text  # the opinion's id never shown


def test_a_nameless_citizen_reads_as_a_citizen_never_as_the_phone_number_of_the_account(client, cast):
    from .helpers import citizen, households, web_opinion

    hh = households(cast, 1)[0]
    who = citizen(hh)
    who.username, who.full_name = "0912345678", ""
    who.save()
    c = opened(cast)
    opinion = web_opinion(c, who)
    assert opinion.author_display == "Người dân"
    client.force_login(cast.tuan)
    page = client.get(f"/can-bo/lay-y-kien/y-kien/{c.pk}/").content.decode()
    assert "Người dân" in trail_html(page) and "0912345678" not in page
