import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from danvan.access.roles import Role
from danvan.core.errors import DomainError, DomainErrors
from danvan.core.formatting import local_today
from danvan.decisions import initiatives
from danvan.decisions.models import (
    Decision,
    Initiative,
    InitiativeConsent,
    InitiativeStatus,
    Proposer,
    Status,
)
from danvan.notifications.models import Notification
from tests.cast import _grant, _user

from .helpers import DAY, citizen, households

pytestmark = pytest.mark.django_db


def propose(hh, **extra):
    data = dict(matter="6", title="Lắp đèn đường tổ 3", content="Mỗi hộ góp 100.000 đồng lắp 10 bóng đèn.")
    data.update(extra)
    return initiatives.initiative_propose(citizen=citizen(hh), **data)


def test_the_proposer_household_is_the_first_consent(cast):
    hh = households(cast, 30)
    i = propose(hh[0])
    assert (i.hamlet, i.commune, i.status, i.proposed_on) == (
        cast.hamlet,
        cast.commune,
        InitiativeStatus.COLLECTING,
        local_today(),
    )
    consent = i.consents.get()
    assert consent.household == hh[0]
    assert consent.valid_until > consent.given_on + dt.timedelta(days=85)  # 3 months, from the rulebook
    s = initiatives.standing(i)
    assert (s.consents, s.households, s.required, s.reached) == (1, 30, 3, False)


def test_reaches_the_community_at_exactly_ten_percent_and_notifies_the_officers(cast):
    hh = households(cast, 20)  # 10 % of 20 = 2
    i = propose(hh[0])
    assert not Notification.objects.exists()  # 1 of 20 is below
    initiatives.initiative_consent(citizen=citizen(hh[1]), initiative=i)
    i.refresh_from_db()
    assert (i.status, i.consents_at_reach, i.households_at_reach) == (InitiativeStatus.REACHED, 2, 20)
    notified = set(Notification.objects.values_list("user__username", flat=True))
    assert {"tuan", "hoa"} <= notified and "son" not in notified and "thu" not in notified
    with pytest.raises(DomainError, match="không còn lấy ý kiến"):
        initiatives.initiative_consent(citizen=citizen(hh[2]), initiative=i)


def test_one_consent_per_household(cast):
    hh = households(cast, 30)
    i = propose(hh[0])
    initiatives.initiative_consent(citizen=citizen(hh[1]), initiative=i)
    second_member = citizen(hh[1], username="con-cua-ho")
    with pytest.raises(DomainError, match="đã đồng thuận sáng kiến này ngày"):
        initiatives.initiative_consent(citizen=second_member, initiative=i)
    with pytest.raises(IntegrityError), transaction.atomic():
        InitiativeConsent.objects.create(
            initiative=i, household=hh[1], given_on=local_today(), valid_until=local_today()
        )
    assert i.consents.count() == 2


def test_expired_consents_do_not_count_and_may_be_given_again(cast):
    hh = households(cast, 30)
    i = propose(hh[0])
    initiatives.initiative_consent(citizen=citizen(hh[1]), initiative=i)
    today = local_today()
    InitiativeConsent.objects.filter(household=hh[1]).update(
        given_on=today - dt.timedelta(days=120), valid_until=today - dt.timedelta(days=28)
    )
    assert initiatives.standing(i).consents == 1
    initiatives.initiative_consent(citizen=citizen(hh[1], username="lai"), initiative=i)
    assert initiatives.standing(i).consents == 2
    assert i.consents.count() == 2  # renewed, not a second row


def test_only_verified_citizens_of_the_hamlet_consent(cast):
    hh = households(cast, 30)
    other = households(cast, 5, hamlet=cast.other_hamlet, prefix="O")
    i = propose(hh[0])
    with pytest.raises(DomainError, match="thôn, tổ dân phố nơi có sáng kiến"):
        initiatives.initiative_consent(citizen=citizen(other[0]), initiative=i)
    unverified = citizen(hh[2])
    unverified.verified_at = None
    unverified.save()
    with pytest.raises(DomainError, match="xác minh"):
        initiatives.initiative_consent(citizen=unverified, initiative=i)
    with pytest.raises(DomainError, match="công dân"):
        initiatives.initiative_consent(citizen=cast.tuan, initiative=i)
    with pytest.raises(DomainErrors) as exc:
        propose(hh[3], matter="9", title="", content="")
    assert {e.field for e in exc.value.errors} == {"matter", "title", "content"}


