import datetime as dt

import pytest

from danvan.access.roles import Role
from danvan.audit.models import AuditEvent
from danvan.core.errors import DomainError
from danvan.decisions import commune, services, steps
from danvan.decisions.models import Decision, Scope, Status
from danvan.units.models import UnitKind
from danvan.units.services import unit_create
from tests.cast import EPOCH, _grant, _user

from .helpers import DAY, households, meeting

pytestmark = pytest.mark.django_db


def third_hamlet(cast, **extra):
    return unit_create(
        actor=None,
        code=extra.pop("code", "30025-03"),
        name=extra.pop("name", "Ấp Phú Thọ"),
        kind=UnitKind.HAMLET,
        parent=cast.commune,
        valid_from=extra.pop("valid_from", EPOCH),
        **extra,
    )


def whole(cast, matter="1", **extra):
    data = dict(
        matter=matter,
        commune=cast.commune,
        title="Bê tông hóa đường liên ấp toàn xã",
        content="Mỗi hộ góp 500.000 đồng; ngân sách xã hỗ trợ 50%.",
        voting_on=DAY,
    )
    data.update(extra)
    return commune.commune_decision_create(actor=cast.tuan, **data)


def noticed(cast, matter="1", **extra):
    d = whole(cast, matter, **extra)
    d = commune.commune_notice(actor=cast.tuan, decision=d, notice_on=DAY - dt.timedelta(days=3))
    if d.matter_info.documents_before:  # items 1–3: recorded once for the commune, it holds for every hamlet
        d = steps.documents_deliver(actor=cast.tuan, decision=d, delivered_on=DAY - dt.timedelta(days=3))
    return d


def run_part(cast, part, passes: bool, n=9):
    """Open, one meeting tally and close a noticed hamlet part: all present vote yes (or no)."""
    hh = households(cast, n, hamlet=part.unit, prefix=f"P{part.pk}-")
    part.refresh_from_db()
    part = services.voting_open(actor=cast.tuan, decision=part)
    meeting(cast, part, hh, yes=n if passes else 0)
    return services.voting_close(actor=cast.tuan, decision=part)


def parts_of(d):
    return list(d.parts.select_related("unit").order_by("unit__path"))


def test_one_part_per_hamlet_of_the_commune_on_the_voting_day(cast):
    third_hamlet(cast)
    third_hamlet(cast, code="30025-04", name="Ấp Mới", valid_from=DAY + dt.timedelta(days=1))  # not yet
    third_hamlet(
        cast, code="30025-05", name="Ấp Cũ", valid_to=DAY - dt.timedelta(days=1)
    )  # merged away before
    d = whole(cast)
    assert (d.scope, d.unit, d.status, d.hamlets_total) == (Scope.COMMUNE, cast.commune, Status.DRAFT, 3)
    parts = parts_of(d)
    assert [p.unit.name for p in parts] == ["Ấp Phú Hòa", "Ấp Phú Lợi", "Ấp Phú Thọ"]
    assert all(p.scope == Scope.HAMLET and p.status == Status.DRAFT and p.matter == "1" for p in parts)
    assert AuditEvent.objects.filter(action="decision.create_commune").count() == 1


@pytest.mark.parametrize(
    ("passing", "status"),
    [(2, Status.PASSED), (1, Status.NOT_PASSED)],  # exactly 2/3 of 3 hamlets; one hamlet below
)
def test_commune_wide_items_1_2_pass_at_two_thirds_of_all_hamlets(cast, passing, status):
    third_hamlet(cast)
    d = noticed(cast)
    for n, part in enumerate(parts_of(d)):
        run_part(cast, part, passes=n < passing)
    d = commune.commune_close(actor=cast.tuan, decision=d)
    assert (d.status, d.hamlets_passed, d.hamlets_total, d.required) == (status, passing, 3, 2)
    assert d.rule_key == "decision.contribution_commune_approval" and "Điều 21" in d.rule_citation


