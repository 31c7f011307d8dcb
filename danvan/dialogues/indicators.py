"""Indicators of citizen reception over a unit's subtree and a date range (for M9 reports and dashboards).

- `reception.days_required`: the legal minimum of regular reception days of the subtree's communes and
  provinces in the range — for each such unit in force during the range, each host role it must receive with
  (`selectors.required_hosts`), the periods of the range (weeks by their Monday, months by their first day, as
  the compliance check counts them) times the rule's value in force on each period's first day; weeks
  without a working day (Tết) are exempt;
- `reception.days_held`: reception days of those host roles, not cancelled, on a day of the range up to today;
- `reception.visits`, `reception.people`, `reception.group_visits`: the reception log (a group counts its
  people);
- `reception.cases_opened`, `reception.cases_linked`: visits that opened a new case or were linked to an
  existing one; `reception.refused`: visits refused on a ground of Law 42/2013 Art. 9.

One query for the units, one for the days, one for the log.

Dialogue conferences and commitments (source `dialogue`):
- `dialogue.held`: conferences held on a day of the range; `dialogue.cases`: distinct cases on the agenda of
  those conferences (each recorded on its case as a dialogue);
- `dialogue.commitments_made`: commitments made in the range (a dialogue's day or a visit's day);
  `dialogue.commitments_done`: of those, done; `dialogue.commitments_overdue`: of those, still open or in
  progress with the due date before min(end, today).
"""

import datetime as dt

from django.db.models import Count, Q, Sum

from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.rulebook.services import rule_in_force, work_calendar
from danvan.units.models import COMMUNE_KINDS, Unit

from .models import (
    COMMITMENT_ACTIVE,
    AgendaItem,
    Commitment,
    CommitmentStatus,
    Dialogue,
    DialogueStatus,
    ReceptionSession,
    ReceptionVisit,
    SessionStatus,
    VisitOutcome,
)
from .rules import HOST_RULES, WEEK
from .selectors import PROVINCE_KINDS, _months, _weeks, required_hosts


def _required_per_unit(kind_hosts, start: dt.date, end: dt.date) -> int:
    cal = work_calendar()
    total = 0
    for role in kind_hosts:
        key, period = HOST_RULES[role]
        spans = _weeks(start, end) if period == WEEK else _months(start, end)
        for lo, hi in spans:
            if period == WEEK and cal.working_days_between(lo - dt.timedelta(days=1), hi) == 0:
                continue
            try:
                total += rule_in_force(key, lo).whole_value or 0
            except DomainError:
                continue
    return total


def _reporting_units(start: dt.date, end: dt.date):
    """The communes and provinces that must hold reception days at some time of [start, end]."""
    return Unit.objects.filter(kind__in=list(COMMUNE_KINDS | PROVINCE_KINDS)).filter(
        Q(valid_from__lte=end) | Q(valid_from__isnull=True), Q(valid_to__gte=start) | Q(valid_to__isnull=True)
    )


def _sessions_held(start: dt.date, end: dt.date, today: dt.date):
    return ReceptionSession.objects.filter(
        status=SessionStatus.PLANNED, day__gte=start, day__lte=min(end, today), host_role__in=list(HOST_RULES)
    )


# the visits' aggregates and the indicator each one fills (one statement for `reception_figures` and for
# `reception_figures_by_unit`)
VISIT_AGGREGATES = {
    "visits": Count("pk"),
    "people": Sum("people"),
    "groups": Count("pk", filter=Q(is_group=True)),
    "opened": Count("pk", filter=Q(outcome=VisitOutcome.NEW_CASE)),
    "linked": Count("pk", filter=Q(outcome=VisitOutcome.EXISTING_CASE)),
    "refused": Count("pk", filter=Q(outcome=VisitOutcome.REFUSED)),
}
VISIT_KEYS = {
    "reception.visits": "visits",
    "reception.people": "people",
    "reception.group_visits": "groups",
    "reception.cases_opened": "opened",
    "reception.cases_linked": "linked",
    "reception.refused": "refused",
}


def _visit_figures(row: dict) -> dict:
    return {key: row[name] or 0 for key, name in VISIT_KEYS.items()}


