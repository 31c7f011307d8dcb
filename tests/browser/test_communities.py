"""Hội quán, projects and the contribution ledger (M5) in chromium: an officer of Xã Tràm Chim registers a Hội
quán with its board and members, records a meeting, a fund line, a project and contributions — one batch
imported from a spreadsheet whose bad row refuses the whole file, then fixed and accepted (the import is a
background task, run at once by the test settings' immediate backend) — and a reversing correction. The
public honour board names only the contributors who consented; public pages are checked with axe-core at 375
and 1280 px and read without JavaScript."""

import pytest

from .test_cases import SIZES, both_sizes, login, open_page, serious_violations

pytestmark = pytest.mark.browser

OFFICER = "danvan.tramchim"
GROUP = "Hội quán Đờn ca tài tử Khóm 4"
PROJECT = "Đường đal liên khóm 4 – khóm 5"
NAMED = "Bà Lê Thị Mười Hai"
HIDDEN = "Ông Phan Văn Không Tên"
IMPORTED = "Công ty TNHH Sen Hồng"


def _xlsx(rows) -> bytes:
    from danvan.communities import importing
    from danvan.core.spreadsheets import Workbook

    book = Workbook()
    sheet = book.sheet("Đóng góp")
    sheet.row([header for _key, header, _help in importing.COLUMNS])
    for r in rows:
        sheet.row(r)
    return book.to_bytes()


def _row(value, name=IMPORTED):
    return ["Doanh nghiệp", "", name, "Tiền mặt", "", "", value, "", "05/01/2026", "BN-X-01", "Có", ""]


def _submit(page, form, button):
    form.get_by_role("button", name=button).click()
    page.wait_for_load_state()


def _no_errors(page):
    assert page.locator(".field-error, .alert-error").count() == 0, page.locator(
        ".field-error, .alert-error"
    ).all_inner_texts()


