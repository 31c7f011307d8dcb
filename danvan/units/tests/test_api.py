import pytest

from danvan.units import demo


@pytest.fixture
def reform(db):
    return demo.seed()


def test_units_in_force_on_a_date(client, reform, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        data = client.get("/api/v1/units/?parent=871&date=2020-07-01").json()
    names = [u["name"] for u in data["items"] if u["kind"] in {"commune", "township"}]
    assert len(names) == 12 and "Thị trấn Tràm Chim" in names
    assert client.get("/api/v1/units/?parent=82&kind=commune").json()["count"] == 6


def test_unit_by_code_is_resolved_by_date(client, reform):
    assert client.get("/api/v1/units/30001").json()["name"] == "Xã Tràm Chim"
    assert client.get("/api/v1/units/30001?date=2020-01-01").json()["name"] == "Thị trấn Tràm Chim"
    assert client.get("/api/v1/units/nope").status_code == 404


def test_map_endpoint_and_bad_dates(client, reform):
    data = client.get("/api/v1/units/30079/map?date=2020-01-01&to=2026-01-01").json()
    assert data == [{"unit": data[0]["unit"], "share": 0.35, "partial": True}]
    assert data[0]["unit"]["name"] == "Xã Phú Cường"
    response = client.get("/api/v1/units/30079/map?to=01/01/2026")
    assert response.status_code == 400 and "YYYY-MM-DD" in response.json()["detail"]
