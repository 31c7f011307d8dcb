import datetime as dt

import pytest

from danvan.audit.models import AuditEvent
from danvan.communities import services
from danvan.communities.models import Contribution, Group, GroupKind, Member, Position

from .helpers import DAY, cash, hoi_quan, project

pytestmark = pytest.mark.django_db


def test_reference_data_is_seeded():
    assert GroupKind.objects.filter(code="hoi-quan").exists()
    from danvan.communities.models import AssessmentLevel, Criterion

    assert list(AssessmentLevel.objects.values_list("name", flat=True)) == ["Tốt", "Khá", "Trung bình", "Yếu"]
    assert Criterion.objects.filter(number=2, name="Giao thông").exists()


def test_a_group_is_stamped_with_its_commune_and_province(cast):
    group = hoi_quan(cast)
    assert group.commune == cast.commune and group.province == cast.province
    assert AuditEvent.objects.filter(action="group.create", object_id=str(group.pk)).exists()


def test_a_group_needs_a_hamlet_or_a_commune(cast):
    with pytest.raises(services.DomainError) as exc:
        hoi_quan(cast, unit=cast.district, name="")
    fields = {e.field for e in exc.value.errors}
    assert fields == {"name", "home_unit"}
    assert not Group.objects.exists()


def test_a_member_twice_on_the_board_is_refused(cast):
    group = hoi_quan(cast)
    tu = services.member_add(
        actor=cast.hoa, group=group, full_name="Nguyễn Văn Tư", joined_on=dt.date(2020, 5, 1)
    )
    services.board_add(
        actor=cast.hoa, group=group, member=tu, position=Position.HEAD, term_from=dt.date(2020, 5, 1)
    )
    with pytest.raises(services.DomainError) as exc:
        services.board_add(
            actor=cast.hoa, group=group, member=tu, position=Position.TREASURER, term_from=dt.date(2021, 1, 1)
        )
    assert "đã có trong ban điều hành" in exc.value.message and exc.value.field == "member"
    assert group.board.count() == 1


def test_a_member_of_another_group_cannot_sit_on_the_board(cast):
    group = hoi_quan(cast)
    other = hoi_quan(cast, name="Tổ tự quản Phú Lợi", home_unit=cast.other_hamlet)
    ba = services.member_add(
        actor=cast.hoa, group=other, full_name="Lê Văn Ba", joined_on=dt.date(2021, 1, 1)
    )
    with pytest.raises(services.DomainError):
        services.board_add(actor=cast.hoa, group=group, member=ba, position=Position.DEPUTY, term_from=DAY)


def test_meeting_rules(cast):
    group = hoi_quan(cast)
    with pytest.raises(services.DomainError) as exc:
        services.meeting_record(
            actor=cast.hoa, group=group, held_on=dt.date(2019, 1, 1), topic="", attendance=0
        )
    assert {e.field for e in exc.value.errors} == {"held_on", "topic", "attendance"}
    m = services.meeting_record(
        actor=cast.hoa, group=group, held_on=DAY, topic="Lịch xuống giống", attendance=40
    )
    assert m.attendance == 40


def test_a_negative_amount_is_refused_and_nothing_is_stored(cast):
    p = project(cast)
    with pytest.raises(services.DomainError) as exc:
        cash(cast, p, value=-5)
    assert exc.value.message == "Giá trị đóng góp không được là số âm." and exc.value.field == "value_vnd"
    assert not Contribution.objects.exists()
    assert not AuditEvent.objects.filter(action="contribution.post").exists()


def test_a_contribution_to_a_closed_project_is_refused(cast):
    p = project(cast)
    services.project_update(actor=cast.hoa, project=p, status="completed", completed_on=DAY)
    with pytest.raises(services.DomainError) as exc:
        cash(cast, p)
    assert "không nhận thêm đóng góp" in exc.value.message
    assert not Contribution.objects.exists()


def test_land_without_an_area_is_refused(cast):
    p = project(cast)
    with pytest.raises(services.DomainError) as exc:
        cash(cast, p, kind="land", value=0)
    assert exc.value.field == "quantity" and "diện tích" in exc.value.message
    entry = cash(cast, p, kind="land", value=0, quantity=120)
    assert entry.quantity == 120 and entry.quantity_unit == "m²"


def test_non_cash_value_needs_its_basis(cast):
    p = project(cast)
    with pytest.raises(services.DomainError) as exc:
        cash(cast, p, kind="labour", quantity=5, value=1_000_000)
    assert exc.value.field == "value_basis"
    entry = cash(cast, p, kind="labour", quantity=5, value=1_000_000, value_basis="200.000 đ một ngày công")
    assert entry.quantity_unit == "ngày công"


