"""A citizen creates an account with a phone number (issue 10.1): a one-time code through the SMS gateway,
rate-limited in the shared cache, then a name and a password; the account is a citizen's with the phone
verified, signed in and sent to its area. Nobody learns from the page which numbers have an account."""

import re

import pytest
from django.urls import reverse

from danvan.audit.models import AuditEvent
from danvan.core.errors import DomainError, DomainErrors
from danvan.people import services
from danvan.people.models import User, VerificationCode

pytestmark = pytest.mark.django_db
SIGNUP, CONFIRM = reverse("citizen:signup"), reverse("citizen:signup_confirm")
PHONE = "0987 654 321"


def test_the_code_goes_to_the_phone_through_the_gateway_and_makes_a_citizen_account(
    cast, gateway, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        phone = services.citizen_signup_code_send(phone=PHONE, ip="10.0.0.1")
    assert phone == "0987654321" and len(gateway.to(phone)) == 1
    code = gateway.code_for(phone)
    assert "Ma tao tai khoan" in gateway.to(phone)[0]  # one SMS segment: unaccented
    row = VerificationCode.objects.get(phone=phone)
    assert row.purpose == "signup" and row.user is None and code not in row.code_hash

    user = services.citizen_signup(
        phone="+84 987 654 321", code=code, full_name="  Lê Thị  Hồng ", password="lua-chin-vang-2026"
    )
    assert (user.kind, user.full_name, user.phone) == ("citizen", "Lê Thị Hồng", phone)
    assert user.has_verified_phone and user.check_password("lua-chin-vang-2026")
    assert user.username.startswith("congdan-") and phone not in user.username
    assert AuditEvent.objects.filter(action="citizen.signup", object_id=str(user.pk)).exists()
    with pytest.raises(DomainError, match="Chưa có mã"):  # a code works once
        services.citizen_signup(phone=phone, code=code, full_name="X", password="lua-chin-vang-2026")


def test_a_weak_password_or_no_name_is_refused_before_the_code_is_tried(
    cast, gateway, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        phone = services.citizen_signup_code_send(phone=PHONE)
    with pytest.raises(DomainErrors) as exc:
        services.citizen_signup(phone=phone, code="000000", full_name="", password="12345678")
    assert [e.field for e in exc.value.errors] == ["full_name", "password"]
    assert VerificationCode.objects.get(phone=phone).attempts == 0  # no attempt spent


def test_wrong_codes_are_counted_and_the_fifth_kills_the_code(
    cast, gateway, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        phone = services.citizen_signup_code_send(phone=PHONE)
    right = gateway.code_for(phone)
    wrong = "000000" if right != "000000" else "111111"
    for left in (4, 3, 2, 1):
        with pytest.raises(DomainError, match=f"Còn {left} lần thử"):
            services.citizen_signup(phone=phone, code=wrong, full_name="Hồng", password="lua-chin-vang-2026")
    with pytest.raises(DomainError):
        services.citizen_signup(phone=phone, code=wrong, full_name="Hồng", password="lua-chin-vang-2026")
    with pytest.raises(DomainError, match="sai quá 5 lần"):
        services.citizen_signup(phone=phone, code=right, full_name="Hồng", password="lua-chin-vang-2026")
    assert not User.objects.filter(phone=phone).exists()


def test_a_number_with_an_account_gets_a_message_not_a_code_and_the_page_says_the_same(
    client, cast, gateway, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post(SIGNUP, {"phone": cast.binh.phone})
    with django_capture_on_commit_callbacks(execute=True):
        free = client.post(SIGNUP, {"phone": PHONE})
    assert taken.status_code == free.status_code == 302 and taken["Location"] == free["Location"] == CONFIRM
    [message] = gateway.to(cast.binh.phone)
    assert "da co tai khoan" in message and not re.search(r"\b\d{6}\b", message)
    with pytest.raises(DomainError):
        services.citizen_signup(
            phone=cast.binh.phone, code="123456", full_name="X", password="lua-chin-vang-2026"
        )


def test_codes_are_rate_limited_per_number_and_per_address(cast, gateway, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(services, "CODE_RESEND_AFTER", timezone.timedelta(0))
    for _ in range(services.SIGNUP_CODES_PER_PHONE[0]):
        services.citizen_signup_code_send(phone=PHONE, ip="10.0.0.2")
    with pytest.raises(DomainError) as exc:
        services.citizen_signup_code_send(phone=PHONE, ip="10.0.0.3")
    assert exc.value.code == "rate_limited" and "phút" in exc.value.message
    monkeypatch.setattr(services, "SIGNUP_CODES_PER_IP", (2, 3600))
    services.citizen_signup_code_send(phone="0987000001", ip="10.0.0.9")
    services.citizen_signup_code_send(phone="0987000002", ip="10.0.0.9")
    with pytest.raises(DomainError) as exc:
        services.citizen_signup_code_send(phone="0987000003", ip="10.0.0.9")
    assert exc.value.code == "rate_limited"


def test_a_second_code_waits_a_minute(cast, gateway):
    services.citizen_signup_code_send(phone=PHONE)
    with pytest.raises(DomainError, match="chờ"):
        services.citizen_signup_code_send(phone=PHONE)


def test_a_bad_number_is_refused_in_vietnamese(client, cast):
    response = client.post(SIGNUP, {"phone": "12345"})
    assert response.status_code == 400
    assert "Số điện thoại không hợp lệ" in " ".join(response.context["form"].errors["phone"])


def test_sign_up_through_the_pages_signs_the_citizen_in_and_opens_the_area(
    client, cast, gateway, django_capture_on_commit_callbacks
):
    assert client.get(SIGNUP).status_code == 200
    assert client.get(CONFIRM)["Location"] == SIGNUP  # no number yet
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP, {"phone": PHONE})
    page = client.get(CONFIRM).content.decode()
    assert "098****321" in page and "0987654321" not in page
    response = client.post(
        CONFIRM,
        {
            "code": "999999",
            "full_name": "Lê Thị Hồng",
            "password1": "lua-chin-vang-2026",
            "password2": "khac",
        },
    )
    assert response.status_code == 400 and "không giống nhau" in response.content.decode()
    code = gateway.code_for("0987654321")
    response = client.post(
        CONFIRM,
        {
            "code": code,
            "full_name": "Lê Thị Hồng",
            "password1": "lua-chin-vang-2026",
            "password2": "lua-chin-vang-2026",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("citizens:home")
    area = client.get(response["Location"])
    assert area.status_code == 200 and "Lê Thị Hồng" in area.content.decode()
    client.logout()
    login = client.post("/dang-nhap/", {"username": "0987.654.321", "password": "lua-chin-vang-2026"})
    assert login["Location"] == reverse("citizens:home")
