import pytest
from django.urls import reverse

from danvan.people import services
from danvan.people.models import Household, HouseholdImport, User

from .helpers import XLSX, good_rows, make_household, sibling_admin, upload, workbook

pytestmark = pytest.mark.django_db

LIST = reverse("people:household_list")
IMPORT = reverse("people:household_import")


def login(client, user):
    client.force_login(user)
    return client


def many_households(cast, n):
    for i in range(n):
        household = make_household(
            cast,
            code=f"HO-{i:03d}",
            name=f"Nguyễn Văn Số {i}",
            hamlet=cast.hamlet if i % 2 else cast.other_hamlet,
        )
        services.resident_add(
            actor=cast.khoa,
            household=household,
            full_name=f"Trần Thị Vợ {i}",
            birth_year=1975,
            gender="female",
            relation="Vợ",
        )


def test_anonymous_visitors_are_sent_to_the_login_page(client, cast):
    response = client.get(LIST)
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


def test_an_officer_without_household_rights_gets_404(client, cast):
    assert login(client, cast.lan).get(LIST).status_code == 404


def test_the_list_shows_households_with_member_counts_and_an_import_button(client, cast):
    many_households(cast, 3)
    response = login(client, cast.khoa).get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nguyễn Văn Số 2" in html and "HO-002" in html
    assert response.context["page"].object_list[0].member_count == 2
    assert reverse("people:household_import") in html
    assert response.context["nav_active"] == "households"


def test_a_case_officer_sees_the_list_without_the_import_button(client, cast):
    make_household(cast)
    html = login(client, cast.minh).get(LIST).content.decode()
    assert "HO-001" in html and reverse("people:household_import") not in html


def test_the_list_searches_without_diacritics_and_filters_by_hamlet(client, cast):
    make_household(cast, code="A-1", name="Đặng Thị Hường", hamlet=cast.hamlet)
    make_household(cast, code="B-1", name="Lê Văn Đông", hamlet=cast.other_hamlet)
    login(client, cast.khoa)
    page = client.get(LIST, {"q": "dang huong"}).context["page"]
    assert [h.code for h in page] == ["A-1"]
    page = client.get(LIST, {"hamlet": cast.other_hamlet.pk}).context["page"]
    assert [h.code for h in page] == ["B-1"]
    page = client.get(LIST, {"hamlet": cast.sibling_hamlet.pk}).context["page"]  # not offered: ignored
    assert {h.code for h in page} == {"A-1", "B-1"}


def test_the_list_shows_an_empty_state(client, cast):
    html = login(client, cast.khoa).get(LIST).content.decode()
    assert "Chưa có hộ gia đình nào trong sổ." in html
    html = client.get(LIST, {"q": "khong co ai"}).content.decode()
    assert "Không có hộ nào khớp với điều kiện lọc." in html


def test_the_list_does_a_constant_number_of_queries(client, cast, django_assert_max_num_queries):
    many_households(cast, 30)
    login(client, cast.khoa)
    client.get(LIST)  # warm the session and the caches
    with django_assert_max_num_queries(10):
        response = client.get(LIST, {"q": "nguyen"})
    assert len(response.context["page"].object_list) == 25


