import datetime as dt

import pytest

from danvan.communities import services
from danvan.communities.models import AssessmentLevel, ConsolidationAction, ConsolidationPlan
from danvan.core import indicators as ind
from danvan.core.errors import DomainError, errors_of
from danvan.core.formatting import local_today

from .helpers import hoi_quan

pytestmark = pytest.mark.django_db

ASSESSED = dt.date(2024, 4, 1)


def assess(cast, group, level="yeu", on=ASSESSED):
    return services.assessment_record(
        actor=cast.hoa,
        group=group,
        level=AssessmentLevel.objects.get(code=level),
        assessed_on=on,
        assessor=cast.commune,
    )


def weak_group_with_plan(cast, **group_extra):
    group = hoi_quan(cast, **group_extra)
    a = assess(cast, group)
    plan = services.plan_open(
        actor=cast.hoa,
        group=group,
        assessment=a,
        goal="Kiện toàn ban điều hành",
        opened_on=dt.date(2024, 4, 5),
    )
    return group, plan


def test_only_a_weak_assessment_gets_a_plan_and_only_one(cast):
    group = hoi_quan(cast)
    good = assess(cast, group, level="tot")
    with pytest.raises(DomainError) as exc:
        services.plan_open(actor=cast.hoa, group=group, assessment=good, goal="x", opened_on=ASSESSED)
    assert "không thuộc diện cần củng cố" in exc.value.message
    weak = assess(cast, group, on=dt.date(2024, 5, 1))
    services.plan_open(
        actor=cast.hoa, group=group, assessment=weak, goal="Củng cố", opened_on=dt.date(2024, 5, 2)
    )
    with pytest.raises(DomainError):
        services.plan_open(
            actor=cast.hoa, group=group, assessment=weak, goal="Lần hai", opened_on=dt.date(2024, 5, 2)
        )
    with pytest.raises(DomainError) as exc:
        services.plan_open(actor=cast.hoa, group=hoi_quan(cast, name="Khác"), assessment=weak, goal="x")
    assert ConsolidationPlan.objects.count() == 1


def test_actions_need_an_owner_and_a_due_date_and_close_with_a_note(cast):
    group, plan = weak_group_with_plan(cast)
    with pytest.raises(DomainError) as exc:
        services.plan_action_add(actor=cast.hoa, plan=plan, title="", due_on=dt.date(2024, 1, 1))
    fields = {e.field for e in errors_of(exc.value)}
    assert fields == {"title", "due_on", "owner_person"}
    a = services.plan_action_add(
        actor=cast.hoa,
        plan=plan,
        title="Bầu lại chủ nhiệm",
        due_on=dt.date(2024, 6, 30),
        owner_unit=cast.commune,
    )
    b = services.plan_action_add(
        actor=cast.hoa,
        plan=plan,
        title="Họp định kỳ hàng tháng",
        due_on=dt.date(2024, 5, 30),
        owner_person="Ông Tư",
    )
    assert a.is_overdue(dt.date(2024, 7, 1)) and not a.is_overdue(dt.date(2024, 6, 30))
    with pytest.raises(DomainError) as exc:
        services.plan_action_close(
            actor=cast.hoa, action=b, status="dropped", note="", closed_on=dt.date(2024, 6, 1)
        )
    assert "lý do" in exc.value.message
    services.plan_action_close(
        actor=cast.hoa, action=b, status="dropped", note="Gộp vào việc 1", closed_on=dt.date(2024, 6, 1)
    )
    plan.refresh_from_db()
    assert plan.completed_on is None  # a dropped action alone does not consolidate
    services.plan_action_close(
        actor=cast.hoa, action=a, status="done", note="Đã bầu ông Năm", closed_on=dt.date(2024, 6, 20)
    )
    plan.refresh_from_db()
    assert plan.completed_on == dt.date(2024, 6, 20)
    assert not a.is_overdue(dt.date(2030, 1, 1)) or ConsolidationAction.objects.get(pk=a.pk).status == "done"
    with pytest.raises(DomainError):
        services.plan_action_close(
            actor=cast.hoa, action=a, status="done", note="lại", closed_on=dt.date(2024, 6, 21)
        )


