"""The write path of consultations: every change runs here, in a transaction, checked and audited.

Flow: `consultation_create` (draft: the plan and the draft by section; the period at least
`consultation.period` in force on the first day) → `consultation_open` → `opinion_submit` (a verified citizen
of the area, on the web) and `opinion_record` (an officer, from a meeting, the box, the hotline or the mass
organisations) → `consultation_close` → `opinion_respond` (tiếp thu or giải trình) → `synthesis_publish`
(every opinion answered) → `outcome_record` (the authority's decision; against the majority, explained)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.access.policy import has_unit_perm
from danvan.audit.services import audit_record
from danvan.core import ratelimit
from danvan.core.errors import DomainError, ErrorCollector
from danvan.core.formatting import format_date, local_today
from danvan.core.text import nfc
from danvan.rulebook.services import rule_in_force
from danvan.units.models import COMMUNE_KINDS, COMMUNITY_KINDS

from .models import (
    OFFICER_CHANNELS,
    SUBJECT_CHOICES,
    Channel,
    Consultation,
    Form,
    Opinion,
    Response,
    Section,
    Stance,
    Status,
)

MANAGE = "consultations.manage"
PERIOD_RULE = "consultation.period"
OPINION_MAX = 5_000
CONTENT_MAX = 50_000
OPINION_LIMIT = (10, 3600)  # at most 10 web opinions an hour per account


def _require(actor, unit) -> None:
    if not has_unit_perm(actor, MANAGE, unit):
        raise DomainError(
            f"Bạn không có quyền quản lý việc lấy ý kiến Nhân dân ở “{unit.name}”.", code="forbidden"
        )


def _text(errors, value, *, field, missing, longest, label):
    value = nfc((value or "").strip())
    if not value:
        errors.add(DomainError(missing, field=field))
    elif len(value) > longest:
        errors.add(DomainError(f"{label} dài quá {longest:,} ký tự.".replace(",", "."), field=field))
    return value


def minimum_period(opens_on: dt.date):
    """The rule of the minimum period in force on the first day (DomainError when none is)."""
    return rule_in_force(PERIOD_RULE, opens_on)


def earliest_close(opens_on: dt.date) -> dt.date:
    """The first day the consultation may end: `consultation.period` days after the first day (the first day
    itself not counted, as `rulebook.services.compute_deadline` counts periods)."""
    return opens_on + dt.timedelta(days=minimum_period(opens_on).whole_value)


def clean_sections(errors: ErrorCollector, sections) -> list[tuple[str, str]]:
    """[(heading, text)] of the draft's parts, blank rows left out; at least one part."""
    cleaned = []
    for i, (heading, text) in enumerate(sections or [], start=1):
        heading = nfc((heading or "").strip())
        text = nfc((text or "").strip())
        if not heading and not text:
            continue
        if not heading:
            errors.add(DomainError(f"Nhập tiêu đề của phần {i}.", field="sections"))
        elif len(heading) > 255:
            errors.add(DomainError(f"Tiêu đề của phần {i} dài quá 255 ký tự.", field="sections"))
        if not text:
            errors.add(DomainError(f"Nhập nội dung của phần {i}.", field="sections"))
        elif len(text) > CONTENT_MAX:
            errors.add(DomainError(f"Nội dung của phần {i} quá dài.", field="sections"))
        cleaned.append((heading, text))
    if not cleaned:
        errors.add(DomainError("Nhập ít nhất một phần của dự thảo (tiêu đề và nội dung).", field="sections"))
    return cleaned


