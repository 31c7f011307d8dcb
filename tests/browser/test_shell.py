"""The portal home and the officers' workspace in a real browser, on a phone and a desktop screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

SIZES = {"375": {"width": 375, "height": 800}, "1280": {"width": 1280, "height": 900}}


def serious_violations(page):
    results = Axe().run(page)
    return [v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]


@pytest.mark.parametrize("size", SIZES)
def test_home_page_reads_in_vietnamese_on_phone_and_desktop(browser, demo_site, shot, size):
    context = browser.new_context(viewport=SIZES[size], locale="vi-VN")
    page = context.new_page()
    page.goto(demo_site + "/")
    assert page.locator("h1").first.inner_text() == "Tỉnh Đồng Tháp"
    assert page.locator(".unit-list").get_by_role("link", name="Xã Tràm Chim").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"], "the page scrolls sideways"
    shot(page, f"home-{size}")
    assert serious_violations(page) == []
    context.close()


@pytest.mark.parametrize("size", SIZES)
def test_officer_signs_in_and_sees_the_workspace(browser, demo_site, shot, size):
    context = browser.new_context(viewport=SIZES[size], locale="vi-VN")
    page = context.new_page()
    page.goto(demo_site + "/can-bo/")
    assert "/dang-nhap/" in page.url
    page.get_by_label("Tên đăng nhập, e-mail hoặc số điện thoại").fill("lanhdao.tramchim")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng").is_visible()
    page.get_by_label("Mật khẩu").fill("danvan2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/can-bo/")
    assert "Xin chào, Lê Thị Mỹ Hạnh" in page.locator("h1").inner_text()
    assert page.get_by_text("Đơn vị làm việc: Xã Tràm Chim").is_visible()
    shot(page, f"workspace-{size}")
    assert serious_violations(page) == []
    context.close()


def test_search_finds_tram_chim_without_diacritics_and_without_javascript(browser, demo_site, shot):
    context = browser.new_context(viewport=SIZES["1280"], java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site + "/")
    page.get_by_label("Tìm kiếm").first.fill("tram chim")
    page.get_by_role("button", name="Tìm").first.click()
    assert page.get_by_role("link", name="Xã Tràm Chim").first.is_visible()
    shot(page, "search-tram-chim")
    context.close()
