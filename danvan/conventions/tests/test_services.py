import datetime as dt

import pytest
from django.utils import timezone

from danvan.audit.models import AuditEvent
from danvan.conventions import services
from danvan.conventions.access import access_convention
from danvan.conventions.models import Comment, Status, VersionStatus
from danvan.core.errors import DomainError, NotFoundOrForbidden
from danvan.decisions import services as decision_services
from danvan.decisions import steps
from danvan.decisions.models import Decision
from danvan.decisions.tests.helpers import ballots, citizen
from tests.cast import _grant, _user

from .helpers import DAY, commented, drafted, households, in_comment_now, meeting, recognised, voting

pytestmark = pytest.mark.django_db


def test_create_starts_a_first_version_in_drafting(cast):
    c = drafted(cast)
    assert (c.status, c.commune, c.kind) == (Status.DRAFTING, cast.commune, "huong_uoc")
    v = c.latest
    assert (v.number, v.status) == (1, VersionStatus.DRAFTING)
    assert list(v.articles.values_list("number", "heading")) == [(1, "Tiêu đề 1"), (2, "Tiêu đề 2")]
    assert AuditEvent.objects.filter(action="convention.create").count() == 1


def test_create_refuses_a_commune_and_missing_title(cast):
    with pytest.raises(DomainError) as e:
        services.convention_create(actor=cast.hoa, hamlet=cast.commune, title=" ")
    fields = {x.field for x in e.value.errors} if hasattr(e.value, "errors") else {e.value.field}
    assert {"hamlet", "title"} <= fields


def test_create_refused_without_the_permission(cast):
    with pytest.raises(DomainError, match="không có quyền"):
        services.convention_create(actor=cast.lan, hamlet=cast.hamlet, title="Hương ước")


def test_deleting_an_article_renumbers_the_rest(cast):
    c = drafted(cast, articles=3)
    first = c.latest.articles.get(number=1)
    services.article_delete(actor=cast.hoa, article=first)
    assert list(c.latest.articles.values_list("number", "heading")) == [(1, "Tiêu đề 2"), (2, "Tiêu đề 3")]


def test_articles_are_edited_only_in_drafting(cast):
    c = commented(cast)
    art = c.latest.articles.first()
    with pytest.raises(DomainError, match="đang soạn thảo"):
        services.article_update(actor=cast.hoa, article=art, heading="Mới", text="Mới")
    with pytest.raises(DomainError, match="đang soạn thảo"):
        services.article_add(actor=cast.hoa, version=c.latest, heading="Mới", text="Mới")
    with pytest.raises(DomainError, match="đang soạn thảo"):
        services.article_delete(actor=cast.hoa, article=art)


def test_comment_period_at_least_thirty_days_from_the_rulebook(cast):
    c = drafted(cast)
    opens = dt.date(2026, 1, 10)
    with pytest.raises(DomainError, match=r"ít nhất 30 ngày.*09/02/2026.*61/2023") as e:
        services.comment_period_open(
            actor=cast.hoa, version=c.latest, opens_on=opens, closes_on=dt.date(2026, 2, 8)
        )
    assert e.value.field == "closes_on"
    v = services.comment_period_open(
        actor=cast.hoa, version=c.latest, opens_on=opens, closes_on=dt.date(2026, 2, 9)
    )
    assert v.status == VersionStatus.COMMENT
    c.refresh_from_db()
    assert c.status == Status.COMMENT


def test_comment_period_needs_articles(cast):
    c = drafted(cast, articles=0)
    with pytest.raises(DomainError, match="chưa có điều nào"):
        services.comment_period_open(
            actor=cast.hoa, version=c.latest, opens_on=dt.date(2026, 1, 1), closes_on=dt.date(2026, 3, 1)
        )


def test_citizen_of_the_hamlet_comments_and_the_group_responds(cast):
    hh = households(cast, 2)
    c = in_comment_now(cast)
    person = citizen(hh[0])
    art = c.latest.articles.get(number=2)
    comment = services.comment_add(version=c.latest, citizen=person, article=art, text="Đề nghị sửa điều 2.")
    assert (comment.author_name, comment.article, comment.entered_by) == (person.full_name, art, None)
    comment = services.comment_respond(actor=cast.hoa, comment=comment, response="Tiếp thu, đã sửa.")
    assert comment.response == "Tiếp thu, đã sửa." and comment.responded_by == cast.hoa


def test_officer_enters_a_comment_from_a_meeting(cast):
    c = in_comment_now(cast)
    comment = services.comment_add(
        version=c.latest, actor=cast.hoa, author_name="Ông Tư", text="Ý kiến tại họp."
    )
    assert comment.entered_by == cast.hoa and comment.citizen is None
    with pytest.raises(DomainError, match="tên người góp ý"):
        services.comment_add(version=c.latest, actor=cast.hoa, author_name="", text="x")