def test_contributions_are_stamped_and_sourced(cast):
    p = project(cast)
    e = cash(cast, p, contributor_kind="business", contributor_name="Công ty TNHH Tân Phát")
    assert (e.commune, e.province, e.source) == (cast.commune, cast.province, "sponsors")
    anon = cash(cast, p, contributor_kind="anonymous", contributor_name="Bà Tám", consent_named=True)
    assert anon.contributor_name == "" and not anon.consent_named


def test_reversing_an_entry_writes_its_mirror_and_never_edits_it(cast):
    p = project(cast)
    entry = cash(
        cast,
        p,
        value=2_500_000,
        kind="materials",
        quantity=50,
        quantity_unit="bao xi măng",
        value_basis="50.000 đ một bao",
    )
    mirror = services.contribution_reverse(actor=cast.tuan, entry=entry, reason="Ghi nhầm số bao")
    entry.refresh_from_db()
    assert entry.value_vnd == 2_500_000 and entry.quantity == 50
    assert mirror.value_vnd == -2_500_000 and mirror.quantity == -50 and mirror.reverses == entry
    assert (mirror.commune, mirror.province, mirror.project) == (entry.commune, entry.province, entry.project)
    assert AuditEvent.objects.filter(action="contribution.reverse", object_id=str(entry.pk)).exists()
    with pytest.raises(services.DomainError):
        services.contribution_reverse(actor=cast.tuan, entry=entry, reason="lần hai")
    with pytest.raises(services.DomainError):
        services.contribution_reverse(actor=cast.tuan, entry=mirror, reason="đảo của đảo")
    assert Contribution.objects.count() == 2


def test_a_closed_projects_entry_can_still_be_reversed(cast):
    p = project(cast)
    entry = cash(cast, p)
    services.project_update(actor=cast.hoa, project=p, status="completed", completed_on=DAY)
    services.contribution_reverse(actor=cast.tuan, entry=entry, reason="Trùng biên nhận")


def test_a_group_becomes_a_cooperative(cast):
    group = hoi_quan(cast)
    with pytest.raises(services.DomainError):
        services.group_set_status(actor=cast.hoa, group=group, status="cooperative", on=DAY)
    coop = hoi_quan(cast, name="Hợp tác xã Phú Hòa", kind=GroupKind.objects.get(code="hop-tac-xa"))
    services.group_set_status(actor=cast.hoa, group=group, status="cooperative", on=DAY, successor=coop)
    group.refresh_from_db()
    assert group.successor == coop and list(coop.predecessors.all()) == [group]


def test_member_from_a_household_takes_its_representatives_name(cast):
    from danvan.people.models import Household

    h = Household.objects.create(
        code="H1",
        hamlet=cast.hamlet,
        commune=cast.commune,
        address="Ấp Phú Hòa",
        representative_name="Trần Thị Sáu",
    )
    group = hoi_quan(cast)
    m = services.member_add(actor=cast.hoa, group=group, household=h, joined_on=DAY)
    assert m.full_name == "Trần Thị Sáu"
    with pytest.raises(services.DomainError):
        services.member_add(actor=cast.hoa, group=group, household=h, joined_on=DAY)
    assert Member.objects.count() == 1


def test_every_write_checks_the_actors_permission_in_the_service(cast):
    """The views and the API fetch through `access_*`; the services refuse by themselves too, so no caller
    writes a group, a project or a ledger entry where its actor may not (a supervisor only reads)."""
    from danvan.core.errors import DomainError

    group = hoi_quan(cast)
    work = project(cast)
    entry = cash(cast, project=work)
    attempts = [
        lambda: services.group_create(
            actor=cast.thu,
            name="Hội quán mới",
            kind=group.kind,
            home_unit=cast.hamlet,
            founded_on=dt.date(2021, 1, 1),
        ),
        lambda: services.meeting_record(
            actor=cast.minh, group=group, held_on=DAY, topic="Sinh hoạt định kỳ", attendance=10
        ),
        lambda: services.contribution_post(
            actor=cast.thu,
            project=work,
            contributor_kind="person",
            contributor_name="Nguyễn Văn Tư",
            kind="cash",
            value_vnd=500_000,
            on=DAY,
        ),
        lambda: services.contribution_reverse(actor=cast.minh, entry=entry, reason="Ghi nhầm"),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError, match="Bạn không có quyền"):
            attempt()
    assert group.meetings.count() == 0 and work.contributions.count() == 1
