"""Conventions (hương ước, quy ước; Decree 61/2023) in chromium, on the demo of Xã Tràm Chim: an officer opens
the comment period of a draft through the form, the demo citizen (verified, of the hamlet) comments on an article
from the public page with JavaScript off, the officer answers the comment, and the public page shows the text by
article with the answer-free comment period; the public list shows the convention. The officer's page, the
public page and the public list are screenshot at 375 and 1280 px and checked with axe-core."""

import datetime as dt

import pytest

from tests.browser.test_cases import open_page
from tests.browser.test_decisions import look, post_ok, sign_in

pytestmark = pytest.mark.browser

OFFICER = "danvan.tramchim"  # conventions.manage in Xã Tràm Chim
CITIZEN = "congdan"  # verified, linked to a household of Tràm Chim (seed_demo)


def test_comment_period_a_citizens_comment_and_the_answer(browser, demo_site, shot):
    from danvan.conventions import services
    from danvan.conventions.models import Comment, VersionStatus
    from danvan.core.formatting import format_date, local_today
    from danvan.people.models import User

    today = local_today()
    citizen = User.objects.select_related("household__hamlet").get(username=CITIZEN)
    officer = User.objects.get(username=OFFICER)
    hamlet = citizen.household.hamlet
    c = services.convention_create(
        actor=officer, hamlet=hamlet, title=f"Giữ gìn an ninh trật tự {hamlet.name}", preamble="Lời nói đầu."
    )
    services.article_add(
        actor=officer, version=c.latest, heading="Tiệc tại nhà", text="Không mở loa công suất lớn sau 22 giờ."
    )
    services.article_add(
        actor=officer, version=c.latest, heading="Tuần tra", text="Mỗi tổ cử người tham gia tổ tự quản."
    )
    closes = today + dt.timedelta(days=30)
    errors = []

    # --- the officer opens the comment period through the form (too short first: refused with the minimum)
    ctx_o, page_o = open_page(browser, "1280", errors=errors)
    sign_in(page_o, demo_site, OFFICER)
    url = f"{demo_site}/can-bo/lay-y-kien/huong-uoc/{c.pk}/"
    page_o.goto(url)
    page_o.locator("#id_period-opens_on").fill(today.isoformat())
    page_o.locator("#id_period-closes_on").fill((today + dt.timedelta(days=10)).isoformat())
    page_o.get_by_role("button", name="Mở thời gian lấy ý kiến").click()
    page_o.wait_for_load_state()
    assert f"không sớm hơn ngày {format_date(closes)}" in page_o.locator(".field-error").inner_text()
    page_o.locator("#id_period-closes_on").fill(closes.isoformat())
    page_o.get_by_role("button", name="Mở thời gian lấy ý kiến").click()
    post_ok(page_o)
    c.refresh_from_db()
    assert c.latest.status == VersionStatus.COMMENT and c.latest.closes_on == closes
    assert f"{format_date(today)} – {format_date(closes)}" in page_o.content()

    # --- the citizen comments on article 2 from the public page, without JavaScript
    ctx_c, page_c = open_page(browser, "375", js=False, errors=errors)
    sign_in(page_c, demo_site, CITIZEN)
    public = f"{demo_site}/lay-y-kien/huong-uoc/{c.pk}/"
    page_c.goto(public)
    assert "Điều 2. Tuần tra" in page_c.locator("section[aria-labelledby=van-ban]").inner_text()
    page_c.select_option("#id_article", label="Điều 2. Tuần tra")
    page_c.locator("#id_text").fill("Đề nghị tổ tự quản tuần tra cả ngày Chủ nhật.")
    page_c.get_by_role("button", name="Gửi góp ý").click()
    post_ok(page_c)
    assert "Cảm ơn bạn đã góp ý" in page_c.content()
    comment = Comment.objects.get(version=c.latest)
    assert (comment.citizen_id, comment.article.number) == (citizen.pk, 2)

    # --- the officer answers it
    page_o.reload()
    assert "Đề nghị tổ tự quản tuần tra cả ngày Chủ nhật." in page_o.content()
    page_o.locator(f"#response-{comment.pk}").fill("Tiếp thu: bổ sung tuần tra ngày Chủ nhật vào Điều 2.")
    page_o.get_by_role("button", name="Ghi ý kiến trả lời").click()
    post_ok(page_o)
    comment.refresh_from_db()
    assert comment.response.startswith("Tiếp thu") and comment.responded_by_id == officer.pk
    assert "Tổ soạn thảo trả lời" in page_o.content()
    look(page_o, shot, "convention-officer")

    # --- the public reads the text by article, and finds the convention in the list
    ctx_p, page_p = open_page(browser, "375", errors=errors)
    page_p.goto(public)
    text = page_p.locator("section[aria-labelledby=van-ban]").inner_text()
    assert "Điều 1. Tiệc tại nhà" in text and "Không mở loa công suất lớn sau 22 giờ." in text
    assert f"{format_date(today)} – {format_date(closes)}" in page_p.content()
    assert "Đăng nhập để góp ý" in page_p.content()
    look(page_p, shot, "convention-public")
    page_p.goto(f"{demo_site}/lay-y-kien/huong-uoc/")
    assert page_p.get_by_role("link", name=f"Hương ước {c.title}").count() == 1
    look(page_p, shot, "convention-public-list")
    assert errors == []
    for ctx in (ctx_o, ctx_c, ctx_p):
        ctx.close()