def test_citizen_of_another_hamlet_or_unverified_is_refused(cast):
    other = households(cast, 1, hamlet=cast.other_hamlet, prefix="O")
    mine = households(cast, 1)
    c = in_comment_now(cast)
    with pytest.raises(DomainError, match="Chỉ người dân của Ấp Phú Hòa"):
        services.comment_add(version=c.latest, citizen=citizen(other[0]), text="Góp ý")
    unverified = citizen(mine[0])
    unverified.verified_at = None
    unverified.save()
    with pytest.raises(DomainError, match="được xác minh"):
        services.comment_add(version=c.latest, citizen=unverified, text="Góp ý")
    assert Comment.objects.count() == 0


def test_comment_outside_the_period_is_refused(cast):
    hh = households(cast, 1)
    c = commented(cast)  # the period of January–February 2026 has closed
    with pytest.raises(DomainError, match="không trong thời gian lấy ý kiến"):
        services.comment_add(version=c.latest, citizen=citizen(hh[0]), text="Muộn")
    drafting = drafted(cast, title="Quy ước khác")
    with pytest.raises(DomainError, match="không trong thời gian lấy ý kiến"):
        services.comment_add(version=drafting.latest, actor=cast.hoa, author_name="A", text="Sớm")


def test_put_to_vote_refused_before_the_period_closed(cast):
    c = in_comment_now(cast)
    with pytest.raises(DomainError, match="Chưa hết thời gian lấy ý kiến"):
        services.put_to_vote(
            actor=cast.hoa, version=c.latest, voting_on=timezone.localdate() + dt.timedelta(days=60)
        )
    assert Decision.objects.count() == 0
    with pytest.raises(DomainError, match="phải được lấy ý kiến"):
        services.put_to_vote(actor=cast.hoa, version=drafted(cast, title="B").latest, voting_on=DAY)


def test_put_to_vote_creates_a_matter_3_decision_through_decisions(cast):
    c = commented(cast)
    d = services.put_to_vote(actor=cast.hoa, version=c.latest, voting_on=DAY)
    assert (d.matter, d.unit, d.status, d.proposer) == ("3", cast.hamlet, "draft", "hamlet_head")
    assert "Điều 2. Tiêu đề 2" in d.content and "Lời nói đầu." in d.content
    assert AuditEvent.objects.filter(action="decision.create").count() == 1
    c.refresh_from_db()
    assert (c.status, c.latest.status, c.latest.decision) == (Status.VOTING, VersionStatus.VOTING, d)
    with pytest.raises(DomainError, match="đã được đưa ra biểu quyết"):
        services.put_to_vote(actor=cast.hoa, version=c.latest, voting_on=DAY)


def test_voting_day_after_the_period(cast):
    c = commented(cast)
    with pytest.raises(DomainError, match="sau ngày kết thúc lấy ý kiến"):
        services.put_to_vote(actor=cast.hoa, version=c.latest, voting_on=dt.date(2026, 2, 9))


def _close_with_meeting(cast, n_households, present, yes):
    hh = households(cast, n_households)
    c = commented(cast)
    d = voting(cast, c)
    meeting(cast, d, hh[:present], yes=yes)
    d = decision_services.voting_close(actor=cast.hoa, decision=d)
    c.refresh_from_db()
    return c, d


def test_exactly_half_present_is_not_adopted(cast):
    c, d = _close_with_meeting(cast, 20, present=10, yes=10)
    result = services.adoption_of(d)
    assert (result.present, result.quorum_required, result.quorum_met) == (10, 11, False)
    assert not result.adopted and "cần ít nhất 11 hộ" in result.words()
    assert (c.latest.status, c.status, c.latest.quorum_met) == (
        VersionStatus.NOT_ADOPTED,
        Status.NOT_ADOPTED,
        False,
    )


def test_one_more_household_present_and_yes_adopts(cast):
    c, d = _close_with_meeting(cast, 20, present=11, yes=11)
    result = services.adoption_of(d)
    assert result.quorum_met and result.adopted
    assert (c.latest.status, c.status, c.latest.meeting_present) == (
        VersionStatus.ADOPTED,
        Status.ADOPTED,
        11,
    )


def test_quorum_met_but_not_more_than_half_of_all_yes(cast):
    c, d = _close_with_meeting(cast, 20, present=15, yes=10)
    assert services.adoption_of(d).quorum_met
    assert c.latest.status == VersionStatus.NOT_ADOPTED


