"""The write path of community decisions: every change runs here, in a transaction, checked and audited.

Flow: `decision_create` (draft) → `decision_notice` (notice given) → [`online_poll_record` for item 6] →
`voting_open` (the roll frozen: the hamlet's households on the voting day) → `tally_record` (meeting, per
cluster, or household ballots) and `online_vote_cast` (a verified citizen for the household) → `voting_close`
(the result through the threshold calculator: passed or not passed).

A household is counted once per decision: the service refuses one already counted, naming it, and the UNIQUE
(decision, household) constraint of `HouseholdVote` refuses it again if two writes race."""

import datetime as dt
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.access.policy import has_unit_perm
from danvan.audit.services import audit_record
from danvan.core.errors import DomainError, ErrorCollector
from danvan.core.formatting import format_date, group_thousands
from danvan.core.text import nfc
from danvan.people.models import Household
from danvan.rulebook.services import rule_in_force
from danvan.units.models import COMMUNITY_KINDS

from . import followers
from .matters import DECIDED
from .models import Channel, Choice, Decision, HouseholdVote, Proposer, RollEntry, Scope, Status, Tally
from .thresholds import threshold

MANAGE = "decisions.manage"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _require(actor, unit, what: str = "quản lý việc bàn và quyết định") -> None:
    if not has_unit_perm(actor, MANAGE, unit):
        raise DomainError(f"Bạn không có quyền {what} ở “{unit.name}”.", code="forbidden")


def households_on(hamlet, day: dt.date):
    """The households of `hamlet` in the registry on `day`: those registered by the end of that day.

    The registry keeps no end date for a household (a household that left is deleted), so this is the
    registry as it stood on the day only for additions; it is exact when voting opens on the voting day."""
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))
    return Household.objects.filter(hamlet=hamlet, created_at__lt=end)


# ------------------------------------------------------------------------------------------- drafting

_TEXT_MESSAGES = {
    # kind: (the matter missing, the title missing, the content missing, the content's longest)
    "decision": (
        "Chọn nội dung đưa ra bàn và quyết định (Điều 15).",
        "Nhập tiêu đề.",
        "Nhập nội dung đưa ra bàn.",
        50_000,  # a convention's whole text is put to the vote
    ),
    "initiative": (
        "Chọn nội dung sáng kiến (Điều 15).",
        "Nhập tiêu đề sáng kiến.",
        "Nhập nội dung sáng kiến.",
        5_000,
    ),
}


def clean_matter_text(errors: ErrorCollector, matter, title, content, *, kind: str = "decision"):
    """The matter (an Art. 15 item) and the title and content of a decision or an initiative, cleaned (NFC,
    trimmed); what is missing or too long goes to `errors` with its field."""
    pick, need_title, need_content, longest = _TEXT_MESSAGES[kind]
    matter = str(matter or "").strip()
    if matter not in DECIDED:
        errors.add(DomainError(pick, field="matter"))
    title = nfc((title or "").strip())
    content = nfc((content or "").strip())
    if not title:
        errors.add(DomainError(need_title, field="title"))
    elif len(title) > 255:
        errors.add(DomainError("Tiêu đề dài quá 255 ký tự.", field="title"))
    if not content:
        errors.add(DomainError(need_content, field="content"))
    elif len(content) > longest:
        errors.add(DomainError(f"Nội dung dài quá {group_thousands(longest)} ký tự.", field="content"))
    return matter, title, content


@transaction.atomic
def decision_create(
    *, actor, matter, unit, title, content, proposer, voting_on, scope: str = Scope.HAMLET
) -> Decision:
    errors = ErrorCollector()
    matter, title, content = clean_matter_text(errors, matter, title, content)
    if proposer not in Proposer.values:
        errors.add(DomainError("Chọn người đề xuất (Điều 16).", field="proposer"))
    if not isinstance(voting_on, dt.date):
        errors.add(DomainError("Nhập ngày biểu quyết.", field="voting_on"))
    if scope != Scope.HAMLET:
        # A commune-wide decision is made with its hamlet parts by `commune.commune_decision_create`.
        errors.add(
            DomainError(
                "Việc trong phạm vi toàn xã được lập ở mục “Việc toàn xã” (mỗi thôn một phần).", field="scope"
            )
        )
    if unit is None or unit.kind not in COMMUNITY_KINDS:
        errors.add(DomainError("Chọn thôn, tổ dân phố.", field="unit"))
    elif proposer == Proposer.COMMUNE_CHAIR:
        errors.add(
            DomainError(
                "Việc trong phạm vi thôn do Trưởng thôn đề xuất hoặc theo sáng kiến của công dân (Điều 16).",
                field="proposer",
            )
        )
    errors.raise_if_any()
    _require(actor, unit)
    if isinstance(voting_on, dt.date):
        rule_in_force(DECIDED[matter].hamlet_rule, voting_on)  # the law must be in force on the voting day
    decision = Decision.objects.create(
        matter=matter,
        scope=scope,
        unit=unit,
        commune=unit.parent,
        title=title,
        content=content,
        proposer=proposer,
        voting_on=voting_on,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="decision.create",
        obj=decision,
        unit=decision.commune,
        changes={"title": (None, title), "matter": (None, matter), "voting_on": (None, voting_on)},
    )
    return decision


