"""Two-factor sign-in: enrolment from the officer's account page, sign-in with password then code, recovery
codes used once, wrong codes throttled with the password, removal and regeneration after a code, the system
administrator's reset, the policy on the workspace, the API and the admin — each step audited."""

import pytest
from django.core import mail  # noqa: F401  (the password reset below sends one)

from danvan.access import services, two_factor
from danvan.access.admin_site import DanvanAdminSite
from danvan.audit.models import AuditEvent
from danvan.core.errors import DomainError
from danvan.people.models import User
from tests.otp import enrol

LOGIN = "/dang-nhap/"
CODE = "/dang-nhap/xac-thuc/"
PROFILE = "/can-bo/tai-khoan/"
ENROL = "/can-bo/tai-khoan/xac-thuc-hai-lop/"
LOCKED = "nhập sai quá nhiều lần"


def _actions(user) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_id=str(user.pk), action__startswith="two_factor.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def _password(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def test_officer_enrols_from_the_account_page_and_sees_the_recovery_codes_once(client, cast, app):
    client.force_login(cast.tuan)
    html = client.get(PROFILE).content.decode()
    assert "Xác thực hai lớp" in html and "Bật xác thực hai lớp" in html
    assert client.post(ENROL, {"action": "start"})["Location"] == ENROL
    html = client.get(ENROL).content.decode()
    device = two_factor.totp_device(cast.tuan, confirmed=False)
    assert (
        two_factor.secret_for_display(device) in html
        and 'src="/can-bo/tai-khoan/xac-thuc-hai-lop/ma-qr.svg"' in html
    )
    qr = client.get(ENROL + "ma-qr.svg")
    assert (
        qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content and "no-store" in qr["Cache-Control"]
    )

    html = client.post(ENROL, {"action": "confirm", "code": "000000"}).content.decode()
    assert "Mã chưa đúng" in html and not two_factor.is_enrolled(cast.tuan)

    html = client.post(ENROL, {"action": "confirm", "code": app.code(device)}).content.decode()
    codes = [t.token for t in device.user.staticdevice_set.get().token_set.all()]
    assert len(codes) == 10 and all(code in html for code in codes)
    assert two_factor.is_enrolled(cast.tuan)
    assert client.session["otp_device_id"] == two_factor.totp_device(cast.tuan).persistent_id
    html = client.get(PROFILE).content.decode()
    assert "Đang bật" in html and "Còn 10 mã dự phòng" in html
    assert not any(code in html for code in codes)
    assert client.get(ENROL)["Location"] == PROFILE  # the codes are not shown again
    assert _actions(cast.tuan) == ["two_factor.enrol_start", "two_factor.enrol"]


def test_enrolled_officer_signs_in_with_the_password_then_the_code(client, cast, app):
    device, _codes = enrol(cast.tuan, app)
    response = _password(client, "tuan", cast.password)
    assert response.status_code == 302 and response["Location"] == CODE
    assert "_auth_user_id" not in client.session  # the password alone opens no session
    assert client.get("/can-bo/")["Location"].startswith(LOGIN)
    html = client.get(CODE).content.decode()
    assert "Nhập mã xác thực" in html
    response = client.post(CODE, {"code": app.code(device)})
    assert response.status_code == 302 and response["Location"] == "/can-bo/"
    assert client.session["_auth_user_id"] == str(cast.tuan.pk)
    assert client.get("/can-bo/").status_code == 200


def test_the_code_page_keeps_the_next_address_of_the_login(client, cast, app):
    device, _codes = enrol(cast.tuan, app)
    client.post(LOGIN + "?next=/can-bo/don-thu/", {"username": "tuan", "password": cast.password})
    assert client.post(CODE, {"code": app.code(device)})["Location"] == "/can-bo/don-thu/"


def test_a_code_is_accepted_once(client, cast, app):
    device, _codes = enrol(cast.tuan, app)
    code = app.code(device)
    _password(client, "tuan", cast.password)
    assert client.post(CODE, {"code": code}).status_code == 302
    client.logout()
    _password(client, "tuan", cast.password)
    html = client.post(CODE, {"code": code}).content.decode()
    assert "Mã xác thực không đúng hoặc đã hết hạn" in html and "_auth_user_id" not in client.session


def test_a_recovery_code_signs_in_once_and_is_audited(client, cast, app):
    _device, codes = enrol(cast.tuan, app)
    _password(client, "tuan", cast.password)
    response = client.post(CODE, {"code": codes[0].upper()[:4] + " " + codes[0][4:]}, follow=True)
    assert response.redirect_chain[0][0] == "/can-bo/"
    assert "Bạn vừa dùng một mã dự phòng, còn 9 mã" in response.content.decode()
    assert two_factor.recovery_codes_left(cast.tuan) == 9
    assert _actions(cast.tuan)[-1] == "two_factor.recovery_used"
    client.logout()
    _password(client, "tuan", cast.password)
    assert "Mã xác thực không đúng" in client.post(CODE, {"code": codes[0]}).content.decode()
    assert client.post(CODE, {"code": codes[1]}).status_code == 302


