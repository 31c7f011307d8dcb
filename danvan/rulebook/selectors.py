"""Reads of the rulebook for screens and the API.

The rulebook is national reference data, not owned by a unit: every officer with "rules.view" sees all of
it, and the rules in force are public (the API lists them), so there is no unit scoping here.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext_noop

from .models import PERIOD_UNITS, DaySwap, LegalRule

# Area (the prefix of a rule key) → Vietnamese name, in the order the rule list shows them. The names stay
# Vietnamese here (the API serves them as is); pages translate them when they show them.
AREAS: dict[str, str] = {
    "disclosure": gettext_noop("Công khai thông tin"),
    "decision": gettext_noop("Nhân dân bàn và quyết định"),
    "consultation": gettext_noop("Nhân dân tham gia ý kiến"),
    "convention": gettext_noop("Hương ước, quy ước"),
    "complaint": gettext_noop("Khiếu nại"),
    "denunciation": gettext_noop("Tố cáo"),
    "reception": gettext_noop("Tiếp công dân"),
    "feedback": gettext_noop("Phản ánh, kiến nghị"),
    "supervision": gettext_noop("Giám sát"),
    "support_list": gettext_noop("Hỗ trợ theo Nghị quyết 42/NQ-CP"),
}


def area_name(area: str) -> str:
    return AREAS.get(area, area.replace("_", " ").capitalize())


@dataclass
class RuleArea:
    code: str
    name: str
    rules: list[LegalRule] = field(default_factory=list)


def rules_on(day: dt.date):
    """Rules in force on `day`, ordered by key (one query)."""
    return LegalRule.objects.in_force_on(day).order_by("key", "valid_from")


def rules_by_area(day: dt.date) -> list[RuleArea]:
    """Rules in force on `day`, grouped by area in the order of `AREAS` (unknown areas last)."""
    groups: dict[str, RuleArea] = {}
    for rule in rules_on(day):
        area = rule.area
        if area not in groups:
            groups[area] = RuleArea(code=area, name=area_name(area))
        groups[area].rules.append(rule)
    order = list(AREAS)
    return sorted(
        groups.values(), key=lambda g: (order.index(g.code) if g.code in order else len(order), g.code)
    )


def rule_choices(day: dt.date) -> list[tuple[str, str]]:
    """(key, label) of the period rules (deadlines) in force on `day`, for the calculator's select."""
    return [(r.key, f"{r.title} — {r.value_display()}") for r in rules_on(day) if r.unit in PERIOD_UNITS]


def swaps(year_from: int | None = None):
    """Swap days, optionally from a year onwards, by date."""
    qs = DaySwap.objects.order_by("date")
    if year_from is not None:
        qs = qs.filter(date__year__gte=year_from)
    return qs