def _locked(decision: Decision) -> Decision:
    return Decision.objects.select_for_update().select_related("unit", "commune").get(pk=decision.pk)


def _expect(decision: Decision, *statuses: str, doing: str) -> None:
    if decision.status not in statuses:
        raise DomainError(
            f"Không thể {doing} khi việc đang ở tình trạng “{decision.get_status_display()}”.",
            code="conflict",
        )


def _status(actor, decision: Decision, new: str, action: str, **changes) -> None:
    old = decision.status
    decision.status = new
    decision.save()
    audit_record(
        actor=actor,
        action=action,
        obj=decision,
        unit=decision.commune,
        changes={"status": (old, new), **changes},
    )
    followers.decision_changed(decision, actor=actor)


@transaction.atomic
def decision_notice(*, actor, decision: Decision, notice_on: dt.date, **details) -> Decision:
    """The notice (Form 01) given at least `decision.notice` days before the vote (steps.notice_check), with
    its details (place, time, the hamlet head and the Front work committee head: steps.notice_details)."""
    from .steps import notice_check, notice_details

    decision = _locked(decision)
    _require(actor, decision.unit)
    _expect(decision, Status.DRAFT, doing="thông báo")
    notice_check(decision, notice_on)
    for name, value in notice_details(**details).items():
        setattr(decision, name, value)
    decision.notice_on = notice_on
    _status(actor, decision, Status.NOTICE, "decision.notice", notice_on=(None, notice_on))
    return decision


@transaction.atomic
def online_poll_record(*, actor, decision: Decision, yes: int) -> Decision:
    """The poll on whether to vote online at all (Decree 59 Art. 5): only item 6, > 50 % of all households."""
    decision = _locked(decision)
    _require(actor, decision.unit)
    _expect(decision, Status.DRAFT, Status.NOTICE, doing="ghi kết quả thăm dò biểu quyết trực tuyến")
    if not decision.matter_info.online_allowed:
        raise DomainError(
            "Chỉ nội dung 6 Điều 15 được biểu quyết trực tuyến (Nghị định 59/2023, Điều 5).", field="matter"
        )
    total = households_on(decision.unit, decision.voting_on).count()
    if not isinstance(yes, int) or yes < 0 or yes > total:
        raise DomainError(f"Số hộ đồng ý phải từ 0 đến {total} (tổng số hộ của thôn).", field="yes")
    t = threshold("online_poll", "hamlet", total, decision.voting_on)
    decision.online_poll_yes = yes
    decision.online_accepted = t.passes(yes)
    decision.save()
    audit_record(
        actor=actor,
        action="decision.online_poll",
        obj=decision,
        unit=decision.commune,
        changes={"online_poll_yes": (None, yes), "online_accepted": (None, decision.online_accepted)},
    )
    return decision


# ---------------------------------------------------------------------------------------------- voting


def _codes(n: int) -> list[str]:
    codes: set[str] = set()
    while len(codes) < n:
        codes.add("".join(secrets.choice(CODE_ALPHABET) for _ in range(8)))
    return list(codes)


@transaction.atomic
def voting_open(*, actor, decision: Decision) -> Decision:
    """Freeze the roll: every household of the hamlet on the voting day, each with a ballot code."""
    decision = _locked(decision)
    _require(actor, decision.unit)
    _expect(decision, Status.NOTICE, doing="mở biểu quyết")
    if decision.scope == Scope.COMMUNE:
        raise DomainError("Việc toàn xã được biểu quyết ở từng thôn, tổ dân phố.", code="conflict")
    from .steps import documents_check

    documents_check(decision)  # items 1–3: the documents reached every household in time
    household_ids = list(households_on(decision.unit, decision.voting_on).values_list("pk", flat=True))
    if not household_ids:
        raise DomainError(
            f"Thôn “{decision.unit.name}” chưa có hộ gia đình nào trong sổ vào ngày {format_date(decision.voting_on)}."
        )
    RollEntry.objects.bulk_create(
        RollEntry(decision=decision, household_id=pk, ballot_code=code)
        for pk, code in zip(household_ids, _codes(len(household_ids)), strict=True)
    )
    decision.households_total = len(household_ids)
    decision.opened_at = timezone.now()
    _status(actor, decision, Status.VOTING, "decision.open", households_total=(None, len(household_ids)))
    return decision


