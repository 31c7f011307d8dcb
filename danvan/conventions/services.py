"""The write path of conventions (hương ước, quy ước; Decree 61/2023/NĐ-CP): each change checked, in a
transaction, audited.

    convention_create (version 1, drafting) → article_add / article_update / article_delete (drafting only)
    → comment_period_open (at least `convention.comment_period` days) → comment_add / comment_respond
    → put_to_vote (after the period closed: a decisions.Decision of matter item 3, through decisions' own
      service; the vote, the tallies, the threshold and the People's Committee's recognition happen there)
    → the version's status follows the decision (`follow_decision` → `sync_version`, called by decisions' services through
      `danvan.decisions.followers` after each change of status, recognition or annulment):
      adopted / not adopted (with the meeting quorum `convention.adoption_quorum`), recognised / refused.
    Then: suspend / suspension_lift / annul (the People's Committee's acts: `decisions.recognise`),
    amend (a new version in drafting; the version in force stays in force until the new one is recognised),
    annual_review_record."""

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.db import transaction

from danvan.access.policy import has_unit_perm
from danvan.audit.services import audit_record
from danvan.core.errors import DomainError, ErrorCollector
from danvan.core.formatting import format_date, local_today
from danvan.core.text import clean_text
from danvan.rulebook.services import rule_in_force
from danvan.units.models import COMMUNITY_KINDS

from .models import (
    AnnualReview,
    Article,
    Comment,
    Convention,
    ConventionVersion,
    Kind,
    Measure,
    MeasureKind,
    Status,
    VersionStatus,
)

MANAGE = "conventions.manage"
RECOGNISE = "decisions.recognise"
PERIOD_RULE = "convention.comment_period"
ADOPTION_RULE = "convention.adoption"
QUORUM_RULE = "convention.adoption_quorum"
MATTER = "3"  # Law 10/2022 Art. 15 item 3: the content of the convention
AUTHORITY = "Ủy ban nhân dân cấp xã"
TEXT_MAX = 5000
CITIZEN_COMMENTS_MAX = 20  # a platform limit against flooding a draft, not a legal rule
OPEN_VERSION = (VersionStatus.DRAFTING, VersionStatus.COMMENT, VersionStatus.VOTING, VersionStatus.ADOPTED)


def _require(actor, unit, perm: str = MANAGE) -> None:
    if not has_unit_perm(actor, perm, unit):
        what = (
            "ghi quyết định của UBND xã về hương ước, quy ước" if perm == RECOGNISE else "quản lý hương ước"
        )
        raise DomainError(f"Bạn không có quyền {what} ở “{unit.name}”.", code="forbidden")


def _audit(actor, action: str, about, convention: Convention, **changes) -> None:
    """Every record is kept on the convention (one trail on its page, `trail.py`), whatever part of it — a
    version, an article, a comment — the change was `about`; a version's number goes with the change."""
    if isinstance(about, ConventionVersion):
        changes = {"version_number": (None, about.number), **changes}
    audit_record(actor=actor, action=action, obj=convention, unit=convention.commune, changes=changes)


_text = partial(clean_text, max_length=TEXT_MAX, lines=True)


def _date(value, *, field: str, label: str, not_after_today: bool = False) -> dt.date:
    if not isinstance(value, dt.date):
        raise DomainError(f"Vui lòng nhập {label}.", field=field)
    if not_after_today and value > local_today():
        raise DomainError(f"{label[:1].upper()}{label[1:]} không được sau hôm nay.", field=field)
    return value


def _conflict(message: str) -> DomainError:
    return DomainError(message, code="conflict")


def _locked_version(version: ConventionVersion) -> ConventionVersion:
    return (
        ConventionVersion.objects.select_for_update(of=("self",))
        .select_related("convention", "convention__hamlet", "convention__commune")
        .get(pk=version.pk)
    )


def _locked(convention: Convention) -> Convention:
    return (
        Convention.objects.select_for_update(of=("self",))
        .select_related("hamlet", "commune")
        .get(pk=convention.pk)
    )


def _drafting(version: ConventionVersion, doing: str) -> None:
    if version.status != VersionStatus.DRAFTING:
        raise _conflict(
            f"Chỉ {doing} khi dự thảo đang soạn thảo; bản này đang ở tình trạng “{version.get_status_display()}”."
        )