def test_officer_records_written_consents_by_household_code(cast):
    hh = households(cast, 20)
    i = propose(hh[0])
    with pytest.raises(DomainError, match="Không có hộ mã"):
        initiatives.initiative_consents_record(
            actor=cast.tuan, initiative=i, household_codes=["KHONG-CO"], given_on=local_today()
        )
    with pytest.raises(DomainError, match="đã đồng thuận"):
        initiatives.initiative_consents_record(
            actor=cast.tuan, initiative=i, household_codes=[hh[0].code], given_on=local_today()
        )
    with pytest.raises(DomainError, match="không có quyền"):
        initiatives.initiative_consents_record(
            actor=cast.thu, initiative=i, household_codes=[hh[1].code], given_on=local_today()
        )
    n = initiatives.initiative_consents_record(
        actor=cast.tuan, initiative=i, household_codes=[hh[1].code, hh[2].code], given_on=local_today()
    )
    i.refresh_from_db()
    assert (n, i.status) == (2, InitiativeStatus.REACHED)


def test_below_ten_percent_only_with_the_front_committee_approval_then_a_draft(cast):
    hh = households(cast, 50)
    i = propose(hh[0])
    with pytest.raises(DomainError, match="đã đủ số hộ đồng thuận"):
        initiatives.initiative_to_decision(actor=cast.tuan, initiative=i, voting_on=DAY)
    with pytest.raises(DomainError, match="lý do"):
        initiatives.initiative_approve(actor=cast.tuan, initiative=i, reason="  ")
    i = initiatives.initiative_approve(
        actor=cast.tuan, initiative=i, reason="Việc cấp bách về an toàn giao thông."
    )
    assert (i.status, i.consents_at_reach, i.households_at_reach) == (InitiativeStatus.APPROVED, 1, 50)
    d = initiatives.initiative_to_decision(actor=cast.tuan, initiative=i, voting_on=DAY)
    assert (d.status, d.proposer, d.unit, d.matter, d.title) == (
        Status.DRAFT,
        Proposer.INITIATIVE,
        cast.hamlet,
        "6",
        i.title,
    )
    i.refresh_from_db()
    assert (i.status, i.decision) == (InitiativeStatus.DRAFTED, d)


def test_reached_notices_are_closed_when_the_draft_is_made(cast):
    hh = households(cast, 10)
    i = propose(hh[0])  # 1 of 10 = 10 %: reached at once
    i.refresh_from_db()
    assert i.status == InitiativeStatus.REACHED
    assert Notification.objects.filter(done_at__isnull=True).exists()
    initiatives.initiative_to_decision(actor=cast.tuan, initiative=i, voting_on=DAY)
    assert not Notification.objects.filter(done_at__isnull=True).exists()
    assert Decision.objects.count() == 1


# ----------------------------------------------------------------------------------------------- views


def sign_in(client, user, unit):
    client.force_login(user)
    client.get("/can-bo/", {"don-vi": unit.code})


def test_citizen_proposes_and_another_household_consents_in_the_area(client, cast):
    hh = households(cast, 30)
    me = citizen(hh[0])
    client.force_login(me)
    home = client.get("/tai-khoan/").content.decode()
    assert "Sáng kiến của công dân" in home
    r = client.post("/tai-khoan/sang-kien/them/", {"matter": "6", "title": "", "content": ""})
    assert r.status_code == 200 and "Nhập tiêu đề sáng kiến." in r.content.decode()
    r = client.post(
        "/tai-khoan/sang-kien/them/",
        {"matter": "6", "title": "Lắp đèn đường tổ 3", "content": "Mỗi hộ góp 100.000 đồng."},
    )
    i = Initiative.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"/tai-khoan/sang-kien/{i.pk}/")
    page = client.get(f"/tai-khoan/sang-kien/{i.pk}/").content.decode()
    assert "Hộ của bạn đã đồng thuận" in page and "1 trên 30 hộ" in page
    neighbour = citizen(hh[1])
    client.force_login(neighbour)
    assert "Lắp đèn đường tổ 3" in client.get("/tai-khoan/sang-kien/").content.decode()
    client.post(f"/tai-khoan/sang-kien/{i.pk}/")
    r = client.post(f"/tai-khoan/sang-kien/{i.pk}/", follow=True)
    assert "mỗi hộ chỉ đồng thuận một lần" in r.content.decode()
    assert i.consents.count() == 2


