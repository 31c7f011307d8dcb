"""Open311 service discovery, service definitions and the `attribute[…]` fields a POST is checked against."""

import json

import pytest

from danvan.cases.models import Case, Kind

from .test_api import FORM, O311


@pytest.fixture
def form(integrator):
    return dict(FORM, jurisdiction_id="30025", api_key=integrator[1])


def test_discovery_names_the_endpoint_its_formats_and_how_to_get_a_key(client, cast):
    for fmt in ("json", "xml"):
        assert client.get(f"{O311}/discovery.{fmt}").status_code == 200
    data = client.get(f"{O311}/discovery.json").json()
    assert set(data) == {"changeset", "contact", "key_service", "endpoints"}
    [endpoint] = data["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/api/v1/open311/v2"  # absolute, from the request's host
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert "quản trị hệ thống" in data["key_service"]


def test_every_service_declares_metadata_and_its_definition_lists_the_attributes(client, cast):
    services = client.get(f"{O311}/services.json").json()
    assert services and all(s["metadata"] is True for s in services)
    definition = client.get(f"{O311}/services/moi-truong.json").json()
    assert definition["service_code"] == "moi-truong"
    attributes = definition["attributes"]
    assert [a["code"] for a in attributes] == ["kind", "hamlet", "consent_publish"]
    assert [a["order"] for a in attributes] == [1, 2, 3]
    kind = attributes[0]
    assert kind["datatype"] == "singlevaluelist" and kind["required"] is False and kind["variable"] is True
    assert kind["values"] == [
        {"key": "feedback", "name": "Phản ánh"},
        {"key": "petition", "name": "Kiến nghị"},
    ]
    # without a commune the hamlet is typed in; for a commune (or one of its hamlets) it is chosen from its list
    assert attributes[1]["datatype"] == "string" and attributes[1]["values"] == []
    for jurisdiction in ("30025", "30025-02"):
        hamlet = client.get(f"{O311}/services/moi-truong.json", {"jurisdiction_id": jurisdiction}).json()[
            "attributes"
        ][1]
        assert hamlet["datatype"] == "singlevaluelist"
        assert hamlet["values"] == [
            {"key": "30025-01", "name": "Ấp Phú Hòa"},
            {"key": "30025-02", "name": "Ấp Phú Lợi"},
        ]


def test_unknown_service_codes_and_jurisdictions_are_404(client, cast):
    for url in (
        f"{O311}/services/khong-co.json",
        f"{O311}/services/moi-truong.json?jurisdiction_id=99999",
        f"{O311}/services.json?jurisdiction_id=99999",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()[0]["code"] == 404


def post(client, data):
    return client.post(f"{O311}/requests.json", data)


def test_posted_attributes_choose_the_kind_the_hamlet_and_the_consent(client, cast, form):
    response = post(
        client,
        dict(
            form,
            **{
                "attribute[kind]": "petition",
                "attribute[hamlet]": "30025-02",
                "attribute[consent_publish]": "yes",
            },
        ),
    )
    assert response.status_code == 201, response.content
    case = Case.objects.get(code=response.json()[0]["service_request_id"])
    assert (case.kind, case.hamlet, case.consent_publish) == (Kind.PETITION, cast.other_hamlet, True)
    # the hamlet by its name too (what a person types into a string attribute), and the multivalue form
    response = post(client, dict(form, description="Lần hai.", **{"attribute[hamlet][]": "ap phu hoa"}))
    assert response.status_code == 201, response.content
    assert Case.objects.get(code=response.json()[0]["service_request_id"]).hamlet == cast.hamlet


def test_attributes_in_a_json_body(client, cast, form):
    body = dict(form, attribute={"kind": "petition", "consent_publish": "no"})
    response = client.post(f"{O311}/requests.json", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    case = Case.objects.get(code=response.json()[0]["service_request_id"])
    assert case.kind == Kind.PETITION and case.consent_publish is False


@pytest.mark.parametrize(
    "attributes, words",
    [
        ({"attribute[kind]": "denunciation"}, "Giá trị «denunciation» không hợp lệ cho attribute[kind]"),
        ({"attribute[kind]": "complaint"}, "feedback (Phản ánh); petition (Kiến nghị)"),
        ({"attribute[mau_sac]": "đỏ"}, "không có thông tin bổ sung attribute[mau_sac]"),
        ({"attribute[hamlet]": "30022-01"}, "Giá trị «30022-01» không hợp lệ cho attribute[hamlet]"),
        ({"address_id": "30022-01"}, "Xã Phú Cường không có ấp, khóm «30022-01»"),
        ({"attribute[consent_publish]": "có lẽ"}, "attribute[consent_publish]"),
        ({"attribute[kind][]": ["feedback", "petition"]}, "chỉ nhận một giá trị"),
        ({"attribute[kind]x": "petition"}, "không hợp lệ"),
    ],
)
def test_a_bad_attribute_is_a_clear_400_and_stores_nothing(client, cast, form, attributes, words):
    response = post(client, dict(form, **attributes))
    assert response.status_code == 400, response.content
    [error] = response.json()
    assert words in error["description"]
    assert Case.objects.count() == 0


def test_a_definition_runs_a_constant_number_of_queries(client, cast, django_assert_max_num_queries):
    from danvan.units.models import UnitKind
    from danvan.units.services import unit_create

    with django_assert_max_num_queries(3):  # the jurisdiction, the service, the commune's hamlets
        client.get(f"{O311}/services/moi-truong.json", {"jurisdiction_id": "30025"})
    for i in range(3, 9):
        unit_create(actor=None, code=f"30025-0{i}", name=f"Ấp {i}", kind=UnitKind.HAMLET, parent=cast.commune)
    with django_assert_max_num_queries(3):
        hamlet = client.get(f"{O311}/services/moi-truong.json", {"jurisdiction_id": "30025"}).json()[
            "attributes"
        ][1]
    assert len(hamlet["values"]) == 8
