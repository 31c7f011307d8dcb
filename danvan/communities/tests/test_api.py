import pytest

from danvan.communities.models import Contribution

from .helpers import cash, hoi_quan, project

pytestmark = pytest.mark.django_db


def test_public_reads(client, cast):
    group = hoi_quan(cast)
    p = project(cast, group=group)
    cash(cast, p, value=2_350_000, contributor_name="Bà Năm", consent_named=True, display="rounded")
    cash(cast, p, value=900_000, contributor_name="Ông Giấu")
    assert (
        client.get("/api/v1/communities/groups?unit=30025").json()["items"][0]["name"] == "Hội quán Phú Hòa"
    )
    assert client.get(f"/api/v1/communities/groups/{group.pk}").json()["kind"] == "Hội quán"
    detail = client.get(f"/api/v1/communities/projects/{p.pk}").json()
    assert {m["source"]: m["contributed"] for m in detail["money"]}["people"] == 3_250_000
    board = client.get("/api/v1/communities/honour-board").json()
    assert board["count"] == 1 and board["items"][0] == {
        "name": "Bà Năm",
        "kind": "cash",
        "quantity": None,
        "quantity_unit": "",
        "amount": 2_000_000,
        "rounded": True,
        "project_id": p.pk,
        "on": "2024-03-01",
    }
    [total] = client.get("/api/v1/communities/totals?unit=871").json()
    assert total["value"] == 3_250_000
    assert client.get("/api/v1/communities/totals?unit=khong-co").status_code == 400


def test_officer_writes_go_through_the_services(client, cast):
    p = project(cast)
    url = f"/api/v1/communities/projects/{p.pk}/contributions"
    body = {
        "contributor_kind": "person",
        "contributor_name": "Tư",
        "kind": "cash",
        "value_vnd": -1,
        "on": "2024-03-01",
    }
    assert client.post(url, body, content_type="application/json").status_code in (401, 403)
    client.force_login(cast.lan)
    assert client.post(url, body, content_type="application/json").status_code == 404
    client.force_login(cast.hoa)
    r = client.post(url, body, content_type="application/json")
    assert r.status_code == 400 and "số âm" in r.json()["detail"]
    body["value_vnd"] = 500_000
    r = client.post(url, body, content_type="application/json")
    assert r.status_code == 201
    entry = r.json()["id"]
    r = client.post(
        f"/api/v1/communities/contributions/{entry}/reverse",
        {"reason": "nhầm"},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["value_vnd"] == -500_000 and Contribution.objects.count() == 2