# --------------------------------------------------------------------------------------------- status


def derive_status(convention: Convention) -> str:
    """The convention's status from its versions and measures: annulled, suspended, in force, or the stage
    of its newest version while none is in force."""
    if convention.measures.filter(kind=MeasureKind.ANNULMENT).exists():
        return Status.ANNULLED
    current = convention.in_force
    if current is not None:
        if current.decision is not None and current.decision.is_annulled:
            return Status.ANNULLED
        if convention.measures.filter(kind=MeasureKind.SUSPENSION, lifted_on__isnull=True).exists():
            return Status.SUSPENDED
        return Status.IN_FORCE
    latest = convention.latest
    return {
        VersionStatus.DRAFTING: Status.DRAFTING,
        VersionStatus.COMMENT: Status.COMMENT,
        VersionStatus.VOTING: Status.VOTING,
        VersionStatus.ADOPTED: Status.ADOPTED,
        VersionStatus.NOT_ADOPTED: Status.NOT_ADOPTED,
        VersionStatus.REFUSED: Status.REFUSED,
    }.get(latest.status if latest else VersionStatus.DRAFTING, Status.DRAFTING)


def _restatus(actor, convention: Convention) -> None:
    new = derive_status(convention)
    if new != convention.status:
        old = convention.status
        convention.status = new
        convention.save(update_fields=["status", "updated_at"])
        _audit(actor, "convention.status", convention, convention, status=(old, new))


def _annulment_recorded(convention: Convention, decision, actor) -> None:
    """An adoption decision annulled in decisions (Art. 22) annuls the convention: the measure is recorded here
    too — once — so the convention's record, its page and the review's count of annulments read it (`annul`
    records it first and then annuls the decision)."""
    if convention.measures.filter(kind=MeasureKind.ANNULMENT).exists():
        return
    _measure_record(
        actor,
        convention,
        MeasureKind.ANNULMENT,
        decided_on=decision.annulled_on,
        authority=AUTHORITY,
        number=decision.annulment_number,
        reason=decision.annulment_reason,
        fallback_actor=decision.created_by,
    )


def _measure_record(actor, convention: Convention, kind: str, **fields) -> Measure:
    """A suspension or an annulment recorded on the convention, and audited as such."""
    fallback = fields.pop("fallback_actor", None)
    measure = Measure.objects.create(
        convention=convention, kind=kind, recorded_by=actor or fallback, **fields
    )
    action = "convention.annul" if kind == MeasureKind.ANNULMENT else "convention.suspend"
    _audit(
        actor,
        action,
        convention,
        convention,
        number=(None, measure.number),
        decided_on=(None, measure.decided_on),
    )
    return measure


def _not_annulled(convention: Convention) -> None:
    if convention.status == Status.ANNULLED:
        raise _conflict("Hương ước, quy ước đã bị bãi bỏ; hãy soạn một hương ước, quy ước mới.")


@dataclass(frozen=True)
class Adoption:
    """The result of the adoption vote read with Decree 61's meeting quorum."""

    total: int
    yes: int
    present: int  # households counted at the meeting
    quorum_required: int
    quorum_met: bool
    ballot_held: bool  # the household ballot that follows a meeting short of its quorum (Law Art. 19)
    decision_passed: bool
    quorum_citation: str

    @property
    def adopted(self) -> bool:
        return self.decision_passed and (self.quorum_met or self.ballot_held)

    def words(self) -> str:
        if self.adopted:
            return f"Được thông qua: {self.yes}/{self.total} hộ tán thành."
        if not self.quorum_met and not self.ballot_held:
            return (
                f"Cuộc họp chỉ có {self.present}/{self.total} hộ có mặt, cần ít nhất {self.quorum_required} hộ "
                f"({self.quorum_citation}); chưa phát phiếu lấy ý kiến hộ gia đình nên không được thông qua."
            )
        return f"Không được thông qua: {self.yes}/{self.total} hộ tán thành."


