"""Every workspace page of M0 opens in chromium without console errors (CSP violations included), and the
deadline calculator answers through htmx in place."""

import pytest

pytestmark = pytest.mark.browser


def login(page, base, username):
    page.goto(base + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập, e-mail hoặc số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill("danvan2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/can-bo/")


def test_workspace_pages_have_no_console_errors(browser, demo_site, shot):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, demo_site, "quantri.tramchim")
    for path, name in [
        ("/can-bo/don-vi/", "units"),
        ("/can-bo/ho-gia-dinh/", "households"),
        ("/can-bo/ho-gia-dinh/nhap-excel/", "household-import"),
        ("/can-bo/quy-dinh/", "rules"),
        ("/can-bo/thong-bao/", "notifications"),
    ]:
        response = page.goto(demo_site + path)
        assert response.status == 200, path
        shot(page, f"ws-{name}")
    page.goto(demo_site + "/can-bo/don-vi/")
    page.locator("main").get_by_role("link", name="Xã Tràm Chim", exact=True).first.click()
    assert page.locator("h1").inner_text() == "Xã Tràm Chim"
    shot(page, "ws-unit-detail")
    assert errors == []
    context.close()


def test_deadline_calculator_answers_in_place_with_htmx(browser, demo_site, shot):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    login(page, demo_site, "xuly.tramchim")
    page.goto(demo_site + "/can-bo/quy-dinh/tinh-han/")
    page.get_by_label("Quy định về thời hạn").select_option("complaint.accept")
    page.get_by_label("Ngày bắt đầu tính hạn").fill("2026-02-12")
    with page.expect_response(
        lambda r: "tinh-han" in r.url and r.request.headers.get("hx-request") == "true"
    ):
        page.get_by_role("button", name="Tính hạn").click()
    assert page.get_by_text("05/03/2026").first.is_visible()
    shot(page, "ws-deadline")
    context.close()
