import datetime as dt

import pytest

from danvan.consultations import services
from danvan.consultations.indicators import consultation_figures
from danvan.consultations.models import Consultation, Opinion
from danvan.core import indicators as ind

from .helpers import CLOSES, DURING, OPENS, citizen, consultation, households, opened, recorded, web_opinion

pytestmark = pytest.mark.django_db


def _published(cast):
    """A commune consultation with a web opinion (accepted) and two recorded ones (explained, accepted),
    and an open one in a hamlet with an unanswered hotline opinion."""
    who = citizen(households(cast, 1)[0])
    who.phone = "0911222333"
    who.save()
    c = opened(cast)
    web = web_opinion(c, who, section=c.sections.first())
    met = recorded(cast, c, stance="disagree")
    org = recorded(cast, c, channel="organisation")
    c = services.consultation_close(actor=cast.hoa, consultation=c)
    services.opinion_respond(actor=cast.hoa, opinion=web, response="accepted", text="Bổ sung vào phần 1.")
    services.opinion_respond(actor=cast.hoa, opinion=met, response="explained", text="Chỉ tiêu của tỉnh.")
    services.opinion_respond(actor=cast.hoa, opinion=org, response="accepted")
    c = services.synthesis_publish(actor=cast.hoa, consultation=c)
    other = opened(cast, unit=cast.hamlet, title="Đặt tên đường ấp Phú Hòa", subject="4")
    recorded(cast, other, channel="hotline")
    consultation(cast, title="Kế hoạch còn dự thảo")  # a draft: neither held nor public
    return c, other, who


def test_held_received_by_channel_accepted_and_explained(cast):
    _published(cast)
    f = consultation_figures(cast.commune, OPENS, CLOSES)
    assert (f["consultations.held"], f["consultations.opinions"]) == (2, 4)
    assert (f["consultations.accepted"], f["consultations.explained"]) == (2, 1)
    assert (
        f["consultations.channel.web"],
        f["consultations.channel.meeting"],
        f["consultations.channel.organisation"],
        f["consultations.channel.hotline"],
        f["consultations.channel.box"],
    ) == (1, 1, 1, 1, 0)
    hamlet = consultation_figures(cast.hamlet, OPENS, CLOSES)
    assert (hamlet["consultations.held"], hamlet["consultations.opinions"]) == (1, 1)
    assert consultation_figures(cast.sibling_commune, OPENS, CLOSES)["consultations.held"] == 0
    later = consultation_figures(cast.commune, CLOSES + dt.timedelta(days=1), CLOSES + dt.timedelta(days=30))
    assert (later["consultations.held"], later["consultations.opinions"]) == (0, 0)
    before = consultation_figures(cast.commune, OPENS, DURING - dt.timedelta(days=1))
    assert (before["consultations.held"], before["consultations.opinions"]) == (2, 0)
    keys = {i.key for i in ind.all_indicators()}
    assert {"consultations.held", "consultations.accept_rate", "consultations.channel.web"} <= keys


def test_the_api_lists_public_consultations_and_the_published_synthesis(client, cast):
    c, other, who = _published(cast)
    r = client.get("/api/v1/consultations/")
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 2 and {i["title"] for i in body["items"]} == {c.title, other.title}
    assert client.get("/api/v1/consultations/", {"status": "open"}).json()["count"] == 1
    assert client.get("/api/v1/consultations/", {"status": "draft"}).status_code == 400
    assert client.get("/api/v1/consultations/", {"unit": cast.hamlet.code}).json()["count"] == 1
    assert client.get("/api/v1/consultations/", {"unit": cast.commune.code}).json()["count"] == 2
    assert client.get("/api/v1/consultations/", {"unit": cast.sibling_commune.code}).json()["count"] == 0
    assert client.get("/api/v1/consultations/", {"unit": "99999"}).status_code == 400
    detail = client.get(f"/api/v1/consultations/{c.pk}").json()
    assert [s["heading"] for s in detail["sections"]] == [
        "Phần 1. Chỉ tiêu sử dụng đất",
        "Phần 2. Danh mục công trình",
    ]
    s = detail["synthesis"]
    assert (s["total"], s["accepted"], s["explained"], s["majority"]) == (3, 2, 1, "agree")
    opinions = [o for p in s["parts"] for o in p["opinions"]]
    assert {o["response_text"] for o in opinions} >= {"Bổ sung vào phần 1.", "Chỉ tiêu của tỉnh."}
    web = next(o for o in opinions if o["channel"] == "web")
    assert web["author"] == who.full_name
    assert "0911222333" not in r.content.decode() + str(detail) and who.username not in str(detail)
    assert detail["outcome"] is None
    # an open one: no synthesis yet, its opinions not shown
    assert client.get(f"/api/v1/consultations/{other.pk}").json()["synthesis"] is None
    draft = Consultation.objects.get(status="draft")
    assert client.get(f"/api/v1/consultations/{draft.pk}").status_code == 404
    assert Opinion.objects.count() == 4


def test_the_api_shows_the_outcome(client, cast):
    c, _other, _who = _published(cast)
    services.outcome_record(actor=cast.hoa, consultation=c, text="HĐND xã thông qua.", follows_majority=True)
    outcome = client.get(f"/api/v1/consultations/{c.pk}").json()["outcome"]
    assert outcome["text"] == "HĐND xã thông qua." and outcome["follows_majority"] is True


def test_the_endpoints_are_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/consultations/" in paths and "/api/v1/consultations/{pk}" in paths