def test_a_citizen_of_another_hamlet_cannot_see_or_consent(client, cast):
    hh = households(cast, 30)
    other = households(cast, 5, hamlet=cast.other_hamlet, prefix="O")
    i = propose(hh[0])
    client.force_login(citizen(other[0]))
    assert client.get(f"/tai-khoan/sang-kien/{i.pk}/").status_code == 404
    assert client.post(f"/tai-khoan/sang-kien/{i.pk}/").status_code == 404
    assert i.title not in client.get("/tai-khoan/sang-kien/").content.decode()
    assert i.consents.count() == 1


def test_officer_pages_are_scoped_and_act_through_the_services(client, cast):
    hh = households(cast, 50)
    i = propose(hh[0])
    sign_in(client, cast.tuan, cast.commune)
    listing = client.get("/can-bo/lay-y-kien/sang-kien/").content.decode()
    assert i.title in listing and "1/50 hộ" in listing
    r = client.post(f"/can-bo/lay-y-kien/sang-kien/{i.pk}/mttq-dong-y/", {"reason": ""})
    assert r.status_code == 200 and "Nhập lý do." in r.content.decode()
    r = client.post(
        f"/can-bo/lay-y-kien/sang-kien/{i.pk}/dong-thuan/",
        {"households": f"{hh[1].code}, {hh[2].code}", "given_on": local_today().isoformat()},
    )
    assert r.status_code == 302 and i.consents.count() == 3
    client.post(f"/can-bo/lay-y-kien/sang-kien/{i.pk}/mttq-dong-y/", {"reason": "Việc cấp bách."})
    r = client.post(f"/can-bo/lay-y-kien/sang-kien/{i.pk}/lap-du-thao/", {"voting_on": DAY.isoformat()})
    d = Decision.objects.get()
    assert r["Location"].endswith(f"/can-bo/lay-y-kien/{d.pk}/") and d.proposer == Proposer.INITIATIVE
    stranger = _grant(_user("an", "Trần Thị An"), Role.LEADER, cast.sibling_commune)
    sign_in(client, stranger, cast.sibling_commune)
    assert client.get(f"/can-bo/lay-y-kien/sang-kien/{i.pk}/").status_code == 404
    assert (
        client.post(f"/can-bo/lay-y-kien/sang-kien/{i.pk}/mttq-dong-y/", {"reason": "x"}).status_code == 404
    )
    assert i.title not in client.get("/can-bo/lay-y-kien/sang-kien/").content.decode()


def test_lists_are_paged_with_bounded_queries(client, cast, django_assert_max_num_queries):
    hh = households(cast, 40)
    for n in range(25):
        propose(hh[n], title=f"Sáng kiến {n}")
    sign_in(client, cast.tuan, cast.commune)
    with django_assert_max_num_queries(20):
        r = client.get("/can-bo/lay-y-kien/sang-kien/")
    assert r.content.decode().count("/can-bo/lay-y-kien/sang-kien/") >= 25
    with django_assert_max_num_queries(8):
        r = client.get("/lay-y-kien/sang-kien/")
    page = r.content.decode()
    assert (
        page.count('<td data-label="Tiêu đề">') == 20
        and "Sáng kiến 24" in page
        and "Sáng kiến 4<" not in page
    )


def test_public_list_and_api_give_counts_only(client, cast):
    hh = households(cast, 30)
    i = propose(hh[0])
    initiatives.initiative_consent(citizen=citizen(hh[1]), initiative=i)
    page = client.get("/lay-y-kien/sang-kien/", {"thon": cast.hamlet.code}).content.decode()
    assert i.title in page and "2/30 hộ" in page and hh[0].representative_name not in page
    assert client.get("/lay-y-kien/sang-kien/", {"thon": "khong-co"}).status_code == 404
    r = client.get("/api/v1/decisions/initiatives", {"hamlet": cast.hamlet.code})
    assert r.status_code == 200
    assert r.json() == [
        {
            "id": i.pk,
            "title": i.title,
            "matter": "6",
            "status": "collecting",
            "proposed_on": local_today().isoformat(),
            "consents": 2,
            "households": 30,
            "required": 3,
        }
    ]
    assert client.get("/api/v1/decisions/initiatives", {"hamlet": cast.other_hamlet.code}).json() == []
    assert client.get("/api/v1/decisions/initiatives", {"hamlet": "x"}).status_code == 404
    assert client.get("/api/v1/decisions/initiatives").status_code == 400
    assert "/api/v1/decisions/initiatives" in client.get("/api/v1/openapi.json").json()["paths"]