def test_ballot_after_a_meeting_short_of_its_quorum_can_adopt(cast):
    hh = households(cast, 20)
    c = commented(cast)
    d = voting(cast, c)
    meeting(cast, d, hh[:8], yes=8)  # 8/20 present: the meeting falls short
    ballots(cast, d, hh[8:16], yes=5)  # the household ballot (Law Art. 19): 13/20 yes
    d = decision_services.voting_close(actor=cast.hoa, decision=d)
    result = services.adoption_of(d)
    assert (result.quorum_met, result.ballot_held, result.adopted) == (False, True, True)
    c.refresh_from_db()
    assert c.latest.status == VersionStatus.ADOPTED


def test_recognition_in_decisions_puts_the_convention_in_force(cast):
    c = recognised(cast)
    v = c.latest
    assert (c.status, v.status, v.recognition_number) == (
        Status.IN_FORCE,
        VersionStatus.RECOGNISED,
        "12/QĐ-UBND",
    )
    assert v.recognised_on == timezone.localdate()
    assert AuditEvent.objects.filter(action="convention.status", object_id=str(c.pk)).exists()
    # the change is recorded as the act of whoever recorded the recognition in decisions, not "the system"
    event = AuditEvent.objects.filter(action="convention.version_status", object_id=str(c.pk)).latest("pk")
    assert event.actor == cast.tuan


def test_refusal_of_recognition(cast):
    c, d = _close_with_meeting(cast, 10, present=10, yes=10)
    today = timezone.localdate()
    d = steps.minutes_send(actor=cast.hoa, decision=d, sent_on=today)
    steps.recognition_record(
        actor=cast.tuan, decision=d, outcome="refused", decided_on=today, number="3/UBND", reason="Trái luật."
    )
    c.refresh_from_db()
    assert (c.status, c.latest.status, c.latest.refused_on) == (Status.REFUSED, VersionStatus.REFUSED, today)


def test_suspend_lift_and_annul(cast):
    c = recognised(cast)
    today = timezone.localdate()
    with pytest.raises(DomainError, match="không có quyền ghi quyết định của UBND"):
        services.suspend(actor=cast.hoa, convention=c, decided_on=today, number="1", reason="x")
    with pytest.raises(DomainError, match="lý do"):
        services.suspend(actor=cast.tuan, convention=c, decided_on=today, number="1/QĐ", reason="")
    services.suspend(
        actor=cast.tuan,
        convention=c,
        decided_on=today,
        number="1/QĐ",
        reason="Điều 2 trái luật.",
        articles="Điều 2",
    )
    c.refresh_from_db()
    assert c.status == Status.SUSPENDED
    services.suspension_lift(actor=cast.tuan, convention=c, lifted_on=today)
    c.refresh_from_db()
    assert c.status == Status.IN_FORCE
    services.annul(actor=cast.tuan, convention=c, decided_on=today, number="2/QĐ", reason="Không khắc phục.")
    c.refresh_from_db()
    assert c.status == Status.ANNULLED
    assert c.latest.decision.annulment_number == "2/QĐ"  # through decisions' own annulment step
    with pytest.raises(DomainError, match="đã bị bãi bỏ"):
        services.amend(actor=cast.hoa, convention=c, reason="Sửa")


def test_suspend_refused_when_not_in_force(cast):
    c = drafted(cast)
    with pytest.raises(DomainError, match="đang có hiệu lực"):
        services.suspend(
            actor=cast.tuan, convention=c, decided_on=timezone.localdate(), number="1", reason="x"
        )


def test_amendment_keeps_the_old_version_in_force_until_the_new_is_recognised(cast):
    c = recognised(cast)
    new = services.amend(actor=cast.hoa, convention=c, reason="Bổ sung điều về môi trường.")
    assert (new.number, new.status, new.articles.count()) == (2, VersionStatus.DRAFTING, 2)
    c.refresh_from_db()
    assert c.status == Status.IN_FORCE and c.in_force.number == 1
    with pytest.raises(DomainError, match="chưa xong"):
        services.amend(actor=cast.hoa, convention=c, reason="Lần nữa")
    services.article_add(actor=cast.hoa, version=new, heading="Môi trường", text="Giữ vệ sinh chung.")
    services.comment_period_open(
        actor=cast.hoa, version=new, opens_on=dt.date(2026, 1, 10), closes_on=dt.date(2026, 2, 9)
    )
    recognised(cast, c=c)
    c.refresh_from_db()
    assert c.status == Status.IN_FORCE and c.in_force.number == 2
    assert c.versions.get(number=1).status == VersionStatus.SUPERSEDED
    assert "(sửa đổi lần 1)" in c.in_force.decision.title


