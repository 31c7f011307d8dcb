"""What officers touch every day, in chromium: an editor writes an article with the rich-text editor (a heading,
a list, a table pasted from Word, an image uploaded) under the site's CSP and the public page shows it; a case
page, the inbox and the notices read in words. Screenshots at 375 and 1280; axe-core on each page."""

import io
from pathlib import Path

import pytest
from django.conf import settings

from .test_cases import SIZES, both_sizes, login, open_page, serious_violations

pytestmark = pytest.mark.browser

WORD_TABLE = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>'
    "<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->"
    '<p class=MsoNormal style="mso-margin-top-alt:auto"><b>Số hộ được hỗ trợ</b><o:p></o:p></p>'
    '<p class=MsoListParagraph style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">·</span>'
    "Hộ nghèo<o:p></o:p></p>"
    '<p class=MsoListParagraph style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">·</span>'
    "Hộ cận nghèo<o:p></o:p></p>"
    '<table class=MsoTableGrid border=1 style="border-collapse:collapse;mso-yfti-tbllook:1184">'
    '<tr><td width=200 style="mso-border-alt:solid windowtext .5pt"><p class=MsoNormal>Ấp</p></td>'
    "<td width=200><p class=MsoNormal>Số hộ</p></td></tr>"
    "<tr><td><p class=MsoNormal>Khóm 1</p></td><td><p class=MsoNormal>42</p></td></tr></table>"
    "</body></html>"
)


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (800, 450), (30, 110, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def _serve_media(page):
    """The live server does not serve MEDIA_ROOT (DEBUG is off): answer /media/ from the storage itself."""

    def fulfil(route):
        name = route.request.url.split("/media/", 1)[1]
        path = Path(settings.MEDIA_ROOT) / name
        if path.exists():
            route.fulfill(status=200, body=path.read_bytes(), content_type="image/jpeg")
        else:
            route.fulfill(status=404, body="")

    page.route("**/media/**", fulfil)


def _paste_html(page, html):
    page.evaluate(
        """html => {
            const data = new DataTransfer()
            data.setData("text/html", html)
            data.setData("text/plain", "")
            const target = document.querySelector(".ProseMirror[contenteditable=true]")
            target.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}))
        }""",
        html,
    )


def test_an_editor_writes_an_article_with_a_heading_a_list_a_table_and_an_image(browser, demo_site, shot):
    from danvan.people.models import User
    from danvan.publishing import services
    from danvan.publishing.models import Article

    errors = []
    context, page = open_page(browser, "1280", errors=errors)
    _serve_media(page)
    login(page, demo_site, "bientap.tramchim")
    page.goto(demo_site + "/can-bo/tin-tuc/them/")
    page.wait_for_function("document.documentElement.dataset.editorReady === '1'")
    assert not page.locator("#id_body").is_visible()  # the editor replaced the textarea
    assert page.get_by_role("button", name="Chữ đậm").count() == 1  # the toolbar speaks Vietnamese
    page.locator("#id_title").fill("Xã Tràm Chim hỗ trợ hộ nghèo sửa nhà")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("## Kết quả sau sáu tháng")
    page.keyboard.press("Enter")
    page.keyboard.type("Xã đã hỗ trợ sửa nhà cho các hộ khó khăn.")
    page.keyboard.press("Enter")
    page.keyboard.type("- Sửa 12 căn nhà")
    page.keyboard.press("Enter")
    page.keyboard.type("Làm 3 cây cầu")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.locator(".editor-image input[type=file]").set_input_files(
        files=[{"name": "cau-moi.png", "mimeType": "image/png", "buffer": _png()}]
    )
    page.get_by_label("Mô tả ảnh (cho người khiếm thị)", exact=True).first.fill("Cây cầu mới ở khóm 1")
    page.get_by_role("button", name="Tải ảnh lên và chèn").click()
    page.get_by_text("Đã chèn ảnh.").wait_for()
    _paste_html(page, WORD_TABLE)  # after the image: Word's bold line, its list and its table
    body = page.locator("#id_body").input_value()
    for part in (
        "<h2>Kết quả sau sáu tháng</h2>",
        "<li><p>Sửa 12 căn nhà</p></li>",
        "<table>",
        "<td><p>42</p></td>",
    ):
        assert part in body, (part, body)
    assert "Hộ nghèo" in body and "<ul>" in body and 'alt="Cây cầu mới ở khóm 1"' in body
    assert "Mso" not in body and "mso-" not in body and "style=" not in body
    both_sizes(page, shot, "ws-editor")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Lưu bản nháp").click()
    page.wait_for_load_state()
    article = Article.objects.get(title="Xã Tràm Chim hỗ trợ hộ nghèo sửa nhà")
    assert "<table>" in article.body and "<img" in article.body and "<h2>" in article.body

    services.article_submit(actor=User.objects.get(username="bientap.tramchim"), article=article)
    services.article_approve(actor=User.objects.get(username="lanhdao.tramchim"), article=article)
    page.goto(demo_site + article.get_absolute_url())
    news = page.locator(".news-body")
    assert news.locator("h2").inner_text() == "Kết quả sau sáu tháng"
    assert news.locator("ul li").count() >= 2 and news.locator("table td").count() == 4
    image = news.locator("img[alt='Cây cầu mới ở khóm 1']")
    assert image.is_visible() and page.evaluate("i => i.naturalWidth", image.element_handle()) == 800
    both_sizes(page, shot, "public-article-rich")
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(SIZES["375"])
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, width
    assert errors == [], errors  # no CSP refusal, no script error
    context.close()


def test_the_editor_page_works_without_javascript_as_a_textarea(browser, demo_site):
    from danvan.publishing.models import Article

    context, page = open_page(browser, "375", js=False)
    login(page, demo_site, "bientap.tramchim")
    page.goto(demo_site + "/can-bo/tin-tuc/them/")
    page.locator("#id_title").fill("Bài gõ khi tắt JavaScript")
    page.locator("#id_body").fill("Đoạn thứ nhất\ndòng thứ hai\n\nĐoạn thứ hai")
    page.get_by_role("button", name="Lưu bản nháp").click()
    page.wait_for_load_state()
    body = Article.objects.get(title="Bài gõ khi tắt JavaScript").body
    assert body == "<p>Đoạn thứ nhất<br>dòng thứ hai</p><p>Đoạn thứ hai</p>"
    context.close()


def _resolved_complaint():
    """A complaint of Xã Tràm Chim handled by its demo officers through the services: assigned, accepted, a
    dialogue held on a day typed in, resolved in part by the chairwoman with her decision."""
    import datetime as dt

    from danvan.cases import services
    from danvan.core.formatting import local_today
    from danvan.people.models import User
    from danvan.units.selectors import unit_by_code

    xuly = User.objects.get(username="xuly.tramchim")
    lanhdao = User.objects.get(username="lanhdao.tramchim")
    received = local_today() - dt.timedelta(days=6)
    case = services.case_submit(
        actor=lanhdao,  # received at the chairwoman's reception day: the case officer is told of it
        kind="complaint",
        channel="reception",
        title="Khiếu nại việc thu hồi đất làm đường khóm 3",
        content="Gia đình tôi không đồng ý với mức bồi thường khi thu hồi 120 m² đất làm đường.",
        unit=unit_by_code("30001"),
        name="Trương Thị Kiều Oanh",
        address="Số 12, khóm 3, xã Tràm Chim",
        phone="0912 345 672",
        decision_ref="Quyết định số 88/QĐ-UBND về thu hồi đất",
        act_known_on=received - dt.timedelta(days=10),
        received_on=received,
    )
    services.case_assign(actor=lanhdao, case=case, handler=xuly)
    case = services.case_accept(actor=xuly, case=case, accepted_on=received + dt.timedelta(days=1))
    services.case_hold_dialogue(
        actor=xuly,
        case=case,
        note="Hai bên thống nhất đo đạc lại diện tích.",
        held_on=received + dt.timedelta(days=3),
        participants="Bùi Thanh Phong (chủ trì), bà Trương Thị Kiều Oanh, đại diện Ban quản lý dự án",
        place="Trụ sở UBND xã Tràm Chim",
    )
    return services.case_resolve(
        actor=lanhdao,
        case=case,
        answer="Khiếu nại đúng một phần: diện tích thu hồi là 112 m², bồi thường bổ sung 8 m².",
        outcome="partly",
        document_number="125/QĐ-UBND",
        document_date=received + dt.timedelta(days=5),
        document_signer="Lê Thị Mỹ Hạnh, Chủ tịch UBND xã Tràm Chim",
    )


def test_a_case_page_the_inbox_and_the_notices_read_in_words(browser, demo_site, shot):
    case = _resolved_complaint()
    errors = []
    context, page = open_page(browser, "1280", errors=errors)
    login(page, demo_site, "lanhdao.tramchim")
    page.goto(demo_site + f"/can-bo/don-thu/{case.pk}/")
    main = page.locator("main")
    trail = main.locator("#nhat-ky").locator("xpath=..").inner_text()
    assert "Lê Thị Mỹ Hạnh giải quyết: Đúng một phần" in trail
    assert "Lê Thị Mỹ Hạnh phân công xử lý: Bùi Thanh Phong" in trail
    assert "trạng thái: Đã đối thoại → Đã giải quyết" in trail and "thời hạn: đúng hạn" in trail
    for code in ("case.", "handler", "on_time", "True", "False", "resolve_due"):
        assert code not in trail, code
    results = main.locator("#ket-qua").locator("xpath=..").inner_text()
    assert "Quyết định giải quyết khiếu nại" in results and "Số 125/QĐ-UBND" in results
    assert "Lê Thị Mỹ Hạnh, Chủ tịch UBND xã Tràm Chim" in results
    dialogue = main.locator("#doi-thoai").locator("xpath=..").inner_text()
    assert "Trụ sở UBND xã Tràm Chim" in dialogue and "Bùi Thanh Phong (chủ trì)" in dialogue
    timeline = main.locator(".case-timeline").inner_text()
    assert "Bùi Thanh Phong: Đối thoại" in timeline and "Lê Thị Mỹ Hạnh: Giải quyết" in timeline
    both_sizes(page, shot, "ws-case-in-words")
    assert serious_violations(page) == []

    page.goto(demo_site + "/can-bo/don-thu/")
    assert page.locator("main h1").is_visible()
    both_sizes(page, shot, "ws-inbox")
    assert serious_violations(page) == []
    context.close()

    context, page = open_page(browser, "1280", errors=errors)
    login(page, demo_site, "xuly.tramchim")
    page.goto(demo_site + "/can-bo/thong-bao/")
    notices = page.locator("main").inner_text()
    assert f"Hồ sơ mới: Khiếu nại {case.code}" in notices and "Lê Thị Mỹ Hạnh đã phân công xử lý" in notices
    assert "Đã xử lý" in notices
    both_sizes(page, shot, "ws-notices")
    assert serious_violations(page) == []
    assert errors == [], errors
    context.close()


def test_a_dissolved_districts_officer_reads_its_2020_picture(browser, demo_site, shot):
    errors = []
    context, page = open_page(browser, "1280", errors=errors)
    login(page, demo_site, "danvan.huyen")
    main = page.locator("main")
    assert main.get_by_text("Đơn vị đã kết thúc hoạt động").is_visible()
    assert "Số liệu của phạm vi từ 01/01/2025 đến 30/06/2025" in main.inner_text()
    both_sizes(page, shot, "ws-dashboard-dissolved")
    assert serious_violations(page) == []
    page.get_by_label("Xem các đơn vị có hiệu lực ngày").fill("2020-06-01")
    page.get_by_role("button", name="Xem", exact=True).click()
    page.wait_for_load_state()
    assert "Số liệu của phạm vi từ 01/01/2020 đến 01/06/2020" in main.inner_text()
    page.goto(demo_site + "/can-bo/don-vi/")
    assert main.get_by_role("link", name="Thị trấn Tràm Chim", exact=True).count() == 1
    assert "có hiệu lực ngày 30/06/2025" in main.inner_text()
    page.goto(demo_site + "/can-bo/ho-gia-dinh/")
    assert main.locator("table tbody tr").count() > 0
    assert errors == [], errors
    context.close()
