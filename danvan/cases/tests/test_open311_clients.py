"""Stock Open311 clients against the endpoint.

- `georeport` (PyPI, Python 3) is driven for real against a live server, in JSON and in XML: services, a
  service definition, requests, one request. It has no method to post (0.3.1), so the post goes through the
  `requests` session it is built on, with the client's own endpoint, jurisdiction and key.
- `open311` 1.1 and `three` 0.8.0 do not import on Python 3 (`from api import API`, `itertools.ifilter`), so
  the URLs and parameters their code sends are replayed here as they would send them.
"""

import datetime as dt
import io
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
import requests
from django.utils import timezone
from georeport import GeoReport
from PIL import Image

from danvan.cases.models import Case, Kind

from .test_api import O311, submit

JURISDICTION = "30025"


@pytest.fixture
def shown(cast):
    return submit(cast, consent_publish=True, content="Cống ấp Phú Hòa bị tắc, nước tràn ra đường.")


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_the_georeport_client_lists_defines_reads_and_posts(
    django_db_serialized_rollback, live_server, cast, integrator, shown, fmt
):
    submit(cast, kind=Kind.PETITION)
    client = GeoReport(
        f"{live_server.url}{O311}", jurisdiction=JURISDICTION, api_key=integrator[1], output_format=fmt
    )
    service_list = client.get_service_list()
    assert {s["service_code"] for s in service_list} >= {"moi-truong", "ha-tang-giao-thong"}
    assert all(str(s["metadata"]).lower() == "true" for s in service_list)

    definition = client.get_service_definition("moi-truong")
    attributes = definition["attributes"] if fmt == "json" else definition["attributes"]["attribute"]
    assert [a["code"] for a in attributes] == ["kind", "hamlet", "consent_publish"]

    now = timezone.now()
    found = client.get_service_requests(
        status="open",
        service_code="ha-tang-giao-thong",
        start_date=(now - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        end_date=(now + dt.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    assert {r["service_request_id"] for r in found} == set(Case.objects.values_list("code", flat=True))

    one = client.get_service_request(shown.code)
    assert one["service_request_id"] == shown.code
    assert one["description"] == "Cống ấp Phú Hòa bị tắc, nước tràn ra đường."

    posted = requests.post(
        f"{client.root_address}/requests.{fmt}",
        data={
            "api_key": client.api_key,
            "jurisdiction_id": client.jurisdiction,
            "service_code": "moi-truong",
            "address_string": "cầu ấp Phú Hòa",
            "description": "Bãi rác tự phát cạnh cầu ấp Phú Hòa.",
            "attribute[hamlet]": "30025-01",
        },
        timeout=10,
    )
    assert posted.status_code == 201, posted.text
    code = (
        posted.json()[0]["service_request_id"]
        if fmt == "json"
        else ET.fromstring(posted.content).findtext("request/service_request_id")
    )
    assert client.get_service_request(code)["address"] == "Ấp Phú Hòa, Xã Phú Cường"
    refused = requests.post(
        f"{client.root_address}/requests.{fmt}", data={"service_code": "moi-truong"}, timeout=10
    )
    assert refused.status_code == 403


def xml_of(response, status=200):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return ET.fromstring(response.content)


def test_the_urls_the_open311_client_calls(client, cast, integrator, shown):
    base, j = O311, urlencode({"jurisdiction_id": JURISDICTION})
    assert xml_of(client.get(f"{base}/services.xml?{j}")).tag == "services"
    assert xml_of(client.get(f"{base}/services.xml?jurisdiction_id=")).tag == "services"  # not configured
    # service_definition() asks for the singular "service/<code>"
    assert xml_of(client.get(f"{base}/service/moi-truong.xml?{j}")).findtext("service_code") == "moi-truong"
    codes = [
        r.findtext("service_request_id") for r in xml_of(client.get(f"{base}/requests.xml?{j}&status=open"))
    ]
    assert codes == [shown.code]
    assert xml_of(client.get(f"{base}/requests/{shown.code}.xml?{j}")).findtext("request/service_request_id")
    # post_service_request(): key and jurisdiction in the query string, the fields url-encoded in the body
    query = urlencode({"jurisdiction_id": JURISDICTION, "api_key": integrator[1]})
    body = urlencode(
        {
            "service_code": "moi-truong",
            "address_string": "123 đường Bờ Kênh",
            "first_name": "Ba",
            "last_name": "Trần",
            "phone": "111-111-1111",
            "email": "ba@example.vn",
            "description": "Rác thải đổ trộm ven kênh.",
            "media_url": "http://imgur.com/123_street_sinkhole.png",
        }
    )
    created = client.post(
        f"{base}/requests.xml?{query}", body, content_type="application/x-www-form-urlencoded"
    )
    # "111-111-1111" is no phone number of any country: refused with a clear message, nothing stored
    assert "Số điện thoại" in xml_of(created, 400).findtext("error/description")
    created = client.post(
        f"{base}/requests.xml?{query}",
        body.replace("111-111-1111", "%2B1-415-555-2671"),
        content_type="application/x-www-form-urlencoded",
    )
    code = xml_of(created, 201).findtext("request/service_request_id")
    assert Case.objects.get(code=code).submitter_phone == "+14155552671"
    token = xml_of(client.get(f"{base}/tokens/{code}.xml?{j}"))
    assert token.findtext("request/service_request_id") == code and token.findtext("request/token") == code


def test_the_urls_the_three_client_calls(client, cast, integrator, shown):
    base = O311  # Three(endpoint) adds a slash and the format: <endpoint>/<resource>.xml
    discovery = xml_of(client.get(f"{base}/discovery.xml"))
    assert discovery.findtext("endpoints/endpoint/url").endswith(O311)
    assert len(xml_of(client.get(f"{base}/services.xml"))) >= 5
    assert xml_of(client.get(f"{base}/services/moi-truong.xml")).tag == "service_definition"
    # requests(count=…, between=(start, end)): page_size and dates formatted '%Y-%m-%dT%H:%M:%SZ'
    today = timezone.localdate()
    params = urlencode(
        {
            "page_size": 10,
            "start_date": (today - dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "end_date": (today + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
    )
    assert [
        r.findtext("service_request_id") for r in xml_of(client.get(f"{base}/requests.xml?{params}"))
    ] == [shown.code]
    assert xml_of(client.get(f"{base}/requests/{shown.code}.xml")).findtext("request/status") == "open"
    # post(code, address=…, name="First Last", media=file): a multipart POST with api_key among the fields
    image = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(image, "JPEG")
    image.seek(0)
    image.name = "photo.jpg"
    created = client.post(
        f"{base}/requests.xml",
        {
            "service_code": "moi-truong",
            "address_string": "155 đường 30 Tháng 4",
            "first_name": "Zach",
            "last_name": "Williams",
            "phone": "555-5555",
            "description": "My issue description.",
            "api_key": integrator[1],
            "jurisdiction_id": JURISDICTION,
            "media": image,
        },
    )
    assert "Số điện thoại" in xml_of(created, 400).findtext("error/description")  # 555-5555 is not a number
    image.seek(0)
    created = client.post(
        f"{base}/requests.xml",
        {
            "service_code": "moi-truong",
            "address_string": "155 đường 30 Tháng 4",
            "first_name": "Zach",
            "last_name": "Williams",
            "phone": "+1 415 555 2671",
            "description": "My issue description.",
            "api_key": integrator[1],
            "jurisdiction_id": JURISDICTION,
            "media": image,
        },
    )
    code = xml_of(created, 201).findtext("request/service_request_id")
    case = Case.objects.get(code=code)
    assert case.submitter_name == "Williams Zach" and case.attachments.count() == 1
    assert xml_of(client.get(f"{base}/tokens/{code}.xml")).findtext("request/service_request_id") == code