def test_each_hamlet_is_decided_by_the_hamlet_rule(cast):
    d = noticed(cast)
    part = parts_of(d)[0]
    hh = households(cast, 30, hamlet=part.unit)
    services.voting_open(actor=cast.tuan, decision=part)
    meeting(cast, part, hh[:25], yes=19)  # 19/30 < 2/3 of the hamlet's households
    part = services.voting_close(actor=cast.tuan, decision=part)
    assert (part.status, part.required, part.rule_key) == (
        Status.NOT_PASSED,
        20,
        "decision.contribution_hamlet_approval",
    )


def test_close_waits_while_the_pending_hamlets_can_change_the_result(cast):
    third_hamlet(cast)
    d = noticed(cast)
    first, second, third = parts_of(d)
    run_part(cast, first, passes=True)
    with pytest.raises(DomainError, match="Còn 2 thôn"):
        commune.commune_close(actor=cast.tuan, decision=d)
    run_part(cast, second, passes=True)  # 2 of 3 passed: the third cannot change the result
    d = commune.commune_close(actor=cast.tuan, decision=d)
    assert (d.status, d.hamlets_passed) == (Status.PASSED, 2)
    result = commune.commune_result(d)
    assert [p.unit_id for p in result.pending] == [third.unit_id]


def test_commune_wide_items_3_to_6_stand_hamlet_by_hamlet(cast):
    d = noticed(cast, "6", title="Ngày hội đại đoàn kết toàn xã", content="Chọn ngày tổ chức chung.")
    assert commune.commune_result(d).threshold is None
    first, second = parts_of(d)
    run_part(cast, first, passes=True)
    with pytest.raises(DomainError, match="Còn 1 thôn"):
        commune.commune_close(actor=cast.tuan, decision=d)
    run_part(cast, second, passes=False)
    d = commune.commune_close(actor=cast.tuan, decision=d)
    assert (d.status, d.hamlets_passed, d.required, d.rule_key) == (
        Status.TALLIED,
        1,
        None,
        "decision.community_approval",
    )


def test_notice_and_open_run_every_hamlet_part(cast):
    households(cast, 5)  # Ấp Phú Lợi has no household yet: it cannot open
    d = whole(cast)
    d = commune.commune_notice(actor=cast.tuan, decision=d, notice_on=DAY - dt.timedelta(days=3))
    assert {p.status for p in d.parts.all()} == {Status.NOTICE}
    d, skipped = commune.commune_open(actor=cast.tuan, decision=d)
    assert d.status == Status.NOTICE and sorted(skipped) == ["Ấp Phú Hòa", "Ấp Phú Lợi"]  # no documents yet
    d = steps.documents_deliver(actor=cast.tuan, decision=d, delivered_on=DAY - dt.timedelta(days=2))
    assert {p.documents_delivered_on for p in d.parts.all()} == {DAY - dt.timedelta(days=2)}
    d, skipped = commune.commune_open(actor=cast.tuan, decision=d)
    assert d.status == Status.VOTING and skipped == ["Ấp Phú Lợi"]
    statuses = dict(d.parts.values_list("unit__name", "status"))
    assert statuses == {"Ấp Phú Hòa": Status.VOTING, "Ấp Phú Lợi": Status.NOTICE}


def test_refusals(cast):
    with pytest.raises(DomainError, match="Chủ tịch UBND xã"):
        whole(cast, proposer="hamlet_head")
    with pytest.raises(DomainError, match="Chọn xã"):
        whole(cast, commune=cast.hamlet)
    with pytest.raises(DomainError, match="không có quyền"):
        commune.commune_decision_create(
            actor=cast.thu,
            matter="1",
            commune=cast.commune,
            title="T",
            content="C",
            voting_on=DAY,
        )
    with pytest.raises(DomainError, match="Việc toàn xã"):
        services.decision_create(
            actor=cast.tuan,
            matter="1",
            unit=cast.hamlet,
            title="T",
            content="C",
            proposer="hamlet_head",
            voting_on=DAY,
            scope="commune",
        )
    d = whole(cast)
    d = services.decision_notice(actor=cast.tuan, decision=d, notice_on=DAY - dt.timedelta(days=3))
    with pytest.raises(DomainError, match="từng thôn"):
        services.voting_open(actor=cast.tuan, decision=d)
    assert Decision.objects.filter(scope=Scope.COMMUNE).count() == 1