def test_annual_review_once_a_year(cast):
    c = recognised(cast)
    today = timezone.localdate()
    with pytest.raises(DomainError, match="Chỉ tổng kết"):
        services.annual_review_record(
            actor=cast.hoa, convention=drafted(cast, title="B"), year=today.year, held_on=today, findings="x"
        )
    r = services.annual_review_record(
        actor=cast.hoa,
        convention=c,
        year=today.year,
        held_on=today,
        findings="Thực hiện tốt.",
        proposals="Bổ sung.",
    )
    assert r.year == today.year
    with pytest.raises(DomainError, match=f"Đã có tổng kết năm {today.year}"):
        services.annual_review_record(
            actor=cast.hoa, convention=c, year=today.year, held_on=today, findings="y"
        )


def test_access_from_a_sibling_commune_is_refused(cast):
    c = drafted(cast)
    sibling_leader = _grant(_user("chi", "Lý Thị Chi"), "leader", cast.sibling_commune)
    with pytest.raises(NotFoundOrForbidden):
        access_convention(sibling_leader, c.pk)
    with pytest.raises(DomainError, match="không có quyền"):
        services.article_add(actor=sibling_leader, version=c.latest, heading="X", text="Y")
    assert access_convention(cast.thu, c.pk) == c  # the district's supervisor reads it
    with pytest.raises(NotFoundOrForbidden):
        access_convention(cast.thu, c.pk, perm="conventions.manage")


def test_annulment_made_in_decisions_annuls_the_convention(cast):
    c = recognised(cast)
    steps.decision_annul(
        actor=cast.tuan,
        decision=c.in_force.decision,
        annulled_on=timezone.localdate(),
        number="7/QĐ-UBND",
        reason="Trái luật.",
    )
    c.refresh_from_db()
    assert c.status == Status.ANNULLED
    # recorded on the convention as its own annulment does, once, so the review counts it
    measure = c.measures.get()
    assert (measure.kind, measure.number, measure.reason) == ("annulment", "7/QĐ-UBND", "Trái luật.")
    from danvan.conventions.indicators import convention_figures

    f = convention_figures(cast.commune, DAY, timezone.localdate())
    assert (f["conventions.in_force"], f["conventions.annulled"]) == (0, 1)


def test_the_annulment_of_the_convention_is_recorded_once(cast):
    c = recognised(cast)
    services.annul(
        actor=cast.tuan,
        convention=c,
        decided_on=timezone.localdate(),
        number="2/QĐ",
        reason="Không khắc phục.",
    )
    assert c.measures.count() == 1 and c.latest.decision.is_annulled


def test_an_amendment_in_comment_stops_when_the_convention_is_annulled(cast):
    c = recognised(cast)
    new = services.amend(actor=cast.hoa, convention=c, reason="Sửa.")
    today = timezone.localdate()
    services.comment_period_open(
        actor=cast.hoa,
        version=new,
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=29),
    )
    services.annul(actor=cast.tuan, convention=c, decided_on=today, number="3/QĐ", reason="Trái luật.")
    with pytest.raises(DomainError, match="đã bị bãi bỏ"):
        services.comment_add(version=new, actor=cast.hoa, author_name="Ông Ba", text="Góp ý.")
    with pytest.raises(DomainError, match="đã bị bãi bỏ"):
        services.put_to_vote(actor=cast.hoa, version=new, voting_on=today + dt.timedelta(days=40))
    assert not Decision.objects.filter(title__contains="sửa đổi").exists()


def test_a_citizen_has_a_cap_of_comments_per_draft(cast):
    hh = households(cast, 1)
    c = in_comment_now(cast)
    person = citizen(hh[0])
    for i in range(services.CITIZEN_COMMENTS_MAX):
        services.comment_add(version=c.latest, citizen=person, text=f"Ý kiến {i}")
    with pytest.raises(DomainError, match="hòm thư góp ý"):
        services.comment_add(version=c.latest, citizen=person, text="Thêm nữa")
    assert services.comment_add(version=c.latest, actor=cast.hoa, author_name="Bà Năm", text="Tại họp").pk


def test_the_quorum_is_read_from_the_rulebook_not_a_literal(cast):
    from decimal import Decimal

    from django.core.cache import cache

    from danvan.rulebook.models import LegalRule

    LegalRule.objects.filter(key=services.QUORUM_RULE).update(value=Decimal("0.666667"))  # were it > 2/3
    cache.clear()
    c, d = _close_with_meeting(cast, 20, present=11, yes=11)
    assert d.status == "passed"  # decisions: 11 > 20/2
    result = services.adoption_of(d)
    assert (result.quorum_required, result.quorum_met, result.adopted) == (14, False, False)
    assert c.latest.status == VersionStatus.NOT_ADOPTED
