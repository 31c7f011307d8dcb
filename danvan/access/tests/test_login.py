from django.core import mail


def test_officer_signs_in_with_username_or_phone(client, cast):
    response = client.post("/dang-nhap/", {"username": "tuan", "password": cast.password})
    assert response.status_code == 302 and response["Location"] == "/can-bo/"
    client.logout()
    response = client.post("/dang-nhap/", {"username": "+84 912 345 678", "password": cast.password})
    assert response.status_code == 302


def test_wrong_password_explains_and_repeated_failures_lock_the_account(client, cast, settings):
    settings.DANVAN_LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        html = client.post("/dang-nhap/", {"username": "tuan", "password": "sai"}).content.decode()
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in html
    html = client.post("/dang-nhap/", {"username": "tuan", "password": cast.password}).content.decode()
    assert "nhập sai quá nhiều lần" in html
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_vietnamese_email(client, cast):
    cast.tuan.email = "tuan@phucuong.gov.vn"
    cast.tuan.save()
    response = client.post("/quen-mat-khau/", {"email": "tuan@phucuong.gov.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "Đặt lại mật khẩu" in mail.outbox[0].subject
    assert "/dat-lai-mat-khau/" in mail.outbox[0].body


def test_logout_is_a_post(client, cast):
    client.force_login(cast.tuan)
    assert client.post("/dang-xuat/").status_code == 302
    assert "_auth_user_id" not in client.session
