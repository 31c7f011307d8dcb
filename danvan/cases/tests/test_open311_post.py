"""Open311 POST: an integrator's API key (scope and hourly quota), a required location, the reported
coordinates and media kept for officers only, international phone numbers and 404 for unknown codes."""

import datetime as dt
import io
import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from danvan.cases import selectors, services
from danvan.cases.models import Case
from danvan.cases.views import NOT_FOUND
from danvan.integrations import services as key_services

from .test_api import FORM, O311

REQUESTS = f"{O311}/requests.json"


def post(client, data, fmt="json", **extra):
    return client.post(f"{O311}/requests.{fmt}", data, **extra)


def error_of(response):
    [error] = response.json()
    assert error["code"] == response.status_code
    return error["description"]


@pytest.fixture
def form(integrator):
    return dict(FORM, api_key=integrator[1])


# ---------------------------------------------------------------- the key


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_missing_or_invalid_key_is_403_and_stores_nothing(client, cast, integrator, fmt):
    for key in (None, "", "dv_00000000_khong-phai-khoa", integrator[1] + "x", "abc"):
        data = dict(FORM) if key is None else dict(FORM, api_key=key)
        response = post(client, data, fmt)
        assert response.status_code == 403, key
        assert b"api_key" in response.content
    assert Case.objects.count() == 0


def test_a_revoked_key_stops_working_at_once(client, cast, form, integrator):
    assert post(client, form).status_code == 201
    key_services.api_key_revoke(actor=cast.son, key=integrator[0], reason="Hết hợp đồng.")
    response = post(client, dict(form, description="Sau khi thu hồi."))
    assert response.status_code == 403 and Case.objects.count() == 1


def test_the_key_and_the_jurisdiction_may_come_in_the_query_string(client, cast, integrator):
    # the PyPI client `open311` posts to requests.xml?jurisdiction_id=…&api_key=… with the fields in the body
    body = {k: v for k, v in FORM.items() if k != "jurisdiction_id"}
    url = f"{O311}/requests.xml?jurisdiction_id=30025-01&api_key={integrator[1]}"
    response = client.post(url, body)
    assert response.status_code == 201, response.content
    assert Case.objects.get().hamlet == cast.hamlet


def test_a_key_posts_only_to_its_units_subtrees(client, cast, form):
    response = post(client, dict(form, jurisdiction_id="30022"))
    assert response.status_code == 403 and "Xã An Long" in error_of(response)
    district, district_secret = key_services.api_key_create(
        actor=cast.son, organisation="Cổng dịch vụ công huyện Tam Nông", units=[cast.district]
    )
    for jurisdiction in ("30022", "30025-02"):
        assert (
            post(client, dict(form, api_key=district_secret, jurisdiction_id=jurisdiction)).status_code == 201
        )
    assert post(client, dict(form, api_key=district_secret, jurisdiction_id="30130")).status_code == 403
    _hamlet_key, hamlet_secret = key_services.api_key_create(
        actor=cast.son, organisation="Tổ Zalo ấp Phú Hòa", units=[cast.hamlet]
    )
    assert post(client, dict(form, api_key=hamlet_secret, jurisdiction_id="30025-01")).status_code == 201
    response = post(client, dict(form, api_key=hamlet_secret, jurisdiction_id="30025"))
    assert response.status_code == 403
    assert Case.objects.filter(api_key=district).count() == 2


def test_the_quota_is_per_key_and_hour_in_the_shared_cache(client, cast, form, integrator):
    key, _secret = integrator
    key.hourly_quota = 2
    key.save()
    other, other_secret = key_services.api_key_create(
        actor=cast.son, organisation="Ứng dụng khác", units=[cast.commune], hourly_quota=1
    )
    assert [post(client, dict(form, description=f"Số {i}.")).status_code for i in range(3)] == [201, 201, 429]
    # another key has its own count, from the same address
    assert post(client, dict(form, api_key=other_secret, description="Khoá khác.")).status_code == 201
    # the count lives in the cache every worker shares, not in this process
    assert key_services.api_key_used(key) == 3 and key_services.api_key_used(other) == 1
    cache.clear()
    assert post(client, dict(form, description="Sang giờ mới.")).status_code == 201


def test_a_refused_submission_gives_its_unit_of_quota_back(client, cast, form, integrator):
    key, _secret = integrator
    key.hourly_quota = 1
    key.save()
    assert post(client, dict(form, phone="12ab")).status_code == 400
    assert post(client, form).status_code == 201
    assert post(client, dict(form, description="Lần nữa.")).status_code == 429


# ---------------------------------------------------------------- what a request must and may carry


@pytest.mark.parametrize(
    "location",
    [
        {"lat": "10.72", "long": "105.52"},
        {"address_string": "cầu ấp Phú Hòa"},
        {"address_id": "30025-02"},
    ],
)
def test_a_request_needs_a_location_and_any_one_is_enough(client, cast, form, location):
    bare = dict({k: v for k, v in form.items() if k != "address_string"}, jurisdiction_id="30025")
    response = post(client, bare)
    assert response.status_code == 400 and "vị trí" in error_of(response)
    assert Case.objects.count() == 0
    assert post(client, dict(bare, **location)).status_code == 201
    if "address_id" in location:
        assert Case.objects.get().hamlet == cast.other_hamlet


