"""Reads of citizen reception: the scoped lists officers see, the public calendar, and the compliance check.

Compliance (`compliance(unit, start, end)`) asks, for each host role the unit must or does receive citizens
with, whether its reception days meet the legal minimum of the rulebook (`rules.HOST_RULES`), period by
period, naming the rule and its citation:
- weekly rules count ISO weeks whose Monday lies in [start, end] (so every week belongs to exactly one month)
  and the days of that whole week; a week without any working day (Tết) is exempt;
- monthly rules count calendar months whose first day lies in [start, end];
- the rule version is the one in force on the period's first day;
- a cancelled day does not count; a day still to come counts as planned.
It also lists the scheduled days announced later than `reception.schedule_notice` working days ahead (an
ad-hoc day is exempt: it is unannounced by nature).
"""

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass, field

from danvan.access.policy import scope
from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.rulebook.services import rule_in_force, work_calendar
from danvan.units.models import COMMUNE_KINDS, UnitKind

from .models import (
    COMMITMENT_ACTIVE,
    AgendaItem,
    Commitment,
    Dialogue,
    DialogueStatus,
    HostRole,
    ReceptionSchedule,
    ReceptionSession,
    ReceptionVisit,
    SessionOrigin,
    SessionStatus,
)
from .rules import COMMUNE_HOSTS, HOST_RULES, NOTICE_RULE, PROVINCE_HOSTS, WEEK

PROVINCE_KINDS = frozenset({UnitKind.PROVINCE, UnitKind.CITY})


def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, _calendar.monthrange(year, month)[1])


def half_year_range(year: int, half: int) -> tuple[dt.date, dt.date]:
    return (
        (dt.date(year, 1, 1), dt.date(year, 6, 30))
        if half == 1
        else (dt.date(year, 7, 1), dt.date(year, 12, 31))
    )


@dataclass
class PeriodCheck:
    start: dt.date
    end: dt.date
    days: int
    required: int
    exempt: bool = False

    @property
    def met(self) -> bool:
        return self.exempt or self.days >= self.required


@dataclass
class HostCompliance:
    host_role: str
    rule_key: str
    rule_title: str
    citation: str
    period: str  # WEEK or MONTH
    periods: list[PeriodCheck] = field(default_factory=list)

    @property
    def host_label(self) -> str:
        return str(HostRole(self.host_role).label)

    @property
    def met(self) -> bool:
        return all(p.met for p in self.periods)

    @property
    def short(self) -> list[PeriodCheck]:
        return [p for p in self.periods if not p.met]


@dataclass
class Compliance:
    unit: object
    start: dt.date
    end: dt.date
    hosts: list[HostCompliance]
    late_notices: list[ReceptionSession]
    notice_rule_title: str = ""
    notice_citation: str = ""

    @property
    def met(self) -> bool:
        return all(h.met for h in self.hosts) and not self.late_notices


def required_hosts(unit) -> tuple[str, ...]:
    if unit.kind in COMMUNE_KINDS:
        return COMMUNE_HOSTS
    if unit.kind in PROVINCE_KINDS:
        return PROVINCE_HOSTS
    return ()


def _weeks(start: dt.date, end: dt.date):
    monday = start + dt.timedelta(days=(7 - start.weekday()) % 7)
    while monday <= end:
        yield monday, monday + dt.timedelta(days=6)
        monday += dt.timedelta(days=7)


def _months(start: dt.date, end: dt.date):
    first = start if start.day == 1 else month_range(start.year, start.month)[1] + dt.timedelta(days=1)
    while first <= end:
        yield month_range(first.year, first.month)
        first = month_range(first.year, first.month)[1] + dt.timedelta(days=1)