def test_an_officer_builds_a_hoi_quan_a_project_and_its_ledger_and_the_public_sees_it(
    browser, demo_site, shot
):
    from danvan.communities.models import Contribution, ContributionImport, Group, Project

    errors = []
    context, page = open_page(browser, "1280", errors=errors)
    login(page, demo_site, OFFICER)

    # the Hội quán, its members, board and a meeting
    page.goto(demo_site + "/can-bo/hoi-quan/them/")
    page.get_by_label("Tên mô hình").fill(GROUP)
    page.get_by_label("Loại mô hình").select_option(label="Hội quán")
    page.get_by_label("Địa bàn (ấp, xã)").select_option(index=1)
    page.get_by_label("Ngày thành lập").fill("2025-09-02")
    _submit(page, page.locator("main form"), "Lưu")
    _no_errors(page)
    group = Group.objects.get(name=GROUP)
    assert page.url.endswith(f"/can-bo/hoi-quan/{group.pk}/")
    members = page.locator("form[action$='/thanh-vien/']")
    for name in ("Nguyễn Văn Đờn", "Trần Thị Ca"):
        members.get_by_label("Họ và tên").fill(name)
        members.get_by_label("Ngày vào").fill("2025-09-02")
        _submit(page, members, "Thêm")
        _no_errors(page)
    board = page.locator("form[action$='/ban-dieu-hanh/']")
    board.get_by_label("Thành viên").select_option(label="Nguyễn Văn Đờn")
    board.get_by_label("Chức danh").select_option(label="Chủ nhiệm")
    board.get_by_label("Nhiệm kỳ từ").fill("2025-09-02")
    _submit(page, board, "Bổ sung")
    _no_errors(page)
    meeting = page.locator("form[action$='/sinh-hoat/']")
    meeting.get_by_label("Ngày sinh hoạt").fill("2025-10-05")
    meeting.get_by_label("Chủ đề").fill("Tập dượt bài Dạ cổ hoài lang")
    meeting.get_by_label("Số người tham dự").fill("18")
    _submit(page, meeting, "Ghi nhận")
    _no_errors(page)
    assert page.get_by_text("Tập dượt bài Dạ cổ hoài lang").is_visible()
    both_sizes(page, shot, "communities-ws-group")

    # its fund: a line of dues
    page.goto(demo_site + f"/can-bo/hoi-quan/{group.pk}/quy/")
    fund = page.locator("main form")
    fund.get_by_label("Số tiền (đồng)").fill("240000")
    fund.get_by_label("Nội dung").fill("Hội phí năm 2026")
    fund.get_by_label("Số phiếu thu, phiếu chi").fill("PT-2026-01")
    fund.get_by_label("Ngày chứng từ").fill("2026-01-10")
    _submit(page, fund, "Ghi sổ quỹ")
    _no_errors(page)
    assert page.get_by_text("240.000 đ").first.is_visible()
    both_sizes(page, shot, "communities-ws-fund")

    # a project and two contributions, one named with consent, one not
    page.goto(demo_site + "/can-bo/cong-trinh/them/")
    page.get_by_label("Tên công trình").fill(PROJECT)
    page.get_by_label("Loại công trình").select_option(label="Đường giao thông nông thôn")
    page.locator("#id_place").select_option(index=1)
    page.get_by_label("Mô hình vận động").select_option(label=GROUP)
    page.get_by_label("Ngân sách nhà nước (đồng)").fill("400000000")
    page.get_by_label("Ngày khởi công").fill("2026-01-02")
    _submit(page, page.locator("main form"), "Lưu")
    _no_errors(page)
    project = Project.objects.get(name=PROJECT)
    contribute = page.locator("form[action$='/dong-gop/']")
    for name, consent, value in ((NAMED, True, "5000000"), (HIDDEN, False, "3000000")):
        contribute.get_by_label("Người đóng góp là").select_option(label="Cá nhân")
        contribute.get_by_label("Tên người, doanh nghiệp đóng góp").fill(name)
        contribute.get_by_label("Hình thức").select_option(label="Tiền mặt")
        contribute.get_by_label("Giá trị quy ra tiền (đồng)").fill(value)
        contribute.get_by_label("Ngày đóng góp").fill("2026-01-04")
        contribute.get_by_label("Đồng ý nêu tên trên bảng vinh danh").set_checked(consent)
        _submit(page, contribute, "Ghi sổ")
        _no_errors(page)

    # the spreadsheet: a bad row refuses the whole file; the fixed file is accepted
    page.goto(demo_site + f"/can-bo/cong-trinh/{project.pk}/nhap/")
    bad = _xlsx([_row(2_000_000), _row(-50_000, name="Ông Sai Số")])
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "dong-gop.xlsx", "mimeType": "application/octet-stream", "buffer": bad}]
    )
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    page.wait_for_load_state()
    assert page.get_by_text("Bị từ chối (có lỗi)").is_visible()
    assert page.get_by_text("không được là số âm").first.is_visible()
    assert not Contribution.objects.filter(contributor_name=IMPORTED).exists()
    both_sizes(page, shot, "communities-import-rejected")
    page.get_by_role("link", name="Tải tệp đã sửa").click()
    good = _xlsx([_row(2_000_000), _row(50_000, name="Ông Sửa Số")])
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "dong-gop-da-sua.xlsx", "mimeType": "application/octet-stream", "buffer": good}]
    )
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đã nhập xong").is_visible(), page.locator("main").inner_text()[:800]
    assert ContributionImport.objects.filter(project=project, status="done").count() == 1
    assert Contribution.objects.filter(project=project).count() == 4

    # a reversing correction of the 50.000 đ row
    wrong = Contribution.objects.get(project=project, contributor_name="Ông Sửa Số")
    page.goto(demo_site + f"/can-bo/dong-gop/{wrong.pk}/dieu-chinh/")
    page.get_by_label("Lý do điều chỉnh").fill("Nhập nhầm, khoản này thuộc công trình khác")
    page.get_by_role("button", name="Xác nhận ghi bút toán điều chỉnh").click()
    page.wait_for_load_state()
    _no_errors(page)
    assert Contribution.objects.filter(reverses=wrong, value_vnd=-50_000).exists()
    assert page.get_by_text("Bút toán điều chỉnh khoản ngày").first.is_visible()
    both_sizes(page, shot, "communities-ws-project")
    page.goto(demo_site + f"/can-bo/cong-trinh/{project.pk}/tien-do/")
    both_sizes(page, shot, "communities-ws-progress")
    context.close()

    # the public pages: consenting names only, axe-clean, at both sizes
    for size in SIZES:
        context, page = open_page(browser, size, errors=errors)
        page.goto(demo_site + f"/hoi-quan/cong-trinh/{project.pk}/")
        main = page.locator("main")
        assert NAMED in main.inner_text() and IMPORTED in main.inner_text()
        assert HIDDEN not in page.content()
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
        shot(page, f"communities-public-project-{size}")
        assert serious_violations(page) == []
        page.goto(demo_site + "/hoi-quan/bang-vang/")
        assert HIDDEN not in page.content()
        shot(page, f"communities-honour-{size}")
        assert serious_violations(page) == []
        page.goto(demo_site + f"/hoi-quan/{group.pk}/")
        assert page.get_by_text("Tập dượt bài Dạ cổ hoài lang").is_visible()
        shot(page, f"communities-public-group-{size}")
        assert serious_violations(page) == []
        demo_project = Project.objects.filter(photos__isnull=False, supervision_checks__isnull=False).first()
        page.goto(demo_site + f"/hoi-quan/cong-trinh/{demo_project.pk}/")
        assert page.get_by_role("heading", name="Giám sát đầu tư của cộng đồng").is_visible()
        assert page.locator("main img[alt]").count() >= 1
        shot(page, f"communities-public-project-progress-{size}")
        assert serious_violations(page) == []
        context.close()
    assert errors == []


