"""Two-factor sign-in in chromium: a leader enrols an authenticator app from their account page (the code is
computed from the secret the page shows, as the app would), signs out, and signs in with the password and then
a code; with the policy on, a unit admin who has not enrolled is sent to enrolment. The enrolment, recovery-code
and code pages are screenshot at 375 and 1280 and checked with axe-core."""

import re
import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from tests.browser.test_cases import SIZES, login, serious_violations

pytestmark = pytest.mark.browser


def app_code(secret_text: str, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the secret typed from the page."""
    secret = secret_text.replace(" ", "").upper()
    key = b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def check_both_sizes(page, shot, name):
    for size in ("1280", "375"):
        page.set_viewport_size(SIZES[size])
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"], (name, size)
        shot(page, f"{name}-{size}")
        assert serious_violations(page) == [], (name, size)
    page.set_viewport_size(SIZES["1280"])


def test_leader_enrols_from_the_account_page_then_signs_in_with_a_code(browser, demo_site, shot):
    from danvan.access import two_factor
    from danvan.people.models import User

    context = browser.new_context(viewport=SIZES["1280"], locale="vi-VN")
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    login(page, demo_site, "lanhdao.tramchim")
    page.get_by_role("link", name="Tài khoản của tôi").click()
    assert page.locator("h1").inner_text() == "Tài khoản của tôi"
    page.get_by_role("button", name="Bật xác thực hai lớp").click()
    page.wait_for_url("**/can-bo/tai-khoan/xac-thuc-hai-lop/")
    qr = page.get_by_role("img", name="Mã QR để thêm tài khoản vào ứng dụng xác thực")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR code did not load"
    secret = page.locator(".otp-secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{4})+", secret), secret
    check_both_sizes(page, shot, "2fa-enrol")

    page.get_by_label("Mã 6 chữ số trong ứng dụng").fill("000000")
    page.get_by_role("button", name="Xác nhận và bật").click()
    assert page.get_by_text("Mã chưa đúng").is_visible()
    page.get_by_label("Mã 6 chữ số trong ứng dụng").fill(app_code(secret))
    page.get_by_role("button", name="Xác nhận và bật").click()
    assert page.locator("h1").inner_text() == "Đã bật xác thực hai lớp"
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    check_both_sizes(page, shot, "2fa-recovery-codes")
    page.get_by_role("link", name="Tôi đã lưu các mã").click()
    assert page.get_by_text("Đang bật").is_visible() and page.get_by_text("Còn 10 mã dự phòng").is_visible()
    check_both_sizes(page, shot, "2fa-profile")
    assert two_factor.is_enrolled(User.objects.get(username="lanhdao.tramchim"))

    page.get_by_role("button", name="Đăng xuất").click()
    page.goto(demo_site + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập, e-mail hoặc số điện thoại").fill("lanhdao.tramchim")
    page.get_by_label("Mật khẩu").fill("danvan2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/dang-nhap/xac-thuc/")
    assert page.locator("h1").inner_text() == "Nhập mã xác thực"
    check_both_sizes(page, shot, "2fa-code")
    page.get_by_label("Mã xác thực").fill("123456")
    page.get_by_role("button", name="Xác nhận").click()
    assert page.get_by_text("Mã xác thực không đúng hoặc đã hết hạn").is_visible()
    page.get_by_label("Mã xác thực").fill(app_code(secret, steps_ahead=1))  # the enrolment used this step's
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url("**/can-bo/")
    assert "Xin chào, Lê Thị Mỹ Hạnh" in page.locator("h1").inner_text()
    assert errors == []
    context.close()


def test_with_the_policy_on_a_unit_admin_is_sent_to_enrolment(browser, demo_site, shot, settings):
    settings.DANVAN_2FA_REQUIRED = True
    context = browser.new_context(viewport=SIZES["375"], locale="vi-VN")
    page = context.new_page()
    page.goto(demo_site + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập, e-mail hoặc số điện thoại").fill("quantri.tramchim")
    page.get_by_label("Mật khẩu").fill("danvan2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/can-bo/tai-khoan/xac-thuc-hai-lop/")
    assert page.get_by_text("Vai trò của bạn bắt buộc đăng nhập bằng xác thực hai lớp").is_visible()
    page.goto(demo_site + "/can-bo/ho-gia-dinh/")
    assert page.url.endswith("/can-bo/tai-khoan/xac-thuc-hai-lop/")
    shot(page, "2fa-required-375")
    assert serious_violations(page) == []
    context.close()
