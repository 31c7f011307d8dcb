import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from danvan.audit.models import AuditEvent
from danvan.core.errors import DomainError
from danvan.people import importing, services
from danvan.people.models import Household, HouseholdImport, Resident

from .helpers import HEADER, good_rows, make_household, sibling_admin, upload, workbook

pytestmark = pytest.mark.django_db


def run_import(cast, data: bytes, capture, *, actor=None, name="so-ho.xlsx") -> HouseholdImport:
    with capture(execute=True):
        row = services.household_import_start(
            actor=actor or cast.khoa, commune=cast.commune, uploaded_file=upload(data, name)
        )
    row.refresh_from_db()
    return row


def errors_by_row(row):
    return {(e["row"], e["column"]) for e in row.errors}


def test_a_good_file_creates_every_household_and_resident_with_one_audit_record(
    cast, django_capture_on_commit_callbacks
):
    row = run_import(cast, workbook(good_rows()), django_capture_on_commit_callbacks)

    assert row.status == HouseholdImport.Status.DONE, row.errors or row.message
    assert (row.households_created, row.residents_created) == (3, 6)
    assert (row.total_rows, row.processed_rows, row.progress_percent) == (6, 6, 100)
    assert Household.objects.filter(commune=cast.commune).count() == 3
    hg1 = Household.objects.get(code="HG-001")
    assert (
        hg1.hamlet == cast.hamlet and hg1.representative_name == "Nguyễn Văn An" and hg1.phone == "0912345679"
    )
    assert hg1.members.count() == 3
    assert hg1.members.get(is_representative=True).full_name == "Nguyễn Văn An"
    assert "tran thi bich" in hg1.search_text and "nguyen minh khoi" in hg1.search_text
    hg3 = Household.objects.get(code="HG-003")
    assert hg3.hamlet == cast.other_hamlet and hg3.phone == "0903111222"
    assert Resident.objects.get(full_name="Trần Thị Bích").gender == Resident.Gender.FEMALE
    events = AuditEvent.objects.filter(action="household.import")
    assert events.count() == 1 and events[0].changes["households"] == [None, 3]
    assert not AuditEvent.objects.filter(action="household.create").exists()


def test_a_file_with_bad_rows_is_rejected_whole_and_each_bad_row_is_named(
    cast, django_capture_on_commit_callbacks
):
    rows = good_rows()
    rows[1][4] = 1850  # row 3: year out of range
    rows[2][5] = "trai"  # row 4: unknown gender
    rows[3][6] = "12345"  # row 5: CCCD too short
    rows[4][1] = "30022-01"  # row 6: hamlet of the sibling commune (also differs from row 7)
    rows.append(
        ["HG-004", "30025-01", "", "Phạm Văn Dư", 1990, "Nam", None, "Chủ hộ", None]
    )  # row 8: no address
    row = run_import(cast, workbook(rows), django_capture_on_commit_callbacks)

    assert row.status == HouseholdImport.Status.REJECTED
    assert Household.objects.count() == 0 and Resident.objects.count() == 0
    found = errors_by_row(row)
    assert {(3, "Năm sinh"), (4, "Giới tính"), (5, "Số CCCD"), (6, "Mã ấp/khóm"), (8, "Địa chỉ")} <= found
    by_key = {(e["row"], e["column"]): e for e in row.errors}
    assert by_key[(3, "Năm sinh")]["value"] == "1850"
    assert "từ 1900" in by_key[(3, "Năm sinh")]["message"]
    assert "là của “Ấp An Thạnh”, không thuộc Xã Phú Cường" in by_key[(6, "Mã ấp/khóm")]["message"]
    assert [e["row"] for e in row.errors] == sorted(e["row"] for e in row.errors)
    assert row.error_count == len(row.errors)
    assert not AuditEvent.objects.filter(action="household.import").exists()