def test_wrong_codes_are_throttled_with_the_password(client, cast, app, settings):
    settings.DANVAN_LOGIN_MAX_FAILURES = 3
    device, _codes = enrol(cast.tuan, app)
    _password(client, "tuan", cast.password)
    for _ in range(3):
        assert "Mã xác thực không đúng" in client.post(CODE, {"code": "123456"}).content.decode()
    html = client.post(CODE, {"code": app.code(device)}).content.decode()
    assert LOCKED in html and "_auth_user_id" not in client.session
    assert LOCKED in _password(client, "tuan", cast.password).content.decode()  # one counter per account


def test_the_right_password_again_does_not_reset_the_count_of_wrong_codes(client, cast, app, settings):
    settings.DANVAN_LOGIN_MAX_FAILURES = 3
    device, _codes = enrol(cast.tuan, app)
    _password(client, "tuan", cast.password)
    client.post(CODE, {"code": "111111"})
    client.post(CODE, {"code": "222222"})
    assert _password(client, "tuan", cast.password)["Location"] == CODE
    client.post(CODE, {"code": "333333"})
    assert LOCKED in client.post(CODE, {"code": app.code(device)}).content.decode()


def test_a_pending_sign_in_expires(client, cast, app):
    device, _codes = enrol(cast.tuan, app)
    _password(client, "tuan", cast.password)
    session = client.session
    session["danvan_2fa_pending"]["at"] -= 3600
    session.save()
    response = client.post(CODE, {"code": app.code(device)}, follow=True)
    assert (
        response.redirect_chain[-1][0] == LOGIN and "Phiên đăng nhập đã hết hạn" in response.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_the_code_page_without_a_password_first_goes_to_the_login(client, cast):
    assert client.get(CODE)["Location"] == LOGIN


def test_regenerating_recovery_codes_needs_a_code_and_ends_the_old_ones(client, cast, app):
    device, old = enrol(cast.tuan, app)
    client.force_login(cast.tuan)
    html = client.post(ENROL + "ma-du-phong/", {"code": "000000"}).content.decode()
    assert "Mã xác thực không đúng" in html and two_factor.recovery_codes_left(cast.tuan) == 10
    html = client.post(ENROL + "ma-du-phong/", {"code": app.code(device)}).content.decode()
    new = sorted(t.token for t in cast.tuan.staticdevice_set.get().token_set.all())
    assert set(new).isdisjoint(old) and all(code in html for code in new)
    assert "Các mã dự phòng cũ đã hết hiệu lực" in html
    assert _actions(cast.tuan)[-1] == "two_factor.recovery_regenerate"


def test_removing_the_second_factor_needs_a_code_and_is_audited(client, cast, app):
    device, _codes = enrol(cast.tuan, app)
    client.force_login(cast.tuan)
    assert "Mã xác thực không đúng" in client.post(ENROL + "tat/", {"code": "000000"}).content.decode()
    assert two_factor.is_enrolled(cast.tuan)
    response = client.post(ENROL + "tat/", {"code": app.code(device)})
    assert response["Location"] == PROFILE and not two_factor.is_enrolled(cast.tuan)
    assert two_factor.recovery_codes_left(cast.tuan) == 0
    assert _actions(cast.tuan)[-1] == "two_factor.remove"
    client.logout()
    assert _password(client, "tuan", cast.password)["Location"] == "/can-bo/"  # the password alone again


def test_the_system_administrator_resets_an_officers_device_from_the_admin(client, cast, app):
    enrol(cast.tuan, app)
    root = User.objects.create_superuser(username="root", password="x", email="root@x.vn")
    client.force_login(root)
    response = client.post(
        "/admin/people/user/", {"action": "reset_two_factor", "_selected_action": [cast.tuan.pk]}, follow=True
    )
    assert "Đã đặt lại xác thực hai lớp của 1 tài khoản" in response.content.decode()
    assert not two_factor.is_enrolled(cast.tuan) and two_factor.recovery_codes_left(cast.tuan) == 0
    event = AuditEvent.objects.get(action="two_factor.reset")
    assert event.actor == root and event.object_id == str(cast.tuan.pk)


def test_only_a_system_administrator_may_reset_a_device(cast, app):
    enrol(cast.tuan, app)
    with pytest.raises(DomainError):
        services.two_factor_reset(actor=cast.khoa, user=cast.tuan)
    assert two_factor.is_enrolled(cast.tuan)


def test_the_device_admin_pages_of_django_otp_are_not_offered(client, cast):
    root = User.objects.create_superuser(username="root", password="x", email="root@x.vn")
    client.force_login(root)
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404
    assert client.get("/admin/otp_static/staticdevice/").status_code == 404


# ---------------------------------------------------------------- the policy


def test_an_officer_the_policy_requires_reaches_only_enrolment(client, cast, two_factor_on):
    response = _password(client, "tuan", cast.password)  # leader: may reveal a denouncer's identity
    assert response["Location"] == "/can-bo/"
    for path in ("/can-bo/", "/can-bo/don-thu/", PROFILE, "/admin/", "/"):
        assert client.get(path)["Location"] == ENROL, path
    api = client.get("/api/v1/cases/")
    assert api.status_code == 403 and "xác thực hai lớp" in api.json()["detail"]
    html = client.get(ENROL).content.decode()
    assert "Vai trò của bạn bắt buộc đăng nhập bằng xác thực hai lớp" in html
    assert client.post("/dang-xuat/").status_code == 302 and "_auth_user_id" not in client.session


def test_after_enrolling_the_officer_reaches_the_workspace(client, cast, two_factor_on, app):
    _password(client, "tuan", cast.password)
    client.post(ENROL, {"action": "start"})
    device = two_factor.totp_device(cast.tuan, confirmed=False)
    client.post(ENROL, {"action": "confirm", "code": app.code(device)})
    assert client.get("/can-bo/don-thu/").status_code == 200


def test_an_enrolled_session_that_did_not_pass_the_code_is_sent_to_the_code_page(
    client, cast, two_factor_on, app
):
    device, _codes = enrol(cast.tuan, app)
    client.force_login(cast.tuan)  # e.g. a session opened before the officer enrolled elsewhere
    assert client.get("/can-bo/")["Location"] == CODE
    assert client.post(CODE, {"code": app.code(device)})["Location"] == "/can-bo/"
    assert client.get("/can-bo/").status_code == 200


def test_a_reset_device_sends_the_officer_back_to_enrolment(client, cast, two_factor_on, app):
    device, _codes = enrol(cast.tuan, app)
    _password(client, "tuan", cast.password)
    client.post(CODE, {"code": app.code(device)})
    root = User.objects.create_superuser(username="root", password="x", email="root@x.vn")
    services.two_factor_reset(actor=root, user=cast.tuan)
    assert client.get("/can-bo/")["Location"] == ENROL


def test_citizens_never_need_a_second_factor(client, cast, two_factor_on):
    assert not two_factor.requires_two_factor(cast.binh)
    cast.binh.is_staff = True  # even a mistaken staff flag
    assert not two_factor.requires_two_factor(cast.binh)
    cast.binh.is_staff = False
    client.force_login(cast.binh)
    assert client.get("/").status_code == 200


def test_the_setting_relaxes_the_policy(cast, settings):
    settings.DANVAN_2FA_REQUIRED = False
    assert not two_factor.requires_two_factor(cast.tuan)
    settings.DANVAN_2FA_REQUIRED = True
    assert two_factor.requires_two_factor(cast.tuan)


def test_the_admin_requires_a_verified_session_while_the_policy_is_on(client, cast, rf, settings, app):
    root = User.objects.create_superuser(username="root", password=cast.password, email="root@x.vn")
    request = rf.get("/admin/")
    request.user = root
    root.otp_device = None
    settings.DANVAN_2FA_REQUIRED = True
    assert not DanvanAdminSite().has_permission(request)
    settings.DANVAN_2FA_REQUIRED = False
    assert DanvanAdminSite().has_permission(request)

    settings.DANVAN_2FA_REQUIRED = True
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "root", "password": cast.password, "next": "/admin/"}
    )
    assert response["Location"] == "/admin/" and client.get("/admin/")["Location"] == ENROL
    client.post(ENROL, {"action": "start"})
    device = two_factor.totp_device(root, confirmed=False)
    client.post(ENROL, {"action": "confirm", "code": app.code(device)})
    assert client.get("/admin/").status_code == 200
    client.logout()
    app.next_step()

    response = client.post(
        "/admin/login/?next=/admin/", {"username": "root", "password": cast.password, "next": "/admin/"}
    )
    assert response["Location"] == CODE and "_auth_user_id" not in client.session
    assert client.post(CODE, {"code": app.code(two_factor.totp_device(root))})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_password_reset_ends_the_lockout(client, cast, settings):
    settings.DANVAN_LOGIN_MAX_FAILURES = 3
    cast.tuan.email = "tuan@phucuong.gov.vn"
    cast.tuan.save()
    for _ in range(3):
        _password(client, "tuan", "sai")
    assert LOCKED in _password(client, "tuan", cast.password).content.decode()
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(cast.tuan.pk))
    token = default_token_generator.make_token(cast.tuan)
    form_url = client.get(f"/dat-lai-mat-khau/{uid}/{token}/")["Location"]
    new = "Mat-khau-moi-2026!"
    assert client.post(form_url, {"new_password1": new, "new_password2": new}).status_code == 302
    assert _password(client, "tuan", new)["Location"] == "/can-bo/"
