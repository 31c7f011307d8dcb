import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.audit.models import AuditEvent
from danvan.communities import services
from danvan.communities.models import FundEntry
from danvan.communities.selectors import fund_balance
from danvan.core.errors import DomainError, errors_of
from danvan.core.formatting import local_today

from .helpers import DAY, cash, hoi_quan

pytestmark = pytest.mark.django_db


def income(cast, group, amount=500_000, **extra):
    actor = extra.pop("actor", cast.hoa)
    data = dict(
        direction="income",
        category="dues",
        amount_vnd=amount,
        description="Hội phí quý I",
        receipt_no="PT-01",
        receipt_on=DAY,
    )
    data.update(extra)
    return services.fund_post(actor=actor, group=group, **data)


def spend(cast, group, amount, **extra):
    data = dict(
        direction="spending", amount_vnd=amount, description="Mua ghế", receipt_no="PC-01", receipt_on=DAY
    )
    data.update(extra)
    return services.fund_post(actor=cast.hoa, group=group, **data)


def household(cast, code="H1", name="Trần Thị Sáu"):
    from danvan.people.models import Household

    return Household.objects.create(
        code=code, hamlet=cast.hamlet, commune=cast.commune, address="Ấp Phú Hòa", representative_name=name
    )


def _fields(exc):
    return {e.field: e.message for e in errors_of(exc)}


def test_income_and_spending_make_the_balance_and_spending_beyond_it_is_refused(cast):
    group = hoi_quan(cast)
    income(cast, group, 500_000)
    income(cast, group, 300_000, category="contribution", receipt_no="PT-02")
    spend(cast, group, 600_000)
    assert fund_balance(group) == {"income": 800_000, "spending": 600_000, "balance": 200_000}
    with pytest.raises(DomainError) as exc:
        spend(cast, group, 200_001, receipt_no="PC-02")
    assert "Quỹ chỉ còn 200.000 đ" in str(exc.value.message)
    assert FundEntry.objects.count() == 3
    spend(cast, group, 200_000, receipt_no="PC-02")
    assert fund_balance(group)["balance"] == 0


def test_bad_input_is_refused_whole_with_vietnamese_messages(cast):
    group = hoi_quan(cast)
    with pytest.raises(DomainError) as exc:
        services.fund_post(
            actor=cast.hoa,
            group=group,
            direction="income",
            category="",
            amount_vnd=-5,
            description="",
            receipt_no="",
            receipt_on=local_today() + dt.timedelta(days=1),
        )
    fields = _fields(exc.value)
    assert set(fields) == {"category", "amount_vnd", "description", "receipt_no", "receipt_on"}
    assert "số âm" in fields["amount_vnd"] and "sau hôm nay" in fields["receipt_on"]
    with pytest.raises(DomainError) as exc:
        income(cast, group, receipt_on=dt.date(2019, 1, 1))
    assert "trước ngày thành lập" in _fields(exc.value)["receipt_on"]
    assert not FundEntry.objects.exists() and not AuditEvent.objects.filter(action="fund.post").exists()


