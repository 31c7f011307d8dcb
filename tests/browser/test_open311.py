"""An integrator's application posts a feedback through Open311 with coordinates and a photo link; the
commune's case officer sees both, and the application's name, on the case page (never fetched, never public)."""

import pytest

from .test_cases import COMMUNE, SIZES, both_sizes, login

pytestmark = pytest.mark.browser


def test_the_officer_sees_where_and_what_an_application_reported(browser, demo_site, shot):
    from django.core.cache import cache

    from danvan.cases.models import Case
    from danvan.core.formatting import local_today
    from danvan.integrations.services import api_key_create
    from danvan.people.models import User
    from danvan.units.models import Unit

    cache.clear()
    commune = Unit.objects.filter(name=COMMUNE).valid_on(local_today()).get()
    _key, secret = api_key_create(
        actor=User.objects.get(username="admin"), organisation="Tổng đài 1022 Đồng Tháp", units=[commune]
    )
    context = browser.new_context(viewport=SIZES["1280"], locale="vi-VN")
    posted = context.request.post(
        f"{demo_site}/api/v1/open311/v2/requests.json",
        form={
            "api_key": secret,
            "jurisdiction_id": commune.code,
            "service_code": "moi-truong",
            "description": "Rác thải đổ trộm dưới chân cầu, bốc mùi hôi.",
            "lat": "10.6721",
            "long": "105.5634",
            "media_url": "https://anh.example.vn/1022/chan-cau.jpg",
            "phone": "+33 6 12 34 56 78",
        },
    )
    assert posted.status == 201, posted.text()
    code = posted.json()[0]["service_request_id"]
    public = context.request.get(f"{demo_site}/api/v1/open311/v2/requests/{code}.xml").text()
    assert "10.6721" not in public and "anh.example.vn" not in public

    page = context.new_page()
    login(page, demo_site, "xuly.tramchim")
    page.goto(f"{demo_site}/can-bo/don-thu/{Case.objects.get(code=code).pk}/")
    facts = page.locator("dl.facts").first.inner_text()
    assert "10.672100, 105.563400" in facts and "qua ứng dụng của Tổng đài 1022 Đồng Tháp" in facts
    photo = page.get_by_role("link", name="https://anh.example.vn/1022/chan-cau.jpg")
    assert photo.get_attribute("rel") == "noopener noreferrer nofollow"
    assert "mlat=10.672100" in page.get_by_role("link", name="xem bản đồ").get_attribute("href")
    both_sizes(page, shot, "ws-case-open311")
    context.close()
    cache.clear()
