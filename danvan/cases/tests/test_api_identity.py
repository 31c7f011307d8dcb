"""Denouncer protection through the API: no endpoint, public or officers', ever answers with a denouncer's
name, phone, e-mail or address — not to the public, not to the assigned handler, not to the unit's leader."""

import json

import pytest

from danvan.cases import services
from danvan.cases.models import Case, Field, Kind
from danvan.cases.protection import decrypt_identity

NAME = "Hồ Thị Tố Giác"
PHONE = "0908765432"
EMAIL = "to.giac.ho@example.vn"
ADDRESS = "số 45 đường Rạch Miễu, Ấp Phú Lợi"
SECRETS = (NAME, PHONE, "0908 765 432", "+84908765432", EMAIL, ADDRESS, "Rạch Miễu", "Tố Giác")

O311 = "/api/v1/open311/v2"
CASES = "/api/v1/cases"


def denounce(cast, **extra):
    data = {
        "actor": None,
        "kind": Kind.DENUNCIATION,
        "title": "Tố cáo cán bộ địa chính nhận tiền",
        "content": "Cán bộ địa chính xã nhận tiền khi làm thủ tục cấp giấy chứng nhận.",
        "unit": cast.commune,
        "hamlet": cast.other_hamlet,
        "field": Field.objects.get(code="dat-dai"),
        "name": NAME,
        "phone": PHONE,
        "email": EMAIL,
        "address": ADDRESS,
        "consent_publish": True,  # even a (mistaken) consent publishes nothing of a denunciation
        "public_interest": True,
    }
    data.update(extra)
    return services.case_submit(**data)


def assert_clean(response):
    body = response.content.decode()
    for secret in SECRETS:
        assert secret not in body, f"{secret!r} leaked by {response.request['PATH_INFO']}"
    return body


@pytest.fixture
def denunciation(cast):
    case = denounce(cast)
    assert case.kind == Kind.DENUNCIATION and case.submitter_name == ""
    assert decrypt_identity(case.protected_identity)["name"] == NAME
    return services.case_assign(actor=cast.tuan, case=case, handler=cast.minh)


def post(client, url, body=None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def test_the_public_open311_endpoints_never_show_a_denunciation(client, cast, denunciation, integrator):
    for url in (
        f"{O311}/services.json",
        f"{O311}/requests.json",
        f"{O311}/requests.xml",
        f"{O311}/requests.json?service_code=dat-dai&status=open",
        f"{O311}/requests.xml?jurisdiction_id=30025-02",
        f"{O311}/requests.json?service_request_id={denunciation.code}",
        f"{O311}/requests/{denunciation.code}.json",
        f"{O311}/requests/{denunciation.code}.xml",
        f"{O311}/tokens/{denunciation.code}.xml",
    ):
        response = client.get(url)
        body = assert_clean(response)
        assert denunciation.code not in body or response.status_code == 404
    assert client.get(f"{O311}/requests/{denunciation.code}.json").status_code == 404
    created = client.post(
        f"{O311}/requests.json",
        {
            "jurisdiction_id": "30025",
            "service_code": "dat-dai",
            "description": "Phản ánh về đất.",
            "address_string": "ấp Phú Hòa",
            "kind": "denunciation",
            "api_key": integrator[1],
        },
    )
    assert created.status_code == 400
    assert_clean(created)


@pytest.mark.parametrize("who", ["minh", "tuan"])
def test_the_handler_and_the_leader_never_get_the_identity_from_the_api(client, cast, denunciation, who):
    user = getattr(cast, who)
    assert services.may_reveal_identity(user, denunciation)  # they may see it — on the screen, not here
    client.force_login(user)
    listing = client.get(f"{CASES}/")
    assert denunciation.code in assert_clean(listing)
    for params in ({"kind": "denunciation"}, {"q": NAME}, {"q": PHONE}, {"status": "open"}):
        assert_clean(client.get(f"{CASES}/", params))
    # a search by the denouncer's name or phone finds nothing: the search text holds no identity
    assert client.get(f"{CASES}/", {"q": "To Giac"}).json()["count"] == 0
    detail = client.get(f"{CASES}/{denunciation.pk}")
    assert detail.status_code == 200
    assert_clean(detail)
    for url in (f"{O311}/requests.json", f"{O311}/requests/{denunciation.code}.json", "/api/v1/openapi.json"):
        assert_clean(client.get(url))


def test_every_workflow_endpoint_answers_without_the_identity(client, cast, denunciation):
    client.force_login(cast.minh)  # the assigned handler
    accepted = post(client, f"{CASES}/{denunciation.pk}/accept", {"note": "Thụ lý tố cáo."})
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert_clean(accepted)
    assert_clean(post(client, f"{CASES}/{denunciation.pk}/accept"))  # a 400 too
    assert_clean(post(client, f"{CASES}/{denunciation.pk}/resolve", {"answer": "Kết luận."}))  # 404 for him
    client.force_login(cast.tuan)  # the unit's leader
    resolved = post(
        client,
        f"{CASES}/{denunciation.pk}/resolve",
        {"answer": "Tố cáo đúng một phần.", "outcome": "partly", "publish": True},
    )
    assert resolved.status_code == 200 and resolved.json()["status"] == "resolved"
    assert_clean(resolved)
    assert resolved.json()["public_interest"] is False  # a denunciation is never published
    closed = post(client, f"{CASES}/{denunciation.pk}/close")
    assert closed.status_code == 200
    assert_clean(closed)
    assert_clean(client.get(f"{CASES}/{denunciation.pk}"))
    assert_clean(client.get(f"{O311}/requests.json?status=closed"))
    assert client.get(f"{O311}/requests/{denunciation.code}.json").status_code == 404

    declined, moved = denounce(cast), denounce(cast)
    response = post(client, f"{CASES}/{declined.pk}/decline", {"reason": "Nội dung đã được giải quyết."})
    assert response.status_code == 200
    assert_clean(response)
    response = post(client, f"{CASES}/{moved.pk}/transfer", {"to_unit": "30022"})
    assert response.status_code == 200
    assert_clean(response)
    assert_clean(post(client, f"{CASES}/{moved.pk}/transfer", {"to_unit": "30022"}))  # 404 now
    assert Case.objects.filter(kind=Kind.DENUNCIATION).exclude(submitter_name="").count() == 0


def test_no_endpoint_reveals_the_identity(client, cast, denunciation):
    client.force_login(cast.tuan)
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in paths:
        assert "identity" not in path and "danh-tinh" not in path
    for suffix in ("identity", "reveal", "danh-tinh"):
        assert client.get(f"{CASES}/{denunciation.pk}/{suffix}").status_code == 404
