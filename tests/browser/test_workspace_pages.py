"""Every workspace page of M0 opens in chromium without console errors (CSP violations included), and the
deadline calculator answers through htmx in place."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

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
    # htmx swaps the answer in after the response arrives: wait for it, never read the page at that instant
    expect(page.get_by_text("05/03/2026").first).to_be_visible()
    # in place: the same page (htmx pushes the query into the address bar, so the path is compared)
    assert urlparse(page.url).path == "/can-bo/quy-dinh/tinh-han/"
    shot(page, "ws-deadline")
    context.close()


def test_a_bad_household_file_is_refused_whole_with_a_row_by_row_report(browser, demo_site, shot, tmp_path):
    from openpyxl import Workbook

    from danvan.people.models import Household

    before = Household.objects.count()
    wb = Workbook()
    sheet = wb.active
    sheet.append(
        [
            "Mã hộ",
            "Mã ấp/khóm",
            "Địa chỉ",
            "Họ và tên",
            "Năm sinh",
            "Giới tính",
            "Số CCCD",
            "Quan hệ với chủ hộ",
            "Số điện thoại",
        ]
    )
    sheet.append(["TC-900", "30001-01", "Số 5, khóm 1", "Lê Văn Tư", 1970, "Nam", "", "Chủ hộ", "0912000111"])
    sheet.append(["TC-900", "30001-01", "Số 5, khóm 1", "Trần Thị Năm", 3000, "Nữ", "", "Vợ", ""])
    sheet.append(["TC-901", "99999-99", "Số 7, khóm 1", "Phạm Văn Sáu", 1980, "Nam", "", "Chủ hộ", ""])
    path = tmp_path / "so-ho-loi.xlsx"
    wb.save(path)

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    login(page, demo_site, "quantri.tramchim")
    page.goto(demo_site + "/can-bo/ho-gia-dinh/nhap-excel/")
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    page.wait_for_url("**/nhap-excel/*/")
    table = page.locator("table").filter(has_text="Lỗi cần sửa")
    assert table.get_by_role("cell", name="3", exact=True).first.is_visible()  # the year 3000
    assert table.get_by_role("cell", name="4", exact=True).first.is_visible()  # the unknown hamlet code
    shot(page, "ws-import-rejected")
    assert Household.objects.count() == before
    context.close()


def test_news_is_written_reviewed_and_published_through_the_screens(browser, demo_site, shot):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    login(page, demo_site, "bientap.tramchim")
    page.goto(demo_site + "/can-bo/tin-tuc/them/")
    page.get_by_role("button", name="Lưu bản nháp").click()
    assert page.locator(".field-error, .errorlist").first.is_visible()  # the title is required
    page.get_by_label("Tiêu đề").fill("Xã Tràm Chim ra mắt tổ tự quản bảo vệ môi trường ấp 7")
    page.get_by_label("Tóm tắt").fill("Tổ tự quản gồm 15 thành viên, nhận chăm sóc tuyến đường hoa dài 2 km.")
    page.get_by_role(
        "textbox", name="Nội dung"
    ).click()  # the rich-text editor (tests/browser/test_officer.py)
    page.keyboard.type("Sáng 20/11, Uỷ ban MTTQ xã Tràm Chim ra mắt tổ tự quản. <script>alert(1)</script>")
    page.get_by_role("button", name="Lưu bản nháp").click()
    page.get_by_role("button", name="Gửi duyệt").click()
    shot(page, "ws-news-submitted")
    page.goto(demo_site + "/can-bo/tin-tuc/")
    shot(page, "ws-news-list")
    context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    login(page, demo_site, "lanhdao.tramchim")
    page.goto(demo_site + "/can-bo/tin-tuc/cho-duyet/")
    shot(page, "ws-review-queue")
    page.get_by_role("link", name="Xã Tràm Chim ra mắt tổ tự quản bảo vệ môi trường ấp 7").click()
    page.get_by_role("button", name="Duyệt").click()
    page.goto(demo_site + "/tin-tuc/")
    page.get_by_role("link", name="Xã Tràm Chim ra mắt tổ tự quản bảo vệ môi trường ấp 7").first.click()
    assert page.locator("h1").inner_text() == "Xã Tràm Chim ra mắt tổ tự quản bảo vệ môi trường ấp 7"
    assert page.locator("script", has_text="alert(1)").count() == 0
    for path in ("/can-bo/cong-khai/", "/can-bo/cong-khai/so-theo-doi/", "/can-bo/cong-khai/cau-hoi/"):
        assert page.goto(demo_site + path).status == 200
        shot(page, "ws" + path.replace("/can-bo", "").replace("/", "-").rstrip("-"))
    assert errors == []
    context.close()