def test_household_rules_across_rows(cast, django_capture_on_commit_callbacks):
    rows = [
        ["A1", "30025-01", "Tổ 1", "Nguyễn Văn Một", 1960, "Nam", "087060000001", "Chủ hộ", None],
        ["A1", "30025-02", "Tổ 1", "Nguyễn Thị Hai", 1962, "Nữ", "087060000001", "Chủ hộ", None],  # row 3
        ["A1", "30025-01", "Tổ 9", "Nguyễn Văn Ba", 1990, "Nam", None, "Con", "0912345678"],  # row 4
        ["B1", "30025-01", "Tổ 2", "Trần Văn Bốn", 1970, "Nam", None, "Con", None],  # row 5
    ]
    row = run_import(cast, workbook(rows), django_capture_on_commit_callbacks)
    assert row.status == HouseholdImport.Status.REJECTED
    messages = {(e["row"], e["column"]): e["message"] for e in row.errors}
    assert "cùng mã ấp/khóm" in messages[(3, "Mã ấp/khóm")]
    assert "đã có chủ hộ ở dòng 2" in messages[(3, "Quan hệ với chủ hộ")]
    assert "trùng với dòng 2" in messages[(3, "Số CCCD")]
    assert "cùng địa chỉ" in messages[(4, "Địa chỉ")]
    assert "dòng của chủ hộ" in messages[(4, "Số điện thoại")]
    assert "chưa có ai ghi “Chủ hộ”" in messages[(5, "Quan hệ với chủ hộ")]


def test_a_household_code_already_in_the_commune_is_refused_and_the_error_says_so(
    cast, django_capture_on_commit_callbacks
):
    make_household(cast, code="HG-002", id_number="087170000009")
    rows = good_rows()
    rows[0][6] = "087170000009"  # a CCCD already registered
    row = run_import(cast, workbook(rows), django_capture_on_commit_callbacks)
    assert row.status == HouseholdImport.Status.REJECTED
    messages = {(e["row"], e["column"]): e["message"] for e in row.errors}
    assert "Mã hộ HG-002 đã có trong sổ hộ của Xã Phú Cường" in messages[(5, "Mã hộ")]
    assert "đã có trong sổ" in messages[(2, "Số CCCD")]
    assert Household.objects.count() == 1


def test_missing_and_unknown_columns_are_reported_by_name(cast, django_capture_on_commit_callbacks):
    header = [h for h in HEADER if h != "Năm sinh"] + ["Nghề nghiệp", "STT"]
    row = run_import(cast, workbook([], header=header), django_capture_on_commit_callbacks)
    assert row.status == HouseholdImport.Status.REJECTED
    messages = [e["message"] for e in row.errors]
    assert any("Thiếu cột “Năm sinh”" in m for m in messages)
    assert any("“Nghề nghiệp” không có trong mẫu" in m for m in messages)
    assert not any("STT" in m for m in messages)
    assert all(e["row"] == 1 for e in row.errors)


def test_optional_columns_may_be_left_out(cast, django_capture_on_commit_callbacks):
    header = [h for h in HEADER if h not in {"Số CCCD", "Số điện thoại"}]
    rows = [["C1", "30025-01", "Tổ 3", "Đặng Văn Năm", 1977, "Nam", "Chủ hộ"]]
    row = run_import(cast, workbook(rows, header=header), django_capture_on_commit_callbacks)
    assert row.status == HouseholdImport.Status.DONE, row.errors


def test_an_empty_file_is_refused(cast, django_capture_on_commit_callbacks):
    row = run_import(cast, workbook([]), django_capture_on_commit_callbacks)
    assert row.status == HouseholdImport.Status.REJECTED
    assert "chưa có dòng dữ liệu" in row.errors[0]["message"]
    row = run_import(cast, workbook([], header=[]), django_capture_on_commit_callbacks)
    assert row.status == HouseholdImport.Status.REJECTED
    assert "Tệp trống" in row.errors[0]["message"]


def test_more_rows_than_the_limit_are_refused(cast, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 5)
    row = run_import(cast, workbook(good_rows()), django_capture_on_commit_callbacks)
    assert row.status == HouseholdImport.Status.REJECTED
    assert "hơn 5 dòng" in row.errors[0]["message"]
    assert Household.objects.count() == 0


