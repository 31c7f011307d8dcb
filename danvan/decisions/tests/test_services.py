import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.audit.models import AuditEvent
from danvan.core.errors import DomainError, errors_of
from danvan.decisions import services
from danvan.decisions.models import Channel, Decision, HouseholdVote, RollEntry, Status
from danvan.decisions.selectors import tally_of
from danvan.people.models import Household

from .helpers import ballots, citizen, decision, households, meeting, opened

pytestmark = pytest.mark.django_db


def test_the_flow_and_its_trail(cast):
    hh = households(cast, 30)
    d = opened(cast, "1")
    assert (d.status, d.households_total) == (Status.VOTING, 30)
    assert RollEntry.objects.filter(decision=d).count() == 30
    meeting(cast, d, hh[:25], yes=20)  # 20/30 = exactly 2/3
    d = services.voting_close(actor=cast.hoa, decision=d)
    assert (d.status, d.yes_count, d.required, d.counted_count) == (Status.PASSED, 20, 20, 25)
    assert d.rule_key == "decision.contribution_hamlet_approval" and "Điều 21" in d.rule_citation
    actions = list(
        AuditEvent.objects.filter(action__startswith="decision.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "decision.create",
        "decision.notice",
        "decision.documents",
        "decision.open",
        "decision.tally",
        "decision.close",
    ]


def test_the_denominator_is_all_households_not_those_present(cast):
    hh = households(cast, 30)
    d = opened(cast, "1")
    meeting(cast, d, hh[:20], yes=19)  # 19 of 20 present, but 19/30 < 2/3
    d = services.voting_close(actor=cast.hoa, decision=d)
    assert d.status == Status.NOT_PASSED and d.required == 20


def test_the_roll_is_the_registry_on_the_voting_day(cast):
    households(cast, 10)
    late = households(cast, 3, prefix="L")
    Household.objects.filter(pk__in=[h.pk for h in late]).update(
        created_at=dt.datetime(2026, 4, 1, tzinfo=dt.UTC)
    )
    households(cast, 4, hamlet=cast.other_hamlet)
    d = opened(cast, "4")
    assert d.households_total == 10
    with pytest.raises(DomainError, match="không thuộc danh sách"):
        meeting(cast, d, late, yes=3)


def test_meeting_and_ballot_add_up_to_one_result(cast):
    hh = households(cast, 40)
    d = opened(cast, "4", title="Bầu Trưởng ấp")
    meeting(cast, d, hh[:15], yes=12)
    ballots(cast, d, hh[15:30], yes=9)  # ballot after a meeting that fell short
    result = tally_of(d)
    assert (result.yes, result.counted, result.by_channel) == (21, 30, {"meeting": 15, "ballot": 15})
    d = services.voting_close(actor=cast.hoa, decision=d)
    assert (d.status, d.required) == (Status.PASSED, 21)  # 21 > 40/2


def test_items_3_to_5_need_a_meeting_before_a_ballot(cast):
    hh = households(cast, 10)
    d = opened(cast, "3")
    with pytest.raises(DomainError, match="phải được quyết định tại cuộc họp"):
        ballots(cast, d, hh[:5], yes=5)
    meeting(cast, d, hh[:4], yes=4)
    ballots(cast, d, hh[4:8], yes=3)  # the meeting fell short: the ballot may follow
    assert tally_of(d).counted == 8


def test_double_counting_across_channels_and_clusters_is_refused(cast):
    hh = households(cast, 200)
    d = opened(cast, "1")
    meeting(cast, d, hh[:100], yes=90, cluster="Cụm 1")
    with pytest.raises(DomainError, match="Chủ hộ H") as err:
        meeting(cast, d, hh[99:150], yes=40, cluster="Cụm 2")
    assert err.value.code == "conflict"
    with pytest.raises(DomainError, match="đã được tính"):
        ballots(cast, d, hh[50:60], yes=10)
    assert tally_of(d).counted == 100


def test_the_database_refuses_a_household_twice(cast):
    hh = households(cast, 5)
    d = opened(cast, "1")
    tally = meeting(cast, d, hh[:2], yes=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        HouseholdVote.objects.create(decision=d, household=hh[0], channel="online", choice="yes")
    with pytest.raises(IntegrityError), transaction.atomic():
        HouseholdVote.objects.create(decision=d, household=hh[1], channel="ballot", tally=tally)


def test_clusters_only_for_large_hamlets(cast):
    hh = households(cast, 50)
    d = opened(cast, "1")
    with pytest.raises(DomainError, match="họp theo cụm"):
        meeting(cast, d, hh[:10], yes=10, cluster="Cụm 1")


def test_the_counts_must_add_up_to_the_households_covered(cast):
    hh = households(cast, 10)
    d = opened(cast, "1")
    with pytest.raises(DomainError, match="Tổng số phiếu"):
        meeting(cast, d, hh[:5], yes=3, no=1)


def test_online_voting_only_for_item_6_and_after_the_poll(cast):
    hh = households(cast, 10)
    with pytest.raises(DomainError, match="nội dung 6"):
        services.online_poll_record(actor=cast.hoa, decision=decision(cast, "4"), yes=9)
    d = opened(cast, "4")
    with pytest.raises(DomainError, match="nội dung 6"):
        services.online_vote_cast(citizen=citizen(hh[0]), decision=d, choice="yes")
    # item 6 without an accepting poll: 5 of 10 is not > 50 %
    d6 = opened(cast, "6", poll_yes=5, title="Tổ chức ngày hội")
    assert not d6.online_accepted
    with pytest.raises(DomainError, match="Chưa được biểu quyết trực tuyến"):
        services.online_vote_cast(citizen=citizen(hh[1]), decision=d6, choice="yes")


def test_online_vote_once_per_household(cast):
    hh = households(cast, 10)
    d = opened(cast, "6", poll_yes=6, title="Tổ chức ngày hội")
    assert d.online_accepted
    a, b = citizen(hh[0]), citizen(hh[0], username="cd-second")
    services.online_vote_cast(citizen=a, decision=d, choice="yes")
    with pytest.raises(DomainError, match="đã được tính phiếu"):
        services.online_vote_cast(citizen=b, decision=d, choice="no")  # the same household, another member
    with pytest.raises(DomainError, match="đã được tính"):
        meeting(cast, d, hh[:3], yes=3)
    for h in hh[1:6]:
        services.online_vote_cast(citizen=citizen(h), decision=d, choice="yes")
    d = services.voting_close(actor=cast.hoa, decision=d)
    assert (d.status, d.yes_count, d.rule_key) == (Status.PASSED, 6, "decision.online_approval")


def test_an_unverified_citizen_or_one_without_household_cannot_vote(cast):
    hh = households(cast, 4)
    d = opened(cast, "6", poll_yes=3)
    c = citizen(hh[0])
    c.verified_at = None
    with pytest.raises(DomainError, match="xác minh"):
        services.online_vote_cast(citizen=c, decision=d, choice="yes")


def test_no_tally_after_close_and_no_writes_out_of_scope(cast):
    hh = households(cast, 4)
    d = opened(cast, "1")
    services.voting_close(actor=cast.hoa, decision=d)
    with pytest.raises(DomainError, match="tình trạng"):
        meeting(cast, d, hh[:1], yes=1)
    with pytest.raises(DomainError) as err:
        decision(cast, actor=cast.minh)  # a case officer holds no decisions.manage
    assert err.value.code == "forbidden"
    assert Decision.objects.count() == 1


def test_commune_scope_and_a_commune_chair_proposal_are_refused_for_now(cast):
    with pytest.raises(DomainError):
        decision(cast, scope="commune")
    with pytest.raises(DomainError, match="Điều 16"):
        decision(cast, proposer="commune_chair")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    plan=st.lists(
        st.tuples(st.sampled_from(["meeting", "ballot", "online"]), st.sampled_from(["yes", "no", "other"])),
        min_size=1,
        max_size=24,
    ),
    split=st.integers(min_value=1, max_value=4),
    data=st.data(),
)
def test_property_the_channels_add_up_and_no_household_counts_twice(cast, plan, split, data):
    Decision.objects.all().delete()
    Household.objects.all().delete()
    hh = households(cast, 30)
    d = opened(cast, "6", poll_yes=16)
    by_channel = {"meeting": [], "ballot": [], "online": []}
    for (channel, choice), h in zip(plan, hh, strict=False):
        by_channel[channel].append((h, choice))
    expected_yes = sum(1 for _, c in plan if c == "yes")
    for channel in ("meeting", "ballot"):
        rows = by_channel[channel]
        for i in range(split):  # several tallies (clusters, ballot rounds)
            part = rows[i::split]
            if not part:
                continue
            counts = {c: sum(1 for _, x in part if x == c) for c in ("yes", "no", "other")}
            helper = meeting if channel == "meeting" else ballots
            helper(cast, d, [h for h, _ in part], **counts)
    for h, choice in by_channel["online"]:
        services.online_vote_cast(citizen=citizen(h), decision=d, choice=choice)
    # a random household already counted, tried again through another channel, is refused
    counted = [h for h, _ in by_channel["meeting"] + by_channel["ballot"] + by_channel["online"]]
    again = data.draw(st.sampled_from(counted))
    with pytest.raises(DomainError):
        meeting(cast, d, [again], yes=1)
    result = tally_of(d)
    assert result.yes == expected_yes
    assert result.yes + result.no + result.other == result.counted == len(plan)
    assert sum(result.by_channel.values()) == len(plan)
    assert HouseholdVote.objects.filter(decision=d).values("household").distinct().count() == len(plan)
    assert all(Channel(c) for c in result.by_channel)


def test_a_decision_names_what_is_missing_or_too_long(cast):
    with pytest.raises(DomainError) as err:
        decision(cast, matter="9", title="", content=" ")
    assert {"matter", "title", "content"} <= {e.field for e in errors_of(err.value)}
    with pytest.raises(DomainError, match="255 ký tự"):
        decision(cast, title="Đ" * 256)
    assert Decision.objects.count() == 0