def adoption_of(decision) -> Adoption:
    """Decisions computes item 3 as > 50 % of all households (`decision.community_approval`) and applies no
    quorum; Decree 61 also wants > 50 % of the households present at the meeting (`convention.adoption_quorum`)
    — or, failing that, a household ballot. Both are read here, from the rules in force on the voting day."""
    from danvan.decisions.models import Channel, HouseholdVote
    from danvan.decisions.models import Status as DecisionStatus
    from danvan.decisions.thresholds import required_votes

    total = decision.households_total or 0
    votes = HouseholdVote.objects.filter(decision=decision)
    present = votes.filter(channel=Channel.MEETING).count()
    ballot = votes.filter(channel=Channel.BALLOT).exists()
    quorum = rule_in_force(QUORUM_RULE, decision.voting_on)
    adoption = rule_in_force(ADOPTION_RULE, decision.voting_on)
    yes = decision.yes_count or 0
    passed = decision.status == DecisionStatus.PASSED and total > 0 and adoption.is_met(yes, total)
    return Adoption(
        total=total,
        yes=yes,
        present=present,
        quorum_required=required_votes(total, quorum.fraction, quorum.comparator) if total else 0,
        quorum_met=total > 0 and quorum.is_met(present, total),
        ballot_held=ballot,
        decision_passed=passed,
        quorum_citation=quorum.citation,
    )


def follow_decision(decision, *, actor=None) -> None:
    """Decisions' follower (danvan.decisions.followers): after each change of a decision's status, recognition
    or annulment, the version it adopts (if any) is brought in line, in the same transaction, by the same actor."""
    version = ConventionVersion.objects.filter(decision_id=decision.pk).select_related("convention").first()
    if version is not None:
        sync_version(version, decision=decision, actor=actor)


def sync_version(version: ConventionVersion, *, decision=None, actor=None) -> ConventionVersion:
    """Bring a version's status in line with its adoption decision (decisions calls `follow_decision`)."""
    from danvan.decisions.models import CLOSED, Recognition

    decision = decision or version.decision
    if decision is None:
        return version
    old = version.status
    fields: dict = {}
    if decision.status not in CLOSED:
        new = VersionStatus.VOTING
    else:
        result = adoption_of(decision)
        fields = {"meeting_present": result.present, "quorum_met": result.quorum_met}
        new = VersionStatus.ADOPTED if result.adopted else VersionStatus.NOT_ADOPTED
        if result.adopted and decision.recognition == Recognition.RECOGNISED:
            new = VersionStatus.RECOGNISED
            fields.update(
                recognised_on=decision.recognition_on, recognition_number=decision.recognition_number
            )
        elif result.adopted and decision.recognition == Recognition.REFUSED:
            new = VersionStatus.REFUSED
            fields.update(refused_on=decision.recognition_on, recognition_number=decision.recognition_number)
    if decision.is_annulled:
        _annulment_recorded(version.convention, decision, actor)
    changed = new != old or any(getattr(version, k) != v for k, v in fields.items())
    if not changed:
        _restatus(actor, version.convention)  # an annulment in decisions leaves the version as it was
        return version
    version.status = new
    for k, v in fields.items():
        setattr(version, k, v)
    version.save()
    convention = version.convention
    if new != old:
        _audit(actor, "convention.version_status", version, convention, version_status=(old, new))
    if new == VersionStatus.RECOGNISED:
        # the amended text replaces the one in force from the day the new one is recognised
        for older in convention.versions.filter(status=VersionStatus.RECOGNISED).exclude(pk=version.pk):
            older.status = VersionStatus.SUPERSEDED
            older.save(update_fields=["status", "updated_at"])
            _audit(
                actor,
                "convention.version_status",
                older,
                convention,
                version_status=(VersionStatus.RECOGNISED, VersionStatus.SUPERSEDED),
            )
    _restatus(actor, convention)
    return version


# ------------------------------------------------------------------------------------------- drafting