def test_a_receipt_file_is_checked_by_its_content(cast):
    group = hoi_quan(cast)
    fake = SimpleUploadedFile("phieu-thu.pdf", b"this is not a pdf at all", content_type="application/pdf")
    with pytest.raises(DomainError) as exc:
        income(cast, group, receipt_file=fake)
    assert "receipt_file" in _fields(exc.value)
    pdf = SimpleUploadedFile(
        "phieu-thu.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    )
    entry = income(cast, group, receipt_file=pdf)
    assert entry.receipt_file.name.endswith(".pdf")


def test_a_correction_is_a_reversing_entry_written_once_and_audited(cast):
    group = hoi_quan(cast)
    wrong = income(cast, group, 900_000)
    mirror = services.fund_reverse(actor=cast.hoa, entry=wrong, reason="Ghi nhầm số tiền")
    wrong.refresh_from_db()
    assert wrong.amount_vnd == 900_000 and mirror.amount_vnd == -900_000 and mirror.reverses == wrong
    assert mirror.receipt_on == local_today()
    assert fund_balance(group)["balance"] == 0
    for entry in (wrong, mirror):
        with pytest.raises(DomainError):
            services.fund_reverse(actor=cast.hoa, entry=entry, reason="Lần nữa")
    assert FundEntry.objects.count() == 2
    assert list(
        AuditEvent.objects.filter(action__startswith="fund.").order_by("pk").values_list("action", flat=True)
    ) == ["fund.post", "fund.reverse"]


def test_a_supervisor_cannot_write_the_fund(cast):
    group = hoi_quan(cast)
    with pytest.raises(DomainError):
        income(cast, group, actor=cast.thu)
    assert not FundEntry.objects.exists()


def test_officer_screens_post_show_and_correct_the_fund(client, cast):
    group = hoi_quan(cast)
    h = household(cast)
    client.force_login(cast.hoa)
    url = f"/can-bo/hoi-quan/{group.pk}/quy/"
    r = client.post(
        url,
        {
            "direction": "income",
            "category": "dues",
            "amount_vnd": "120000",
            "description": "Hội phí năm 2024",
            "household_code": "H1",
            "receipt_no": "PT-07",
            "receipt_on": "2024-03-01",
        },
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    entry = FundEntry.objects.get()
    assert entry.household == h and entry.party_name == "Trần Thị Sáu"
    r = client.post(
        url,
        {
            "direction": "spending",
            "amount_vnd": "500000",
            "description": "Mua loa",
            "receipt_no": "PC-1",
            "receipt_on": "2024-03-02",
        },
    )
    assert r.status_code == 400 and "Quỹ chỉ còn 120.000 đ" in r.content.decode()
    page = client.get(url).content.decode()
    assert "Hội phí năm 2024" in page and "120.000 đ" in page
    r = client.post(f"/can-bo/hoi-quan/{group.pk}/quy/{entry.pk}/dieu-chinh/", {"reason": "Trùng phiếu"})
    assert r.status_code == 302 and fund_balance(group)["balance"] == 0
    assert "Đã điều chỉnh" in client.get(url).content.decode()


def test_an_officer_of_another_commune_gets_404_and_a_reader_sees_no_form(client, cast):
    from danvan.access.models import RoleAssignment
    from danvan.access.roles import Role

    group = hoi_quan(cast)
    entry = income(cast, group)
    client.force_login(cast.thu)  # supervisor: reads
    page = client.get(f"/can-bo/hoi-quan/{group.pk}/quy/")
    assert page.status_code == 200 and "Ghi sổ quỹ" not in page.content.decode()
    assert client.post(f"/can-bo/hoi-quan/{group.pk}/quy/", {"direction": "income"}).status_code in (403, 404)
    assert client.get(f"/can-bo/hoi-quan/{group.pk}/quy/{entry.pk}/dieu-chinh/").status_code in (403, 404)
    from tests.cast import _user

    far = _user("xa-xa", "Cán bộ Tân Phú")
    RoleAssignment.objects.create(
        user=far, role=Role.MOBILISATION_OFFICER, unit=cast.far_commune, valid_from=dt.date(2019, 1, 1)
    )
    client.force_login(far)
    assert client.get(f"/can-bo/hoi-quan/{group.pk}/quy/").status_code == 404


def test_the_citizen_area_shows_my_groups_fund_and_contributions_only_to_a_member(client, cast):
    group = hoi_quan(cast)
    h = household(cast)
    other = household(cast, code="H2", name="Lê Văn Bảy")
    services.member_add(actor=cast.hoa, group=group, household=h, joined_on=DAY)
    income(cast, group, 250_000, household=h, description="Hội phí của hộ Sáu")
    cash(cast, contributor_kind="household", household=h, value=3_000_000)
    cast.binh.household = h
    cast.binh.save()
    client.force_login(cast.binh)
    page = client.get("/tai-khoan/").content.decode()
    assert "Hội quán, tổ nhóm của tôi" in page and group.name in page
    assert "Quỹ còn <strong>250.000 đ</strong>" in page and "Hội phí của hộ Sáu" in page
    assert "3.000.000 đ" in page
    cast.binh.household = other
    cast.binh.save()
    assert "Hội quán, tổ nhóm của tôi" not in client.get("/tai-khoan/").content.decode()


def test_a_member_who_left_no_longer_sees_the_section(client, cast):
    group = hoi_quan(cast)
    h = household(cast)
    member = services.member_add(actor=cast.hoa, group=group, household=h, joined_on=DAY)
    services.member_leave(actor=cast.hoa, member=member, left_on=dt.date(2024, 6, 1))
    cast.binh.household = h
    cast.binh.save()
    client.force_login(cast.binh)
    assert "Hội quán, tổ nhóm của tôi" not in client.get("/tai-khoan/").content.decode()


def test_the_fund_page_reads_in_a_bounded_number_of_queries(client, cast, django_assert_max_num_queries):
    group = hoi_quan(cast)
    for i in range(12):
        income(cast, group, 10_000 + i, receipt_no=f"PT-{i}")
    client.force_login(cast.hoa)
    with django_assert_max_num_queries(25):
        assert client.get(f"/can-bo/hoi-quan/{group.pk}/quy/").status_code == 200
