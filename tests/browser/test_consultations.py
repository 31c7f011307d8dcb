"""Consultations of the people (M4, Law 10/2022 Arts. 25–28) in chromium, on the demo of Xã Tràm Chim.

A verified citizen of the commune opens the open consultation from the public list and gives an opinion on a
section (a plain form per section); an officer records an opinion from a meeting, answers every opinion (the
citizen's accepted, the meeting's explained — an explanation without its text refused first), closes and
publishes the synthesis behind confirmations; the public page shows the synthesis with both answers and the
citizen's display name, and the citizen's own page shows the answer. The public page, the officer's page and
the citizen's page are screenshot at 375 and 1280 px and checked with axe-core."""

import pytest

from tests.browser.test_cases import open_page
from tests.browser.test_decisions import OFFICER, look, post_ok, sign_in

pytestmark = pytest.mark.browser

CITIZEN = "congdan"
CITIZEN_TEXT = "Đề nghị niêm yết dự thảo ở nhà văn hóa từng khóm, ấp ít nhất 30 ngày."
MEETING_TEXT = "Đề nghị bỏ quy định họp cộng đồng dân cư vào buổi tối."
EXPLANATION = "Cuộc họp buổi tối để người dân đi làm về tham dự được; giữ như dự thảo."


def test_a_citizen_gives_an_opinion_an_officer_answers_and_publishes_the_synthesis(browser, demo_site, shot):
    from danvan.consultations.models import Consultation, Opinion, Status
    from danvan.people.models import User

    citizen = User.objects.get(username=CITIZEN)
    c = Consultation.objects.get(status=Status.OPEN)
    first, second = list(c.sections.all())[:2]
    errors = []

    # --- the citizen finds the open consultation from /lay-y-kien/ and gives an opinion on a section
    ctx_c, page = open_page(browser, "375", errors=errors)
    sign_in(page, demo_site, CITIZEN)
    page.goto(f"{demo_site}/lay-y-kien/")
    page.get_by_role("link", name="Lấy ý kiến Nhân dân về các dự thảo trước khi quyết định").click()
    page.wait_for_load_state()
    page.get_by_role("link", name=c.title).click()
    page.wait_for_load_state()
    assert page.url == f"{demo_site}/lay-y-kien/y-kien/{c.pk}/"
    look(page, shot, "consultation-public-open")
    form = page.locator(f"#gop-y-{first.pk}")
    form.get_by_label("Ý kiến khác").check()
    form.get_by_label("Nội dung góp ý").fill(CITIZEN_TEXT)
    form.get_by_role("button", name="Gửi ý kiến").click()
    post_ok(page)
    assert "Đã gửi ý kiến của bạn" in page.content()
    web = Opinion.objects.get(consultation=c, channel="web")
    assert (web.section, web.citizen, web.stance) == (first, citizen, "other")
    assert CITIZEN_TEXT not in page.content()  # opinions are shown with the published synthesis only

    # --- the officer records one from a meeting, answers all, closes and publishes
    ctx_o, officer = open_page(browser, "1280", errors=errors)
    sign_in(officer, demo_site, OFFICER)
    officer.goto(f"{demo_site}/can-bo/lay-y-kien/")
    assert officer.locator(".ws-nav a[href='/can-bo/lay-y-kien/y-kien/']").count() == 1  # the workspace menu
    officer.goto(f"{demo_site}/can-bo/lay-y-kien/y-kien/")
    officer.get_by_role("link", name=c.title).click()
    officer.wait_for_load_state()
    officer.select_option("#id_section", str(second.pk))
    officer.select_option("#id_channel", "meeting")
    officer.locator("#id_author_name").fill("Hội nghị ấp 7")
    officer.select_option("#id_stance", "disagree")
    officer.locator("#id_text").fill(MEETING_TEXT)
    officer.get_by_role("button", name="Ghi nhận ý kiến").click()
    post_ok(officer)
    met = Opinion.objects.get(consultation=c, text=MEETING_TEXT)
    assert (met.channel, met.section, met.recorded_by.username) == ("meeting", second, OFFICER)

    def answer(opinion, response, text=""):
        item = officer.locator(f"#y-kien-{opinion.pk}")
        item.get_by_label(response, exact=True).check()
        item.get_by_label("Nội dung tiếp thu hoặc giải trình").fill(text)
        item.get_by_role("button", name="Lưu trả lời").click()
        officer.wait_for_load_state()

    answer(met, "Giải trình")  # an explanation needs its text
    assert "Nhập nội dung giải trình" in officer.locator(".alert-error").inner_text()
    met.refresh_from_db()
    assert met.response == ""
    answer(met, "Giải trình", EXPLANATION)
    post_ok(officer)
    answer(web, "Tiếp thu", "Bổ sung thời gian niêm yết 30 ngày vào Chương II.")
    post_ok(officer)
    for other in Opinion.objects.filter(consultation=c, response=""):  # the demo's meeting opinion
        answer(other, "Tiếp thu", "Ghi nhận.")
        post_ok(officer)
    look(officer, shot, "consultation-officer")
    officer.get_by_label("Tôi xác nhận kết thúc lấy ý kiến").check()
    officer.get_by_role("button", name="Kết thúc lấy ý kiến").click()
    post_ok(officer)
    officer.get_by_label("Tôi xác nhận công khai báo cáo tổng hợp").check()
    officer.get_by_role("button", name="Công khai báo cáo tổng hợp").click()
    post_ok(officer)
    c.refresh_from_db()
    assert c.status == Status.PUBLISHED
    assert "Đã công khai báo cáo tổng hợp ý kiến." in officer.content()

    # --- the public page shows the synthesis: both answers, the citizen by display name only
    ctx_p, public = open_page(browser, "375", errors=errors)
    public.goto(f"{demo_site}/lay-y-kien/y-kien/{c.pk}/")
    synthesis = public.locator("section[aria-labelledby=cac-y-kien]").inner_text()
    assert CITIZEN_TEXT in synthesis and MEETING_TEXT in synthesis and EXPLANATION in synthesis
    assert citizen.full_name in synthesis and "Hội nghị ấp 7" in synthesis
    assert not citizen.phone or citizen.phone not in public.content()
    assert citizen.username not in synthesis
    assert public.locator("textarea").count() == 0  # no opinion form once closed
    look(public, shot, "consultation-public-synthesis")

    # --- the citizen's own page shows the answer
    page.goto(f"{demo_site}/tai-khoan/y-kien/")
    mine = page.locator("main").inner_text()
    assert CITIZEN_TEXT in mine and "Bổ sung thời gian niêm yết 30 ngày" in mine
    look(page, shot, "consultation-citizen-own")
    assert errors == []
    for ctx in (ctx_c, ctx_o, ctx_p):
        ctx.close()