# ----------------------------------------------------------------------------------------------- views


def sign_in(client, user, unit):
    client.force_login(user)
    client.get("/can-bo/", {"don-vi": unit.code})


def test_officer_creates_a_commune_wide_decision_and_reads_the_result(client, cast):
    sign_in(client, cast.tuan, cast.commune)
    r = client.post(
        "/can-bo/lay-y-kien/toan-xa/them/",
        {"matter": "1", "title": "Đường liên ấp", "content": "Mỗi hộ góp 500.000 đồng.", "voting_on": DAY},
    )
    d = Decision.objects.get(scope=Scope.COMMUNE)
    assert r.status_code == 302 and r["Location"].endswith(f"/can-bo/lay-y-kien/toan-xa/{d.pk}/")
    assert client.get(f"/can-bo/lay-y-kien/{d.pk}/")["Location"].endswith(f"/toan-xa/{d.pk}/")
    before = (DAY - dt.timedelta(days=3)).isoformat()
    client.post(f"/can-bo/lay-y-kien/toan-xa/{d.pk}/thong-bao/", {"notice_on": before})
    page = client.get(f"/can-bo/lay-y-kien/toan-xa/{d.pk}/").content.decode()
    assert f"/can-bo/lay-y-kien/{d.pk}/buoc/gui-tai-lieu/" in page  # items 1–2: documents before the vote
    r = client.post(f"/can-bo/lay-y-kien/{d.pk}/buoc/gui-tai-lieu/", {"delivered_on": before})
    assert r.status_code == 302
    assert set(d.parts.values_list("documents_delivered_on", flat=True)) == {DAY - dt.timedelta(days=3)}
    first, second = parts_of(d)
    run_part(cast, first, passes=True)
    page = client.get(f"/can-bo/lay-y-kien/toan-xa/{d.pk}/").content.decode()
    assert "Cần ít nhất 2 trên 2 thôn" in page and "Điều 21" in page and "9/9 hộ" in page
    r = client.post(f"/can-bo/lay-y-kien/toan-xa/{d.pk}/ket-thuc/", follow=True)
    assert "Còn 1 thôn" in r.content.decode()
    run_part(cast, second, passes=False)
    client.post(f"/can-bo/lay-y-kien/toan-xa/{d.pk}/ket-thuc/")
    d.refresh_from_db()
    assert d.status == Status.NOT_PASSED
    public = client.get(f"/lay-y-kien/{d.pk}/", follow=True).content.decode()
    assert "Không được thông qua" in public and "Ấp Phú Lợi" in public
    listing = client.get("/lay-y-kien/").content.decode()
    assert "1/2 thôn thông qua" in listing


def test_an_officer_of_another_commune_gets_404(client, cast):
    d = whole(cast)
    other = _grant(_user("an", "Trần Thị An"), Role.LEADER, cast.sibling_commune)
    sign_in(client, other, cast.sibling_commune)
    assert client.get(f"/can-bo/lay-y-kien/toan-xa/{d.pk}/").status_code == 404
    assert client.post(f"/can-bo/lay-y-kien/toan-xa/{d.pk}/ket-thuc/").status_code == 404
    assert client.get(f"/lay-y-kien/toan-xa/{d.pk}/").status_code == 404  # a draft is not public


def test_a_commune_wide_decision_has_its_minutes_through_its_hamlets(cast):
    """Its hamlet parts send their own minutes (and are warned about them); the whole has none of its own."""
    from danvan.decisions.models import Decision

    d = noticed(cast)
    d, _ = commune.commune_open(actor=cast.tuan, decision=d)
    for part in parts_of(d):
        run_part(cast, part, passes=True)
    d = commune.commune_close(actor=cast.tuan, decision=d)
    assert d.status == Status.PASSED
    with pytest.raises(DomainError, match="từng thôn"):
        steps.minutes_send(actor=cast.tuan, decision=d, sent_on=DAY)
    from danvan.core.formatting import local_today

    warned = steps.step_sweep(today=local_today() + dt.timedelta(days=30))  # the parts closed today
    assert warned == len(parts_of(d))  # the parts, not the whole
    assert Decision.objects.get(pk=d.pk).step_warned_on is None