def test_the_detail_shows_members_accounts_and_the_audit_trail(client, cast):
    household = make_household(cast, phone="0912000111")
    services.resident_add(
        actor=cast.khoa,
        household=household,
        full_name="Trần Thị Lụa",
        birth_year=1972,
        gender="female",
        relation="Vợ",
    )
    services.citizen_verify(actor=cast.khoa, citizen=cast.binh, household=household)
    response = login(client, cast.khoa).get(reverse("people:household_detail", args=[household.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trần Thị Lụa" in html and "Ngô Văn Bình" in html and "0912000111" in html
    assert [e.action for e in response.context["audit_events"]][-1] == "household.create"
    assert "Nhật ký thay đổi" in html


def test_an_officer_of_the_sibling_commune_gets_404_for_a_household_here(client, cast):
    household = make_household(cast)
    quan = sibling_admin(cast)
    login(client, quan)
    assert client.get(reverse("people:household_detail", args=[household.pk])).status_code == 404
    assert client.get(reverse("people:household_update", args=[household.pk])).status_code == 404
    assert client.post(reverse("people:household_delete", args=[household.pk])).status_code == 404
    assert client.get(reverse("people:household_detail", args=[household.pk + 999])).status_code == 404
    assert Household.objects.filter(pk=household.pk).exists()


def test_a_case_officer_can_read_but_not_edit_a_household(client, cast):
    household = make_household(cast)
    login(client, cast.minh)
    assert client.get(reverse("people:household_detail", args=[household.pk])).status_code == 200
    assert client.get(reverse("people:household_update", args=[household.pk])).status_code == 404


def test_creating_a_household_through_the_form(client, cast):
    login(client, cast.khoa)
    url = reverse("people:household_create")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "hamlet": cast.hamlet.pk,
            "code": "N-1",
            "address": "Tổ 5",
            "phone": "",
            "representative_name": "Bùi Văn Lâm",
            "birth_year": 1966,
            "gender": "male",
            "id_number": "",
        },
    )
    household = Household.objects.get(code="N-1")
    assert response.status_code == 302 and response["Location"] == reverse(
        "people:household_detail", args=[household.pk]
    )
    response = client.post(
        url,
        {
            "hamlet": cast.other_hamlet.pk,
            "code": "N-1",
            "address": "Tổ 5",
            "representative_name": "Bùi Văn Lâm",
            "birth_year": 1966,
            "gender": "male",
        },
    )
    assert response.status_code == 200
    assert "đã có ở Xã Phú Cường" in response.content.decode()


def test_editing_and_adding_members_through_the_forms(client, cast):
    household = make_household(cast)
    login(client, cast.khoa)
    response = client.post(
        reverse("people:household_update", args=[household.pk]),
        {"hamlet": cast.hamlet.pk, "code": "HO-001", "address": "Số 99", "phone": ""},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("people:resident_add", args=[household.pk]),
        {"full_name": "Nguyễn Thị Út", "birth_year": 2005, "gender": "female", "relation": "Con"},
    )
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.address == "Số 99" and household.members.count() == 2
    child = household.members.get(full_name="Nguyễn Thị Út")
    response = client.post(
        reverse("people:resident_update", args=[household.pk, child.pk]),
        {
            "full_name": "Nguyễn Thị Út",
            "birth_year": 2005,
            "gender": "female",
            "relation": "Con",
            "is_representative": "on",
        },
    )
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.representative_name == "Nguyễn Thị Út"


def test_deleting_a_household_asks_for_confirmation_first(client, cast):
    household = make_household(cast)
    login(client, cast.khoa)
    url = reverse("people:household_delete", args=[household.pk])
    response = client.get(url)
    assert response.status_code == 200 and "Xoá hộ HO-001?" in response.content.decode()
    assert Household.objects.filter(pk=household.pk).exists()
    assert client.post(url).status_code == 302
    assert not Household.objects.filter(pk=household.pk).exists()


def test_deleting_a_household_with_a_linked_account_shows_why_not(client, cast):
    household = make_household(cast)
    services.citizen_verify(actor=cast.khoa, citizen=cast.binh, household=household)
    response = login(client, cast.khoa).post(reverse("people:household_delete", args=[household.pk]))
    assert response.status_code == 200 and "gỡ liên kết" in response.content.decode()


def test_verifying_a_citizen_from_the_household_page(client, cast):
    household = make_household(cast)
    login(client, cast.khoa)
    response = client.post(reverse("people:citizen_verify", args=[household.pk]), {"account": "0912 345 678"})
    assert response.status_code == 302
    assert User.objects.get(pk=cast.binh.pk).household == household
    client.post(reverse("people:citizen_unlink", args=[household.pk, cast.binh.pk]))
    assert User.objects.get(pk=cast.binh.pk).household is None


def test_the_import_page_offers_the_template_and_recent_imports(client, cast):
    response = login(client, cast.khoa).get(IMPORT)
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("people:household_import_template") in html
    assert [c.pk for c in response.context["communes"]] == [cast.commune.pk]
    assert client.get(IMPORT).status_code == 200
    assert login(client, cast.minh).get(IMPORT).status_code == 404


def test_the_template_downloads_as_xlsx(client, cast):
    response = login(client, cast.khoa).get(reverse("people:household_import_template"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert response.content[:2] == b"PK"


def test_uploading_a_good_file_imports_it_and_shows_the_result(
    client, cast, django_capture_on_commit_callbacks
):
    login(client, cast.khoa)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(IMPORT, {"commune": cast.commune.pk, "file": upload(workbook(good_rows()))})
    row = HouseholdImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:household_import_status", args=[row.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Đã nhập 3 hộ gia đình và 6 nhân khẩu" in html
    assert "hx-get" not in html


def test_uploading_a_disguised_file_shows_the_reason_on_the_form(client, cast):
    login(client, cast.khoa)
    response = client.post(
        IMPORT, {"commune": cast.commune.pk, "file": upload(b"%PDF-1.7\n" + b"x" * 500, "so-ho.xlsx")}
    )
    assert response.status_code == 200
    assert "không phải là loại được chấp nhận" in response.content.decode()
    assert not HouseholdImport.objects.exists()


def test_a_rejected_import_lists_the_errors_row_by_row(client, cast, django_capture_on_commit_callbacks):
    rows = good_rows()
    rows[1][4] = 1850
    login(client, cast.khoa)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(IMPORT, {"commune": cast.commune.pk, "file": upload(workbook(rows))})
    row = HouseholdImport.objects.get()
    html = client.get(reverse("people:household_import_status", args=[row.pk])).content.decode()
    for heading in ("Dòng", "Cột", "Giá trị", "Lỗi cần sửa"):
        assert f">{heading}</th>" in html
    assert "1850" in html and "Năm sinh phải từ 1900" in html


def test_a_running_import_polls_with_htmx_and_offers_a_plain_refresh_link(client, cast):
    row = HouseholdImport.objects.create(
        unit=cast.commune,
        actor=cast.khoa,
        file="x.xlsx",
        original_name="x.xlsx",
        status=HouseholdImport.Status.RUNNING,
        total_rows=4000,
        processed_rows=1000,
    )
    login(client, cast.khoa)
    status_url = reverse("people:household_import_status", args=[row.pk])
    progress_url = reverse("people:household_import_progress", args=[row.pk])
    html = client.get(status_url).content.decode()
    assert f'hx-get="{progress_url}"' in html and 'hx-trigger="every 1s"' in html
    assert "Cập nhật trạng thái" in html and f'href="{status_url}"' in html
    assert 'aria-valuenow="25"' in html
    fragment = client.get(progress_url, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and b"<html" not in fragment.content
    assert b"1.000/4.000" in fragment.content


def test_an_import_of_another_commune_is_not_visible(client, cast):
    row = HouseholdImport.objects.create(
        unit=cast.commune, actor=cast.khoa, file="x.xlsx", original_name="x.xlsx"
    )
    login(client, sibling_admin(cast))
    assert client.get(reverse("people:household_import_status", args=[row.pk])).status_code == 404
    assert client.get(reverse("people:household_import_progress", args=[row.pk])).status_code == 404


def test_the_import_page_lists_recent_imports_in_constant_queries(
    client, cast, django_assert_max_num_queries
):
    from danvan.people.models import HouseholdImport

    for i in range(12):
        HouseholdImport.objects.create(
            unit=cast.commune,
            actor=cast.khoa,
            file=f"imports/x{i}.xlsx",
            original_name=f"so-ho-{i}.xlsx",
            status=HouseholdImport.Status.DONE,
        )
    login(client, cast.khoa)
    client.get("/can-bo/ho-gia-dinh/nhap-excel/")
    with django_assert_max_num_queries(12):
        html = client.get("/can-bo/ho-gia-dinh/nhap-excel/").content.decode()
    assert "so-ho-11.xlsx" in html and "Đã nhập xong" in html