@transaction.atomic
def consultation_create(
    *,
    actor,
    unit,
    title,
    subject,
    content,
    forms,
    opens_on,
    closes_on,
    sections,
    sent_to_council_on=None,
    sent_to_front_on=None,
) -> Consultation:
    errors = ErrorCollector()
    title = _text(errors, title, field="title", missing="Nhập tiêu đề.", longest=255, label="Tiêu đề")
    content = _text(
        errors,
        content,
        field="content",
        missing="Nhập nội dung kế hoạch lấy ý kiến.",
        longest=CONTENT_MAX,
        label="Nội dung kế hoạch",
    )
    subject = str(subject or "").strip()
    if subject not in dict(SUBJECT_CHOICES):
        errors.add(DomainError("Chọn nội dung lấy ý kiến (Điều 25).", field="subject"))
    forms = [f for f in dict.fromkeys(forms or []) if f in Form.values]
    if not forms:
        errors.add(DomainError("Chọn ít nhất một hình thức lấy ý kiến (Điều 26).", field="forms"))
    if unit is None or (unit.kind not in COMMUNITY_KINDS and unit.kind not in COMMUNE_KINDS):
        errors.add(DomainError("Chọn xã hoặc thôn, tổ dân phố được lấy ý kiến.", field="unit"))
    if not isinstance(opens_on, dt.date):
        errors.add(DomainError("Nhập ngày bắt đầu lấy ý kiến.", field="opens_on"))
    if not isinstance(closes_on, dt.date):
        errors.add(DomainError("Nhập ngày kết thúc lấy ý kiến.", field="closes_on"))
    rule = None
    if isinstance(opens_on, dt.date) and isinstance(closes_on, dt.date):
        with errors.step():
            rule = minimum_period(opens_on)
            least = opens_on + dt.timedelta(days=rule.whole_value)
            if closes_on < least:
                raise DomainError(
                    f"Thời gian lấy ý kiến phải ít nhất {rule.whole_value} ngày kể từ ngày bắt đầu "
                    f"({rule.citation}): ngày kết thúc sớm nhất là {format_date(least)}.",
                    field="closes_on",
                )
    for name, value in (("sent_to_council_on", sent_to_council_on), ("sent_to_front_on", sent_to_front_on)):
        if value is not None and not isinstance(value, dt.date):
            errors.add(DomainError("Ngày không hợp lệ.", field=name))
    parts = clean_sections(errors, sections)
    errors.raise_if_any()
    _require(actor, unit)
    commune = unit if unit.kind in COMMUNE_KINDS else unit.parent
    c = Consultation.objects.create(
        unit=unit,
        commune=commune,
        title=title,
        subject=subject,
        content=content,
        forms=forms,
        opens_on=opens_on,
        closes_on=closes_on,
        period_rule=rule.key,
        period_citation=rule.citation,
        sent_to_council_on=sent_to_council_on,
        sent_to_front_on=sent_to_front_on,
        created_by=actor,
    )
    Section.objects.bulk_create(
        Section(consultation=c, position=i, heading=h, text=t) for i, (h, t) in enumerate(parts, start=1)
    )
    audit_record(
        actor=actor,
        action="consultation.create",
        obj=c,
        unit=commune,
        changes={"title": (None, title), "opens_on": (None, opens_on), "closes_on": (None, closes_on)},
    )
    return c