def test_excel_number_cells_are_read_as_an_official_typed_them(cast, django_capture_on_commit_callbacks):
    rows = [
        ["D1", "30025-01", "Tổ 3", "Phạm Văn Sáu", 1977.0, "nam", 87077000123, "chủ hộ", 912345678],
        ["D1", "30025-01", "Tổ 3", "Bùi Thị Bảy", "1979", "NỮ", None, "Vợ", None],
    ]
    row = run_import(cast, workbook(rows), django_capture_on_commit_callbacks)
    assert row.status == HouseholdImport.Status.REJECTED
    (error,) = row.errors  # only the CCCD that lost its leading zero
    assert error["column"] == "Số CCCD" and "mất số 0" in error["message"]
    rows[0][6] = "087077000123"
    row = run_import(cast, workbook(rows), django_capture_on_commit_callbacks)
    assert row.status == HouseholdImport.Status.DONE, row.errors
    assert Household.objects.get(code="D1").phone == "0912345678"


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("so-ho.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" * 20, "không phải là loại"),
        ("so-ho.xlsx", "Mã hộ;Họ và tên\nHG-1;Nguyễn Văn A\n".encode() * 20, "không phải là loại"),
        ("so-ho.txt", "Mã hộ;Họ và tên\n".encode() * 20, "không phải là loại"),
    ],
)
def test_a_disguised_file_is_refused_before_anything_is_stored(cast, name, data, message):
    with pytest.raises(ValidationError) as exc:
        services.household_import_start(
            actor=cast.khoa, commune=cast.commune, uploaded_file=upload(data, name)
        )
    assert message in " ".join(exc.value.messages)
    assert not HouseholdImport.objects.exists()


def test_an_xlsx_renamed_to_pdf_is_refused(cast):
    with pytest.raises(ValidationError, match="không khớp"):
        services.household_import_start(
            actor=cast.khoa, commune=cast.commune, uploaded_file=upload(workbook(good_rows()), "so-ho.pdf")
        )


def test_only_an_officer_with_household_rights_on_the_commune_may_import(cast):
    with pytest.raises(DomainError, match="không có quyền"):
        services.household_import_start(
            actor=sibling_admin(cast), commune=cast.commune, uploaded_file=upload(workbook(good_rows()))
        )
    with pytest.raises(DomainError, match="không có quyền"):
        services.household_import_start(
            actor=cast.minh, commune=cast.commune, uploaded_file=upload(workbook(good_rows()))
        )


def test_a_crash_while_writing_leaves_nothing_behind(cast, django_capture_on_commit_callbacks, monkeypatch):
    real = services._import_write

    def explode(result, *, commune):
        real(result, commune=commune)
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_import_write", explode)
    row = run_import(cast, workbook(good_rows()), django_capture_on_commit_callbacks)
    assert row.status == HouseholdImport.Status.FAILED
    assert "Không có dữ liệu nào được ghi" in row.message
    assert Household.objects.count() == 0 and Resident.objects.count() == 0


def test_an_unreadable_workbook_is_reported_not_crashed(cast, django_capture_on_commit_callbacks):
    bad = io.BytesIO()
    with zipfile.ZipFile(bad, "w") as zf:  # looks like an xlsx to the sniffer, is not a workbook
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "not xml")
    row = run_import(cast, bad.getvalue(), django_capture_on_commit_callbacks)
    assert row.status == HouseholdImport.Status.REJECTED
    assert "Không đọc được tệp Excel" in row.errors[0]["message"]
    assert Household.objects.count() == 0


def test_the_task_is_idempotent(cast, django_capture_on_commit_callbacks):
    row = run_import(cast, workbook(good_rows()), django_capture_on_commit_callbacks)
    assert row.status == HouseholdImport.Status.DONE
    services.household_import_run(row.pk)
    assert Household.objects.count() == 3


def test_progress_is_published_while_checking(cast, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(importing, "PROGRESS_EVERY", 2)
    seen = []
    real = importing.check_file

    def spy(fh, *, commune, today, progress=None):
        def record(done, total=None):
            seen.append(done)
            progress(done, total)

        return real(fh, commune=commune, today=today, progress=record)

    monkeypatch.setattr(importing, "check_file", spy)
    run_import(cast, workbook(good_rows()), django_capture_on_commit_callbacks)
    assert seen == [2, 4, 6, 6]


def test_the_template_has_the_header_an_example_and_instructions_and_its_example_imports(
    cast, django_capture_on_commit_callbacks
):
    data = services.household_import_template(cast.commune)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Hộ gia đình", "Hướng dẫn", "Mã ấp, khóm"]
    sheet = wb["Hộ gia đình"]
    assert [c.value for c in sheet[1]] == HEADER
    assert sheet["B2"].value == "30025-01"
    assert [r[0] for r in wb["Mã ấp, khóm"].iter_rows(min_row=2, values_only=True)] == [
        "30025-01",
        "30025-02",
    ]
    row = run_import(cast, data, django_capture_on_commit_callbacks, name="mau.xlsx")
    assert row.status == HouseholdImport.Status.DONE, row.errors
    assert row.households_created == 1 and row.residents_created == 2
