"""The six-month review (M9) end to end in chromium, on the demo's first half of 2026: Xã Tràm Chim's officer
fills the commune's draft report (a narrative section and a manual indicator) and submits it; the unit above
it — since the 2025 reform the province, which approves a commune's report — returns it with a comment; the
commune's officer reads the comment, corrects and submits again; the province approves, consolidates its own
report from its communes' approved ones, asks for its files and downloads the DOCX and the PDF (read back:
python-docx, pypdf), opens the dashboard (server-drawn SVG charts), records the review conference with its
guest and sends the generated article to the news workspace as a draft. The report pages and the dashboard are
screenshot at 375 and 1280 px and checked with axe-core."""

import datetime as dt
import io

import pytest

from tests.browser.test_cases import SIZES, login, open_page, serious_violations

pytestmark = pytest.mark.browser

COMMUNE_OFFICER = "danvan.tramchim"  # mobilisation officer of Xã Tràm Chim: reviews.prepare
PROVINCE_LEADER = "lanhdao.tinh"  # the demo's leader of the new province (reviews.approve, news.edit)
LESSON = "Bám sát cơ sở, lắng nghe ý kiến của Nhân dân ở từng khóm, ấp sau sắp xếp đơn vị hành chính."
CORRECTED = LESSON + " Phát huy vai trò của tổ dân vận ở khóm, ấp."
CAMPAIGNS = "Cuộc vận động, phong trào thi đua được triển khai"
COMMENT = "Đề nghị bổ sung số cuộc vận động đã triển khai trong 6 tháng (ghi 3, thực tế là 4)."
GUEST = ("Ông Trần Minh Quang", "Phó trưởng Ban Tuyên giáo và Dân vận Tỉnh uỷ")


@pytest.fixture
def province_leader(demo_site):
    """The demo's leader of the new province (the level that approves the communes' reports since the 2025 reform)."""
    from danvan.people.models import User

    return User.objects.get(username=PROVINCE_LEADER)


def _checked(page, shot, name):
    """Screenshot at 1280 and 375 px; no horizontal scrolling on the phone; axe-core clean at both."""
    for size in ("1280", "375"):
        page.set_viewport_size(SIZES[size])
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"], (name, size)
        shot(page, f"{name}-{size}")
        assert serious_violations(page) == [], (name, size)
    page.set_viewport_size(SIZES["1280"])


def _post_ok(page, message=None):
    page.wait_for_load_state()
    errors = page.locator(".field-error, .alert-error").all_inner_texts()
    assert not errors, errors
    if message:
        assert message in page.content(), message


def _click(page, name):
    page.get_by_role("button", name=name, exact=True).click()


