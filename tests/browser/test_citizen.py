"""The citizen's own area in chromium (issue 10.1), with JavaScript and without: a citizen creates an account
by phone (the code read from the SMS gateway), files a case signed in — the commune found by name, then its
hamlet (htmx fragments with JavaScript, the form's own rounds without), a file chosen in a round that refuses
the title kept to the end —, sees it in the area with its timeline, asks to be linked to their household, is
linked by the commune's officer from the queue, and sees the household. The new pages are screenshot at 375 and
1280 wide and checked with axe-core."""

import re

import pytest

from tests.browser.test_cases import SIZES, login, open_page, serious_violations

pytestmark = pytest.mark.browser
PHONE = "0978 123 456"
PASSWORD = "lua-chin-vang-2026"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.fixture(autouse=True)
def memory_sms(settings):
    """The live server runs in this process: SMS go to the memory gateway, read back by the test; the rate
    limits start clean."""
    from django.core.cache import cache

    from danvan.notifications.sms import MemorySmsGateway

    settings.DANVAN_SMS_BACKEND = "danvan.notifications.sms.MemorySmsGateway"
    MemorySmsGateway.outbox.clear()
    cache.clear()
    yield MemorySmsGateway.outbox
    cache.clear()


def last_code(outbox, phone="0978123456"):
    texts = [text for to, text in outbox if to == phone]
    assert texts, outbox
    return re.search(r"\b(\d{6})\b", texts[-1]).group(1)


def fits(page, size):
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"], page.url


def look(page, shot, name, js, sizes=("375", "1280")):
    """Screenshots at both widths (the page must fit), axe-core (it runs as page script: with JavaScript)."""
    for size in sizes:
        page.set_viewport_size(SIZES[size])
        fits(page, size)
        shot(page, f"{name}-{size}{'' if js else '-nojs'}")
        if js:
            assert serious_violations(page) == [], (name, size)
    page.set_viewport_size(SIZES["375"])


