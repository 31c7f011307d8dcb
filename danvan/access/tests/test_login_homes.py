"""Signing in sends each kind of account to its own home (issue 10.1: `congdan` used to land on /can-bo/,
a 404): a citizen to /tai-khoan/, an officer to /can-bo/; a safe `?next=` is still honoured unless it points
into the other kind's pages, and an unsafe one never."""

import pytest

pytestmark = pytest.mark.django_db


def sign_in(client, user, password, next_url=None):
    data = {"username": user.username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/dang-nhap/", data)["Location"]


@pytest.mark.parametrize(
    "who, next_url, lands",
    [
        ("binh", None, "/tai-khoan/"),
        ("minh", None, "/can-bo/"),
        ("binh", "/phan-anh/gui/", "/phan-anh/gui/"),
        ("minh", "/can-bo/don-thu/", "/can-bo/don-thu/"),
        ("binh", "/can-bo/don-thu/", "/tai-khoan/"),  # a citizen's 404, not a home
        ("minh", "/tai-khoan/ho-so/", "/can-bo/"),
        ("binh", "https://lua-dao.example/tai-khoan/", "/tai-khoan/"),
        ("minh", "//lua-dao.example/", "/can-bo/"),
    ],
)
def test_each_account_lands_at_its_home_or_a_safe_next(client, cast, who, next_url, lands):
    assert sign_in(client, getattr(cast, who), cast.password, next_url) == lands


def test_the_login_page_of_a_signed_in_citizen_leads_to_the_area(client, cast):
    client.force_login(cast.binh)
    assert client.get("/dang-nhap/")["Location"] == "/tai-khoan/"


def test_the_public_header_leads_a_citizen_to_the_area_and_a_visitor_to_sign_up(client, cast):
    html = client.get("/").content.decode()
    assert 'href="/dang-ky/"' in html and 'href="/tai-khoan/"' not in html
    client.force_login(cast.binh)
    html = client.get("/").content.decode()
    assert 'href="/tai-khoan/"' in html and "Khu làm việc" not in html
