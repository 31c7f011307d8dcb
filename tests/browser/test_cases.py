"""Citizen cases (M2) in chromium: a citizen sends each of the four kinds (phản ánh, kiến nghị, khiếu nại, tố cáo)
with and without JavaScript, follows it by code and phone, is refused a late complaint; the commune's officers
accept, verify, resolve and close a complaint through the screens and the citizen rates the answer. Public pages
are checked with axe-core on a phone and a desktop."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

SIZES = {"375": {"width": 375, "height": 800}, "1280": {"width": 1280, "height": 900}}
COMMUNE = "Xã Tràm Chim"  # the current commune of the demo officers xuly.tramchim and lanhdao.tramchim
NOT_FOUND = "Không tìm thấy hồ sơ với mã và số điện thoại này"
PREFIX = {"feedback": "PA", "petition": "KN", "complaint": "KH", "denunciation": "TC"}
CITIZEN = {"name": "Trương Thị Kiều Oanh", "address": "Số 12, khóm 3, xã Tràm Chim", "phone": "0912 345 671"}

# kind → what the citizen types besides the title and content
CASES = {
    "feedback": {
        "title": "Đèn đường khóm 2 hư nhiều ngày",
        "content": "Ba trụ đèn trên đường Nguyễn Trãi, khóm 2 không sáng từ tuần trước, ban đêm rất tối.",
        "phone": CITIZEN["phone"],
    },
    "petition": {
        "title": "Đề nghị làm thêm gờ giảm tốc trước trường tiểu học",
        "content": "Xe tải chạy nhanh qua cổng trường giờ tan học, đề nghị xã làm gờ giảm tốc và biển báo.",
        "name": CITIZEN["name"],
        "phone": CITIZEN["phone"],
    },
    "complaint": {
        "title": "Khiếu nại quyết định xử phạt xây dựng",
        "content": "Tôi không đồng ý với quyết định xử phạt vì công trình đã có giấy phép sửa chữa.",
        "name": CITIZEN["name"],
        "address": CITIZEN["address"],
        "phone": CITIZEN["phone"],
        "decision_ref": "Quyết định số 125/QĐ-XPHC về xử phạt vi phạm hành chính trong xây dựng",
        "act_known_on": 10,  # days ago
    },
    "denunciation": {
        "title": "Tố cáo cán bộ địa chính nhận tiền khi làm hồ sơ đất",
        "content": "Cán bộ địa chính yêu cầu nộp thêm tiền ngoài lệ phí mới nhận hồ sơ cấp giấy chứng nhận.",
        "name": CITIZEN["name"],
        "address": CITIZEN["address"],
        "phone": CITIZEN["phone"],
    },
}


def serious_violations(page):
    """axe-core's serious and critical findings (it runs as page script: only with JavaScript enabled)."""
    results = Axe().run(page)
    return [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def open_page(browser, size, js=True, errors=None):
    """A new browser context and page; console errors (CSP violations included) go to `errors`, except the
    400 status the forms answer with when they refuse input."""
    context = browser.new_context(viewport=SIZES[size], locale="vi-VN", java_script_enabled=js)
    page = context.new_page()
    if errors is not None:
        page.on(
            "console",
            lambda msg: (
                errors.append(msg.text) if msg.type == "error" and "status of 400" not in msg.text else None
            ),
        )
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page


def days_ago(n):
    from danvan.core.formatting import local_today

    return (local_today() - dt.timedelta(days=n)).isoformat()


def choose_commune(page, query="tram chim", commune=COMMUNE):
    """The form's commune step: search by name without diacritics ("Tìm", a round trip that keeps what was
    typed, with or without JavaScript), then choose the commune among the results."""
    page.locator("#id_tim_xa").fill(query)
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_load_state()
    page.locator("#xa-ket-qua li", has_text=commune).locator("input[type=radio]").check()


def fill_case(page, kind, values):
    """Fill the public form for `kind` with `values` (act_known_on in days ago) and send it."""
    page.locator(f"#kind-{kind}").check()
    page.locator("#id_title").fill(values.get("title", ""))
    page.locator("#id_content").fill(values.get("content", ""))
    choose_commune(page)
    for field in ("name", "address", "phone", "decision_ref"):
        if field in values:
            page.locator(f"#id_{field}").fill(values[field])
    if "act_known_on" in values:
        page.locator("#id_act_known_on").fill(days_ago(values["act_known_on"]))
    page.get_by_role("button", name="Gửi đơn").click()
    page.wait_for_load_state()


def submit_case(page, base, kind, values=None):
    """Send one case of `kind` through /phan-anh/gui/ and return the tracking code shown afterwards."""
    from danvan.cases.models import Case

    page.goto(base + "/phan-anh/gui/")
    fill_case(page, kind, values or CASES[kind])
    assert page.url.endswith("/phan-anh/da-gui/"), page.locator(
        ".field-error, .alert-error"
    ).all_inner_texts()
    code = page.locator(".case-code").inner_text().strip()
    assert code.startswith(PREFIX[kind]), code
    case = Case.objects.select_related("unit").get(code=code)
    assert (case.kind, case.unit.name, case.status) == (kind, COMMUNE, "received")
    return code


def track(page, base, code, phone):
    page.goto(base + "/phan-anh/tra-cuu/")
    page.get_by_label("Mã hồ sơ").fill(code)
    page.get_by_label("Số điện thoại hoặc thư điện tử đã dùng khi gửi đơn").fill(phone)
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_load_state()


def login(page, base, username):
    page.goto(base + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập, e-mail hoặc số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill("danvan2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/can-bo/")


def both_sizes(page, shot, name):
    """Screenshot the current page at 1280 and 375 wide (the officer pages are visited once)."""
    for size in ("1280", "375"):
        page.set_viewport_size(SIZES[size])
        shot(page, f"{name}-{size}")
    page.set_viewport_size(SIZES["1280"])


@pytest.mark.parametrize("size", SIZES)
def test_citizen_sends_each_kind_and_follows_it_by_code_and_phone(browser, demo_site, shot, size):
    errors = []
    context, page = open_page(browser, size, errors=errors)
    page.goto(demo_site + "/phan-anh/gui/")
    assert page.locator("h1").inner_text() == "Gửi phản ánh, kiến nghị, khiếu nại, tố cáo"
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    shot(page, f"case-submit-{size}")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Gửi đơn").click()  # nothing chosen: the server lists what is missing
    page.wait_for_load_state()
    assert page.locator("#id_kind_error").is_visible()
    assert page.locator("#kind-complaint").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_title_error").is_visible()
    shot(page, f"case-submit-errors-{size}")
    assert serious_violations(page) == []

    codes = {}
    for kind in CASES:
        codes[kind] = submit_case(page, demo_site, kind)
        if kind == "complaint":
            shot(page, f"case-submitted-{size}")
            assert serious_violations(page) == []
    assert len(set(codes.values())) == 4

    # a fresh browser (no session) needs the code and the phone
    context.close()
    context, page = open_page(browser, size, errors=errors)
    page.goto(demo_site + f"/phan-anh/tra-cuu/?ma={codes['complaint']}")
    assert page.get_by_label("Mã hồ sơ").is_visible()  # the form, not the case
    assert page.get_by_text(CASES["complaint"]["title"]).count() == 0
    assert serious_violations(page) == []
    track(page, demo_site, codes["complaint"], "0912 000 000")
    assert page.get_by_role("alert").filter(has_text=NOT_FOUND).is_visible()
    track(page, demo_site, "KH26-ZZZZZZ", CITIZEN["phone"])
    assert page.get_by_role("alert").filter(has_text=NOT_FOUND).is_visible()
    shot(page, f"case-track-not-found-{size}")
    assert serious_violations(page) == []

    for kind, code in codes.items():
        track(page, demo_site, code, "0912345671")  # written without spaces this time
        main = page.locator("main")
        assert main.get_by_role("heading", name=f"Hồ sơ {code}").is_visible()
        assert main.get_by_text(CASES[kind]["title"]).is_visible()
        assert main.get_by_text("Đã tiếp nhận", exact=True).is_visible()
        assert main.locator(".case-timeline").get_by_text("Đã tiếp nhận đơn.").is_visible()
        text = page.content()
        for private in (CITIZEN["name"], CITIZEN["address"], "0912345671", "0912 345 671"):
            assert private not in text, (kind, private)
        if kind == "complaint":
            shot(page, f"case-track-result-{size}")
            assert serious_violations(page) == []
    assert errors == []
    context.close()


def test_citizen_sends_each_kind_without_javascript_and_bad_input_is_refused(browser, demo_site, shot):
    from danvan.cases.models import Case

    context, page = open_page(browser, "375", js=False)
    for kind in CASES:
        code = submit_case(page, demo_site, kind)
    track(page, demo_site, code, CITIZEN["phone"])
    assert page.locator("main").get_by_role("heading", name=f"Hồ sơ {code}").is_visible()

    # a complaint 200 days after the decision is out of time (Luật Khiếu nại 2011, Điều 9)
    before = Case.objects.count()
    page.goto(demo_site + "/phan-anh/gui/")
    fill_case(page, "complaint", {**CASES["complaint"], "act_known_on": 200})
    assert page.url.endswith("/phan-anh/gui/")
    error = page.locator("#id_act_known_on_error")
    assert "Đã hết thời hiệu khiếu nại: đơn phải gửi trong 90 ngày" in error.inner_text()
    assert page.get_by_role("alert").filter(has_text="Vui lòng sửa các ô được đánh dấu").is_visible()
    assert page.locator("#id_title").input_value() == CASES["complaint"]["title"]  # nothing typed is lost
    assert page.locator("#kind-complaint").is_checked()
    shot(page, "case-submit-late-complaint-375")
    assert Case.objects.count() == before

    # no title; a complaint without name, address, decision or date
    page.goto(demo_site + "/phan-anh/gui/")
    fill_case(page, "complaint", {"content": "Nội dung khiếu nại."})
    assert page.url.endswith("/phan-anh/gui/")
    assert page.locator("#id_title_error").is_visible()
    assert "Đơn khiếu nại phải ghi rõ họ tên." in page.locator("#id_name_error").inner_text()
    assert "Đơn khiếu nại phải ghi rõ địa chỉ." in page.locator("#id_address_error").inner_text()
    assert page.locator("#id_decision_ref_error").is_visible()
    assert page.locator("#id_act_known_on_error").is_visible()
    shot(page, "case-submit-errors-375")

    # a denunciation with a name but no way to reach the denouncer
    page.goto(demo_site + "/phan-anh/gui/")
    fill_case(page, "denunciation", {**CASES["denunciation"], "phone": ""})
    assert "số điện thoại hoặc thư điện tử" in page.locator("#id_phone_error").inner_text()
    assert Case.objects.count() == before
    context.close()


def test_officers_handle_a_complaint_and_the_citizen_rates_the_answer(browser, demo_site, shot):
    from danvan.cases.models import Case

    citizen, page = open_page(browser, "375")
    code = submit_case(page, demo_site, "complaint")
    case = Case.objects.get(code=code)

    officer = browser.new_context(viewport=SIZES["1280"], locale="vi-VN")
    ws = officer.new_page()
    login(ws, demo_site, "xuly.tramchim")
    ws.goto(demo_site + "/can-bo/don-thu/")
    ws.get_by_label("Tìm kiếm").fill(code)
    ws.get_by_role("button", name="Lọc").click()
    rows = ws.locator("main table tbody tr")
    assert rows.count() == 1
    assert CASES["complaint"]["title"] in rows.first.inner_text()
    both_sizes(ws, shot, "ws-case-inbox")
    rows.first.get_by_role("link", name=code).click()
    assert ws.locator("h1").inner_text().startswith(code)
    assert "Thụ lý" in ws.locator(".case-actions").inner_text()
    both_sizes(ws, shot, "ws-case-detail")

    ws.get_by_role("button", name="Thụ lý", exact=True).click()
    assert ws.get_by_text("Đã thụ lý hồ sơ.").is_visible()
    ws.get_by_role("button", name="Bắt đầu xác minh").click()
    assert ws.get_by_text("Đã chuyển sang xác minh.").is_visible()
    case.refresh_from_db()
    assert case.status == "verifying" and case.resolve_due is not None
    # a case officer has no cases.resolve: the leader answers
    assert ws.get_by_role("button", name="Lưu kết quả giải quyết").count() == 0
    officer.close()

    officer = browser.new_context(viewport=SIZES["1280"], locale="vi-VN")
    ws = officer.new_page()
    login(ws, demo_site, "lanhdao.tramchim")
    ws.goto(demo_site + f"/can-bo/don-thu/{case.pk}/")
    answer = (
        "Khiếu nại đúng một phần: công trình có giấy phép sửa chữa nhưng xây vượt 0,5 m so với giấy phép."
    )
    ws.get_by_label("Nội dung trả lời, quyết định giải quyết").fill(answer)
    ws.get_by_label("Kết luận (khiếu nại, tố cáo)").select_option(label="Đúng một phần")
    ws.get_by_role("button", name="Lưu kết quả giải quyết").click()
    assert ws.get_by_text("Đã lưu kết quả giải quyết và báo cho người gửi.").is_visible()

    page.goto(demo_site + f"/phan-anh/tra-cuu/?ma={code}")  # the citizen's browser remembers the case
    assert page.locator("main").get_by_text("Đã giải quyết", exact=True).is_visible()
    assert page.get_by_text(answer).is_visible()

    ws.get_by_label("Tôi xác nhận đóng hồ sơ.").check()
    ws.get_by_role("button", name="Đóng hồ sơ").click()
    assert ws.get_by_text("Đã đóng hồ sơ.").is_visible()
    shot(ws, "ws-case-detail-closed-1280")
    officer.close()

    page.reload()
    main = page.locator("main")
    assert main.get_by_text("Đã đóng", exact=True).is_visible()
    assert main.get_by_text("Kết luận: Đúng một phần").is_visible()
    assert main.get_by_text(answer).is_visible()
    timeline = main.locator(".case-timeline").inner_text()
    for step in (
        "Đã tiếp nhận đơn.",
        "Đã thụ lý giải quyết",
        "Đang xác minh nội dung.",
        "Hồ sơ đã kết thúc.",
    ):
        assert step in timeline
    assert CITIZEN["name"] not in page.content()
    shot(page, "case-track-closed-375")
    assert serious_violations(page) == []
    page.get_by_label("4 – Hài lòng").check()
    page.get_by_label("Nhận xét").fill("Cán bộ giải thích rõ ràng, đúng hẹn.")
    page.get_by_role("button", name="Gửi đánh giá").click()
    assert page.get_by_text("Cảm ơn bạn đã đánh giá kết quả giải quyết.").is_visible()
    assert page.get_by_text("Bạn đã đánh giá 4/5").is_visible()
    assert page.get_by_role("button", name="Gửi đánh giá").count() == 0
    case.refresh_from_db()
    assert (case.status, case.outcome, case.rating) == ("closed", "partly", 4)
    citizen.close()


def test_published_answers_second_instance_and_officer_entry(browser, demo_site, shot):
    """The portal's published answers (no personal data, axe-clean at both sizes); a citizen files a
    second-instance complaint from the tracking page; an officer enters a letter received by post."""
    from danvan.cases import services
    from danvan.cases.models import Case, Channel
    from danvan.cases.protection import contact_digest

    errors = []
    context, page = open_page(browser, "375", errors=errors)
    for size in SIZES:
        page.set_viewport_size(SIZES[size])
        page.goto(demo_site + "/phan-anh/tra-loi/")
        assert page.locator("main .answer-list li").count() > 0
        shot(page, f"case-answers-{size}")
        assert serious_violations(page) == []
        page.locator("main .answer-list h2 a").first.click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", name="Nội dung phản ánh, kiến nghị").is_visible()
        shot(page, f"case-answer-{size}")
        assert serious_violations(page) == []

    # a first-instance complaint decided three days ago (whatever day the test runs: the demo's own decisions
    # may lie outside the 30-day window), which the citizen can prove with their phone
    from danvan.core.formatting import local_today

    first = (
        Case.objects.filter(kind="complaint", instance=1, status="resolved", appeals__isnull=True)
        .exclude(unit__parent=None)
        .order_by("-resolved_on")
        .first()
    )
    Case.objects.filter(pk=first.pk).update(
        contact_digest=contact_digest("0909000111"), resolved_on=local_today() - dt.timedelta(days=3)
    )
    first.refresh_from_db()
    assert services.may_appeal(first)
    page.set_viewport_size(SIZES["375"])
    track(page, demo_site, first.code, "0909000111")
    page.get_by_label("Nội dung khiếu nại lần hai").fill("Tôi không đồng ý với kết quả giải quyết lần đầu.")
    shot(page, "case-appeal-375")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Gửi khiếu nại lần hai").click()
    page.wait_for_load_state()
    appeal = Case.objects.get(first_instance=first)
    assert appeal.code in page.url and appeal.unit == first.unit.parent
    assert page.get_by_text("Đã tiếp nhận đơn khiếu nại lần hai").first.is_visible()
    assert errors == []
    context.close()

    context, ws = open_page(browser, "1280")
    login(ws, demo_site, "xuly.tramchim")
    ws.goto(demo_site + "/can-bo/don-thu/")
    ws.get_by_role("link", name="Nhập hồ sơ tiếp nhận trực tiếp").click()
    ws.locator("#id_kind_0").check()
    ws.get_by_label("Kênh tiếp nhận").select_option(Channel.LETTER.value)
    ws.get_by_label("Tiêu đề ngắn gọn").fill("Đơn gửi qua bưu điện: cống khóm 3 bị vỡ")
    ws.locator("#id_content").fill("Cống thoát nước đầu hẻm khóm 3 bị vỡ, nước tràn lên đường.")
    both_sizes(ws, shot, "ws-case-entry")
    ws.get_by_role("button", name="Lưu hồ sơ").click()
    ws.wait_for_load_state()
    case = Case.objects.get(title="Đơn gửi qua bưu điện: cống khóm 3 bị vỡ")
    assert case.channel == Channel.LETTER and ws.url.endswith(f"/can-bo/don-thu/{case.pk}/")
    assert ws.get_by_text(f"Đã tiếp nhận hồ sơ {case.code}").is_visible()
    context.close()
