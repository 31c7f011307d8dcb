"""The xlsx import of a group's members: all rows or none, with the per-row report; then fixed and imported."""

import io

import pytest
from openpyxl import load_workbook

from danvan.audit.models import AuditEvent
from danvan.communities import member_import
from danvan.communities.models import Member, MemberImport
from danvan.core.spreadsheets import Workbook
from danvan.people.models import Household, Resident

from .helpers import hoi_quan

pytestmark = pytest.mark.django_db

HEADER = [header for _key, header, _help in member_import.COLUMNS]


def xlsx(rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.sheet("Thành viên")
    sheet.row(HEADER)
    for r in rows:
        sheet.row(r)
    out = io.BytesIO(book.to_bytes())
    out.name = "thanh-vien.xlsx"
    return out


def upload(client, group, rows, capture):
    with capture(execute=True):
        r = client.post(f"/can-bo/hoi-quan/{group.pk}/nhap-thanh-vien/", {"file": xlsx(rows)})
    assert r.status_code == 302, r.content.decode()[:3000]
    return MemberImport.objects.latest("pk"), r["Location"]


@pytest.fixture
def registry(cast):
    sau = Household.objects.create(
        code="PH-01",
        hamlet=cast.hamlet,
        commune=cast.commune,
        address="Ấp Phú Hòa",
        representative_name="Trần Thị Sáu",
    )
    bay = Household.objects.create(
        code="PH-02",
        hamlet=cast.hamlet,
        commune=cast.commune,
        address="Ấp Phú Hòa",
        representative_name="Lê Văn Bảy",
    )
    Resident.objects.create(
        household=bay, full_name="Lê Thị Tám", birth_year=1990, gender="female", id_number="087190000123"
    )
    return sau, bay


def test_a_bad_row_refuses_the_whole_file_then_the_fixed_file_is_imported(
    client, cast, registry, django_capture_on_commit_callbacks
):
    sau, bay = registry
    group = hoi_quan(cast)  # founded 01/05/2020
    client.force_login(cast.hoa)
    rows = [
        ["", "PH-01", "", "Tổ trưởng", "01/06/2020"],  # a household of the registry
        ["", "", "087190000123", "", "01/06/2021"],  # a person of the registry, by ID number
        ["Nguyễn Văn Tư", "", "", "", "01/06/2022"],  # a name alone
        ["", "PH-99", "", "", "01/06/2022"],  # no such household
        ["Phạm Văn Chín", "", "", "", "01/01/2019"],  # before the founding
        ["", "PH-01", "", "", "02/06/2020"],  # the same household twice
    ]
    imp, url = upload(client, group, rows, django_capture_on_commit_callbacks)
    assert imp.status == "rejected" and not Member.objects.exists()
    assert [(e["row"], e["column"]) for e in imp.errors] == [(5, "Mã hộ"), (6, "Ngày vào"), (7, "")]
    messages = [e["message"] for e in imp.errors]
    assert messages == [
        "Không có hộ mang mã này trong sổ hộ của xã.",
        "Ngày vào không thể trước ngày thành lập mô hình.",
        "Hộ này đã có ở dòng 2 của tệp.",
    ]
    page = client.get(url).content.decode()
    assert "Bị từ chối" in page and "trước ngày thành lập" in page and "Tải tệp đã sửa" in page

    fixed = rows[:3] + [["Phạm Văn Chín", "", "", "", "01/01/2021"]]
    imp, url = upload(client, group, fixed, django_capture_on_commit_callbacks)
    assert imp.status == "done" and imp.created_rows == 4
    got = {m.full_name: (m.household, m.role) for m in group.members.all()}
    assert got == {
        "Trần Thị Sáu": (sau, "Tổ trưởng"),
        "Lê Thị Tám": (bay, "Thành viên"),
        "Nguyễn Văn Tư": (None, "Thành viên"),
        "Phạm Văn Chín": (None, "Thành viên"),
    }
    assert AuditEvent.objects.filter(action="group.member_import").count() == 1
    assert "Đã thêm 4 thành viên" in client.get(url).content.decode()

    # once members, the same households are refused (whole file again)
    imp, _url = upload(
        client, group, [["", "PH-01", "", "", "01/06/2023"]], django_capture_on_commit_callbacks
    )
    assert imp.status == "rejected" and imp.errors[0]["message"] == "Hộ này đã là thành viên của mô hình."
    assert group.members.count() == 4


def test_id_numbers_are_checked_against_the_registry(
    client, cast, registry, django_capture_on_commit_callbacks
):
    group = hoi_quan(cast)
    client.force_login(cast.hoa)
    rows = [
        ["", "", "12345", "", "01/06/2021"],
        ["", "", "087190000999", "", "01/06/2021"],
        ["", "PH-01", "087190000123", "", "01/06/2021"],  # the person is of another household
        ["", "", "", "", "ngày mai"],
    ]
    imp, _url = upload(client, group, rows, django_capture_on_commit_callbacks)
    assert imp.status == "rejected" and not Member.objects.exists()
    assert [e["message"] for e in imp.errors] == [
        "Số định danh phải gồm đúng 12 chữ số.",
        "Không có người mang số định danh này trong sổ hộ của xã.",
        "Người mang số định danh này không thuộc hộ đã ghi.",
        "Hãy ghi họ tên, mã hộ hoặc số định danh của thành viên.",
        "Ngày vào không đúng dạng ngày/tháng/năm.",
    ]


def test_the_template_and_the_page_and_the_gate(client, cast):
    group = hoi_quan(cast)
    client.force_login(cast.hoa)
    page = client.get(f"/can-bo/hoi-quan/{group.pk}/nhap-thanh-vien/").content.decode()
    assert "Tải tệp mẫu" in page and "Số định danh" in page
    r = client.get("/can-bo/hoi-quan/mau-nhap-thanh-vien.xlsx")
    book = load_workbook(io.BytesIO(r.content))
    assert [c.value for c in book.worksheets[0][1]] == HEADER
    assert "Nhập nhiều thành viên từ Excel" in client.get(f"/can-bo/hoi-quan/{group.pk}/").content.decode()
    client.force_login(cast.binh)
    assert client.get(f"/can-bo/hoi-quan/{group.pk}/nhap-thanh-vien/").status_code in (302, 403, 404)