def reception_figures(unit, start: dt.date, end: dt.date, today: dt.date | None = None) -> dict:
    today = today or local_today()
    units = _reporting_units(start, end)
    sessions = _sessions_held(start, end, today)
    visits = ReceptionVisit.objects.filter(visited_on__gte=start, visited_on__lte=end)
    if unit is not None:
        units = units.filter(path__startswith=unit.path)
        sessions = sessions.filter(unit__path__startswith=unit.path)
        visits = visits.filter(unit__path__startswith=unit.path)
    required, per_kind = 0, {}
    for row in units.values("kind").annotate(n=Count("pk")).order_by():
        kind = row["kind"]
        if kind not in per_kind:
            per_kind[kind] = _required_per_unit(required_hosts(Unit(kind=kind)), start, end)
        required += per_kind[kind] * row["n"]
    return {
        "reception.days_required": required,
        "reception.days_held": sessions.values("unit_id", "host_role", "day").distinct().count(),
        **_visit_figures(visits.aggregate(**VISIT_AGGREGATES)),
    }


def reception_figures_by_unit(units, start: dt.date, end: dt.date, today: dt.date | None = None) -> dict:
    """`reception_figures` of each of sibling `units` from four grouped queries ({unit pk: the same dict}; a
    test holds them equal): a province's 330 children asked one by one took 4.6 s."""
    from danvan.core.indicators import sibling_parts

    units = list(units)
    found = sibling_parts(units, "path") if units else None
    if found is None:
        return {u.pk: reception_figures(u, start, end, today) for u in units}
    where_unit, part_unit = found
    where, part = sibling_parts(units)
    today = today or local_today()
    by_path = {u.path: u.pk for u in units}
    out = {
        u.pk: {"reception.days_required": 0, "reception.days_held": 0, **dict.fromkeys(VISIT_KEYS, 0)}
        for u in units
    }

    def rows(qs):
        for r in qs.order_by():
            pk = by_path.get(r["_part"])
            if pk is not None:
                yield out[pk], r

    reporting = _reporting_units(start, end)
    per_kind: dict = {}
    for one, r in rows(
        reporting.filter(where_unit).annotate(_part=part_unit).values("_part", "kind").annotate(n=Count("pk"))
    ):
        if r["kind"] not in per_kind:
            per_kind[r["kind"]] = _required_per_unit(required_hosts(Unit(kind=r["kind"])), start, end)
        one["reception.days_required"] += per_kind[r["kind"]] * r["n"]
    sessions = _sessions_held(start, end, today).filter(where).annotate(_part=part)
    for one, _day in rows(sessions.values("_part", "unit_id", "host_role", "day").distinct()):
        one["reception.days_held"] += 1  # a day held by a host at a unit, once
    visits = ReceptionVisit.objects.filter(where, visited_on__gte=start, visited_on__lte=end).annotate(
        _part=part
    )
    for one, r in rows(visits.values("_part").annotate(**VISIT_AGGREGATES)):
        one.update(_visit_figures(r))
    return out


def dialogue_figures(unit, start: dt.date, end: dt.date, today: dt.date | None = None) -> dict:
    today = today or local_today()
    held = Dialogue.objects.filter(status=DialogueStatus.HELD, held_on__gte=start, held_on__lte=end)
    made = Commitment.objects.filter(
        Q(dialogue__day__gte=start, dialogue__day__lte=end)
        | Q(visit__visited_on__gte=start, visit__visited_on__lte=end)
    )
    if unit is not None:
        held = held.filter(unit__path__startswith=unit.path)
        made = made.filter(unit__path__startswith=unit.path)
    cases = (
        AgendaItem.objects.filter(dialogue__in=held, case__isnull=False).values("case_id").distinct().count()
    )
    figures = made.aggregate(
        made=Count("pk"),
        done=Count("pk", filter=Q(status=CommitmentStatus.DONE)),
        overdue=Count("pk", filter=Q(status__in=COMMITMENT_ACTIVE, due__lt=min(end, today))),
    )
    return {
        "dialogue.held": held.count(),
        "dialogue.cases": cases,
        "dialogue.commitments_made": figures["made"],
        "dialogue.commitments_done": figures["done"],
        "dialogue.commitments_overdue": figures["overdue"],
    }