def test_the_indicator_counts_weak_groups_consolidated_in_the_period(cast):
    group, plan = weak_group_with_plan(cast)
    a = services.plan_action_add(
        actor=cast.hoa, plan=plan, title="Bầu lại", due_on=dt.date(2024, 6, 30), owner_person="Tư"
    )
    v = ind.compute(cast.district, dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    assert v["communities.groups_assessed_weak"] == 1 and v["communities.groups_consolidated"] == 0
    services.plan_action_close(
        actor=cast.hoa, action=a, status="done", note="Xong", closed_on=dt.date(2024, 6, 10)
    )
    assert (
        ind.compute(cast.district, dt.date(2024, 1, 1), dt.date(2024, 6, 30))[
            "communities.groups_consolidated"
        ]
        == 1
    )
    assert (
        ind.compute(cast.district, dt.date(2024, 7, 1), dt.date(2024, 12, 31))[
            "communities.groups_consolidated"
        ]
        == 0
    )
    assert (
        ind.compute(cast.far_commune, dt.date(2024, 1, 1), dt.date(2024, 6, 30))[
            "communities.groups_consolidated"
        ]
        == 0
    )


def test_the_board_lists_weak_groups_with_their_plan_and_overdue_actions(
    client, cast, django_assert_max_num_queries
):
    group, plan = weak_group_with_plan(cast)
    services.plan_action_add(
        actor=cast.hoa, plan=plan, title="Bầu lại", due_on=dt.date(2024, 6, 30), owner_person="Tư"
    )
    no_plan = hoi_quan(cast, name="Tổ tự quản Phú Lợi", home_unit=cast.other_hamlet)
    assess(cast, no_plan)
    good = hoi_quan(cast, name="Hội quán khá")
    assess(cast, good, level="yeu", on=dt.date(2023, 1, 1))
    assess(cast, good, level="kha")  # its latest assessment is no longer weak
    for i in range(5):
        g = hoi_quan(cast, name=f"Tổ yếu {i}")
        assess(cast, g)
    client.force_login(cast.hoa)
    with django_assert_max_num_queries(20):
        page = client.get("/can-bo/hoi-quan/cung-co/").content.decode()
    assert "Hội quán Phú Hòa" in page and "Tổ tự quản Phú Lợi" in page and "Hội quán khá" not in page
    assert "Chưa có kế hoạch" in page
    assert local_today() > dt.date(2024, 6, 30) and "<strong>1</strong>" in page  # the overdue action


def test_officer_screens_open_a_plan_add_and_close_actions(client, cast):
    group = hoi_quan(cast)
    assess(cast, group)
    client.force_login(cast.hoa)
    url = f"/can-bo/hoi-quan/{group.pk}/cung-co/"
    assert "Lập kế hoạch củng cố" in client.get(url).content.decode()
    r = client.post(url, {"do": "open", "goal": "Kiện toàn ban điều hành", "opened_on": "2024-04-05"})
    assert r.status_code == 302
    r = client.post(url, {"do": "action", "title": "Bầu lại", "due_on": "2024-06-30"})
    assert r.status_code == 400 and "Ghi đơn vị hoặc người phụ trách" in r.content.decode()
    r = client.post(
        url,
        {"do": "action", "title": "Bầu lại chủ nhiệm", "due_on": "2024-06-30", "owner_unit": cast.commune.pk},
    )
    assert r.status_code == 302
    action = ConsolidationAction.objects.get()
    r = client.post(
        url,
        {
            "do": "close",
            "action": action.pk,
            f"a{action.pk}-status": "done",
            f"a{action.pk}-note": "Đã bầu",
            f"a{action.pk}-closed_on": "2024-06-10",
        },
    )
    assert r.status_code == 302
    page = client.get(url).content.decode()
    assert "Đã củng cố xong ngày 10/06/2024" in page
    client.force_login(cast.thu)
    assert client.post(url, {"do": "open", "goal": "x", "opened_on": "2024-04-05"}).status_code in (403, 404)