def _counted_names(decision: Decision, household_ids) -> list[str]:
    return [
        v.household.representative_name
        for v in HouseholdVote.objects.filter(
            decision=decision, household_id__in=household_ids
        ).select_related("household")[:5]
    ]


def _insert_votes(decision: Decision, rows: list[HouseholdVote]) -> None:
    try:
        with transaction.atomic():
            HouseholdVote.objects.bulk_create(rows)
    except IntegrityError:
        raise DomainError(
            "Có hộ đã được tính phiếu cho việc này (qua hình thức khác hoặc cụm khác); mỗi hộ chỉ được tính một "
            "lần.",
            code="conflict",
        )


@transaction.atomic
def tally_record(
    *,
    actor,
    decision: Decision,
    channel: str,
    households=(),
    yes: int,
    no: int,
    other: int = 0,
    cluster: str = "",
    note: str = "",
    household_codes=(),
) -> Tally:
    """A meeting (or cluster) tally or a ballot tally: the counts, with the households they cover.

    `households`: the ids of the households present (meeting) or the codes of the ballots returned (ballot);
    a meeting's households may be given instead by their registry codes (`household_codes`, as an officer
    types them), looked up on the decision's roll.
    The rule: yes + no + other is exactly the number of households covered, each on the roll and not yet
    counted by any channel."""
    decision = _locked(decision)
    _require(actor, decision.unit)
    _expect(decision, Status.VOTING, doing="ghi kết quả kiểm phiếu")
    if channel not in (Channel.MEETING, Channel.BALLOT):
        raise DomainError("Hình thức phải là họp cộng đồng dân cư hoặc phát phiếu.", field="channel")
    errors = ErrorCollector()
    counts = {}
    for name, value in (("yes", yes), ("no", no), ("other", other)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            errors.add(DomainError("Số phiếu phải là số nguyên không âm.", field=name))
        counts[name] = value
    cluster = nfc((cluster or "").strip())
    if cluster and channel != Channel.MEETING:
        errors.add(DomainError("Chỉ cuộc họp mới được tổ chức theo cụm dân cư.", field="cluster"))
    errors.raise_if_any()
    if cluster:
        rule = rule_in_force("decision.cluster_meeting_households", decision.voting_on)
        if not rule.is_met(decision.households_total):
            raise DomainError(
                f"Thôn có {decision.households_total} hộ: chỉ thôn {rule.value_display()} hộ (hoặc địa bàn phân "
                f"tán, được UBND xã duyệt) mới họp theo cụm dân cư ({rule.citation}).",
                field="cluster",
            )
    if channel == Channel.BALLOT and decision.matter_info.meeting_only:
        if not decision.tallies.filter(channel=Channel.MEETING).exists():
            raise DomainError(
                f"Nội dung {decision.matter} Điều 15 phải được quyết định tại cuộc họp; chỉ phát phiếu khi cuộc "
                "họp không đủ số hộ tán thành cần thiết (Điều 17). Hãy ghi kết quả cuộc họp trước.",
                field="channel",
            )
    roll = RollEntry.objects.filter(decision=decision)
    raw = [str(h).strip() for h in households if str(h).strip()]
    if channel == Channel.BALLOT:
        codes = {c.upper() for c in raw}
        found = dict(roll.filter(ballot_code__in=codes).values_list("ballot_code", "household_id"))
        unknown = sorted(codes - set(found))
        if unknown:
            raise DomainError(
                f"Mã phiếu không có trong danh sách hộ: {', '.join(unknown[:5])}.", field="households"
            )
        ids = set(found.values())
    else:
        try:
            ids = {int(h) for h in raw}
        except ValueError:
            raise DomainError("Danh sách hộ có mặt không hợp lệ.", field="households")
        typed = {str(c).strip() for c in household_codes if str(c).strip()}
        if typed:
            found = dict(
                roll.filter(household__code__in=typed).values_list("household__code", "household_id")
            )
            unknown = [c for c in household_codes if str(c).strip() and str(c).strip() not in found]
            if unknown:
                raise DomainError(f"Không có hộ mã {', '.join(unknown[:5])} trong thôn.", field="households")
            ids |= set(found.values())
        on_roll = set(roll.filter(household_id__in=ids).values_list("household_id", flat=True))
        if on_roll != ids:
            raise DomainError(
                "Có hộ không thuộc danh sách hộ của thôn vào ngày biểu quyết.", field="households"
            )
    total = counts["yes"] + counts["no"] + counts["other"]
    if total != len(ids):
        raise DomainError(
            f"Tổng số phiếu ({total}) phải bằng số hộ {'có mặt' if channel == Channel.MEETING else 'nộp phiếu'} "
            f"({len(ids)}).",
            field="yes",
        )
    if not ids:
        raise DomainError("Chưa có hộ nào được tính.", field="households")
    already = _counted_names(decision, ids)
    if already:
        raise DomainError(
            f"Hộ đã được tính phiếu, không được tính lần nữa: {', '.join(already)}.",
            code="conflict",
            field="households",
        )
    tally = Tally.objects.create(
        decision=decision,
        channel=channel,
        cluster=cluster,
        note=nfc((note or "").strip())[:500],
        entered_by=actor,
        **counts,
    )
    _insert_votes(
        decision,
        [HouseholdVote(decision=decision, household_id=i, channel=channel, tally=tally) for i in ids],
    )
    audit_record(
        actor=actor,
        action="decision.tally",
        obj=decision,
        unit=decision.commune,
        changes={
            "channel": (None, channel),
            "cluster": (None, cluster),
            "households": (None, len(ids)),
            "yes": (None, counts["yes"]),
            "no": (None, counts["no"]),
            "other": (None, counts["other"]),
        },
    )
    return tally


@transaction.atomic
def online_vote_cast(*, citizen, decision: Decision, choice: str) -> HouseholdVote:
    """A verified citizen votes for the household: item 6 only, after the poll accepted online voting."""
    if not getattr(citizen, "is_authenticated", False) or not citizen.is_citizen:
        raise DomainError("Chỉ tài khoản công dân mới biểu quyết trực tuyến.", code="forbidden")
    if not citizen.is_verified or citizen.household_id is None:
        raise DomainError(
            "Tài khoản cần được xác minh và gắn với hộ gia đình mới biểu quyết thay cho hộ.", code="forbidden"
        )
    decision = _locked(decision)
    if not decision.matter_info.online_allowed:
        raise DomainError("Chỉ nội dung 6 Điều 15 được biểu quyết trực tuyến (Nghị định 59/2023, Điều 5).")
    if not decision.online_accepted:
        raise DomainError(
            "Chưa được biểu quyết trực tuyến: cần trên 50% tổng số hộ đồng ý áp dụng hình thức này trước "
            "(Nghị định 59/2023, Điều 5)."
        )
    _expect(decision, Status.VOTING, doing="biểu quyết")
    if choice not in Choice.values:
        raise DomainError("Chọn tán thành, không tán thành hoặc ý kiến khác.", field="choice")
    if not RollEntry.objects.filter(decision=decision, household_id=citizen.household_id).exists():
        raise DomainError("Hộ của bạn không thuộc danh sách hộ biểu quyết việc này.", code="forbidden")
    if HouseholdVote.objects.filter(decision=decision, household_id=citizen.household_id).exists():
        raise DomainError(
            "Hộ của bạn đã được tính phiếu cho việc này; mỗi hộ chỉ biểu quyết một lần.", code="conflict"
        )
    vote = HouseholdVote(
        decision=decision,
        household_id=citizen.household_id,
        channel=Channel.ONLINE,
        choice=choice,
        citizen=citizen,
    )
    _insert_votes(decision, [vote])
    audit_record(
        actor=citizen, action="decision.online_vote", obj=decision, unit=decision.commune, changes={}
    )
    return vote


@transaction.atomic
def voting_close(*, actor, decision: Decision) -> Decision:
    """Close the vote and decide the result: yes votes of every channel against the rule in force."""
    from .selectors import tally_of

    decision = _locked(decision)
    _require(actor, decision.unit)
    _expect(decision, Status.VOTING, doing="kết thúc biểu quyết")
    result = tally_of(decision)
    t = threshold(
        decision.matter,
        decision.scope,
        decision.households_total,
        decision.voting_on,
        online=(decision.online_accepted and result.channels == {Channel.ONLINE}),
    )
    decision.yes_count, decision.no_count, decision.other_count = result.yes, result.no, result.other
    decision.counted_count = result.counted
    decision.required = t.required
    decision.rule_key = t.rule_key
    decision.rule_citation = t.citation
    decision.closed_at = timezone.now()
    passed = t.passes(result.yes)
    _status(
        actor,
        decision,
        Status.PASSED if passed else Status.NOT_PASSED,
        "decision.close",
        yes_count=(None, result.yes),
        required=(None, t.required),
    )
    return decision
