"""The citizen's profile (issue 10.1): name, phone and e-mail, and the phone proved by a one-time code —
the M0 code mechanism, which also links an account to a household."""

import pytest
from django.urls import reverse

from danvan.audit.models import AuditEvent
from danvan.core.errors import DomainError, DomainErrors
from danvan.people import services
from danvan.people.models import User, VerificationCode

pytestmark = pytest.mark.django_db
PROFILE = reverse("citizen:profile")


def fresh(user):
    return User.objects.get(pk=user.pk)


def test_the_phone_is_verified_by_a_code_sent_to_it(cast, gateway, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.citizen_phone_code_send(actor=cast.binh)
    code = gateway.code_for("0912345678")
    assert VerificationCode.objects.get().purpose == "phone"
    services.citizen_phone_code_confirm(actor=cast.binh, code=code)
    assert fresh(cast.binh).has_verified_phone
    assert AuditEvent.objects.filter(action="citizen.phone_verify", object_id=str(cast.binh.pk)).exists()
    with pytest.raises(DomainError, match="đã được xác minh"):
        services.citizen_phone_code_send(actor=fresh(cast.binh))


def test_a_household_code_does_not_verify_the_phone_nor_the_reverse(
    cast, gateway, django_capture_on_commit_callbacks
):
    from .helpers import make_household

    household = make_household(cast, phone="0987111222")
    with django_capture_on_commit_callbacks(execute=True):
        services.citizen_code_send(actor=cast.binh, household=household)
    code = gateway.code_for("0987111222")
    with pytest.raises(DomainError, match="Chưa có mã"):
        services.citizen_phone_code_confirm(actor=cast.binh, code=code)
    assert not fresh(cast.binh).has_verified_phone


def test_changing_the_phone_needs_a_new_verification_and_a_code_for_the_old_number_is_refused(
    cast, gateway, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.citizen_phone_code_send(actor=cast.binh)
    code = gateway.code_for("0912345678")
    binh = services.citizen_profile_update(actor=cast.binh, full_name="Ngô Văn Bình", phone="0912 999 888")
    assert binh.phone == "0912999888" and not binh.has_verified_phone
    with pytest.raises(DomainError, match="đã thay đổi"):
        services.citizen_phone_code_confirm(actor=binh, code=code)
    assert not fresh(binh).has_verified_phone


def test_the_profile_is_checked_in_one_round_and_a_taken_phone_refused(cast):
    cast.minh.phone = "0911000111"
    cast.minh.save()
    with pytest.raises(DomainErrors) as exc:
        services.citizen_profile_update(actor=cast.binh, full_name=" ", phone="0911 000 111", email="binh@")
    assert [e.field for e in exc.value.errors] == ["full_name", "phone", "email"]
    assert "đã được dùng cho một tài khoản khác" in exc.value.errors[1].message
    assert fresh(cast.binh).phone == "0912345678"


def test_only_a_citizen_uses_these_services(cast):
    for call in (
        lambda: services.citizen_phone_code_send(actor=cast.minh),
        lambda: services.citizen_profile_update(actor=cast.minh, full_name="X"),
    ):
        with pytest.raises(DomainError) as exc:
            call()
        assert exc.value.code == "forbidden"


def test_the_profile_page_sends_and_checks_the_code(
    client, cast, gateway, django_capture_on_commit_callbacks
):
    client.force_login(cast.binh)
    html = client.get(PROFILE).content.decode()
    assert "Chưa xác minh" in html and "Gửi mã xác minh" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PROFILE, {"action": "send"}, follow=True)
    assert "Đã gửi mã xác minh tới số 091****678" in response.content.decode()
    assert 'name="code"' in response.content.decode()
    bad = client.post(PROFILE, {"action": "confirm", "code": "12"})
    assert bad.status_code == 400 and "Mã không đúng" in bad.content.decode()
    response = client.post(
        PROFILE, {"action": "confirm", "code": gateway.code_for("0912345678")}, follow=True
    )
    assert "Đã xác minh số điện thoại" in response.content.decode() and fresh(cast.binh).has_verified_phone


def test_the_profile_page_saves_and_shows_every_refusal(client, cast):
    client.force_login(cast.binh)
    response = client.post(PROFILE, {"action": "save", "full_name": "", "phone": "12", "email": "x@"})
    assert response.status_code == 400
    assert {"full_name", "phone", "email"} <= set(response.context["form"].errors)
    response = client.post(
        PROFILE,
        {"action": "save", "full_name": "Ngô Văn Bình", "phone": "0912345678", "email": "binh@example.vn"},
    )
    assert response.status_code == 302 and fresh(cast.binh).email == "binh@example.vn"


def test_the_password_is_changed_from_the_area(client, cast):
    client.force_login(cast.binh)
    url = reverse("citizen:password_change")
    response = client.post(
        url,
        {
            "old_password": cast.password,
            "new_password1": "mat-khau-moi-2027",
            "new_password2": "mat-khau-moi-2027",
        },
    )
    assert response.status_code == 302 and fresh(cast.binh).check_password("mat-khau-moi-2027")