def _rules_reader():
    """`rule_in_force` for one computation, reading the rulebook once: its cache unpickles every rule on each
    call (≈ 8 ms on this machine; a month and a half-year of weeks made the schedule page ≈ 0.4 s)."""
    from danvan.rulebook.services import all_rules

    rules = all_rules()

    def read(key: str, on: dt.date):
        for r in rules:
            if r.key == key and r.valid_from <= on and (r.valid_to is None or on <= r.valid_to):
                return r
        return rule_in_force(key, on)  # the rulebook's own refusal (unknown key, not in force)

    return read


def compliance(unit, start: dt.date, end: dt.date) -> Compliance:
    """The compliance of `unit`'s reception days in [start, end] (see the module docstring). Two queries."""
    rule_in_force = _rules_reader()
    sessions = list(
        ReceptionSession.objects.filter(
            unit=unit, day__gte=start - dt.timedelta(days=6), day__lte=end + dt.timedelta(days=6)
        ).order_by("day")
    )
    live = [s for s in sessions if s.status == SessionStatus.PLANNED]
    roles = list(required_hosts(unit))
    for s in live:
        if s.host_role in HOST_RULES and s.host_role not in roles:
            roles.append(s.host_role)
    cal = work_calendar()
    hosts = []
    for role in roles:
        key, period = HOST_RULES[role]
        days = sorted({s.day for s in live if s.host_role == role})
        spans = list(_weeks(start, end) if period == WEEK else _months(start, end))
        if not spans:
            continue
        try:
            first_rule = rule_in_force(key, spans[0][0])
        except DomainError:
            continue
        check = HostCompliance(role, key, first_rule.title, first_rule.citation, period)
        for lo, hi in spans:
            try:
                rule = rule_in_force(key, lo)
            except DomainError:
                continue
            n = sum(1 for d in days if lo <= d <= hi)
            exempt = period == WEEK and cal.working_days_between(lo - dt.timedelta(days=1), hi) == 0
            check.periods.append(PeriodCheck(lo, hi, n, rule.whole_value or 0, exempt))
            check.citation = rule.citation
        hosts.append(check)
    late, notice_title, notice_citation = [], "", ""
    for s in live:
        if not (start <= s.day <= end) or s.origin == SessionOrigin.AD_HOC:
            continue
        try:
            rule = rule_in_force(NOTICE_RULE, s.posted_on)
        except DomainError:
            continue
        notice_title, notice_citation = rule.title, rule.citation
        if cal.working_days_between(s.posted_on, s.day) < (rule.whole_value or 0):
            late.append(s)
    if not notice_title:
        try:
            rule = rule_in_force(NOTICE_RULE, start)
            notice_title, notice_citation = rule.title, rule.citation
        except DomainError:
            pass
    return Compliance(unit, start, end, hosts, late, notice_title, notice_citation)


# ---------------------------------------------------------------- lists


def officer_schedules(user, unit):
    qs = scope(ReceptionSchedule.objects.select_related("unit"), user, "reception.view")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs.order_by("unit__path", "host_role", "-valid_from")


def officer_sessions(user, unit, start: dt.date, end: dt.date):
    qs = scope(ReceptionSession.objects.select_related("unit", "replaces"), user, "reception.view")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs.filter(day__gte=start, day__lte=end).order_by("day", "unit__path", "pk")


def officer_visits(user, unit):
    qs = scope(ReceptionVisit.objects.select_related("unit", "case"), user, "reception.view")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs.order_by("-visited_on", "-pk")


def answers_due(user, unit, within: int = 3, today: dt.date | None = None):
    """Visits that handed a matter to the unit whose written answer is due within `within` days (or late)
    and whose case has not been answered yet (still only received)."""
    today = today or local_today()
    return (
        officer_visits(user, unit)
        .filter(answer_due__isnull=False, answer_due__lte=today + dt.timedelta(days=within))
        .filter(case__status="received")
    )


