"""Cases' figures for a review period: what was overdue is counted as of the period's end."""

import datetime as dt

import pytest

from danvan.cases import indicators
from danvan.cases.models import Case, Status

from .helpers import accepted

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def case_in_period(cast, **dates):
    case = accepted(cast, received_on=dt.date(2026, 3, 2))
    Case.objects.filter(pk=case.pk).update(accepted_on=dt.date(2026, 3, 3), **dates)
    return case


def overdue(cast, today):
    return indicators.resolution_figures(cast.commune, START, END, today=today)["overdue"]


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
