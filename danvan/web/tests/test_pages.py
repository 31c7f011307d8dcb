"""The portal shell and the officers' workspace as a visitor and as officers see them."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.units import demo
from danvan.units.services import community_count_set


@pytest.fixture
def demo_units(db):
    return demo.seed()


def test_home_shows_the_province_in_force_and_its_communes(client, demo_units):
    html = client.get("/").content.decode()
    assert "Tỉnh Đồng Tháp" in html
    assert "Xã Tràm Chim" in html and "Xã Phú Thọ" in html
    assert "Thị trấn Tràm Chim" not in html  # a 2020 unit is not a child of today's province
    assert '<html lang="vi">' in html


def test_unit_section_of_a_dissolved_district_explains_it_is_former(client, demo_units):
    html = client.get("/don-vi/871/").content.decode()
    assert "Huyện Tam Nông" in html and "đã hết hiệu lực" in html
    assert "Thị trấn Tràm Chim" in html


def test_unit_section_shows_what_a_new_commune_was_formed_from(client, demo_units):
    html = client.get("/don-vi/30025/").content.decode()
    assert "Xã Gáo Giồng" in html and "một phần" in html


def test_a_reused_code_is_resolved_by_the_date_in_the_address(client, demo_units):
    former = demo_units["old_communes"]["30001"]
    assert former.get_absolute_url() == "/don-vi/30001/?ngay=2025-06-30"
    assert (
        '<h1 id="tieu-de">Thị trấn Tràm Chim</h1>' in client.get(former.get_absolute_url()).content.decode()
    )
    assert '<h1 id="tieu-de">Xã Tràm Chim</h1>' in client.get("/don-vi/30001/").content.decode()


def test_query_parameter_don_vi_redirects_to_the_section(client, demo_units):
    response = client.get("/?don-vi=30001")
    assert response.status_code == 302 and response["Location"] == "/don-vi/30001/"


def test_unknown_unit_is_404(client, demo_units):
    assert client.get("/don-vi/99999/").status_code == 404


def test_home_query_count_is_constant(client, demo_units, django_assert_max_num_queries):
    with django_assert_max_num_queries(13):  # 12, and the unit's latest approved review report (M9)
        assert client.get("/").status_code == 200


def test_unit_directory_lists_current_and_former_units(client, demo_units, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        html = client.get("/don-vi/").content.decode()
    assert "Trước khi sắp xếp" in html and "Xã Gáo Giồng" in html


def test_workspace_requires_login(client, cast):
    response = client.get("/can-bo/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_citizen_gets_404_in_the_workspace(client, cast):
    client.force_login(cast.binh)
    assert client.get("/can-bo/").status_code == 404


def test_workspace_greets_the_officer_with_roles_and_figures(client, cast):
    community_count_set(
        actor=None, unit=cast.hamlet, as_of=cast.hamlet.valid_from, households=250, voters=600
    )
    client.force_login(cast.tuan)
    html = client.get("/can-bo/").content.decode()
    assert "Phạm Anh Tuấn" in html and "Lãnh đạo đơn vị" in html and "Xã Phú Cường" in html
    assert "250" in html


def test_unit_switcher_only_accepts_units_of_the_officer(client, cast):
    from danvan.access.models import RoleAssignment

    RoleAssignment.objects.create(
        user=cast.lan, role="editor", unit=cast.sibling_commune, valid_from=cast.commune.valid_from
    )
    client.force_login(cast.lan)
    assert "Xã An Long" in client.get("/can-bo/").content.decode()
    client.post("/can-bo/chuyen-don-vi/", {"unit": cast.sibling_commune.pk, "next": "/can-bo/"})
    assert "Đơn vị làm việc: Xã An Long" in client.get("/can-bo/").content.decode()
    response = client.post(
        "/can-bo/chuyen-don-vi/", {"unit": cast.far_commune.pk, "next": "/can-bo/"}, follow=True
    )
    assert "Bạn không có vai trò nào ở đơn vị đã chọn." in response.content.decode()


def test_officer_unit_list_is_scoped_and_searchable_without_diacritics(
    client, cast, django_assert_max_num_queries
):
    client.force_login(cast.minh)
    with django_assert_max_num_queries(10):
        html = client.get("/can-bo/don-vi/").content.decode()
    assert "Ấp Phú Hòa" in html and "Xã An Long" not in html
    html = client.get("/can-bo/don-vi/?q=phu hoa").content.decode()
    assert "Ấp Phú Hòa" in html and "Ấp Phú Lợi" not in html


def test_unit_detail_of_another_commune_is_404_like_a_missing_one(client, cast):
    client.force_login(cast.minh)
    assert client.get(f"/can-bo/don-vi/{cast.hamlet.pk}/").status_code == 200
    assert client.get(f"/can-bo/don-vi/{cast.sibling_commune.pk}/").status_code == 404
    assert client.get("/can-bo/don-vi/999999/").status_code == 404


def test_only_unit_admins_edit_units_and_bad_input_is_explained(client, cast):
    client.force_login(cast.minh)
    assert client.get(f"/can-bo/don-vi/{cast.hamlet.pk}/sua/").status_code == 404
    client.force_login(cast.khoa)
    response = client.post(
        f"/can-bo/don-vi/{cast.hamlet.pk}/sua/",
        {
            "name": "Ấp Phú Hòa",
            "valid_from": "2020-01-01",
            "valid_to": "2019-01-01",
        },
    )
    assert "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực." in response.content.decode()
    cast.hamlet.refresh_from_db()
    assert cast.hamlet.valid_to is None


def test_hamlet_page_lists_its_dated_counts(client, cast):
    community_count_set(actor=None, unit=cast.hamlet, as_of=dt.date(2020, 1, 1), households=1234, voters=2500)
    client.force_login(cast.khoa)
    html = client.get(f"/can-bo/don-vi/{cast.hamlet.pk}/").content.decode()
    assert "01/01/2020" in html and "1.234" in html and "2.500" in html


def test_counts_form_refuses_more_voters_than_residents(client, cast):
    client.force_login(cast.khoa)
    response = client.post(
        f"/can-bo/don-vi/{cast.hamlet.pk}/so-ho/",
        {"as_of": "2026-01-01", "households": 10, "voters": 50, "residents": 40},
        follow=True,
    )
    assert "Số cử tri không thể lớn hơn số nhân khẩu." in response.content.decode()
    assert not cast.hamlet.counts.exists()


def test_vietnamese_even_when_the_browser_asks_for_english(client, demo_units):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in html and "Tìm kiếm" in html


def test_english_switch(client, demo_units):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html and "Search" in html


def test_demo_logins_are_printed_for_make_run():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "danvan2026" in out.getvalue() and "lanhdao.tramchim" in out.getvalue()


def test_choice_labels_follow_the_language(client, cast):
    client.force_login(cast.tuan)
    assert "Lãnh đạo đơn vị" in client.get("/can-bo/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/can-bo/"})
    html = client.get("/can-bo/don-vi/").content.decode()
    assert "Hamlet" in html and "Ấp</td>" not in html
    assert (
        "Unit leader" in client.get("/can-bo/").content.decode()
        or "Leader" in client.get("/can-bo/").content.decode()
    )


def test_home_lists_latest_news_and_current_disclosures(client, cast):
    from danvan.disclosures.tests.helpers import make
    from danvan.publishing.tests.helpers import published

    make(
        cast,
        4,
        title="Quy chế dân chủ của xã Phú Cường",
        decision=dt.date(2026, 1, 2),
        start=dt.date(2026, 1, 5),
    )
    published(cast, title="Phú Cường ra quân làm đường giao thông nông thôn")
    html = client.get("/don-vi/30025/").content.decode()
    assert "Phú Cường ra quân làm đường giao thông nông thôn" in html
    assert "Quy chế dân chủ của xã Phú Cường" in html


def test_the_sign_in_page_works_before_any_unit_exists(client, db):
    """A fresh installation signs its first administrator in before the unit tree is loaded."""
    from danvan.units.models import Unit

    assert not Unit.objects.exists()
    response = client.get(reverse("access:login"))
    assert response.status_code == 200 and "danvan" in response.content.decode()