def test_coordinates_and_media_are_kept_for_officers_and_never_published_or_fetched(
    client, cast, form, monkeypatch
):
    import urllib.request

    def no_fetch(*args, **kwargs):
        raise AssertionError("the media URL must not be fetched")

    monkeypatch.setattr(urllib.request, "urlopen", no_fetch)
    media = "https://anh.example.vn/phan-anh/cau-ap-phu-hoa.jpg"
    response = post(client, dict(form, lat="10.7245123", long="105.5201", media_url=media))
    assert response.status_code == 201, response.content
    case = Case.objects.get()
    assert (str(case.latitude), str(case.longitude), case.media_url) == ("10.724512", "105.520100", media)
    for fmt in ("json", "xml"):
        body = client.get(f"{O311}/requests/{case.code}.{fmt}").content.decode()
        assert "10.72" not in body and "105.52" not in body and "anh.example.vn" not in body
    client.force_login(cast.minh)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "10.724512, 105.520100" in page and "mlat=10.724512&amp;mlon=105.520100" in page
    assert f'href="{media}" rel="noopener noreferrer nofollow"' in page
    assert "qua ứng dụng của Ứng dụng Tổng đài 1022 Đồng Tháp" in page


@pytest.mark.parametrize(
    "phone, stored",
    [
        ("+33 6 12 34 56 78", "+33612345678"),
        ("+1 (415) 555-2671", "+14155552671"),
        ("0033612345678", "+33612345678"),
        ("+84 912 345 678", "0912345678"),
        ("(+84) 0912.345.678", "0912345678"),
    ],
)
def test_international_phone_numbers_are_accepted_and_tracked(client, cast, form, phone, stored):
    response = post(client, dict(form, phone=phone))
    assert response.status_code == 201, response.content
    case = Case.objects.get()
    assert case.submitter_phone == stored
    assert selectors.track(case.code, phone) == case and selectors.track(case.code, stored) == case
    page = client.post(reverse("cases:track"), {"code": case.code, "contact": phone}, follow=True)
    assert NOT_FOUND not in page.content.decode()


def test_unknown_service_codes_and_jurisdictions_are_404_and_missing_ones_400(client, cast, form):
    for change, status, words in (
        ({"service_code": "khong-co"}, 404, "khong-co"),
        ({"jurisdiction_id": "99999"}, 404, "99999"),
        ({"service_code": ""}, 400, "service_code"),
        ({"jurisdiction_id": ""}, 400, "jurisdiction_id"),
    ):
        for fmt in ("json", "xml"):
            response = post(client, dict(form, **change), fmt)
            assert response.status_code == status, (change, fmt)
            assert words in response.content.decode()
    assert Case.objects.count() == 0


def test_media_files_posted_as_multipart_become_attachments(client, cast, form):
    # the PyPI client `three` sends `media` as a file of a multipart POST
    image = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(image, "PNG")
    upload = SimpleUploadedFile("anh.png", image.getvalue(), content_type="image/png")
    response = post(client, dict(form, media=upload), "xml")
    assert response.status_code == 201, response.content
    [attachment] = Case.objects.get().attachments.all()
    assert attachment.content_type == "image/png"
    bad = SimpleUploadedFile("anh.png", b"not an image", content_type="image/png")
    assert post(client, dict(form, description="Tệp hỏng.", media=bad)).status_code == 400


def test_a_json_body_that_is_not_an_object_is_400_once_the_key_is_known(client, cast, integrator):
    url = f"{REQUESTS}?api_key={integrator[1]}"
    assert client.post(url, "[1, 2]", content_type="application/json").status_code == 400
    assert client.post(url, "{nope", content_type="application/json").status_code == 400
    assert client.post(REQUESTS, "{nope", content_type="application/json").status_code == 403


def test_the_submission_is_audited_with_the_key_it_came_with(client, cast, form, integrator):
    from danvan.audit.models import AuditEvent

    response = post(client, dict(form, received_on=str(dt.date(2020, 1, 1))))
    case = Case.objects.get(code=response.json()[0]["service_request_id"])
    event = AuditEvent.objects.get(action="case.submit", object_id=str(case.pk))
    assert event.changes["api_key"] == [None, integrator[0].pk]
    assert integrator[1] not in json.dumps(event.changes)
    assert case.received_on == services.local_today()  # a client cannot backdate a request


def test_a_nul_character_anywhere_is_a_400_not_a_database_error(client, cast, form):
    for url in (
        f"{O311}/requests.json?jurisdiction_id=300%0025",
        f"{O311}/requests/PA26%00X.xml",
        f"{O311}/services/moi%00truong.json",
        f"{O311}/services.json?jurisdiction_id=%00",
    ):
        assert client.get(url).status_code == 400, url
    assert post(client, dict(form, description="Có ký tự \x00 lạ.")).status_code == 400
    body = json.dumps(dict(form, jurisdiction_id="30025\x00"))
    assert client.post(REQUESTS, body, content_type="application/json").status_code == 400
    assert Case.objects.count() == 0