def test_the_public_pages_work_without_javascript(browser, demo_site):
    from danvan.communities.models import Group, Project

    context, page = open_page(browser, "375", js=False)
    group = Group.objects.order_by("pk").first()
    project = Project.objects.filter(photos__isnull=False).order_by("pk").first()
    for path, text in [
        ("/hoi-quan/", group.name),
        (f"/hoi-quan/{group.pk}/", group.name),
        ("/hoi-quan/cong-trinh/", project.name),
        (f"/hoi-quan/cong-trinh/{project.pk}/", "Giám sát đầu tư của cộng đồng"),
        ("/hoi-quan/bang-vang/", "Bảng vinh danh"),
    ]:
        response = page.goto(demo_site + path)
        assert response.ok, path
        assert text in page.locator("main").inner_text(), path
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    context.close()


def test_the_citizen_area_shows_the_groups_of_a_member_household(browser, demo_site, shot):
    from danvan.communities.models import Group
    from danvan.people.models import User

    citizen = User.objects.get(username="congdan")
    group = Group.objects.filter(kind__code="hoi-quan", status="active", fund_entries__isnull=False).first()
    member = group.members.filter(household__isnull=False, left_on__isnull=True).first()
    citizen.household = member.household  # the commune confirmed the account's household (as people does)
    citizen.save(update_fields=["household"])
    context, page = open_page(browser, "375")
    page.goto(demo_site + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập, e-mail hoặc số điện thoại").fill("congdan")
    page.get_by_label("Mật khẩu").fill("danvan2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    page.goto(demo_site + "/tai-khoan/")
    assert page.get_by_role("heading", name="Hội quán, tổ nhóm của tôi").is_visible()
    assert group.name in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shot(page, "communities-citizen-area-375")
    assert serious_violations(page) == []
    context.close()