def _docx_text(path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_a_commune_report_goes_up_is_returned_corrected_approved_and_the_province_reports(
    browser, demo_site, province_leader, shot
):
    from danvan.publishing.models import Article
    from danvan.reviews.models import Conference, ManualValue, ReportStatus, UnitReport

    report = UnitReport.objects.get(
        unit__code="30001", unit__valid_to=None, period__start=dt.date(2026, 1, 1)
    )
    province_report = UnitReport.objects.get(period=report.period, unit__code="82", unit__valid_to=None)
    assert report.status == ReportStatus.DRAFT and province_report.status == ReportStatus.DRAFT
    report_url = f"{demo_site}/can-bo/so-ket/bao-cao/{report.pk}/"

    # --- the commune's officer finds the draft in the list, fills a section and a manual figure, submits
    errors = []
    commune_ctx, commune = open_page(browser, "1280", errors=errors)
    login(commune, demo_site, COMMUNE_OFFICER)
    commune.goto(f"{demo_site}/can-bo/so-ket/")
    commune.locator("tr", has_text="Xã Tràm Chim").get_by_role("link").first.click()
    commune.wait_for_load_state()
    assert commune.url == report_url, commune.url
    commune.get_by_role("link", name="Sửa báo cáo").click()
    commune.wait_for_load_state()
    commune.get_by_label("Bài học kinh nghiệm", exact=True).fill(LESSON)
    commune.get_by_label(CAMPAIGNS).fill("abc")
    commune.get_by_role("button", name="Lưu báo cáo").click()
    commune.wait_for_load_state()
    assert "vui lòng nhập một số" in commune.content()  # refused beside its field, nothing saved
    assert not ManualValue.objects.filter(report=report, indicator__key="manual.campaigns").exists()
    commune.get_by_label(CAMPAIGNS).fill("3")
    commune.get_by_role("button", name="Lưu báo cáo").click()
    _post_ok(commune, "Đã lưu báo cáo.")
    assert commune.url == report_url
    assert LESSON in commune.content()
    row = commune.locator("tr", has_text=CAMPAIGNS)
    assert "3" in row.locator("td").nth(1).inner_text()
    _checked(commune, shot, "review-report-commune")
    _click(commune, "Gửi lên cấp trên")
    _post_ok(commune, "Đã gửi báo cáo lên cấp trên")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.figures["manual.campaigns"] == 3
    assert not commune.get_by_role("link", name="Sửa báo cáo").count()  # frozen while it is with the province

    # --- the province returns it with a comment
    province_ctx, province = open_page(browser, "1280", errors=errors)
    login(province, demo_site, PROVINCE_LEADER)
    province.goto(report_url)
    _click(province, "Trả lại báo cáo")  # without a comment: refused
    province.wait_for_load_state()
    assert "Vui lòng ghi ý kiến" in province.content()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    province.get_by_label("Ý kiến để đơn vị sửa báo cáo").fill(COMMENT)
    _click(province, "Trả lại báo cáo")
    _post_ok(province, "Đã trả lại báo cáo")
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.return_comment == COMMENT

    # --- the commune sees the comment, corrects and submits again
    commune.goto(report_url)
    comment_card = commune.locator(".card", has_text="Ý kiến của cấp trên")
    assert COMMENT in comment_card.inner_text()
    assert "Bị trả lại" in commune.content()
    commune.get_by_role("link", name="Sửa báo cáo").click()
    commune.wait_for_load_state()
    assert commune.get_by_label(CAMPAIGNS).input_value() == "3"
    commune.get_by_label(CAMPAIGNS).fill("4")
    commune.get_by_label("Bài học kinh nghiệm", exact=True).fill(CORRECTED)
    commune.get_by_role("button", name="Lưu báo cáo").click()
    _post_ok(commune, "Đã lưu báo cáo.")
    assert CORRECTED in commune.content()
    _click(commune, "Gửi lên cấp trên")
    _post_ok(commune, "Đã gửi báo cáo lên cấp trên")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.figures["manual.campaigns"] == 4
    commune_ctx.close()

    # --- the province approves
    province.goto(report_url)
    _click(province, "Duyệt báo cáo")
    _post_ok(province, "Đã duyệt báo cáo.")
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED

    # --- the province consolidates its own report from the communes' approved ones
    province.goto(f"{demo_site}/can-bo/so-ket/bao-cao/{province_report.pk}/")
    children = province.locator("section.card", has_text="Báo cáo của đơn vị trực thuộc")
    assert "Đã duyệt" in children.locator("tr", has_text="Xã Tràm Chim").inner_text()
    _click(province, "Tổng hợp từ đơn vị trực thuộc")
    _post_ok(province, "Đã tổng hợp số liệu")
    approved = [
        r
        for r in UnitReport.objects.filter(period=report.period, unit__parent=province_report.unit)
        if r.status == ReportStatus.APPROVED
    ]
    assert len(approved) == 6  # the demo's five and Tràm Chim's
    campaigns = ManualValue.objects.get(report=province_report, indicator__key="manual.campaigns").value
    assert campaigns == sum(r.figures.get("manual.campaigns") or 0 for r in approved) == 4
    assert "4" in province.locator("tr", has_text=CAMPAIGNS).first.locator("td").nth(1).inner_text()

    # --- asks for the files (made by the task queue: immediate here) and downloads them
    _click(province, "Tạo tệp Word và PDF")
    province.wait_for_load_state()
    assert "#tep-bao-cao" in province.url
    files = province.locator("#tep-bao-cao")
    assert "đúng với nội dung hiện tại" in files.inner_text(), files.inner_text()
    with province.expect_download() as download:
        files.get_by_role("link", name="Tải về (Word)").click()
    assert download.value.suggested_filename.endswith(".docx")
    docx_text = _docx_text(download.value.path())
    assert "BÁO CÁO" in docx_text and "TỈNH UỶ" in docx_text.upper(), docx_text[:400]
    with province.expect_download() as download:
        files.get_by_role("link", name="Tải về (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    from pypdf import PdfReader

    pdf_text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "BÁO CÁO" in pdf_text and "Dân vận" in pdf_text, pdf_text[:400]
    _checked(province, shot, "review-report-province")

    # --- the dashboard: charts drawn on the server as SVG with a text alternative
    province.get_by_role("link", name="Biểu đồ, so sánh các kỳ").click()
    province.wait_for_load_state()
    assert "/can-bo/so-ket/bang-dieu-khien/" in province.url
    charts = province.locator("svg[role=img]")
    assert charts.count() >= 2
    assert charts.first.locator("title").count() == 1
    _checked(province, shot, "review-dashboard")

    # --- the conference, with its guest, and its article sent to the news workspace as a draft
    province.goto(f"{demo_site}/can-bo/so-ket/bao-cao/{province_report.pk}/")
    province.get_by_role("link", name="Ghi hội nghị sơ kết").click()
    province.wait_for_load_state()
    province.get_by_label("Ngày tổ chức").fill("2026-07-10")
    province.get_by_label("Địa điểm").fill("Hội trường Tỉnh uỷ")
    province.get_by_label("Chủ trì (họ tên, chức vụ)").fill("ông Phan Văn Lộc, Phó trưởng Ban")
    province.get_by_label("Khách mời: họ tên").fill(GUEST[0])
    province.get_by_label("Khách mời: chức vụ").fill(GUEST[1])
    province.get_by_role("button", name="Lưu hội nghị").click()
    _post_ok(province, "Đã ghi hội nghị sơ kết")
    conference = Conference.objects.get(report=province_report)
    assert conference.day == dt.date(2026, 7, 10)
    assert conference.guests == [{"name": GUEST[0], "title": GUEST[1]}]
    card = province.locator("section.card", has_text="Hội nghị sơ kết")
    assert f"{GUEST[0]}, {GUEST[1]}" in card.inner_text() and "10/07/2026" in card.inner_text()
    _click(province, "Gửi bài viết sang mục tin tức")
    _post_ok(province, "Đã gửi bài viết về hội nghị sang mục tin tức")
    conference.refresh_from_db()
    article = Article.objects.get(pk=conference.article_id)
    assert article.status == "draft" and article.unit_id == province_report.unit_id
    assert not province.get_by_role("button", name="Gửi bài viết sang mục tin tức").count()
    province.goto(f"{demo_site}/can-bo/tin-tuc/")
    row = province.locator("tr", has_text=article.title)
    assert row.count() == 1 and "Bản nháp" in row.inner_text()
    assert errors == []
    province_ctx.close()
