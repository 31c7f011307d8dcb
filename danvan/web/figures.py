"""The figures of an officer's scope for the dashboard: read through each module's indicators (never their
tables), over the units the officer's unit stood for on the day shown and the half-year around that day."""

import datetime as dt
from dataclasses import dataclass

from danvan.cases.indicators import case_indicators
from danvan.disclosures.indicators import disclosure_indicators
from danvan.people.selectors import household_count
from danvan.publishing.indicators import news_indicators
from danvan.units.models import COMMUNE_KINDS, Unit
from danvan.units.selectors import subtree_totals


def half_year(day: dt.date) -> tuple[dt.date, dt.date]:
    """The half-year (Jan–Jun or Jul–Dec) of `day`, as the six-month reviews (sơ kết 6 tháng) count it."""
    if day.month <= 6:
        return dt.date(day.year, 1, 1), dt.date(day.year, 6, 30)
    return dt.date(day.year, 7, 1), dt.date(day.year, 12, 31)


@dataclass
class ScopeFigures:
    start: dt.date
    end: dt.date
    communes: int
    communities: int
    households: int
    voters: int
    registered_households: int
    cases_received: int
    cases_by_kind: dict
    cases_resolved: int
    cases_resolved_on_time: int
    cases_overdue: int
    cases_transferred_out: int
    disclosures_published: int
    disclosures_late: int
    disclosures_on_board: int
    articles_published: int


def scope_figures(units: list[Unit], day: dt.date) -> ScopeFigures:
    """The figures of `units` (their subtrees) for the half-year of `day`, up to `day`."""
    start, end = half_year(day)
    end = min(end, day)
    sums = {
        k: 0
        for k in (
            "communes",
            "communities",
            "households",
            "voters",
            "registered",
            "received",
            "resolved",
            "on_time",
            "overdue",
            "out",
            "published",
            "late",
            "board",
            "articles",
        )
    }
    by_kind: dict[str, int] = {}
    for unit in units:
        totals = subtree_totals(unit, day)
        cases = case_indicators(unit, start, end, today=day)
        disclosures = disclosure_indicators(unit, start, end)
        sums["communes"] += (
            Unit.objects.subtree(unit).valid_on(day).filter(kind__in=list(COMMUNE_KINDS)).count()
        )
        sums["communities"] += totals["communities"]
        sums["households"] += totals["households"]
        sums["voters"] += totals["voters"]
        sums["registered"] += household_count(unit, day)
        sums["received"] += cases["total"]
        sums["resolved"] += cases["resolved"]
        sums["on_time"] += cases["resolved_on_time"]
        sums["overdue"] += cases["overdue"]
        sums["out"] += cases["transferred_out"]
        sums["published"] += disclosures["disclosures_published"]
        sums["late"] += disclosures["disclosures_late"]
        sums["board"] += disclosures["on_board"]
        sums["articles"] += news_indicators(unit, start, end)["articles_published"]
        for kind, n in cases["by_kind"].items():
            by_kind[kind] = by_kind.get(kind, 0) + n
    from danvan.cases.models import Kind

    return ScopeFigures(
        start=start,
        end=end,
        communes=sums["communes"],
        communities=sums["communities"],
        households=sums["households"],
        voters=sums["voters"],
        registered_households=sums["registered"],
        cases_received=sums["received"],
        cases_by_kind={str(label): by_kind.get(value, 0) for value, label in Kind.choices},
        cases_resolved=sums["resolved"],
        cases_resolved_on_time=sums["on_time"],
        cases_overdue=sums["overdue"],
        cases_transferred_out=sums["out"],
        disclosures_published=sums["published"],
        disclosures_late=sums["late"],
        disclosures_on_board=sums["board"],
        articles_published=sums["articles"],
    )
