import datetime as dt

import pytest

from danvan.communities import services
from danvan.communities.models import Contribution, GroupKind, Member

from .helpers import DAY, cash, hoi_quan, project

pytestmark = pytest.mark.django_db


def test_an_officer_registers_a_group_with_board_members_and_a_meeting(client, cast):
    client.force_login(cast.hoa)
    kind = GroupKind.objects.get(code="hoi-quan")
    r = client.post(
        "/can-bo/hoi-quan/them/",
        {
            "name": "Hội quán Phú Hòa",
            "kind": kind.pk,
            "home_unit": cast.hamlet.pk,
            "founded_on": "2020-05-01",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    url = r["Location"]
    group_pk = int(url.rstrip("/").split("/")[-1])
    r = client.post(
        f"/can-bo/hoi-quan/{group_pk}/thanh-vien/", {"full_name": "Nguyễn Văn Tư", "joined_on": "2020-05-01"}
    )
    assert r.status_code == 302
    member = Member.objects.get()
    for _ in range(2):
        r = client.post(
            f"/can-bo/hoi-quan/{group_pk}/ban-dieu-hanh/",
            {"member": member.pk, "position": "head", "term_from": "2020-05-01"},
        )
    assert r.status_code == 400 and "đã có trong ban điều hành" in r.content.decode()
    r = client.post(
        f"/can-bo/hoi-quan/{group_pk}/sinh-hoat/",
        {"held_on": "2024-03-01", "topic": "Lịch thời vụ", "attendance": 42},
    )
    assert r.status_code == 302
    page = client.get(url).content.decode()
    assert "Lịch thời vụ" in page and "Chủ nhiệm" in page and "Nguyễn Văn Tư" in page


def test_a_contribution_form_refuses_bad_input_with_vietnamese_messages(client, cast):
    p = project(cast)
    client.force_login(cast.hoa)
    r = client.post(
        f"/can-bo/cong-trinh/{p.pk}/dong-gop/",
        {
            "contributor_kind": "person",
            "contributor_name": "Tư",
            "kind": "land",
            "value_vnd": "-5",
            "on": "2024-03-01",
            "display": "exact",
        },
    )
    body = r.content.decode()
    assert r.status_code == 400
    assert "Giá trị đóng góp không được là số âm." in body and "diện tích" in body
    assert not Contribution.objects.exists()
    r = client.post(
        f"/can-bo/cong-trinh/{p.pk}/dong-gop/",
        {
            "contributor_kind": "person",
            "contributor_name": "Tư",
            "kind": "cash",
            "value_vnd": "500000",
            "on": "2024-03-01",
            "display": "exact",
        },
    )
    assert r.status_code == 302 and Contribution.objects.count() == 1


def test_reversing_asks_for_confirmation_then_writes_the_mirror(client, cast):
    p = project(cast)
    entry = cash(cast, p, value=700_000)
    client.force_login(cast.tuan)
    r = client.get(f"/can-bo/dong-gop/{entry.pk}/dieu-chinh/")
    assert r.status_code == 200 and "Xác nhận ghi bút toán điều chỉnh" in r.content.decode()
    assert Contribution.objects.count() == 1
    r = client.post(f"/can-bo/dong-gop/{entry.pk}/dieu-chinh/", {"reason": "Ghi nhầm người"})
    assert r.status_code == 302 and Contribution.objects.count() == 2
    page = client.get(f"/can-bo/cong-trinh/{p.pk}/").content.decode()
    assert "Đã điều chỉnh" in page and "Bút toán điều chỉnh" in page


def test_officers_outside_the_scope_get_404(client, cast):
    group = hoi_quan(cast)
    p = project(cast)
    entry = cash(cast, p)
    client.force_login(cast.lan)  # editor: no communities permission
    assert client.get("/can-bo/hoi-quan/").status_code == 404
    client.force_login(cast.thu)  # supervisor of the district: reads, never writes
    assert client.get(f"/can-bo/hoi-quan/{group.pk}/").status_code == 200
    assert client.get(f"/can-bo/dong-gop/{entry.pk}/dieu-chinh/").status_code == 404
    assert client.post(f"/can-bo/hoi-quan/{group.pk}/sinh-hoat/", {}).status_code == 404


def test_workspace_pages_answer(client, cast):
    group = hoi_quan(cast)
    p = project(cast, group=group)
    cash(cast, p, kind="land", quantity=120, value=0)
    client.force_login(cast.tuan)
    for path in (
        "/can-bo/hoi-quan/",
        "/can-bo/hoi-quan/them/",
        f"/can-bo/hoi-quan/{group.pk}/",
        f"/can-bo/hoi-quan/{group.pk}/sua/",
        "/can-bo/cong-trinh/",
        "/can-bo/cong-trinh/them/",
        f"/can-bo/cong-trinh/{p.pk}/",
        f"/can-bo/cong-trinh/{p.pk}/sua/",
        "/can-bo/dong-gop/",
        "/can-bo/dong-gop/?trang=abc&tu-ngay=2024-01-01",
    ):
        assert client.get(path).status_code == 200, path


def test_public_pages_show_only_consenting_names(client, cast):
    group = hoi_quan(cast)
    p = project(cast, group=group)
    cash(cast, p, value=2_350_000, contributor_name="Bà Năm Hoa", consent_named=True, display="rounded")
    cash(cast, p, value=5_000_000, contributor_name="Ông Giấu Tên")
    cash(cast, p, value=1_234_567, contributor_name="Chú Ba Lợi", consent_named=True)
    for path in ("/hoi-quan/bang-vang/", f"/hoi-quan/cong-trinh/{p.pk}/"):
        body = client.get(path).content.decode()
        assert "Bà Năm Hoa" in body and "khoảng 2.000.000 đ" in body and "2.350.000" not in body
        assert "Chú Ba Lợi" in body and "1.234.567 đ" in body
        assert "Ông Giấu Tên" not in body
        assert "<script" not in body.split("</main>")[0].split("<main")[1]
    body = client.get(f"/hoi-quan/cong-trinh/{p.pk}/").content.decode()
    assert "Ngân sách nhà nước" in body and "300.000.000 đ" in body
    for path in (
        "/hoi-quan/",
        f"/hoi-quan/{group.pk}/",
        "/hoi-quan/cong-trinh/",
        "/hoi-quan/?xa=30025",
        "/hoi-quan/cong-trinh/?xa=30025&trang=99",
    ):
        r = client.get(path)
        assert (
            r.status_code == 200
            and "Hội quán Phú Hòa" in r.content.decode()
            or "Đường bê tông" in r.content.decode()
        ), path
    assert client.get("/hoi-quan/999999/").status_code == 404


def test_public_pages_take_a_fixed_number_of_queries(client, cast, django_assert_max_num_queries):
    group = hoi_quan(cast)
    p = project(cast, group=group)
    for i in range(20):
        cash(cast, p, value=100_000 + i, consent_named=True)
        services.meeting_record(
            actor=cast.hoa, group=group, held_on=DAY - dt.timedelta(days=i), topic=f"Buổi {i}", attendance=10
        )
    client.get("/hoi-quan/")  # warm the per-process caches (portal unit, …)
    for path in (
        "/hoi-quan/",
        f"/hoi-quan/{group.pk}/",
        f"/hoi-quan/cong-trinh/{p.pk}/",
        "/hoi-quan/bang-vang/",
    ):
        with django_assert_max_num_queries(15):
            assert client.get(path).status_code == 200


def test_pages_follow_english(client, cast):
    group = hoi_quan(cast)
    p = project(cast, group=group)
    cash(cast, p, value=2_350_000, contributor_name="Bà Năm Hoa", consent_named=True, display="rounded")
    client.cookies["django_language"] = "en"
    html = client.get("/hoi-quan/bang-vang/").content.decode()
    assert "Honour board" in html and "about 2.000.000 đ" in html
    client.force_login(cast.tuan)
    html = client.get(f"/can-bo/cong-trinh/{p.pk}/").content.decode()
    assert "Funding by source" in html and "Record a contribution" in html


def test_the_public_commune_filter_finds_the_commune_by_name_at_a_provinces_scale(client, cast):
    """Every commune of a province has a Hội quán: the filter cannot be a select of 3,000 communes."""
    from danvan.communities.views import COMMUNES_LIST_ALL
    from danvan.units.models import UnitKind
    from danvan.units.services import unit_create

    for n in range(COMMUNES_LIST_ALL + 2):
        commune = unit_create(
            actor=None,
            code=f"8{n:03d}",
            name=f"Xã Thử Nghiệm {n}",
            kind=UnitKind.COMMUNE,
            parent=cast.district,
            valid_from=dt.date(2019, 1, 1),
        )
        hoi_quan(cast, unit=commune, name=f"Hội quán Thử Nghiệm {n}")
    body = client.get("/hoi-quan/").content.decode()
    assert '<select id="xa"' not in body and 'name="tim-xa"' in body
    found = client.get("/hoi-quan/", {"tim-xa": "thu nghiem 7"}).content.decode()
    assert "?xa=8007" in found
    one = client.get("/hoi-quan/", {"xa": "8007"}).content.decode()
    assert "Hội quán Thử Nghiệm 7" in one and "Hội quán Thử Nghiệm 8<" not in one


def test_the_directory_counts_each_groups_current_members_and_the_board_pages_in_its_order(client, cast):
    """The directory's member count (a subquery per listed group) counts members who have not left, nought
    for a group without any; the honour board's pages (two reads a page: keys, then rows) keep its order."""
    from danvan.communities import selectors

    busy = hoi_quan(cast)
    hoi_quan(cast, name="Hội quán Ấp Mới", unit=cast.sibling_hamlet)
    for name in ("Nguyễn Văn Tư", "Lê Thị Năm", "Trần Văn Sáu"):
        services.member_add(actor=cast.hoa, group=busy, full_name=name, joined_on=dt.date(2020, 5, 1))
    services.member_leave(actor=cast.hoa, member=busy.members.get(full_name="Trần Văn Sáu"), left_on=DAY)
    counts = {g.name: g.active_members for g in selectors.public_groups(None)}
    assert counts == {"Hội quán Phú Hòa": 2, "Hội quán Ấp Mới": 0}
    html = client.get("/hoi-quan/").content.decode()
    assert "Hội quán Ấp Mới" in html
    p = project(cast, group=busy)
    for i in range(60):
        cash(cast, p, value=1_000_000 + (i % 7) * 1000, contributor_name=f"Hộ số {i}", consent_named=True)
    board = list(selectors.honour_board(None))
    first = client.get("/hoi-quan/bang-vang/").context["page"]
    second = client.get("/hoi-quan/bang-vang/?trang=2").context["page"]
    assert [e.pk for e in first] + [e.pk for e in second] == [e.pk for e in board]
    assert first.paginator.count == 60