@transaction.atomic
def convention_create(*, actor, hamlet, title, kind=Kind.HUONG_UOC, preamble="") -> Convention:
    errors = ErrorCollector()
    if hamlet is None or hamlet.kind not in COMMUNITY_KINDS:
        errors.add(DomainError("Chọn thôn, tổ dân phố.", field="hamlet"))
    with errors.step():
        title = _text(title, field="title", label="tên hương ước, quy ước", max_length=255)
    if kind not in Kind.values:
        errors.add(DomainError("Chọn hương ước hoặc quy ước.", field="kind"))
    with errors.step():
        preamble = _text(preamble, field="preamble", label="lời nói đầu", required=False)
    errors.raise_if_any()
    _require(actor, hamlet)
    convention = Convention.objects.create(
        hamlet=hamlet, commune=hamlet.parent, title=title, kind=kind, created_by=actor
    )
    ConventionVersion.objects.create(convention=convention, number=1, preamble=preamble)
    _audit(actor, "convention.create", convention, convention, title=(None, title), kind=(None, kind))
    return convention


def _article_fields(heading, text) -> tuple[str, str]:
    errors = ErrorCollector()
    with errors.step():
        heading = _text(heading, field="heading", label="tên điều", max_length=255)
    with errors.step():
        text = _text(text, field="text", label="nội dung điều", max_length=10_000)
    errors.raise_if_any()
    return heading, text


@transaction.atomic
def article_add(*, actor, version: ConventionVersion, heading, text) -> Article:
    version = _locked_version(version)
    _require(actor, version.convention.hamlet)
    _drafting(version, "thêm điều")
    heading, text = _article_fields(heading, text)
    last = version.articles.order_by("-number").values_list("number", flat=True).first() or 0
    article = Article.objects.create(version=version, number=last + 1, heading=heading, text=text)
    _audit(actor, "convention.article_add", version, version.convention, article=(None, str(article)))
    return article


@transaction.atomic
def article_update(*, actor, article: Article, heading, text) -> Article:
    version = _locked_version(article.version)
    _require(actor, version.convention.hamlet)
    _drafting(version, "sửa điều")
    heading, text = _article_fields(heading, text)
    article = Article.objects.get(pk=article.pk)
    old = (article.heading, article.text)
    article.heading, article.text = heading, text
    article.save()
    _audit(actor, "convention.article_update", version, version.convention, article=(old[0], heading))
    return article


@transaction.atomic
def article_delete(*, actor, article: Article) -> None:
    """Remove an article of a draft; the articles after it move up one number."""
    version = _locked_version(article.version)
    _require(actor, version.convention.hamlet)
    _drafting(version, "xóa điều")
    number, label = article.number, str(article)
    Article.objects.filter(pk=article.pk).delete()
    for later in version.articles.filter(number__gt=number).order_by("number"):
        later.number -= 1
        later.save(update_fields=["number"])
    _audit(actor, "convention.article_delete", version, version.convention, article=(label, None))


@transaction.atomic
def comment_period_open(*, actor, version: ConventionVersion, opens_on, closes_on) -> ConventionVersion:
    """The draft posted for comment: at least `convention.comment_period` days from `opens_on`."""
    version = _locked_version(version)
    _require(actor, version.convention.hamlet)
    _not_annulled(version.convention)
    _drafting(version, "mở thời gian lấy ý kiến")
    if not version.articles.exists():
        raise DomainError(
            "Dự thảo chưa có điều nào; hãy soạn các điều trước khi lấy ý kiến.", field="opens_on"
        )
    opens_on = _date(opens_on, field="opens_on", label="ngày bắt đầu niêm yết")
    closes_on = _date(closes_on, field="closes_on", label="ngày kết thúc lấy ý kiến")
    # a minimum posting period in calendar days: not moved off a day off as a deadline would be
    rule = rule_in_force(PERIOD_RULE, opens_on, earliest_before_first=True)
    earliest = opens_on + dt.timedelta(days=int(rule.value))
    if closes_on < earliest:
        raise DomainError(
            f"Thời gian lấy ý kiến phải ít nhất {rule.value_display()}: kết thúc không sớm hơn ngày "
            f"{format_date(earliest)} ({rule.citation}).",
            field="closes_on",
        )
    version.opens_on, version.closes_on = opens_on, closes_on
    version.status = VersionStatus.COMMENT
    version.save()
    _audit(
        actor,
        "convention.comment_period",
        version,
        version.convention,
        opens_on=(None, opens_on),
        closes_on=(None, closes_on),
    )
    _restatus(actor, version.convention)
    return version


def in_comment(version: ConventionVersion, on: dt.date | None = None) -> bool:
    on = on or local_today()
    return (
        version.status == VersionStatus.COMMENT
        and version.opens_on is not None
        and version.opens_on <= on <= version.closes_on
    )


