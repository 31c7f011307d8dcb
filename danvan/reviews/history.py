"""The same period of earlier years, across the 2025 merges: a report of a unit formed by a merge (a 2025
commune, the new province) shows what its predecessor units did in the same span of each earlier year, mapped
through M0's successions (`units.services.map_unit`, backwards, onto the units in force on that period's last
day).

How a predecessor counts (`Predecessor.share`, the succession's share: the fraction of the predecessor's area
and population that went to this unit — 1 for a whole merge):
- **sums and stocks** (SUM, LATEST) add `share × value` over the predecessors: a commune split between two new
  communes 0.35/0.65 gives 35 % of its cases, its contributions and its groups to the first. A shared part is an
  estimate, so a count may have a fraction (shown with one decimal, and marked);
- **rates** are never scaled or averaged: the numerator and the denominator are each summed with their shares
  and the rate is taken from the sums (a single predecessor at any share keeps its rate; two mix in proportion
  to their shared denominators);
- **averages** are weighted by `share × weight`.

A predecessor's figures for an earlier period are those frozen in its own submitted or approved report of that
span (the signed numbers, manual indicators included), else computed now from the platform's data over its
subtree (`figures.computed`, manual indicators then absent). `predecessor_figures` returns one
`EarlierPeriod` per year, newest first, each with its predecessors named and the mapped values per indicator;
`table` lays them out for the report page and, later, the DOCX.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from danvan.core import indicators as ind
from danvan.core.formatting import format_date
from danvan.units.services import map_unit

from . import figures
from .models import ReportStatus, UnitReport
from .periods import title_of

FROZEN = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)
# how far back the report page looks: to the same span of 2020 for a 2026 report (the last review before the
# 2025 reform that the demo holds is the first half of 2020)
YEARS_BACK = 6


def _shift(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class Predecessor:
    unit: object  # units.Unit in force on the earlier period's last day
    share: Decimal
    frozen: bool  # figures from its submitted or approved report of that span

    @property
    def partial(self) -> bool:
        return self.share < 1

    @property
    def label(self) -> str:
        if not self.partial:
            return self.unit.name
        percent = figures.format_value(ind.PERCENT, round(float(self.share) * 100, 1))
        return _("%(name)s (%(percent)s theo tỷ lệ sáp nhập)") % {
            "name": self.unit.name,
            "percent": percent,
        }


@dataclass(frozen=True)
class EarlierPeriod:
    title: str
    start: dt.date
    end: dt.date
    cutoff: dt.date
    predecessors: list[Predecessor]
    values: dict  # indicator key -> mapped value (None: no figure)

    @property
    def merged(self) -> bool:
        """Whether the unit was then other units (not just itself)."""
        return any(p.partial for p in self.predecessors) or len(self.predecessors) != 1

    @property
    def estimated(self) -> bool:
        return any(p.partial for p in self.predecessors)

    def names(self) -> str:
        return ", ".join(p.label for p in self.predecessors)


def weighted(parts: list[tuple[dict, Decimal]], lines_: list[figures.Line]) -> dict:
    """The values of units that are `share` of each of `parts` [(values, share)], by the rules above."""
    out: dict = {}
    for line in lines_:
        if line.aggregation in (ind.SUM, ind.LATEST):
            present = [(v[line.key], s) for v, s in parts if v.get(line.key) is not None]
            if present:
                total = sum(Decimal(str(x)) * s for x, s in present)
                out[line.key] = figures.plain(round(total, 2))
            else:
                out[line.key] = None
    for line in lines_:
        if line.aggregation == ind.RATE:
            num, den = out.get(line.numerator), out.get(line.denominator)
            if num is None or not den:
                out[line.key] = None
            elif line.measure == ind.PERCENT:
                out[line.key] = round(100 * float(num) / float(den), 1)
            else:
                out[line.key] = float(num) / float(den)
        elif line.aggregation == ind.AVERAGE:
            pairs = [
                (Decimal(str(v[line.key])), Decimal(str(v.get(line.weight) or 0)) * s)
                for v, s in parts
                if v.get(line.key) is not None and v.get(line.weight)
            ]
            total = sum(w for _x, w in pairs)
            out[line.key] = figures.plain(round(sum(x * w for x, w in pairs) / total, 2)) if total else None
    return out


def _values_of(unit, start: dt.date, end: dt.date, cutoff: dt.date) -> tuple[dict, bool]:
    report = (
        UnitReport.objects.filter(unit=unit, period__start=start, period__end=end, status__in=FROZEN)
        .exclude(figures={})
        .first()
    )
    if report is not None:
        return dict(report.figures), True
    return figures.computed(unit, start, cutoff), False


def span_values(unit, start: dt.date, end: dt.date, cutoff: dt.date, lines_=None):
    """The units `unit` then was on `end` (itself, or its predecessors with their shares: `map_unit`) and their
    values over the span, mapped by the rules above: ([Predecessor], values)."""
    lines_ = lines_ if lines_ is not None else figures.lines()
    preds, parts = [], []
    for m in map_unit(unit, end):
        values, frozen = _values_of(m.unit, start, end, cutoff)
        preds.append(Predecessor(m.unit, m.share, frozen))
        parts.append((values, m.share))
    return preds, weighted(parts, lines_)


def predecessor_figures(report: UnitReport, years_back: int = 2, lines_=None) -> list[EarlierPeriod]:
    """The same span of each of the `years_back` earlier years, newest first: the units the report's unit
    then was (itself, or its predecessors with their shares) and their mapped values."""
    lines_ = lines_ if lines_ is not None else figures.lines()
    period = report.period
    out = []
    for n in range(1, years_back + 1):
        start, end, cutoff = (_shift(d, n) for d in (period.start, period.end, period.cutoff))
        preds, values = span_values(report.unit, start, end, cutoff, lines_)
        if period.kind in ("h1", "h2", "m9", "year"):
            title = title_of(period.kind, start.year)
        else:
            title = f"{format_date(start)} – {format_date(end)}"
        out.append(EarlierPeriod(title, start, end, cutoff, preds, values))
    return out


def was_other_units(report: UnitReport, years_back: int = YEARS_BACK) -> bool:
    """Whether the report's unit was other units (predecessors, or a share of one) on the last day of the same
    span of one of the `years_back` earlier years — a mapping only, no figure computed."""
    for n in range(1, years_back + 1):
        mapped = map_unit(report.unit, _shift(report.period.end, n))
        if len(mapped) != 1 or mapped[0].unit.pk != report.unit.pk or mapped[0].partial:
            return True
    return False


@dataclass(frozen=True)
class HistoryTable:
    periods: list[EarlierPeriod]
    rows: list[tuple[figures.Line, str, list[tuple[str, str]]]]  # line, this period's text, [(title, text)]

    @property
    def estimated(self) -> bool:
        return any(p.estimated for p in self.periods)

    def name_notes(self) -> list[str]:
        """Who the unit was, said once for the periods it was the same units (six identical lines for a commune
        merged in 2025 otherwise): "Các đơn vị trước sắp xếp: …." or "6 tháng đầu năm 2024, …: …."."""
        groups: dict[str, list[str]] = {}
        for p in self.periods:
            groups.setdefault(p.names(), []).append(p.title)
        if len(groups) == 1:
            return [_("Các đơn vị trước sắp xếp: %(names)s.") % {"names": next(iter(groups))}]
        return [f"{', '.join(titles)}: {names}." for names, titles in groups.items()]


def _empty(period: EarlierPeriod, lines_: list[figures.Line]) -> bool:
    """No signed report and no figure of work done. A denominator alone (the reception days a rule requires)
    is not work done: every unit has it, data or not."""
    if any(p.frozen for p in period.predecessors):
        return False
    return not figures.has_work(period.values, lines_)


def table(report: UnitReport, values: dict, years_back: int = YEARS_BACK) -> HistoryTable | None:
    """The report page's "same period of earlier years" table, or None when the unit was no other units in any
    of those years (a unit unchanged by the reforms). Years without any figure are left out. `values`: the
    report's own figures (the first column)."""
    if not was_other_units(report, years_back):
        return None  # before computing anything: most reports are of units the reforms left alone
    lines_ = figures.lines()
    periods = predecessor_figures(report, years_back, lines_)
    periods = [p for p in periods if not _empty(p, lines_)]
    if not periods:
        return None
    rows = []
    for line in lines_:
        earlier = [p.values.get(line.key) for p in periods]
        own = values.get(line.key)
        if all(v in (None, 0) for v in [own, *earlier]):
            continue
        rows.append(
            (
                line,
                figures.format_value(line.measure, own),
                [
                    (p.title, figures.format_value(line.measure, v))
                    for p, v in zip(periods, earlier, strict=True)
                ],
            )
        )
    return HistoryTable(periods, rows)
