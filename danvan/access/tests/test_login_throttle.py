"""Login throttling: one counter per resolved account (and per address), shared by every login form."""

import pytest

from danvan.people.models import User

LOCKED = "nhập sai quá nhiều lần"
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng"


@pytest.fixture
def admin_user(cast):
    return User.objects.create_superuser(username="admin", password=cast.password, email="admin@x.vn")


def _public(client, username, password, ip="192.0.2.10"):
    return client.post("/dang-nhap/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def _admin(client, username, password, ip="192.0.2.10"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def test_admin_login_is_throttled_then_refuses_the_right_password(client, cast, admin_user, settings):
    settings.DANVAN_LOGIN_MAX_FAILURES = 5
    for _ in range(5):
        assert _admin(client, "admin", "sai").status_code == 200
    response = _admin(client, "admin", cast.password)
    assert response.status_code == 200 and LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_on_the_admin_and_the_public_login_count_together(client, cast, admin_user, settings):
    settings.DANVAN_LOGIN_MAX_FAILURES = 5
    for _ in range(3):
        _public(client, "admin", "sai")
    for _ in range(2):
        _admin(client, "admin", "sai")
    html = _public(client, "admin", cast.password).content.decode()
    assert LOCKED in html and "_auth_user_id" not in client.session
    html = _admin(client, "admin", cast.password).content.decode()
    assert LOCKED in html and "_auth_user_id" not in client.session


def test_every_spelling_of_a_phone_counts_for_the_one_account(client, cast, settings):
    settings.DANVAN_LOGIN_MAX_FAILURES = 5
    spellings = ["0912345678", "0912 345 678", "+84912345678", "84912345678", "0912.345.678"]
    for spelling in spellings:
        assert WRONG in _public(client, spelling, "sai").content.decode()
    for spelling in [*spellings, "binh"]:
        html = _public(client, spelling, cast.password).content.decode()
        assert LOCKED in html, spelling
        assert "_auth_user_id" not in client.session


def test_user_name_email_and_phone_of_one_account_share_its_counter(client, cast, settings):
    settings.DANVAN_LOGIN_MAX_FAILURES = 3
    cast.binh.email = "binh@example.vn"
    cast.binh.save()
    for ident in ("BINH", "Binh@Example.vn", "0912 345 678"):
        _public(client, ident, "sai")
    assert LOCKED in _public(client, "binh", cast.password).content.decode()


def test_a_locked_account_is_refused_from_another_address_too(client, cast, settings):
    settings.DANVAN_LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        _public(client, "tuan", "sai", ip="192.0.2.10")
    assert LOCKED in _public(client, "tuan", cast.password, ip="198.51.100.7").content.decode()


def test_an_unknown_name_gets_the_same_answers_as_an_existing_one(client, cast, settings):
    """No account enumeration: the same wrong-password message, then the same lockout message."""
    settings.DANVAN_LOGIN_MAX_FAILURES = 3
    answers = {}
    for name in ("tuan", "khong-co-ai"):
        seen = []
        for _ in range(4):
            html = _public(client, name, "sai", ip="192.0.2.20").content.decode()
            seen.append("locked" if LOCKED in html else "wrong" if WRONG in html else "?")
        answers[name] = seen
    assert answers["tuan"] == answers["khong-co-ai"] == ["wrong", "wrong", "wrong", "locked"]


def test_unknown_names_are_counted_per_address(client, cast, settings):
    settings.DANVAN_LOGIN_MAX_FAILURES = 3
    for i in range(12):  # the address limit is four times the account limit
        _public(client, f"khong-co-{i}", "sai", ip="192.0.2.30")
    assert LOCKED in _public(client, "tuan", cast.password, ip="192.0.2.30").content.decode()
    assert "_auth_user_id" not in client.session
    response = _public(client, "tuan", cast.password, ip="198.51.100.8")
    assert response.status_code == 302 and response["Location"] == "/can-bo/"


def test_a_complete_sign_in_clears_the_account_counter(client, cast, settings):
    settings.DANVAN_LOGIN_MAX_FAILURES = 3
    for _ in range(2):
        _public(client, "tuan", "sai")
    assert _public(client, "tuan", cast.password).status_code == 302
    client.logout()
    for _ in range(2):
        _public(client, "tuan", "sai")
    assert _public(client, "tuan", cast.password).status_code == 302
