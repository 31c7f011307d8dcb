"""Cases' figures for a review period: what was overdue is counted as of the period's end."""

import datetime as dt

import pytest
from django.utils import timezone

from danvan.cases import indicators
from danvan.cases.models import DONE_STATUSES, Case, Status

from .helpers import accepted, submit

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def case_in_period(cast, **dates):
    case = accepted(cast, received_on=dt.date(2026, 3, 2))
    Case.objects.filter(pk=case.pk).update(accepted_on=dt.date(2026, 3, 3), **dates)
    return case


def overdue(cast, today):
    return indicators.case_indicators(cast.commune, START, END, today=today)["overdue"]


def test_a_case_resolved_after_the_period_was_overdue_at_its_end(cast):
    case_in_period(
        cast, resolve_due=dt.date(2026, 4, 2), resolved_on=dt.date(2026, 8, 1), status=Status.RESOLVED
    )
    assert overdue(cast, today=dt.date(2026, 12, 2)) == 1
    # the same figure as on the period's last day: a report recomputed later no longer loses it (the old rule counted
    # only the cases still in progress on the day of computing, and said 0 here in December)
    assert overdue(cast, today=dt.date(2026, 6, 30)) == 1


def test_a_case_resolved_within_the_period_or_due_after_it_is_not_overdue(cast):
    case_in_period(
        cast, resolve_due=dt.date(2026, 4, 2), resolved_on=dt.date(2026, 6, 1), status=Status.RESOLVED
    )
    case_in_period(cast, resolve_due=dt.date(2026, 7, 15))
    case_in_period(cast, resolve_due=dt.date(2026, 4, 2), closed_on=dt.date(2026, 5, 1), status=Status.CLOSED)
    assert overdue(cast, today=dt.date(2026, 12, 2)) == 0


def test_a_still_open_case_past_its_deadline_counts_and_so_does_one_of_the_running_period_today(cast):
    case_in_period(cast, resolve_due=dt.date(2026, 4, 2))
    assert overdue(cast, today=dt.date(2026, 12, 2)) == 1
    # the period has not ended: counted as of today (not yet due on 01/04)
    assert overdue(cast, today=dt.date(2026, 4, 1)) == 0
    assert overdue(cast, today=dt.date(2026, 4, 3)) == 1


def test_a_transferred_or_declined_case_is_never_overdue(cast):
    case_in_period(cast, resolve_due=dt.date(2026, 4, 2), status=Status.TRANSFERRED)
    case_in_period(cast, resolve_due=dt.date(2026, 4, 2), status=Status.DECLINED)
    assert overdue(cast, today=dt.date(2026, 12, 2)) == 0


def test_the_figures_of_sibling_units_at_once_equal_each_units_own(cast):
    """`case_figures_by_unit` (one grouped scan for a parent's comparison, the dashboard and the DOCX) gives each
    unit exactly what `case_figures` gives it alone: communes of one district, and the districts of the province."""
    from danvan.cases.models import CaseEvent

    plan = [
        (cast.commune, "feedback", dict(resolve_due=dt.date(2026, 4, 2))),  # overdue at the end
        (
            cast.commune,
            "petition",
            dict(
                resolved_on=dt.date(2026, 3, 20),
                resolve_due=dt.date(2026, 4, 1),
                status=Status.RESOLVED,
                rating=4,
            ),
        ),
        (
            cast.hamlet,
            "feedback",
            dict(
                resolved_on=dt.date(2026, 5, 20),
                resolve_due=dt.date(2026, 4, 1),
                status=Status.CLOSED,
                rating=2,
            ),
        ),
        (cast.sibling_commune, "feedback", dict(resolved_on=dt.date(2026, 6, 2), status=Status.RESOLVED)),
        (cast.sibling_commune, "complaint", dict(status=Status.DECLINED)),
        (cast.far_commune, "feedback", dict(resolve_due=dt.date(2026, 5, 1))),
        (cast.commune, "feedback", dict(received_on=dt.date(2025, 12, 1))),  # before the period
    ]
    for unit, kind, dates in plan:
        case = submit(cast, kind, unit=unit, received_on=dates.pop("received_on", dt.date(2026, 3, 2)))
        dates.setdefault("status", Status.ACCEPTED)
        Case.objects.filter(pk=case.pk).update(accepted_on=dt.date(2026, 3, 3), **dates)
    resolved = Case.objects.filter(unit=cast.hamlet).get()
    CaseEvent.objects.create(case=resolved, action="dialogue", at=timezone.now())
    for siblings in ([cast.commune, cast.sibling_commune], [cast.district, cast.other_district]):
        together = indicators.case_figures_by_unit(siblings, START, END)
        for unit in siblings:
            alone = indicators.case_figures(unit, START, END)
            assert together[unit.pk] == alone, unit.name
            # and both agree with the cases counted here one by one
            cases = list(Case.objects.filter(unit__path__startswith=unit.path).exclude(status=Status.MERGED))
            arrived = [c for c in cases if START <= (c.transferred_on or c.received_on) <= END]
            done = [
                c
                for c in cases
                if c.status in DONE_STATUSES and c.resolved_on and START <= c.resolved_on <= END
            ]
            assert (alone["cases.received"], alone["cases.accepted"], alone["cases.resolved"]) == (
                len(arrived),
                sum(1 for c in arrived if c.accepted_on),
                len(done),
            ), unit.name
            assert alone["cases.resolved_on_time"] == sum(
                1 for c in done if c.resolve_due is None or c.resolved_on <= c.resolve_due
            )
            shaped = indicators.case_indicators(unit, START, END)
            assert (shaped["total"], shaped["by_kind"]) == (
                len(arrived),
                {k: n for k in {c.kind for c in arrived} if (n := sum(c.kind == k for c in arrived))},
            )
    assert indicators.case_figures_by_unit([cast.commune], START, END)[cast.commune.pk]["cases.received"] == 3
    assert together[cast.district.pk]["cases.resolved_through_dialogue"] == 1
    assert indicators.case_figures_by_unit([], START, END) == {}
