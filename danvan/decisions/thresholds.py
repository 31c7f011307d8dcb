"""The threshold calculator: how many yes votes a matter needs, from the rule in force on a day.

    t = threshold("1", "hamlet", 200, on=date(2026, 3, 1))
    t.required, t.comparator, t.fraction    # 134, ">=", Fraction(2, 3)

Exact integer arithmetic: `required` is the least k with k/n satisfying the comparator against the rule's
fraction (k ≥ n·p/q → ⌈n·p/q⌉; k > n·p/q → ⌊n·p/q⌋ + 1). The denominator `count` is all the households of the
hamlet (never those present), the hamlets of the commune for a commune-wide item 1–2, and those present for a
procedural vote."""

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from danvan.core.errors import DomainError
from danvan.rulebook.models import Comparator, LegalRule
from danvan.rulebook.services import rule_in_force

from .matters import DECIDED, OTHER_THRESHOLDS

MAX_COUNT = 10_000_000
SCOPES = ("hamlet", "commune")


@dataclass(frozen=True)
class Threshold:
    required: int
    of: int
    comparator: str
    fraction: Fraction
    rule: LegalRule
    counted: str  # what `of` counts, in words

    @property
    def rule_key(self) -> str:
        return self.rule.key

    @property
    def citation(self) -> str:
        return self.rule.citation

    @property
    def fraction_text(self) -> str:
        return f"{self.fraction.numerator}/{self.fraction.denominator}"

    def passes(self, yes: int) -> bool:
        return self.rule.is_met(yes, self.of)

    def words(self) -> str:
        """ "Cần ít nhất 134 trên 200 hộ gia đình của thôn tán thành (từ 2/3 trở lên; căn cứ …)"."""
        return (
            f"Cần ít nhất {self.required} trên {self.of} {self.counted} tán thành "
            f"({self.rule.value_display()}; căn cứ {self.citation})."
        )


def required_votes(count: int, fraction: Fraction, comparator: str) -> int:
    """The least k in 0…count (count + 1 when none) with k/count `comparator` fraction."""
    exact = Fraction(count) * fraction
    if comparator == Comparator.MORE_THAN:
        return exact.numerator // exact.denominator + 1
    if comparator == Comparator.AT_LEAST:
        return -(-exact.numerator // exact.denominator)
    raise ValueError(f"comparator {comparator!r} is not a passing threshold")


def rule_key_for(matter: str, scope: str, *, online: bool = False) -> tuple[str, str]:
    """The rule key and what its denominator counts, for a matter ("1"…"6" or one of OTHER_THRESHOLDS)."""
    matter = str(matter).strip()
    if scope not in SCOPES:
        raise DomainError("Phạm vi phải là thôn, tổ dân phố (hamlet) hoặc toàn xã (commune).", field="scope")
    if matter in DECIDED:
        item = DECIDED[matter]
        if scope == "commune":
            if item.commune_rule is None:
                raise DomainError(
                    f"Luật không quy định tỷ lệ toàn xã cho nội dung {item.item} Điều 15 (Điều 21 chỉ quy định "
                    "nội dung 1–2): mỗi thôn, tổ dân phố quyết định theo tỷ lệ của thôn.",
                    field="scope",
                )
            return item.commune_rule, "thôn, tổ dân phố của xã"
        if online:
            if not item.online_allowed:
                raise DomainError(
                    "Chỉ nội dung 6 Điều 15 được biểu quyết trực tuyến (Nghị định 59/2023, Điều 5).",
                    field="matter",
                )
            return OTHER_THRESHOLDS["online"]
        return item.hamlet_rule, "hộ gia đình của thôn, tổ dân phố"
    if matter in OTHER_THRESHOLDS:
        if scope == "commune":
            raise DomainError(
                "Tỷ lệ này chỉ tính trong phạm vi thôn, tổ dân phố (sáng kiến cần từ 10% số hộ của thôn; biểu "
                "quyết thủ tục và trực tuyến diễn ra ở từng thôn).",
                field="scope",
            )
        return OTHER_THRESHOLDS[matter]
    raise DomainError(
        "Nội dung không hợp lệ: dùng 1 đến 6 (Điều 15), procedural, initiative hoặc online_poll.",
        field="matter",
    )


def threshold(matter, scope: str, count: int, on: dt.date, *, online: bool = False) -> Threshold:
    key, counted = rule_key_for(matter, scope, online=online)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1 or count > MAX_COUNT:
        raise DomainError("Số lượng phải là số nguyên từ 1 trở lên.", field="count")
    rule = rule_in_force(key, on)
    required = required_votes(count, rule.fraction, rule.comparator)
    return Threshold(
        required=required,
        of=count,
        comparator=rule.comparator,
        fraction=rule.fraction,
        rule=rule,
        counted=counted,
    )
