import datetime as dt

import pytest

from danvan.audit.models import AuditEvent
from danvan.consultations import services
from danvan.consultations.access import access_consultation
from danvan.consultations.models import Consultation, Opinion, Stance, Status
from danvan.consultations.selectors import synthesis_of
from danvan.core.errors import DomainError, NotFoundOrForbidden, errors_of

from .helpers import CLOSES, DURING, OPENS, citizen, consultation, households, opened, recorded, web_opinion

pytestmark = pytest.mark.django_db


def _closed_with(cast, stances):
    c = opened(cast)
    for s in stances:
        recorded(cast, c, stance=s)
    return services.consultation_close(actor=cast.hoa, consultation=c)


def _answer_all(cast, c):
    for o in Opinion.objects.filter(consultation=c):
        services.opinion_respond(actor=cast.hoa, opinion=o, response="accepted")


def test_the_flow_and_its_trail(cast):
    hh = households(cast, 2)
    c = consultation(cast)
    assert (c.status, c.commune, c.period_rule) == (Status.DRAFT, cast.commune, "consultation.period")
    assert "Điều 27" in c.period_citation
    assert [s.heading for s in c.sections.all()] == [
        "Phần 1. Chỉ tiêu sử dụng đất",
        "Phần 2. Danh mục công trình",
    ]
    c = services.consultation_open(actor=cast.hoa, consultation=c)
    first = c.sections.first()
    web = web_opinion(c, citizen(hh[0]), section=first)
    met = recorded(cast, c, stance="disagree")
    c = services.consultation_close(actor=cast.hoa, consultation=c)
    services.opinion_respond(actor=cast.hoa, opinion=web, response="accepted", text="Đưa vào kế hoạch.")
    services.opinion_respond(actor=cast.hoa, opinion=met, response="explained", text="Đã có trong dự thảo.")
    c = services.synthesis_publish(actor=cast.hoa, consultation=c)
    assert c.status == Status.PUBLISHED and c.majority_stance == ""  # 1 agree, 1 disagree: no majority
    c = services.outcome_record(
        actor=cast.hoa, consultation=c, text="UBND xã trình HĐND.", follows_majority=True
    )
    assert c.status == Status.DECIDED
    actions = list(
        AuditEvent.objects.filter(action__startswith="consultation.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "consultation.create",
        "consultation.open",
        "consultation.opinion_submit",
        "consultation.opinion_record",
        "consultation.close",
        "consultation.opinion_respond",
        "consultation.opinion_respond",
        "consultation.publish",
        "consultation.outcome",
    ]
    s = synthesis_of(c)
    assert (s.total, s.agree, s.disagree, s.accepted, s.explained, s.unanswered) == (2, 1, 1, 1, 1, 0)
    assert [(p.heading, p.total) for p in s.parts] == [
        ("Ý kiến chung về dự thảo", 1),
        ("Phần 1. Chỉ tiêu sử dụng đất", 1),
        ("Phần 2. Danh mục công trình", 0),
    ]
    assert s.by_channel == {"meeting": 1, "web": 1}


def test_the_minimum_period_at_the_boundary(cast):
    assert consultation(cast, closes_on=OPENS + dt.timedelta(days=20)).closes_on == CLOSES
    with pytest.raises(DomainError) as e:
        consultation(cast, closes_on=OPENS + dt.timedelta(days=19))
    (err,) = errors_of(e.value)
    assert err.field == "closes_on"
    assert "ít nhất 20 ngày" in err.message and "Điều 27" in err.message and "22/03/2026" in err.message
    assert Consultation.objects.count() == 1


def test_the_minimum_comes_from_the_rulebook_in_force(cast):
    from danvan.rulebook.models import LegalRule

    LegalRule.objects.filter(key="consultation.period").update(value=25)
    from danvan.rulebook.services import invalidate_caches

    invalidate_caches()
    with pytest.raises(DomainError) as e:
        consultation(cast, closes_on=OPENS + dt.timedelta(days=24))
    assert "ít nhất 25 ngày" in errors_of(e.value)[0].message
    assert consultation(cast, closes_on=OPENS + dt.timedelta(days=25))


def test_no_rule_in_force_before_the_law(cast):
    with pytest.raises(DomainError):
        consultation(cast, opens_on=dt.date(2023, 6, 1), closes_on=dt.date(2023, 7, 30))


def test_the_plan_is_validated_with_every_message(cast):
    with pytest.raises(DomainError) as e:
        consultation(cast, title=" ", subject="12", forms=["fax"], sections=[("", "")], content="")
    fields = {err.field for err in errors_of(e.value)}
    assert fields == {"title", "subject", "forms", "sections", "content"}


def test_a_sibling_commune_officer_cannot_create_or_read(cast):
    from danvan.access.models import RoleAssignment
    from danvan.access.roles import Role
    from danvan.people.models import User

    other = User.objects.create_user(username="an", password="x", full_name="Lý An", kind=User.Kind.OFFICER)
    RoleAssignment.objects.create(
        user=other, role=Role.MOBILISATION_OFFICER, unit=cast.sibling_commune, valid_from=dt.date(2019, 1, 1)
    )
    c = consultation(cast)
    with pytest.raises(NotFoundOrForbidden):
        access_consultation(other, c.pk)
    with pytest.raises(NotFoundOrForbidden):
        access_consultation(other, c.pk, "consultations.manage")
    assert access_consultation(cast.hoa, c.pk, "consultations.manage") == c
    assert access_consultation(cast.thu, c.pk) == c  # the supervisor reads
    with pytest.raises(NotFoundOrForbidden):
        access_consultation(cast.thu, c.pk, "consultations.manage")
    with pytest.raises(DomainError) as e:
        consultation(cast, actor=other)
    assert e.value.code == "forbidden"
    with pytest.raises(DomainError):
        services.consultation_open(actor=other, consultation=c)


def test_a_citizen_outside_the_area_is_refused(cast):
    inside = households(cast, 1)[0]
    elsewhere = households(cast, 1, hamlet=cast.sibling_hamlet, prefix="S")[0]
    other_hamlet = households(cast, 1, hamlet=cast.other_hamlet, prefix="O")[0]
    c = opened(cast, unit=cast.hamlet)
    with pytest.raises(DomainError) as e:
        web_opinion(c, citizen(elsewhere))
    assert e.value.code == "forbidden" and "Ấp Phú Hòa" in e.value.message
    with pytest.raises(DomainError):
        web_opinion(c, citizen(other_hamlet))  # same commune, another hamlet: not consulted
    assert web_opinion(c, citizen(inside)).channel == "web"
    commune_wide = opened(cast)
    assert web_opinion(commune_wide, citizen(other_hamlet, username="o2")).citizen.household == other_hamlet
    assert Opinion.objects.count() == 2


def test_an_unverified_citizen_or_an_officer_is_refused(cast):
    h = households(cast, 1)[0]
    who = citizen(h)
    who.verified_at = None
    who.save()
    c = opened(cast)
    with pytest.raises(DomainError):
        web_opinion(c, who)
    with pytest.raises(DomainError):
        web_opinion(c, cast.hoa)


def test_submission_after_close_is_refused(cast):
    who = citizen(households(cast, 1)[0])
    c = opened(cast)
    with pytest.raises(DomainError):  # the last day passed, though not yet closed by the officer
        services.opinion_submit(
            citizen=who, consultation=c, text="Muộn", stance="agree", today=CLOSES + dt.timedelta(days=1)
        )
    assert services.opinion_submit(citizen=who, consultation=c, text="Đúng hạn", stance="agree", today=CLOSES)
    c = services.consultation_close(actor=cast.hoa, consultation=c)
    with pytest.raises(DomainError) as e:
        web_opinion(c, who)
    assert e.value.code == "conflict"
    assert Opinion.objects.count() == 1


def test_a_draft_takes_no_opinion(cast):
    who = citizen(households(cast, 1)[0])
    c = consultation(cast)
    with pytest.raises(DomainError):
        web_opinion(c, who)
    with pytest.raises(DomainError):
        recorded(cast, c)


def test_a_section_of_another_consultation_is_refused(cast):
    who = citizen(households(cast, 1)[0])
    a, b = opened(cast), opened(cast)
    with pytest.raises(DomainError) as e:
        web_opinion(a, who, section=b.sections.first())
    assert errors_of(e.value)[0].field == "section"


def test_web_opinions_are_rate_limited(cast):
    who = citizen(households(cast, 1)[0])
    c = opened(cast)
    for _ in range(services.OPINION_LIMIT[0]):
        web_opinion(c, who)
    with pytest.raises(DomainError) as e:
        web_opinion(c, who)
    assert e.value.code == "rate_limited"
    assert Opinion.objects.count() == services.OPINION_LIMIT[0]


def test_an_officer_records_only_from_the_offline_channels(cast):
    c = opened(cast)
    with pytest.raises(DomainError) as e:
        recorded(cast, c, channel="web")
    assert errors_of(e.value)[0].field == "channel"
    with pytest.raises(DomainError) as e:
        services.opinion_record(
            actor=cast.hoa,
            consultation=c,
            channel="hotline",
            author_name="Ông Tám",
            text="Ý kiến",
            stance="agree",
            received_on=OPENS - dt.timedelta(days=1),
        )
    assert errors_of(e.value)[0].field == "received_on"
    o = recorded(cast, c, channel="hotline")
    assert (o.recorded_by, o.author_display) == (cast.hoa, "Hội nghị ấp Phú Hòa")


def test_explain_without_text_is_refused(cast):
    c = _closed_with(cast, ["disagree"])
    o = Opinion.objects.get(consultation=c)
    with pytest.raises(DomainError) as e:
        services.opinion_respond(actor=cast.hoa, opinion=o, response="explained", text="  ")
    assert e.value.field == "text"
    o.refresh_from_db()
    assert o.response == ""
    services.opinion_respond(
        actor=cast.hoa, opinion=o, response="explained", text="Không phù hợp quy hoạch tỉnh."
    )
    o.refresh_from_db()
    assert (o.response, o.responded_by) == ("explained", cast.hoa)


def test_publish_is_refused_with_an_unanswered_opinion(cast):
    c = _closed_with(cast, ["agree", "agree"])
    first = Opinion.objects.filter(consultation=c).first()
    services.opinion_respond(actor=cast.hoa, opinion=first, response="accepted")
    with pytest.raises(DomainError) as e:
        services.synthesis_publish(actor=cast.hoa, consultation=c)
    assert "Còn 1 ý kiến" in e.value.message
    c.refresh_from_db()
    assert c.status == Status.CLOSED
    _answer_all(cast, c)
    assert services.synthesis_publish(actor=cast.hoa, consultation=c).majority_stance == Stance.AGREE


def test_publish_is_refused_while_open(cast):
    c = opened(cast)
    with pytest.raises(DomainError):
        services.synthesis_publish(actor=cast.hoa, consultation=c)


def test_answers_are_frozen_once_published(cast):
    c = _closed_with(cast, ["agree"])
    _answer_all(cast, c)
    services.synthesis_publish(actor=cast.hoa, consultation=c)
    with pytest.raises(DomainError):
        services.opinion_respond(
            actor=cast.hoa, opinion=Opinion.objects.get(consultation=c), response="explained", text="Đổi ý"
        )


def test_an_outcome_against_the_majority_needs_an_explanation(cast):
    c = _closed_with(cast, ["disagree", "disagree", "agree"])
    _answer_all(cast, c)
    c = services.synthesis_publish(actor=cast.hoa, consultation=c)
    assert c.majority_stance == Stance.DISAGREE
    with pytest.raises(DomainError) as e:
        services.outcome_record(
            actor=cast.hoa, consultation=c, text="Giữ nguyên dự thảo.", follows_majority=False
        )
    assert errors_of(e.value)[0].field == "explanation" and "Điều 28" in errors_of(e.value)[0].message
    c.refresh_from_db()
    assert c.status == Status.PUBLISHED and c.outcome_text == ""
    c = services.outcome_record(
        actor=cast.hoa,
        consultation=c,
        text="Giữ nguyên dự thảo.",
        follows_majority=False,
        explanation="Chỉ tiêu do tỉnh phân bổ, xã không được điều chỉnh.",
    )
    assert (c.status, c.outcome_follows_majority) == (Status.DECIDED, False)


def test_an_outcome_following_the_majority_needs_no_explanation(cast):
    c = _closed_with(cast, ["agree"])
    _answer_all(cast, c)
    c = services.synthesis_publish(actor=cast.hoa, consultation=c)
    c = services.outcome_record(actor=cast.hoa, consultation=c, text="Thông qua.", follows_majority=True)
    assert c.outcome_explanation == "" and c.status == Status.DECIDED


def test_the_published_day_and_dates_are_kept(cast):
    c = _closed_with(cast, [])
    c = services.synthesis_publish(actor=cast.hoa, consultation=c, published_on=DURING)
    assert c.published_on == DURING


def test_a_web_author_without_a_name_is_never_shown_by_username_or_phone(cast):
    who = citizen(households(cast, 1)[0], username="0912000111")
    who.full_name = ""
    who.save()
    c = opened(cast)
    o = web_opinion(c, who)
    assert o.author_display == "Người dân"
    who.full_name = "Trần Văn Út"
    who.save()
    o.refresh_from_db()
    assert o.author_display == "Trần Văn Út"


def test_an_outcome_is_dated_between_the_close_of_the_consultation_and_today(cast):
    from danvan.core.formatting import local_today

    c = _closed_with(cast, ["agree"])
    _answer_all(cast, c)
    c = services.synthesis_publish(actor=cast.hoa, consultation=c)
    today = local_today()
    for day, words in ((today + dt.timedelta(days=1), "sau ngày hôm nay"), (OPENS, "trước ngày kết thúc")):
        with pytest.raises(DomainError) as e:
            services.outcome_record(
                actor=cast.hoa, consultation=c, text="Thông qua.", follows_majority=True, decided_on=day
            )
        assert errors_of(e.value)[0].field == "decided_on" and words in errors_of(e.value)[0].message
    c.refresh_from_db()
    assert c.status == Status.PUBLISHED and c.outcome_on is None
    c = services.outcome_record(
        actor=cast.hoa, consultation=c, text="Thông qua.", follows_majority=True, decided_on=today
    )
    assert (c.status, c.outcome_on) == (Status.DECIDED, today)
