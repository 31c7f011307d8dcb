"""The citizen's portal (M1) in chromium: home, an article, disclosures and the compliance register, on a
phone and a desktop, with and without JavaScript, checked with axe-core; the home page's first load weight."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

SIZES = {"375": {"width": 375, "height": 800}, "1280": {"width": 1280, "height": 900}}


def serious_violations(page):
    results = Axe().run(page)
    return [
        (v["id"], v["help"]) for v in results.response["violations"] if v["impact"] in {"serious", "critical"}
    ]


def open_page(browser, size, js=True):
    context = browser.new_context(viewport=SIZES[size], locale="vi-VN", java_script_enabled=js)
    return context, context.new_page()


@pytest.mark.parametrize("size", SIZES)
def test_citizen_reads_news_and_an_article(browser, demo_site, shot, size):
    context, page = open_page(browser, size)
    page.goto(demo_site + "/")
    assert page.locator("main").get_by_role("heading", name="Tin tức").first.is_visible()
    page.goto(demo_site + "/tin-tuc/")
    shot(page, f"news-list-{size}")
    assert serious_violations(page) == []
    page.locator("main article h2 a, main .result-list h2 a, main h2 a").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1
    assert page.locator('meta[property="og:title"]').count() == 1
    shot(page, f"article-{size}")
    assert serious_violations(page) == []
    context.close()


@pytest.mark.parametrize("size", SIZES)
def test_citizen_browses_disclosures_and_the_register(browser, demo_site, shot, size):
    context, page = open_page(browser, size)
    page.goto(demo_site + "/cong-khai/")
    shot(page, f"disclosures-{size}")
    assert serious_violations(page) == []
    page.goto(demo_site + "/cong-khai/so-theo-doi/")
    assert page.locator("h1").first.is_visible()
    shot(page, f"register-{size}")
    assert serious_violations(page) == []
    context.close()


@pytest.mark.parametrize("path", ["/", "/tin-tuc/", "/cong-khai/", "/cong-khai/so-theo-doi/"])
def test_public_pages_work_without_javascript(browser, demo_site, path):
    context, page = open_page(browser, "375", js=False)
    response = page.goto(demo_site + path)
    assert response.status == 200
    assert page.locator("h1").first.is_visible()
    context.close()


def test_search_without_javascript_filters_disclosures(browser, demo_site):
    context, page = open_page(browser, "1280", js=False)
    page.goto(demo_site + "/cong-khai/")
    everything = page.locator("main .disclosure-list > li").count()
    page.get_by_label("Tìm kiếm").last.fill("du toan ngan sach")
    page.locator("main").get_by_role("button", name="Lọc").click()
    items = page.locator("main .disclosure-list > li")
    assert 0 < items.count() <= everything
    assert (
        "ngân sách" in items.first.inner_text().lower() or page.get_by_text("dự toán ngân sách").count() > 0
    )
    context.close()


def test_home_first_load_is_under_150_kb(browser, demo_site):
    context, page = open_page(browser, "375")
    sizes = {}

    def record(response):
        if response.request.resource_type in {"document", "stylesheet", "script", "font"}:
            sizes[response.url] = len(response.body())

    page.on("response", record)
    page.goto(demo_site + "/", wait_until="networkidle")
    total = sum(sizes.values())
    print(f"home first load without images: {total} bytes in {len(sizes)} responses")
    assert total < 150 * 1024, sizes
    context.close()
