"""The xlsx import of contributions: all rows or none, with the per-row report; then fixed and imported."""

import io

import pytest
from openpyxl import load_workbook

from danvan.audit.models import AuditEvent
from danvan.communities import importing
from danvan.communities.models import Contribution, ContributionImport
from danvan.core.spreadsheets import Workbook
from danvan.people.models import Household

from .helpers import project

pytestmark = pytest.mark.django_db

HEADER = [header for _key, header, _help in importing.COLUMNS]


def xlsx(rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.sheet("Đóng góp")
    sheet.row(HEADER)
    for r in rows:
        sheet.row(r)
    out = io.BytesIO(book.to_bytes())
    out.name = "dong-gop.xlsx"
    return out


def upload(client, p, rows, capture):
    with capture(execute=True):
        r = client.post(f"/can-bo/cong-trinh/{p.pk}/nhap/", {"file": xlsx(rows)})
    assert r.status_code == 302, r.content.decode()[:3000]
    return ContributionImport.objects.latest("pk"), r["Location"]


def test_a_bad_row_refuses_the_whole_file_then_the_fixed_file_is_imported(
    client, cast, django_capture_on_commit_callbacks
):
    Household.objects.create(
        code="PH-01",
        hamlet=cast.hamlet,
        commune=cast.commune,
        address="Ấp Phú Hòa",
        representative_name="Trần Thị Sáu",
    )
    p = project(cast)
    client.force_login(cast.hoa)
    good = [
        "Hộ gia đình",
        "PH-01",
        "",
        "Tiền mặt",
        "",
        "",
        2_000_000,
        "",
        "15/03/2024",
        "BN-1",
        "Có",
        "Không",
    ]
    land = ["Cá nhân", "", "Nguyễn Văn Tư", "Hiến đất", "", "", 0, "", "16/03/2024", "BN-2", "Có", ""]
    imp, url = upload(client, p, [good, land], django_capture_on_commit_callbacks)
    assert imp.status == "rejected" and not Contribution.objects.exists()
    [err] = imp.errors
    assert err["row"] == 3 and err["column"] == "Số lượng" and "diện tích" in err["message"]
    page = client.get(url).content.decode()
    assert "Bị từ chối" in page and "diện tích" in page
    land[4] = 120
    imp, url = upload(client, p, [good, land], django_capture_on_commit_callbacks)
    assert imp.status == "done" and imp.created_rows == 2
    sau = Contribution.objects.get(receipt_no="BN-1")
    assert (sau.contributor_name, sau.household.code, sau.value_vnd, sau.consent_named) == (
        "Trần Thị Sáu",
        "PH-01",
        2_000_000,
        True,
    )
    assert sau.commune == cast.commune and sau.province == cast.province
    assert Contribution.objects.get(receipt_no="BN-2").quantity == 120
    assert AuditEvent.objects.filter(action="contribution.import").count() == 1


def test_unknown_households_bad_dates_and_negative_amounts_are_each_reported(
    client, cast, django_capture_on_commit_callbacks
):
    p = project(cast)
    client.force_login(cast.hoa)
    rows = [
        ["Hộ gia đình", "KHONG-CO", "", "Tiền mặt", "", "", 1000, "", "15/03/2024", "", "", ""],
        ["Cá nhân", "", "Tư", "Tiền mặt", "", "", -5, "", "31/02/2024", "", "", ""],
        ["Cá nhân", "", "Năm", "Tiền mặt", "", "", "abc", "", "15/03/2024", "", "", ""],
    ]
    imp, _url = upload(client, p, rows, django_capture_on_commit_callbacks)
    assert imp.status == "rejected" and imp.error_count == 3
    assert [e["row"] for e in imp.errors] == [2, 3, 4]
    assert not Contribution.objects.exists()


def test_the_template_downloads(client, cast):
    client.force_login(cast.hoa)
    r = client.get("/can-bo/cong-trinh/mau-nhap-dong-gop.xlsx")
    rows = list(load_workbook(io.BytesIO(r.content)).worksheets[0].iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