@transaction.atomic
def comment_add(
    *, version: ConventionVersion, text, article=None, citizen=None, actor=None, author_name=""
) -> Comment:
    """An opinion during the comment period: a verified citizen whose household is in the hamlet (`citizen`),
    or one an officer enters from a meeting, a box or the copies sent to households (`actor`, `author_name`)."""
    version = _locked_version(version)
    convention = version.convention
    _not_annulled(convention)
    if citizen is not None:
        if (
            not getattr(citizen, "is_citizen", False)
            or not citizen.is_verified
            or citizen.household_id is None
        ):
            raise DomainError(
                "Tài khoản cần được xác minh và gắn với hộ gia đình mới góp ý hương ước, quy ước.",
                code="forbidden",
            )
        if citizen.household.hamlet_id != convention.hamlet_id:
            raise DomainError(
                f"Chỉ người dân của {convention.hamlet.name} góp ý hương ước, quy ước này.", code="forbidden"
            )
        author_name = citizen.full_name or citizen.household.representative_name
    else:
        _require(actor, convention.hamlet)
        author_name = _text(author_name, field="author_name", label="tên người góp ý", max_length=128)
    if not in_comment(version):
        if version.status == VersionStatus.COMMENT and version.opens_on > local_today():
            raise _conflict(f"Thời gian lấy ý kiến bắt đầu từ ngày {format_date(version.opens_on)}.")
        raise _conflict("Dự thảo không trong thời gian lấy ý kiến.")
    if article is not None and article.version_id != version.pk:
        raise DomainError("Điều được góp ý không thuộc dự thảo này.", field="article")
    text = _text(text, field="text", label="nội dung góp ý", max_length=3000)
    if citizen is not None and version.comments.filter(citizen=citizen).count() >= CITIZEN_COMMENTS_MAX:
        raise _conflict(
            f"Bạn đã gửi {CITIZEN_COMMENTS_MAX} ý kiến cho dự thảo này; hãy góp thêm tại cuộc họp hoặc hòm thư góp ý "
            "của thôn."
        )
    comment = Comment.objects.create(
        version=version,
        article=article,
        author_name=author_name,
        citizen=citizen,
        entered_by=actor if citizen is None else None,
        text=text,
    )
    _audit(citizen or actor, "convention.comment", version, convention, comment=(None, author_name))
    return comment


@transaction.atomic
def comment_respond(*, actor, comment: Comment, response) -> Comment:
    """The drafting group's answer to an opinion (accepted, or why not); until the text is put to the vote."""
    from django.utils import timezone

    version = _locked_version(comment.version)
    _require(actor, version.convention.hamlet)
    if version.status not in (VersionStatus.COMMENT, VersionStatus.DRAFTING):
        raise _conflict("Dự thảo đã đưa ra biểu quyết; không sửa ý kiến trả lời góp ý nữa.")
    response = _text(response, field="response", label="ý kiến trả lời", max_length=3000)
    comment = Comment.objects.get(pk=comment.pk)
    old = comment.response
    comment.response = response
    comment.responded_at = timezone.now()
    comment.responded_by = actor
    comment.save()
    _audit(actor, "convention.comment_respond", version, version.convention, response=(old, response))
    return comment


def full_text(version: ConventionVersion) -> str:
    """The text put to the vote: the preamble and every article, in order."""
    convention = version.convention
    parts = [convention.full_name.upper()]
    if version.preamble:
        parts.append(version.preamble)
    for article in version.articles.order_by("number"):
        parts.append(f"Điều {article.number}. {article.heading}\n{article.text}")
    return "\n\n".join(parts)


