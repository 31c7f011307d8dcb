"""Commune-wide decisions (Law 10/2022/QH15 Arts. 16, 19, 21(1)): one matter put to every hamlet of a commune.

A commune-wide decision is a `Decision` with scope commune whose unit is the commune; `commune_decision_create`
makes it together with one hamlet-scope decision (a *part*, `part_of`) for every hamlet of the commune as it
stood on the voting day (`units.selectors.hamlets_of(commune, day=voting_on)`). Each part goes through the
hamlet flow of `services` (notice, the roll of its own households, tallies, close) and is decided by the hamlet
rule. The commune-wide result counts the hamlets:

- items 1–2: passed when the hamlets that passed reach `decision.contribution_commune_approval` of **all** the
  hamlets of the commune (≥ 2/3; Art. 21(1)), each hamlet by `decision.contribution_hamlet_approval`;
- items 3–6: the law gives no commune-wide rule (Art. 21(1) names only items 1–2), so each hamlet's result
  stands by the hamlet rule and the commune-wide decision only gathers them (closed as "tallied").

`commune_close` fixes the result once it can no longer change: every part closed, or (items 1–2) enough hamlets
passed already, or too few are left to reach the threshold. Every write is audited on the commune."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from danvan.audit.services import audit_record
from danvan.core.errors import DomainError, ErrorCollector
from danvan.rulebook.services import rule_in_force
from danvan.units.selectors import hamlets_of

from . import services
from .matters import DECIDED
from .models import CLOSED, Decision, Proposer, Scope, Status
from .thresholds import Threshold, threshold


@dataclass
class CommuneResult:
    """Where a commune-wide decision stands: its parts by outcome and, for items 1–2, the threshold."""

    decision: Decision
    parts: list
    threshold: Threshold | None  # None: items 3–6, each hamlet by its own rule

    @property
    def total(self) -> int:
        return len(self.parts)

    @property
    def passed(self) -> list:
        return [p for p in self.parts if p.status == Status.PASSED]

    @property
    def not_passed(self) -> list:
        return [p for p in self.parts if p.status == Status.NOT_PASSED]

    @property
    def pending(self) -> list:
        return [p for p in self.parts if p.status not in CLOSED]

    @property
    def outcome(self) -> str | None:
        """PASSED or NOT_PASSED once the result can no longer change; TALLIED for items 3–6 once every part is
        closed; None while it still depends on the hamlets pending."""
        if self.threshold is None:
            return Status.TALLIED if not self.pending else None
        if len(self.passed) >= self.threshold.required:
            return Status.PASSED
        if len(self.passed) + len(self.pending) < self.threshold.required:
            return Status.NOT_PASSED
        return None


def commune_result(decision: Decision) -> CommuneResult:
    parts = list(decision.parts.select_related("unit").order_by("unit__sort_path", "unit__path"))
    t = None
    if decision.matter_info.commune_rule and parts:
        t = threshold(decision.matter, "commune", len(parts), decision.voting_on)
    return CommuneResult(decision=decision, parts=parts, threshold=t)


@transaction.atomic
def commune_decision_create(
    *, actor, matter, commune, title, content, voting_on, proposer: str = Proposer.COMMUNE_CHAIR
) -> Decision:
    """The commune-wide decision and one draft part per hamlet of the commune on the voting day. Proposed by the
    commune chair after agreeing with the commune Front chair (Art. 16)."""
    errors = ErrorCollector()
    matter, title, content = services.clean_matter_text(errors, matter, title, content)
    if proposer != Proposer.COMMUNE_CHAIR:
        errors.add(
            DomainError(
                "Việc trong phạm vi toàn xã do Chủ tịch UBND xã đề xuất sau khi thống nhất với Chủ tịch Ủy ban "
                "MTTQ xã (Điều 16).",
                field="proposer",
            )
        )
    if not isinstance(voting_on, dt.date):
        errors.add(DomainError("Nhập ngày biểu quyết.", field="voting_on"))
    if commune is None or not commune.is_commune:
        errors.add(DomainError("Chọn xã, phường.", field="commune"))
    errors.raise_if_any()
    services._require(actor, commune)
    item = DECIDED[matter]
    rule_in_force(item.commune_rule or item.hamlet_rule, voting_on)  # the law in force on the voting day
    hamlets = hamlets_of(commune, day=voting_on)
    if not hamlets:
        raise DomainError(
            f"“{commune.name}” không có thôn, tổ dân phố nào vào ngày {voting_on:%d/%m/%Y}.", field="commune"
        )
    whole = Decision.objects.create(
        matter=matter,
        scope=Scope.COMMUNE,
        unit=commune,
        commune=commune,
        title=title,
        content=content,
        proposer=proposer,
        voting_on=voting_on,
        hamlets_total=len(hamlets),
        created_by=actor,
    )
    Decision.objects.bulk_create(
        Decision(
            matter=matter,
            scope=Scope.HAMLET,
            unit=hamlet,
            commune=commune,
            title=title,
            content=content,
            proposer=proposer,
            voting_on=voting_on,
            part_of=whole,
            created_by=actor,
        )
        for hamlet in hamlets
    )
    audit_record(
        actor=actor,
        action="decision.create_commune",
        obj=whole,
        unit=commune,
        changes={
            "title": (None, title),
            "matter": (None, matter),
            "voting_on": (None, voting_on),
            "hamlets_total": (None, len(hamlets)),
        },
    )
    return whole


def _whole(decision: Decision) -> Decision:
    whole = services._locked(decision)
    if whole.scope != Scope.COMMUNE:
        raise DomainError("Đây không phải việc bàn và quyết định trong phạm vi toàn xã.", code="conflict")
    return whole


@transaction.atomic
def commune_notice(*, actor, decision: Decision, notice_on: dt.date) -> Decision:
    """The notice of a commune-wide decision, given for it and for every hamlet part still in draft."""
    whole = _whole(decision)
    services._require(actor, whole.unit)
    whole = services.decision_notice(actor=actor, decision=whole, notice_on=notice_on)
    for part in whole.parts.filter(status=Status.DRAFT):
        services.decision_notice(actor=actor, decision=part, notice_on=notice_on)
    return whole


@transaction.atomic
def commune_open(*, actor, decision: Decision) -> tuple[Decision, list[str]]:
    """Open voting in every hamlet part that has been noticed: each part's roll is its hamlet's households on the
    voting day. Returns the names of the hamlets that could not open (no household in the registry)."""
    whole = _whole(decision)
    services._require(actor, whole.unit)
    services._expect(whole, Status.NOTICE, Status.VOTING, doing="mở biểu quyết ở các thôn")
    skipped = []
    for part in whole.parts.filter(status=Status.NOTICE).select_related("unit"):
        try:
            services.voting_open(actor=actor, decision=part)
        except DomainError:
            skipped.append(part.unit.name)
    if whole.status == Status.NOTICE and whole.parts.filter(status=Status.VOTING).exists():
        whole.opened_at = timezone.now()
        services._status(actor, whole, Status.VOTING, "decision.open_commune")
    return whole, skipped


@transaction.atomic
def commune_close(*, actor, decision: Decision) -> Decision:
    """Fix the commune-wide result once the hamlets pending can no longer change it."""
    whole = _whole(decision)
    services._require(actor, whole.unit)
    services._expect(whole, Status.NOTICE, Status.VOTING, doing="kết thúc việc toàn xã")
    result = commune_result(whole)
    outcome = result.outcome
    if outcome is None:
        raise DomainError(
            f"Còn {len(result.pending)} thôn, tổ dân phố chưa kết thúc biểu quyết và kết quả toàn xã còn phụ "
            "thuộc vào các thôn này.",
            code="conflict",
        )
    whole.hamlets_total = result.total
    whole.hamlets_passed = len(result.passed)
    if result.threshold is not None:
        whole.required = result.threshold.required
        whole.rule_key = result.threshold.rule_key
        whole.rule_citation = result.threshold.citation
    else:
        rule = rule_in_force(whole.matter_info.hamlet_rule, whole.voting_on)
        whole.required = None
        whole.rule_key = rule.key
        whole.rule_citation = rule.citation
    whole.closed_at = timezone.now()
    services._status(
        actor,
        whole,
        outcome,
        "decision.close_commune",
        hamlets_passed=(None, whole.hamlets_passed),
        hamlets_total=(None, whole.hamlets_total),
    )
    return whole