def _locked(c: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().select_related("unit", "commune").get(pk=c.pk)


def _expect(c: Consultation, *statuses: str, doing: str) -> None:
    if c.status not in statuses:
        raise DomainError(
            f"Không thể {doing} khi việc lấy ý kiến đang ở tình trạng “{c.get_status_display()}”.",
            code="conflict",
        )


def _status(actor, c: Consultation, new: str, action: str, **changes) -> None:
    old = c.status
    c.status = new
    c.save()
    audit_record(actor=actor, action=action, obj=c, unit=c.commune, changes={"status": (old, new), **changes})


@transaction.atomic
def plan_sent(*, actor, consultation: Consultation, council_on=None, front_on=None) -> Consultation:
    """Art. 27: the plan sent to the commune People's Council and the Front (either date, or both)."""
    c = _locked(consultation)
    _require(actor, c.unit)
    _expect(c, Status.DRAFT, Status.OPEN, doing="ghi ngày gửi kế hoạch")
    if council_on is None and front_on is None:
        raise DomainError("Nhập ngày gửi kế hoạch.", field="council_on")
    changes = {}
    if council_on is not None:
        changes["sent_to_council_on"] = (c.sent_to_council_on, council_on)
        c.sent_to_council_on = council_on
    if front_on is not None:
        changes["sent_to_front_on"] = (c.sent_to_front_on, front_on)
        c.sent_to_front_on = front_on
    c.save()
    audit_record(actor=actor, action="consultation.plan_sent", obj=c, unit=c.commune, changes=changes)
    return c


@transaction.atomic
def consultation_open(*, actor, consultation: Consultation) -> Consultation:
    c = _locked(consultation)
    _require(actor, c.unit)
    _expect(c, Status.DRAFT, doing="bắt đầu lấy ý kiến")
    c.opened_at = timezone.now()
    _status(actor, c, Status.OPEN, "consultation.open")
    return c


@transaction.atomic
def consultation_close(*, actor, consultation: Consultation) -> Consultation:
    c = _locked(consultation)
    _require(actor, c.unit)
    _expect(c, Status.OPEN, doing="kết thúc lấy ý kiến")
    c.closed_at = timezone.now()
    _status(actor, c, Status.CLOSED, "consultation.close")
    return c


def lives_in(citizen, unit) -> bool:
    """Whether the citizen's household is in the consulted area (the hamlet, or any hamlet of the commune)."""
    household = citizen.household if getattr(citizen, "household_id", None) else None
    if household is None:
        return False
    if unit.kind in COMMUNITY_KINDS:
        return household.hamlet_id == unit.pk
    return household.commune_id == unit.pk


def may_submit(citizen, c: Consultation, today: dt.date | None = None) -> bool:
    """Whether the web form is offered: open, within the period, a verified citizen of the area."""
    today = today or local_today()
    return (
        getattr(citizen, "is_authenticated", False)
        and citizen.is_citizen
        and citizen.is_verified
        and c.status == Status.OPEN
        and c.opens_on <= today <= c.closes_on
        and lives_in(citizen, c.unit)
    )


def _section_of(c: Consultation, section):
    if section in (None, ""):
        return None
    section_id = getattr(section, "pk", section)
    try:
        section_id = int(section_id)
    except (TypeError, ValueError):
        raise DomainError("Phần của dự thảo không hợp lệ.", field="section") from None
    found = Section.objects.filter(consultation=c, pk=section_id).first()
    if found is None:
        raise DomainError("Phần của dự thảo không hợp lệ.", field="section")
    return found


def _opinion_fields(errors, text, stance):
    text = _text(
        errors, text, field="text", missing="Nhập nội dung ý kiến.", longest=OPINION_MAX, label="Ý kiến"
    )
    if stance not in Stance.values:
        errors.add(DomainError("Chọn đồng ý, không đồng ý hoặc ý kiến khác.", field="stance"))
    return text


def _limit_key(account) -> str:
    return f"consultation-opinion:{account.pk}"


@transaction.atomic
def opinion_submit(
    *, citizen, consultation: Consultation, text, stance, section=None, today: dt.date | None = None
) -> Opinion:
    """A verified citizen of the consulted area gives an opinion on the web, while it is open."""
    if not getattr(citizen, "is_authenticated", False) or not citizen.is_citizen:
        raise DomainError("Chỉ tài khoản công dân mới gửi ý kiến trực tuyến.", code="forbidden")
    if not citizen.is_verified or citizen.household_id is None:
        raise DomainError(
            "Tài khoản cần được xác minh và gắn với hộ gia đình mới gửi ý kiến được.", code="forbidden"
        )
    c = _locked(consultation)
    today = today or local_today()
    if c.status != Status.OPEN or not c.opens_on <= today <= c.closes_on:
        raise DomainError("Việc lấy ý kiến này không còn nhận ý kiến.", code="conflict")
    if not lives_in(citizen, c.unit):
        raise DomainError(
            f"Chỉ người dân cư trú tại “{c.unit.name}” mới gửi ý kiến cho việc này.", code="forbidden"
        )
    errors = ErrorCollector()
    text = _opinion_fields(errors, text, stance)
    with errors.step():
        part = _section_of(c, section)
    errors.raise_if_any()
    ratelimit.consume(_limit_key(citizen), OPINION_LIMIT, "ý kiến")
    opinion = Opinion.objects.create(
        consultation=c,
        section=part,
        channel=Channel.WEB,
        citizen=citizen,
        text=text,
        stance=stance,
        received_on=today,
    )
    audit_record(actor=citizen, action="consultation.opinion_submit", obj=c, unit=c.commune, changes={})
    return opinion


@transaction.atomic
def opinion_record(
    *, actor, consultation: Consultation, channel, author_name, text, stance, section=None, received_on=None
) -> Opinion:
    """An officer enters an opinion received at a meeting, in the box, on the hotline or from an
    organisation; during the period (while open, or closed but not yet synthesised)."""
    c = _locked(consultation)
    _require(actor, c.unit)
    _expect(c, Status.OPEN, Status.CLOSED, doing="ghi nhận ý kiến")
    errors = ErrorCollector()
    if channel not in OFFICER_CHANNELS:
        errors.add(
            DomainError("Chọn nơi nhận ý kiến (cuộc họp, hòm thư, đường dây nóng, tổ chức).", field="channel")
        )
    author_name = _text(
        errors,
        author_name,
        field="author_name",
        missing="Nhập người hoặc tổ chức góp ý.",
        longest=255,
        label="Người góp ý",
    )
    text = _opinion_fields(errors, text, stance)
    received_on = received_on or local_today()
    if not isinstance(received_on, dt.date):
        errors.add(DomainError("Ngày nhận không hợp lệ.", field="received_on"))
    elif not c.opens_on <= received_on <= c.closes_on:
        errors.add(
            DomainError(
                f"Ngày nhận phải trong thời gian lấy ý kiến ({format_date(c.opens_on)} – "
                f"{format_date(c.closes_on)}).",
                field="received_on",
            )
        )
    with errors.step():
        part = _section_of(c, section)
    errors.raise_if_any()
    opinion = Opinion.objects.create(
        consultation=c,
        section=part,
        channel=channel,
        author_name=author_name,
        text=text,
        stance=stance,
        received_on=received_on,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="consultation.opinion_record",
        obj=c,
        unit=c.commune,
        changes={"channel": (None, channel)},
    )
    return opinion


@transaction.atomic
def opinion_respond(*, actor, opinion: Opinion, response, text="") -> Opinion:
    """Accept (tiếp thu) or explain (giải trình) an opinion; an explanation needs its text. Until published."""
    c = _locked(opinion.consultation)
    _require(actor, c.unit)
    _expect(c, Status.OPEN, Status.CLOSED, doing="trả lời ý kiến")
    opinion = Opinion.objects.select_for_update().get(pk=opinion.pk, consultation=c)
    text = nfc((text or "").strip())
    if response not in Response.values:
        raise DomainError("Chọn tiếp thu hoặc giải trình.", field="response")
    if response == Response.EXPLAINED and not text:
        raise DomainError("Nhập nội dung giải trình: lý do không tiếp thu ý kiến.", field="text")
    if len(text) > OPINION_MAX:
        raise DomainError("Nội dung trả lời quá dài.", field="text")
    old = opinion.response
    opinion.response, opinion.response_text = response, text
    opinion.responded_by, opinion.responded_on = actor, local_today()
    opinion.save()
    audit_record(
        actor=actor,
        action="consultation.opinion_respond",
        obj=c,
        unit=c.commune,
        changes={"opinion": (None, opinion.pk), "response": (old or None, response)},
    )
    return opinion


def majority_of(c: Consultation) -> str:
    """The majority opinion: agree or disagree when one outnumbers the other, '' on a tie (or none)."""
    from django.db.models import Count, Q

    n = Opinion.objects.filter(consultation=c).aggregate(
        agree=Count("pk", filter=Q(stance=Stance.AGREE)),
        disagree=Count("pk", filter=Q(stance=Stance.DISAGREE)),
    )
    if n["agree"] > n["disagree"]:
        return Stance.AGREE
    if n["disagree"] > n["agree"]:
        return Stance.DISAGREE
    return ""


@transaction.atomic
def synthesis_publish(
    *, actor, consultation: Consultation, published_on: dt.date | None = None
) -> Consultation:
    """Art. 28: the synthesis published once the period is over and every opinion is answered."""
    c = _locked(consultation)
    _require(actor, c.unit)
    _expect(c, Status.CLOSED, doing="công khai báo cáo tổng hợp")
    unanswered = Opinion.objects.filter(consultation=c, response="").count()
    if unanswered:
        raise DomainError(
            f"Còn {unanswered} ý kiến chưa được tiếp thu hoặc giải trình; trả lời hết trước khi công khai.",
            code="conflict",
        )
    c.published_on = published_on or local_today()
    c.majority_stance = majority_of(c)
    _status(actor, c, Status.PUBLISHED, "consultation.publish", published_on=(None, c.published_on))
    return c


@transaction.atomic
def outcome_record(
    *, actor, consultation: Consultation, text, follows_majority: bool, explanation="", decided_on=None
) -> Consultation:
    """The authority's decision; when it goes against the majority opinion the explanation is required
    (Art. 28). With no majority (a tie, or no opinion) there is none to go against."""
    c = _locked(consultation)
    _require(actor, c.unit)
    _expect(c, Status.PUBLISHED, doing="ghi quyết định")
    errors = ErrorCollector()
    text = _text(
        errors,
        text,
        field="text",
        missing="Nhập quyết định của cơ quan có thẩm quyền.",
        longest=CONTENT_MAX,
        label="Quyết định",
    )
    explanation = nfc((explanation or "").strip())
    if follows_majority not in (True, False):
        errors.add(
            DomainError("Cho biết quyết định có theo ý kiến đa số hay không.", field="follows_majority")
        )
    against = follows_majority is False and bool(c.majority_stance)
    if against and not explanation:
        errors.add(
            DomainError(
                "Quyết định khác với ý kiến đa số: phải giải thích lý do (Luật Thực hiện dân chủ ở cơ sở, "
                "Điều 28).",
                field="explanation",
            )
        )
    decided_on = decided_on or local_today()
    # the consultation ended on the planned day, or the day it was closed when that came first
    closed_on = min(c.closes_on, timezone.localdate(c.closed_at)) if c.closed_at else c.closes_on
    if not isinstance(decided_on, dt.date):
        errors.add(DomainError("Ngày quyết định không hợp lệ.", field="decided_on"))
    elif decided_on > local_today():
        errors.add(DomainError("Ngày quyết định không được sau ngày hôm nay.", field="decided_on"))
    elif decided_on < closed_on:
        errors.add(
            DomainError(
                f"Ngày quyết định không được trước ngày kết thúc lấy ý kiến ({format_date(closed_on)}): "
                "cơ quan có thẩm quyền quyết định sau khi đã lấy ý kiến Nhân dân.",
                field="decided_on",
            )
        )
    errors.raise_if_any()
    c.outcome_text = text
    c.outcome_follows_majority = follows_majority
    c.outcome_explanation = explanation
    c.outcome_on = decided_on
    _status(actor, c, Status.DECIDED, "consultation.outcome", outcome_on=(None, decided_on))
    return c