@transaction.atomic
def put_to_vote(*, actor, version: ConventionVersion, voting_on):
    """Create the adoption decision (Law 10/2022 Art. 15 item 3) through decisions' own service, once the
    comment period has closed; the vote and the recognition then follow decisions' steps."""
    from danvan.decisions.models import Proposer
    from danvan.decisions.services import decision_create

    version = _locked_version(version)
    convention = version.convention
    _require(actor, convention.hamlet)
    _not_annulled(convention)
    if version.decision_id is not None:
        raise _conflict("Bản này đã được đưa ra biểu quyết.")
    if version.status != VersionStatus.COMMENT:
        raise _conflict("Dự thảo phải được lấy ý kiến Nhân dân trước khi đưa ra biểu quyết.")
    today = local_today()
    if today <= version.closes_on:
        raise _conflict(
            f"Chưa hết thời gian lấy ý kiến (đến hết ngày {format_date(version.closes_on)}); đưa ra biểu quyết "
            "sau khi kết thúc lấy ý kiến."
        )
    voting_on = _date(voting_on, field="voting_on", label="ngày biểu quyết")
    if voting_on <= version.closes_on:
        raise DomainError(
            f"Ngày biểu quyết phải sau ngày kết thúc lấy ý kiến ({format_date(version.closes_on)}).",
            field="voting_on",
        )
    kind = convention.get_kind_display()
    title = f"Thông qua {kind.lower()} {convention.name_after_kind}"
    if version.number > 1:
        title = f"Thông qua {kind.lower()} {convention.name_after_kind} (sửa đổi lần {version.number - 1})"
    decision = decision_create(
        actor=actor,
        matter=MATTER,
        unit=convention.hamlet,
        title=title[:255],
        content=full_text(version),
        proposer=Proposer.HAMLET_HEAD,
        voting_on=voting_on,
    )
    version.decision = decision
    version.status = VersionStatus.VOTING
    version.save()
    _audit(actor, "convention.put_to_vote", version, convention, voting_on=(None, voting_on))
    _restatus(actor, convention)
    return decision


# ------------------------------------------------------------------------- suspension, annulment, amendment


def _measure_fields(decided_on, number, reason, authority):
    errors = ErrorCollector()
    with errors.step():
        decided_on = _date(decided_on, field="decided_on", label="ngày quyết định", not_after_today=True)
    with errors.step():
        number = _text(number, field="number", label="số văn bản", max_length=64)
    with errors.step():
        reason = _text(reason, field="reason", label="lý do")
    with errors.step():
        authority = _text(
            authority or AUTHORITY, field="authority", label="cơ quan quyết định", max_length=255
        )
    errors.raise_if_any()
    return decided_on, number, reason, authority


@transaction.atomic
def suspend(
    *, actor, convention: Convention, decided_on, number, reason, articles="", fix_by=None, authority=""
) -> Measure:
    """The People's Committee suspends a convention in force, wholly or some articles, with a deadline to fix."""
    convention = _locked(convention)
    _require(actor, convention.hamlet, RECOGNISE)
    if convention.status != Status.IN_FORCE:
        raise _conflict(
            f"Chỉ tạm ngưng hương ước, quy ước đang có hiệu lực (đang “{convention.get_status_display()}”)."
        )
    decided_on, number, reason, authority = _measure_fields(decided_on, number, reason, authority)
    current = convention.in_force
    if current.recognised_on and decided_on < current.recognised_on:
        raise DomainError(
            f"Ngày tạm ngưng không được trước ngày công nhận ({format_date(current.recognised_on)}).",
            field="decided_on",
        )
    if fix_by is not None and (not isinstance(fix_by, dt.date) or fix_by < decided_on):
        raise DomainError("Thời hạn khắc phục phải từ ngày tạm ngưng trở đi.", field="fix_by")
    articles = _text(
        articles, field="articles", label="các điều bị tạm ngưng", required=False, max_length=255
    )
    measure = _measure_record(
        actor,
        convention,
        MeasureKind.SUSPENSION,
        decided_on=decided_on,
        authority=authority,
        number=number,
        reason=reason,
        articles=articles,
        fix_by=fix_by,
    )
    _restatus(actor, convention)
    return measure


@transaction.atomic
def suspension_lift(*, actor, convention: Convention, lifted_on) -> Measure:
    convention = _locked(convention)
    _require(actor, convention.hamlet, RECOGNISE)
    measure = convention.measures.filter(kind=MeasureKind.SUSPENSION, lifted_on__isnull=True).first()
    if measure is None:
        raise _conflict("Hương ước, quy ước không bị tạm ngưng.")
    lifted_on = _date(lifted_on, field="lifted_on", label="ngày hết tạm ngưng", not_after_today=True)
    if lifted_on < measure.decided_on:
        raise DomainError("Ngày hết tạm ngưng không được trước ngày tạm ngưng.", field="lifted_on")
    measure.lifted_on = lifted_on
    measure.save(update_fields=["lifted_on"])
    _audit(actor, "convention.suspension_lift", convention, convention, lifted_on=(None, lifted_on))
    _restatus(actor, convention)
    return measure


