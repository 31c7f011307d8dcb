"""Citizen reception and dialogue (M3) end to end in chromium: a citizen reads the reception schedule on
/doi-thoai/ and sends a question to an upcoming dialogue (signing in from its page and coming back); the
commune's leader logs a reception visit that opens a case, prepares the dialogue from the inbox's cases,
accepts the question onto the agenda, records the answers, holds it, records a commitment and marks it done;
the dialogue's public page shows the commitment and its status. Public pages are checked with axe-core at 375
and 1280 px and without JavaScript."""

import datetime as dt

import pytest

from tests.browser.test_cases import SIZES, open_page, serious_violations

pytestmark = pytest.mark.browser

QUESTION = "Hộ tôi có con đang học đại học thì có được cộng điểm khi rà soát hộ cận nghèo không?"
OFFICER = "lanhdao.tramchim"
CITIZEN = "congdan"
PASSWORD = "danvan2026"


def _both_sizes(page, shot, name):
    for size in ("1280", "375"):
        page.set_viewport_size(SIZES[size])
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"], (name, size)
        shot(page, f"{name}-{size}")
        assert serious_violations(page) == [], (name, size)
    page.set_viewport_size(SIZES["1280"])


def _sign_in(page, username):
    page.get_by_label("Tên đăng nhập, e-mail hoặc số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def _post_ok(page):
    page.wait_for_load_state()
    errors = page.locator(".field-error, .alert-error").all_inner_texts()
    assert not errors, errors


def test_a_citizen_asks_and_an_officer_holds_the_dialogue_to_a_public_commitment(browser, demo_site, shot):
    from danvan.dialogues.models import (
        Commitment,
        Dialogue,
        DialogueArticle,
        DialogueQuestion,
        DialogueStatus,
    )

    planned = Dialogue.objects.get(unit__code="30001", status=DialogueStatus.PLANNED)
    month = planned.day.strftime("%Y-%m")

    # --- without JavaScript: the schedule, the upcoming dialogue's page and its sign-in link
    context, page = open_page(browser, "375", js=False)
    page.goto(f"{demo_site}/doi-thoai/?don-vi=30001&thang={month}")
    assert "Lịch tiếp công dân" in page.content() or page.locator("h1").count() == 1
    page.get_by_role("link", name=planned.topic).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == planned.topic
    assert "đã đăng ký tham dự" in page.content()
    assert "Hộ có người khuyết tật" in page.content()  # the demo's accepted question, no name
    page.get_by_role("link", name="Đăng nhập để đăng ký, gửi câu hỏi").click()
    page.wait_for_load_state()
    assert "/dang-nhap/" in page.url and "next=" in page.url
    context.close()

    # --- the citizen, with JavaScript: reads the schedule, signs in from the page, comes back, asks
    errors = []
    context, page = open_page(browser, "375", errors=errors)
    page.goto(f"{demo_site}/doi-thoai/?don-vi=30001&thang={month}")
    _both_sizes(page, shot, "dialogue-schedule")
    page.get_by_role("link", name=planned.topic).click()
    page.wait_for_load_state()
    _both_sizes(page, shot, "dialogue-upcoming")
    page.get_by_role("link", name="Đăng nhập để đăng ký, gửi câu hỏi").click()
    page.wait_for_load_state()
    _sign_in(page, CITIZEN)
    assert page.url.endswith(f"/doi-thoai/sap-to-chuc/{planned.pk}/"), page.url
    assert "Bạn đã đăng ký tham dự" in page.content()  # the demo citizen registered already
    page.get_by_label("Câu hỏi, ý kiến gửi trước hội nghị").fill("Hỏi")
    page.get_by_role("button", name="Gửi câu hỏi").click()
    page.wait_for_load_state()
    assert "ít nhất 10" in page.content()
    page.get_by_label("Câu hỏi, ý kiến gửi trước hội nghị").fill(QUESTION)
    page.get_by_role("button", name="Gửi câu hỏi").click()
    _post_ok(page)
    assert "Đã gửi câu hỏi" in page.content()
    _both_sizes(page, shot, "dialogue-upcoming-citizen")
    page.goto(f"{demo_site}/tai-khoan/doi-thoai/")
    assert planned.topic in page.content() and "Chờ duyệt" in page.content()
    _both_sizes(page, shot, "dialogue-my-dialogues")
    assert errors == []
    context.close()
    question = DialogueQuestion.objects.get(text=QUESTION)

    # --- the officer: a reception visit that opens a case
    context, page = open_page(browser, "1280")
    page.goto(f"{demo_site}/dang-nhap/")
    _sign_in(page, OFFICER)
    page.goto(f"{demo_site}/can-bo/tiep-cong-dan/so/ghi/")
    page.locator("#id_citizen_name").fill("Đặng Văn Tư")
    page.locator("#id_citizen_address").fill("Khóm 4, xã Tràm Chim")
    page.locator("#id_subject").fill("Ông Tư phản ánh cống thoát nước khóm 4 bị nghẹt, nước tràn vào nhà.")
    page.check("input[name=outcome][value=new_case]")
    page.select_option("#id_case_kind", "feedback")
    page.locator("#id_case_title").fill("Cống thoát nước khóm 4 bị nghẹt")
    page.get_by_role("button", name="Lưu vào sổ").click()
    _post_ok(page)
    assert "/can-bo/tiep-cong-dan/so/" in page.url and "Đã ghi sổ tiếp công dân, hồ sơ" in page.content()
    shot(page, "dialogue-reception-log-1280")

    # --- prepares the dialogue from the inbox's cases and accepts the question onto the agenda
    page.goto(f"{demo_site}/can-bo/tiep-cong-dan/doi-thoai/{planned.pk}/")
    case_select = page.locator("select#id_case")
    options = case_select.locator("option").evaluate_all("os => os.map(o => o.value).filter(Boolean)")
    assert options, "no case in progress to put on the agenda"
    case_select.select_option(options[0])
    page.get_by_role("button", name="Thêm hồ sơ").click()
    _post_ok(page)
    assert planned.items.filter(case_id=int(options[0])).exists()
    row = page.locator("tr", has_text=QUESTION)
    row.get_by_role("button", name="Chấp nhận", exact=True).click()
    page.wait_for_load_state()
    page.locator("tr", has_text=QUESTION).get_by_role("button", name="Đưa vào nội dung đối thoại").click()
    page.wait_for_load_state()
    question.refresh_from_db()
    assert question.status == "accepted" and question.agenda_item_id
    shot(page, "dialogue-officer-1280")

    # --- holds it: answers per item, the summary, a commitment, done
    links = page.get_by_role("link", name="Ghi ý kiến, trả lời").evaluate_all("ls => ls.map(l => l.href)")
    assert len(links) == planned.items.count() >= 3
    for href in links:
        page.goto(href)
        said = page.locator("#id_citizens_said")
        if not said.input_value():
            said.fill("Bà con đề nghị giải thích rõ tiêu chí và thời gian thực hiện.")
        page.locator("#id_answer").fill("Xã sẽ niêm yết tiêu chí tại nhà văn hóa các khóm trong tháng này.")
        page.get_by_role("button", name="Lưu").click()
        _post_ok(page)
    page.get_by_role("link", name="Kết thúc đối thoại").click()
    page.wait_for_load_state()
    page.locator("#id_summary").fill("Thống nhất niêm yết tiêu chí rà soát và xử lý cống thoát nước khóm 4.")
    page.get_by_role("button", name="Kết thúc đối thoại").click()
    _post_ok(page)
    planned.refresh_from_db()
    assert planned.status == DialogueStatus.HELD
    page.get_by_role("link", name="Ghi cam kết").click()
    page.wait_for_load_state()
    page.locator("#id_content").fill("Niêm yết tiêu chí rà soát hộ nghèo tại các khóm.")
    page.locator("#id_owner_unit").fill("UBND xã Tràm Chim")
    page.locator("#id_due").fill((planned.held_on + dt.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Lưu cam kết").click()
    _post_ok(page)
    commitment = Commitment.objects.get(dialogue=planned, content__startswith="Niêm yết tiêu chí")
    page.goto(f"{demo_site}/can-bo/tiep-cong-dan/cam-ket/{commitment.pk}/cap-nhat/")
    page.check("input[name=status][value=done]")
    page.locator("#id_evidence").fill("Đã niêm yết tại 6 khóm, có biên bản.")
    page.get_by_role("button", name="Lưu").click()
    _post_ok(page)
    commitment.refresh_from_db()
    assert commitment.status == "done"
    shot(page, "dialogue-commitments-1280")

    # --- the minutes (built by the task queue: immediate here) and the summary sent to the editor as a draft
    page.goto(f"{demo_site}/can-bo/tiep-cong-dan/doi-thoai/{planned.pk}/")
    page.get_by_role("button", name="Lập biên bản (Word)").click()
    page.wait_for_load_state()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải biên bản (Word)").click()
    assert download.value.suggested_filename.endswith(".docx")
    page.goto(f"{demo_site}/can-bo/tiep-cong-dan/doi-thoai/{planned.pk}/")
    page.get_by_role("button", name="Soạn bài viết đưa tin").click()
    page.wait_for_load_state()
    assert "/can-bo/tin-tuc/" in page.url, page.url
    article = DialogueArticle.objects.get(dialogue=planned).article
    assert article.status == "draft" and "Niêm yết tiêu chí rà soát hộ nghèo" in article.body
    context.close()

    # --- the public page of the held dialogue, with and without JavaScript
    for js in (False, True):
        context, page = open_page(browser, "375", js=js)
        page.goto(f"{demo_site}/doi-thoai/sap-to-chuc/{planned.pk}/")  # now redirects to the held page
        assert page.url.endswith(f"/doi-thoai/hoi-nghi/{planned.pk}/")
        body = page.content()
        assert "Niêm yết tiêu chí rà soát hộ nghèo tại các khóm." in body and "Đã hoàn thành" in body
        assert "Đã niêm yết tại 6 khóm" in body and QUESTION in body
        assert "Đặng Văn Tư" not in body
        if js:
            _both_sizes(page, shot, "dialogue-held")
        context.close()