def _declare_dialogue(ind):
    S = ind.SECTION_RECEPTION_DIALOGUE
    items = [
        ind.Indicator(
            "dialogue.held",
            "Số hội nghị đối thoại đã tổ chức",
            "Dialogues held",
            section=S,
            public=True,
            order=10,
        ),
        ind.Indicator(
            "dialogue.cases",
            "Số vụ việc được giải quyết qua đối thoại",
            "Cases dealt with through dialogue",
            section=S,
            order=11,
        ),
        ind.Indicator(
            "dialogue.commitments_made",
            "Số cam kết đã đưa ra",
            "Commitments made",
            section=S,
            public=True,
            order=12,
        ),
        ind.Indicator(
            "dialogue.commitments_done",
            "Số cam kết đã thực hiện xong",
            "Commitments done",
            section=S,
            public=True,
            order=13,
        ),
        ind.Indicator(
            "dialogue.commitments_overdue", "Số cam kết quá hạn", "Commitments overdue", section=S, order=14
        ),
    ]
    ind.register_source("dialogue", compute=dialogue_figures, indicators=items)


def _declare():
    from danvan.core import indicators as ind

    S = ind.SECTION_RECEPTION_DIALOGUE
    items = [
        ind.Indicator(
            "reception.days_required",
            "Số ngày tiếp công dân định kỳ phải tổ chức",
            "Regular reception days required",
            section=S,
            order=1,
        ),
        ind.Indicator(
            "reception.days_held",
            "Số ngày tiếp công dân định kỳ đã tổ chức",
            "Regular reception days held",
            section=S,
            public=True,
            order=2,
        ),
        ind.Indicator(
            "reception.days_held_rate",
            "Tỉ lệ ngày tiếp định kỳ đã tổ chức so với quy định",
            "Reception days held against required",
            measure=ind.PERCENT,
            aggregation=ind.RATE,
            numerator="reception.days_held",
            denominator="reception.days_required",
            section=S,
            order=3,
        ),
        ind.Indicator(
            "reception.visits", "Lượt tiếp công dân", "Reception visits", section=S, public=True, order=4
        ),
        ind.Indicator(
            "reception.people",
            "Số người được tiếp",
            "Citizens received",
            measure=ind.PEOPLE,
            section=S,
            order=5,
        ),
        ind.Indicator("reception.group_visits", "Đoàn đông người", "Group visits", section=S, order=6),
        ind.Indicator(
            "reception.cases_opened",
            "Đơn tiếp nhận qua tiếp công dân",
            "Cases opened at reception",
            section=S,
            order=7,
        ),
        ind.Indicator(
            "reception.cases_linked",
            "Lượt tiếp về vụ việc đã có hồ sơ",
            "Visits about an existing case",
            section=S,
            order=8,
        ),
        ind.Indicator(
            "reception.refused",
            "Lượt từ chối tiếp theo quy định",
            "Visits refused on a legal ground",
            section=S,
            order=9,
        ),
    ]
    ind.register_source(
        "reception", compute=reception_figures, compute_by_unit=reception_figures_by_unit, indicators=items
    )
    _declare_dialogue(ind)


_declare()


def attendance_figures(unit, start: dt.date, end: dt.date, today: dt.date | None = None) -> dict:
    """People present at the dialogues held in [start, end] (the attendance recorded on the invitees)."""
    from .selectors_participation import present_people

    held = Dialogue.objects.filter(status=DialogueStatus.HELD, held_on__gte=start, held_on__lte=end)
    if unit is not None:
        held = held.filter(unit__path__startswith=unit.path)
    people = present_people(held)
    return {
        "dialogue.citizens_present": people["citizens"],
        "dialogue.officials_present": people["officials"],
    }


def _declare_attendance():
    from danvan.core import indicators as ind

    S = ind.SECTION_RECEPTION_DIALOGUE
    ind.register_source(
        "dialogue_attendance",
        compute=attendance_figures,
        indicators=[
            ind.Indicator(
                "dialogue.citizens_present",
                "Số công dân tham dự đối thoại (theo điểm danh)",
                "Citizens attending dialogues (roll call)",
                section=S,
                public=True,
                order=15,
            ),
            ind.Indicator(
                "dialogue.officials_present",
                "Số đại biểu, cán bộ tham dự đối thoại (theo điểm danh)",
                "Officials attending dialogues (roll call)",
                section=S,
                order=16,
            ),
        ],
    )


_declare_attendance()
