"""The /lay-y-kien/ pages (community decisions, consultations, conventions) served to anonymous visitors from
the shared page cache, and rendered afresh on the very next request after a service changes what they show."""

import pytest
from django.test import Client
from django.urls import reverse

from danvan.consultations import services as consultation_services
from danvan.consultations.tests.helpers import opened as consultation_opened
from danvan.consultations.tests.helpers import recorded
from danvan.conventions import services as convention_services
from danvan.conventions.tests.helpers import PERIOD_CLOSES, PERIOD_OPENS, drafted
from danvan.decisions import services

from .helpers import households, meeting, opened

pytestmark = pytest.mark.django_db


def test_a_vote_closed_shows_its_result_on_the_next_anonymous_request(cast):
    hh = households(cast, 10)
    d = opened(cast)
    meeting(cast, d, hh[:9], yes=8)
    client = Client()
    page = reverse("decisions:public_detail", args=[d.pk])
    for url in (reverse("decisions:public_list"), page):
        assert client.get(url)["X-Danvan-Cache"] == "miss"
        assert client.get(url)["X-Danvan-Cache"] == "hit"
    assert "8/10" not in client.get(reverse("decisions:public_list")).content.decode()  # hidden while voting
    services.voting_close(actor=cast.hoa, decision=d)
    listing = client.get(reverse("decisions:public_list"))
    assert listing["X-Danvan-Cache"] == "miss" and "8/10" in listing.content.decode()
    assert client.get(page)["X-Danvan-Cache"] == "miss"


def test_a_synthesis_published_shows_on_the_next_anonymous_request(cast):
    c = consultation_opened(cast)
    opinion = recorded(cast, c, text="Đề nghị mở rộng đường liên ấp Phú Hòa.")
    c = consultation_services.consultation_close(actor=cast.hoa, consultation=c)
    client = Client()
    page = reverse("consultations:public_detail", args=[c.pk])
    client.get(page)
    assert client.get(page)["X-Danvan-Cache"] == "hit"
    consultation_services.opinion_respond(
        actor=cast.hoa, opinion=opinion, response="accepted", text="Tiếp thu."
    )
    consultation_services.synthesis_publish(actor=cast.hoa, consultation=c)
    after = client.get(page)
    assert after["X-Danvan-Cache"] == "miss" and "Tiếp thu." in after.content.decode()


def test_an_opinion_sent_leaves_the_cached_pages_in_place(cast):
    """Opinions show only in the published synthesis: each one sent (a busy consultation gets thousands) does
    not empty every /lay-y-kien/ page; the plan's own changes still do."""
    from danvan.core import pagecache

    c = consultation_opened(cast)
    before = pagecache.generations(["decisions"])
    opinion = recorded(cast, c, text="Đề nghị lắp thêm đèn đường.")
    consultation_services.opinion_respond(
        actor=cast.hoa, opinion=opinion, response="accepted", text="Tiếp thu."
    )
    assert pagecache.generations(["decisions"]) == before
    consultation_services.consultation_close(actor=cast.hoa, consultation=c)
    assert pagecache.generations(["decisions"]) != before


def test_a_convention_put_to_comment_shows_on_the_next_anonymous_request(cast):
    listing = reverse("conventions:public_list")
    client = Client()
    client.get(listing)
    assert client.get(listing)["X-Danvan-Cache"] == "hit"
    c = drafted(cast, title="Hương ước ấp Phú Hòa mới")
    assert "Hương ước ấp Phú Hòa mới" not in client.get(listing).content.decode()  # a draft is not public
    convention_services.comment_period_open(
        actor=cast.hoa, version=c.latest, opens_on=PERIOD_OPENS, closes_on=PERIOD_CLOSES
    )
    after = client.get(listing)
    assert after["X-Danvan-Cache"] == "miss" and "Hương ước ấp Phú Hòa mới" in after.content.decode()