def pick_place(page, js, *, query="tram chim", commune="Xã Tràm Chim", hamlet=None):
    """The place picker: with JavaScript the results come as the citizen types (htmx) and the hamlets when the
    commune is chosen; without, the form's buttons make the same rounds, keeping everything typed."""
    results = page.locator("#xa-ket-qua li", has_text=commune)
    page.locator("#id_tim_xa").fill(query)
    if js:
        results.wait_for()
    else:
        page.get_by_role("button", name="Tìm", exact=True).click()
        page.wait_for_load_state()
    results.locator("input[type=radio]").check()
    if hamlet:
        if not js:
            page.get_by_role("button", name=re.compile("xem ấp, khóm")).click()
            page.wait_for_load_state()
        page.locator("#id_hamlet").select_option(label=hamlet)


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_a_citizen_signs_up_files_a_case_is_linked_to_the_household_and_sees_it(
    browser, demo_site, shot, memory_sms, js
):
    from danvan.cases.models import Case
    from danvan.people.models import Household, HouseholdRequest, User

    errors = []
    context, page = open_page(browser, "375", js=js, errors=errors)

    # 1. an account by phone
    page.goto(demo_site + "/")
    page.get_by_role("link", name="Tạo tài khoản").click()
    page.get_by_label("Số điện thoại di động").fill(PHONE)
    look(page, shot, "citizen-signup", js)
    page.get_by_role("button", name="Gửi mã xác nhận").click()
    page.wait_for_url("**/dang-ky/xac-nhan/")
    assert page.get_by_text("Đã gửi mã xác nhận tới số 097****456").is_visible()
    page.get_by_label("Mã xác nhận trong tin nhắn").fill(last_code(memory_sms))
    page.get_by_label("Họ và tên").fill("Trương Thị Kiều Oanh")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Tạo tài khoản").click()
    page.wait_for_url("**/tai-khoan/")
    assert page.locator("h1").inner_text() == "Tài khoản của tôi"
    citizen = User.objects.get(phone="0978123456")
    assert citizen.kind == "citizen" and citizen.has_verified_phone

    # 2. a case filed signed in: the commune by name, its hamlet, a file kept across a refused round
    page.get_by_role("link", name="Phản ánh, kiến nghị").first.click()
    assert page.get_by_label("Họ và tên").input_value() == "Trương Thị Kiều Oanh"
    page.locator("#kind-feedback").check()
    page.locator("#id_content").fill("Cống thoát nước đầu hẻm bị vỡ, nước tràn lên đường mỗi khi mưa.")
    pick_place(page, js, hamlet="Khóm 2")
    page.locator("#id_attachments").set_input_files(
        [{"name": "anh-cong-vo.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Gửi đơn").click()  # no title yet: refused, the file kept
    page.wait_for_load_state()
    assert page.locator("#id_title_error").is_visible()
    assert page.locator(".held-files .held-name").inner_text() == "anh-cong-vo.pdf"
    assert page.locator("#id_content").input_value().startswith("Cống thoát nước")
    assert page.locator("#id_hamlet").input_value() != ""
    look(page, shot, "case-form-held-file", js)
    page.locator("#id_title").fill("Cống thoát nước khóm 2 bị vỡ")
    page.get_by_role("button", name="Gửi đơn").click()
    page.wait_for_url("**/phan-anh/da-gui/")
    case = Case.objects.get(title="Cống thoát nước khóm 2 bị vỡ")
    assert case.account == citizen and case.hamlet.name == "Khóm 2"
    assert [a.original_name for a in case.attachments.all()] == ["anh-cong-vo.pdf"]

    # 3. the case in the area, with its timeline
    page.get_by_role("link", name="Tài khoản của tôi").click()
    page.get_by_role("link", name="Cống thoát nước khóm 2 bị vỡ").first.click()
    assert page.locator(".case-timeline").get_by_text("Đã tiếp nhận đơn.").is_visible()
    assert page.get_by_text(case.code).first.is_visible()
    look(page, shot, "citizen-case", js)

    # 4. the request to be linked to the household
    household = (
        Household.objects.filter(commune__code="30001", commune__valid_to__isnull=True, accounts__isnull=True)
        .select_related("hamlet")
        .order_by("hamlet__path", "code")
        .last()
    )
    page.get_by_role("link", name="Hộ gia đình của tôi").first.click()
    pick_place(page, js, hamlet=household.hamlet.name)
    page.get_by_label("Họ và tên chủ hộ").fill(household.representative_name)
    page.get_by_label("Địa chỉ của hộ (số nhà, đường, tổ)").fill(household.address)
    page.get_by_label("Bạn là gì của chủ hộ").fill("Con")
    look(page, shot, "citizen-household-request", js)
    page.get_by_role("button", name="Gửi đề nghị").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đang chờ xã xác nhận").is_visible()
    request = HouseholdRequest.objects.get(citizen=citizen)

    # 5. the commune's officer links the household from the queue
    officer, ws = open_page(browser, "1280", js=js)
    login(ws, demo_site, "quantri.tramchim")
    ws.goto(demo_site + "/can-bo/ho-gia-dinh/")
    ws.get_by_role("link", name=re.compile("Yêu cầu của người dân về sổ hộ")).click()
    ws.get_by_role("link", name=re.compile("Trương Thị Kiều Oanh")).click()
    ws.locator(f'input[name="household"][value="{household.pk}"]').check()
    if js:
        for size in ("1280", "375"):
            ws.set_viewport_size(SIZES[size])
            fits(ws, size)
            shot(ws, f"ws-household-request-{size}")
            assert serious_violations(ws) == []
        ws.set_viewport_size(SIZES["1280"])
    ws.get_by_role("button", name="Xác nhận và gắn với hộ đã chọn").click()
    ws.wait_for_load_state()
    assert ws.get_by_text("Đã trả lời yêu cầu và báo cho Trương Thị Kiều Oanh.").is_visible()
    request.refresh_from_db()
    assert request.status == "done"
    officer.close()

    # 6. the citizen sees the household and the notice
    page.reload()
    assert page.get_by_role("heading", name=f"Hộ {household.representative_name}").is_visible()
    assert page.get_by_text(household.code).first.is_visible()
    look(page, shot, "citizen-household", js)
    page.get_by_role("link", name="Tổng quan").click()
    assert page.get_by_text("đã được xử lý").first.is_visible()
    look(page, shot, "citizen-area", js)
    for section, name in (
        ("Hồ sơ của tôi", "citizen-cases"),
        ("Câu hỏi của tôi", "citizen-questions"),
        ("Thông báo", "citizen-notices"),
        ("Thông tin tài khoản", "citizen-profile"),
    ):
        page.locator(".area-nav").get_by_role("link", name=section, exact=True).click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == section
        look(page, shot, name, js)
    assert errors == [], errors
    context.close()