@transaction.atomic
def annul(*, actor, convention: Convention, decided_on, number, reason, authority="") -> Measure:
    """The People's Committee annuls the convention (unlawful content, defects not fixed by the deadline, the
    threshold not met): recorded here and, on the decision that adopted the version in force, through
    decisions' own annulment step."""
    from danvan.decisions.steps import decision_annul

    convention = _locked(convention)
    _require(actor, convention.hamlet, RECOGNISE)
    if convention.status not in (Status.IN_FORCE, Status.SUSPENDED):
        raise _conflict(
            f"Chỉ bãi bỏ hương ước, quy ước đã được công nhận (đang “{convention.get_status_display()}”)."
        )
    decided_on, number, reason, authority = _measure_fields(decided_on, number, reason, authority)
    measure = _measure_record(
        actor,
        convention,
        MeasureKind.ANNULMENT,
        decided_on=decided_on,
        authority=authority,
        number=number,
        reason=reason,
    )
    current = convention.in_force
    if current is not None and current.decision is not None and not current.decision.is_annulled:
        decision_annul(
            actor=actor, decision=current.decision, annulled_on=decided_on, number=number, reason=reason
        )
    _restatus(actor, convention)
    return measure


@transaction.atomic
def amend(*, actor, convention: Convention, reason) -> ConventionVersion:
    """A new version, in drafting, starting from the newest text; the version in force stays in force until
    the new one is recognised (then it is superseded)."""
    convention = _locked(convention)
    _require(actor, convention.hamlet)
    _not_annulled(convention)
    latest = convention.latest
    if latest.status in OPEN_VERSION:
        raise _conflict(f"Đang có bản lần {latest.number} chưa xong ({latest.get_status_display().lower()}).")
    reason = _text(reason, field="reason", label="lý do sửa đổi, bổ sung")
    new = ConventionVersion.objects.create(
        convention=convention, number=latest.number + 1, preamble=latest.preamble, amendment_reason=reason
    )
    Article.objects.bulk_create(
        Article(version=new, number=a.number, heading=a.heading, text=a.text)
        for a in latest.articles.order_by("number")
    )
    _audit(actor, "convention.amend", new, convention, version=(latest.number, new.number))
    _restatus(actor, convention)
    return new


@transaction.atomic
def annual_review_record(
    *, actor, convention: Convention, year, held_on, findings, proposals=""
) -> AnnualReview:
    """The yearly review of the convention's implementation (Decree 61/2023: 18 November or another day)."""
    convention = _locked(convention)
    _require(actor, convention.hamlet)
    if convention.status not in (Status.IN_FORCE, Status.SUSPENDED):
        raise _conflict("Chỉ tổng kết hương ước, quy ước đã được công nhận và đang thực hiện.")
    errors = ErrorCollector()
    with errors.step():
        held_on = _date(held_on, field="held_on", label="ngày tổng kết", not_after_today=True)
    if isinstance(year, bool) or not isinstance(year, int):
        errors.add(DomainError("Nhập năm tổng kết.", field="year"))
    elif isinstance(held_on, dt.date) and held_on.year not in (year, year + 1):
        errors.add(
            DomainError("Ngày tổng kết phải trong năm được tổng kết hoặc đầu năm sau.", field="held_on")
        )
    with errors.step():
        findings = _text(findings, field="findings", label="kết quả thực hiện")
    with errors.step():
        proposals = _text(proposals, field="proposals", label="kiến nghị", required=False)
    errors.raise_if_any()
    if convention.reviews.filter(year=year).exists():
        raise DomainError(f"Đã có tổng kết năm {year}.", field="year", code="conflict")
    review = AnnualReview.objects.create(
        convention=convention,
        year=year,
        held_on=held_on,
        findings=findings,
        proposals=proposals,
        recorded_by=actor,
    )
    _audit(actor, "convention.annual_review", convention, convention, year=(None, year))
    return review