def public_sessions(unit, start: dt.date, end: dt.date):
    """Announced reception days of `unit`'s subtree in [start, end] (cancelled ones included, shown so)."""
    qs = ReceptionSession.objects.select_related("unit", "replaces").filter(day__gte=start, day__lte=end)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs.order_by("day", "unit__path", "host_role")


UNITS_FOUND = 20


def units_with_days_named(query: str, unit_ids: list[int]) -> list:
    """Among `unit_ids`, the units whose name contains every word of `query` (diacritics ignored), in natural
    order — the first UNITS_FOUND."""
    from danvan.core.text import tokens
    from danvan.units.models import Unit

    qs = Unit.objects.filter(pk__in=unit_ids)
    words = tokens(query)
    if not words:
        return []
    for word in words:
        qs = qs.filter(search_name__contains=word)
    return list(qs.natural()[:UNITS_FOUND])


def public_session_units(start: dt.date, end: dt.date) -> list[int]:
    """Ids of the units with reception days announced in [start, end] (the public page's unit choice)."""
    return list(
        ReceptionSession.objects.filter(day__gte=start, day__lte=end)
        .values_list("unit_id", flat=True)
        .distinct()
        .order_by()
    )


# ---------------------------------------------------------------- dialogue conferences and commitments


def officer_dialogues(user, unit):
    qs = scope(Dialogue.objects.select_related("unit"), user, "reception.view")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs.order_by("-day", "-pk")


def commitment_board(user, unit, today: dt.date | None = None, *, active_only: bool = False):
    """The commitments of `unit`'s subtree: overdue first, then open and in progress by due date, then the
    closed ones (most recent first)."""
    from django.db.models import Case as When_
    from django.db.models import IntegerField, Value, When

    today = today or local_today()
    qs = scope(Commitment.objects.select_related("unit", "dialogue", "visit"), user, "reception.view")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if active_only:
        qs = qs.filter(status__in=COMMITMENT_ACTIVE)
    rank = When_(
        When(status__in=COMMITMENT_ACTIVE, due__lt=today, then=Value(0)),
        When(status__in=COMMITMENT_ACTIVE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return qs.annotate(rank=rank).order_by("rank", "due", "pk")


def commitments_due(user, unit, within: int = 3, today: dt.date | None = None):
    today = today or local_today()
    return commitment_board(user, unit, today, active_only=True).filter(
        due__lte=today + dt.timedelta(days=within)
    )


def agenda_case_choices(user, unit, q: str = "", limit: int = 20):
    """Cases in progress the officer may put on an agenda: their scope (cases access), searched by code/title."""
    from danvan.cases.models import IN_PROGRESS_STATUSES, Case

    qs = scope(Case.objects.select_related("unit"), user, "cases.view").filter(
        status__in=IN_PROGRESS_STATUSES
    )
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    q = " ".join((q or "").split())
    if q:
        from django.db.models import Q as Q_

        qs = qs.filter(Q_(code__icontains=q) | Q_(title__icontains=q))
    return qs.order_by("-received_on", "-pk")[:limit]


def public_dialogues(unit, start: dt.date, end: dt.date):
    """Planned and held dialogues of `unit`'s subtree in [start, end] for the public calendar."""
    qs = Dialogue.objects.select_related("unit").filter(
        day__gte=start, day__lte=end, status__in=[DialogueStatus.PLANNED, DialogueStatus.HELD]
    )
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs.order_by("day", "start_time", "pk")


def public_dialogue(pk) -> Dialogue | None:
    """A held dialogue for its public page, or None."""
    return Dialogue.objects.select_related("unit").filter(pk=pk, status=DialogueStatus.HELD).first()


def public_agenda(dialogue: Dialogue):
    """The agenda items a citizen may read: never a denunciation (its subject could name the denouncer)."""
    from danvan.cases.models import Kind

    return (
        AgendaItem.objects.filter(dialogue=dialogue)
        .exclude(case__kind=Kind.DENUNCIATION)
        .select_related("case")
        .order_by("order", "pk")
    )
