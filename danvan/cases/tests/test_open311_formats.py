"""Open311: every path answers JSON and the specification's XML (its required format) from one serializer.

The XML documents are parsed with the standard library and compared with the spec's examples
(`open311_spec.py`): the same root, the same element names, the same nesting."""

import xml.etree.ElementTree as ET

import pytest

from danvan.cases import services
from danvan.cases.open311.schemas import (
    CreatedOut,
    DiscoveryOut,
    Open311Error,
    RequestOut,
    ServiceDefinitionOut,
    ServiceOut,
    TokenOut,
)

from . import open311_spec as spec
from .test_api import FORM, O311, submit

XML_TYPE = "text/xml; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"


def xml(response):
    assert response["Content-Type"] == XML_TYPE, response.content
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)


def as_data(element):
    """The spec's XML read back as JSON-like data (the inverse of the Spark convention used for the spec)."""
    children = list(element)
    if not children:
        return element.text
    tags = [c.tag for c in children]
    if len(set(tags)) == 1 and (len(tags) > 1 or element.tag in {"services", "service_requests", "errors"}):
        return [as_data(c) for c in children]
    return {c.tag: as_data(c) for c in children}


def plain(value):
    """JSON values as the XML writes them: None → None, booleans → true/false, numbers → text."""
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@pytest.fixture
def posted(client, cast, integrator):
    response = client.post(f"{O311}/requests.xml", dict(FORM, api_key=integrator[1]))
    assert response.status_code == 201, response.content
    return response


def test_every_xml_answer_has_the_specifications_element_names_and_nesting(client, cast, posted):
    case = submit(cast, consent_publish=True)
    code = xml(posted).find("request/service_request_id").text
    answers = {
        f"{O311}/services.xml": spec.SERVICES,
        f"{O311}/services/moi-truong.xml?jurisdiction_id=30025": spec.SERVICE_DEFINITION,
        f"{O311}/requests.xml": spec.REQUESTS,
        f"{O311}/requests/{case.code}.xml": spec.REQUESTS,
        f"{O311}/tokens/{code}.xml": spec.TOKEN,
        f"{O311}/discovery.xml": spec.DISCOVERY,
        f"{O311}/requests/KHONG-CO.xml": spec.ERRORS,
        f"{O311}/requests.xml?page=0": spec.ERRORS,
    }
    for url, example in answers.items():
        response = client.get(url)
        assert spec.shape(xml(response)) == spec.spec_shape(example), url
    assert spec.shape(xml(posted)) == spec.spec_shape(spec.CREATED)
    refused = client.post(f"{O311}/requests.xml", FORM)
    assert refused.status_code == 403 and spec.shape(xml(refused)) == spec.spec_shape(spec.ERRORS)


def test_json_and_xml_carry_the_same_data(client, cast, integrator):
    submit(cast, consent_publish=True)
    submit(cast, kind="petition", hamlet=None)
    for path, root, model in (
        ("services", "services", ServiceOut),
        ("services/moi-truong", "service_definition", ServiceDefinitionOut),
        ("requests", "service_requests", RequestOut),
        ("discovery", "discovery", DiscoveryOut),
        ("requests/KHONG-CO", "errors", Open311Error),
    ):
        as_json = client.get(f"{O311}/{path}.json")
        as_xml = client.get(f"{O311}/{path}.xml")
        assert as_json["Content-Type"] == JSON_TYPE and as_json.status_code == as_xml.status_code
        root_element = xml(as_xml)
        assert root_element.tag == root
        data = as_json.json()
        # the JSON is what the OpenAPI schema declares
        for item in data if isinstance(data, list) else [data]:
            model.model_validate(item)
        if path == "services/moi-truong":  # one-element lists cannot be told from objects in XML
            assert [a.findtext("code") for a in root_element.iter("attribute")] == [
                a["code"] for a in data["attributes"]
            ]
            continue
        if path == "discovery":
            assert root_element.findtext("endpoints/endpoint/url") == data["endpoints"][0]["url"]
            assert [f.text for f in root_element.iter("format")] == data["endpoints"][0]["formats"]
            continue
        assert as_data(root_element) == plain(data), path
    created = client.post(f"{O311}/requests.json", dict(FORM, api_key=integrator[1], description="Lần hai."))
    CreatedOut.model_validate(created.json()[0])
    token = client.get(f"{O311}/tokens/{created.json()[0]['service_request_id']}.json").json()[0]
    TokenOut.model_validate(token)


def test_xml_escapes_markup_and_drops_characters_xml_cannot_carry(client, cast):
    case = submit(cast, consent_publish=True, content="Cống <b>tắc</b> & nước tràn\x0b ra đường.")
    request = xml(client.get(f"{O311}/requests/{case.code}.xml")).find("request")
    assert request.findtext("description") == "Cống <b>tắc</b> & nước tràn ra đường."


def test_errors_of_an_xml_path_are_xml(client, cast):
    for method, url, status in (
        ("get", f"{O311}/requests/PA26-KHONGCO.xml", 404),
        ("get", f"{O311}/services/khong-co.xml", 404),
        ("get", f"{O311}/services.xml?jurisdiction_id=99999", 404),
        ("get", f"{O311}/requests.xml?start_date=hom-qua", 400),
        ("post", f"{O311}/requests.xml", 403),
    ):
        response = getattr(client, method)(url)
        assert response.status_code == status, url
        [error] = xml(response).findall("error")
        assert error.findtext("code") == str(status) and error.findtext("description")


def test_the_openapi_schema_declares_both_formats_with_their_media_type_and_every_status(client, cast):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    expected = {
        ("get", "/discovery"): {"200", "400", "500"},
        ("get", "/services"): {"200", "400", "404", "500"},
        ("get", "/services/{service_code}"): {"200", "400", "404", "500"},
        ("get", "/requests"): {"200", "400", "404", "500"},
        ("post", "/requests"): {"200", "201", "400", "403", "404", "429", "500"},
        ("get", "/requests/{code}"): {"200", "400", "404", "500"},
        ("get", "/tokens/{token}"): {"200", "400", "404", "500"},
    }
    for (method, path), statuses in expected.items():
        for fmt, media in (("json", "application/json"), ("xml", "text/xml")):
            operation = paths[f"{O311}{path}.{fmt}"][method]
            assert set(operation["responses"]) == statuses, (path, fmt)
            for answer in operation["responses"].values():
                assert list(answer["content"]) == [media], (path, fmt)
    xml_services = paths[f"{O311}/services.xml"]["get"]["responses"]["200"]["content"]["text/xml"]["schema"]
    assert xml_services["xml"]["name"] == "services" and xml_services["items"]["xml"]["name"] == "service"
    assert not any(p.startswith(f"{O311}/service/") for p in paths)  # the misspelt alias is not documented


def test_the_services_list_and_the_requests_list_in_xml_run_a_constant_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    for i in range(6):
        submit(cast, hamlet=None if i % 2 else cast.other_hamlet)
    services.case_accept(actor=cast.minh, case=submit(cast))
    with django_assert_max_num_queries(1):
        assert len(xml(client.get(f"{O311}/services.xml"))) >= 5
    with django_assert_max_num_queries(1):
        assert len(xml(client.get(f"{O311}/requests.xml"))) == 7
    with django_assert_max_num_queries(2):  # + the jurisdiction
        assert len(xml(client.get(f"{O311}/requests.xml?jurisdiction_id=30025-02"))) == 3
