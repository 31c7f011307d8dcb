"""Reads of the review: a report's figures (frozen or live), what changed since it was frozen, its children's
status and the per-unit comparison, the reports in a user's scope, and a report found by unit code and period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from danvan.access.policy import scope_on
from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.units.models import ADMIN_LEVEL, COMMUNITY_KINDS, Unit

from . import figures
from .models import ReportingPeriod, ReportStatus, UnitReport
from .periods import parse_period
from .services import live_figures

# the kinds of unit that file a report to their parent (every administrative level but the hamlet's)
REPORTING_KINDS = [k for k in ADMIN_LEVEL if k not in COMMUNITY_KINDS]


def report_values(report: UnitReport) -> dict:
    """What the report says: its frozen figures once submitted, the live ones while it is being written."""
    return dict(report.figures) if report.frozen and report.figures else live_figures(report)


@dataclass(frozen=True)
class Row:
    line: figures.Line
    value: object
    text: str


def rows(values: dict, lines_=None) -> list[Row]:
    lines_ = lines_ if lines_ is not None else figures.lines()
    return [
        Row(ln, values.get(ln.key), figures.format_value(ln.measure, values.get(ln.key))) for ln in lines_
    ]


@dataclass(frozen=True)
class Change:
    line: figures.Line
    frozen: object
    now: object
    frozen_text: str
    now_text: str


def recompute_diff(report: UnitReport) -> list[Change]:
    """The computed figures as they would be today against those frozen on submission (only those that
    moved). Empty while the report is a draft."""
    if not report.frozen:
        return []
    now = figures.computed(report.unit, report.period.start, report.period.cutoff)
    out = []
    for line in figures.lines():
        if line.manual:
            continue
        a, b = report.figures.get(line.key), now.get(line.key)
        if a != b:
            out.append(
                Change(
                    line, a, b, figures.format_value(line.measure, a), figures.format_value(line.measure, b)
                )
            )
    return out


def child_units(unit: Unit, day) -> list[Unit]:
    """The units that report to `unit` during the period ending `day`: the administrative units directly under
    it (communes under a district or a province, districts under a province). Hamlets are not among them: a
    commune's report covers its hamlets, which file none."""
    return list(Unit.objects.filter(parent=unit, kind__in=REPORTING_KINDS).valid_on(day).natural())


def child_reports(report: UnitReport) -> list[UnitReport]:
    units = child_units(report.unit, report.period.end)
    return list(UnitReport.objects.filter(period=report.period, unit__in=units).select_related("unit"))


def children_figures(
    unit: Unit, period: ReportingPeriod, parent_values: dict | None = None
) -> list[tuple[Unit, dict, bool]]:
    """Each unit reporting to `unit` with its figures for `period` and whether they are frozen: those of its
    submitted or approved report, else computed now (the parent's comparison and the dashboard) — all of them
    together (`figures.computed_many`; `parent_values`: the parent's own live figures of the period, which
    spare the children the sources that have nothing in the parent's subtree)."""
    units = child_units(unit, period.end)
    by_unit = {r.unit_id: r for r in UnitReport.objects.filter(period=period, unit__in=units)}
    frozen = {
        child.pk: r.figures
        for child in units
        if (r := by_unit.get(child.pk)) is not None and r.frozen and r.figures
    }
    live = figures.computed_many(
        [child for child in units if child.pk not in frozen], period.start, period.cutoff, parent_values
    )
    return [
        (child, frozen[child.pk], True) if child.pk in frozen else (child, live[child.pk], False)
        for child in units
    ]


@dataclass(frozen=True)
class ChildStatus:
    unit: Unit
    report: UnitReport | None
    label: str
    late: bool


def children_status(report: UnitReport, today: dt.date | None = None) -> list[ChildStatus]:
    """Each child unit with its report for the period: not started, being written, submitted (late or not),
    returned, approved."""
    today = today or local_today()
    deadline = report.period.deadline
    by_unit = {r.unit_id: r for r in child_reports(report)}
    out = []
    for unit in child_units(report.unit, report.period.end):
        r = by_unit.get(unit.pk)
        if r is None:
            label, late = "Chưa lập báo cáo", today > deadline
        else:
            label = r.get_status_display()
            if r.status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED):
                late = r.submitted_on is not None and r.submitted_on > deadline
            else:
                late = today > deadline
        out.append(ChildStatus(unit, r, str(label), late))
    return out


@dataclass(frozen=True)
class Comparison:
    units: list[Unit]
    lines: list[figures.Line]
    frozen: dict  # unit id -> bool (figures from a submitted report)
    values: dict = field(default_factory=dict)  # (unit id, key) -> number or None (the cells' figures)
    own: dict = field(default_factory=dict)  # key -> number or None (the parent's own figures)

    def table(self) -> list[tuple[Unit, list[tuple[str, str]]]]:
        """Each unit with its cells as (the line's label, the text with its unit — the page's table has no unit
        column: `50%`, `223.000.000 đ`): a phone shows the label beside the value."""
        return [
            (
                u,
                [
                    (ln.label, figures.format_value(ln.measure, self.values.get((u.pk, ln.key))))
                    for ln in self.lines
                ],
            )
            for u in self.units
        ]

    def total_row(self) -> list[tuple[str, str]]:
        return [(ln.label, figures.format_value(ln.measure, self.own.get(ln.key))) for ln in self.lines]


def comparison(report: UnitReport) -> Comparison:
    """The per-unit table of a parent: each child's figures (frozen from its submitted or approved report,
    otherwise computed now) beside the parent's."""
    own = report_values(report)
    kids = children_figures(report.unit, report.period, parent_values=None if report.frozen else own)
    lines_ = figures.lines()
    raw = {(unit.pk, ln.key): values.get(ln.key) for unit, values, _f in kids for ln in lines_}
    shown = [ln for ln in lines_ if own.get(ln.key) not in (None, 0)]
    return Comparison([u for u, _v, _f in kids], shown, {u.pk: f for u, _v, f in kids}, raw, own)


def reports_in_scope(user, *, period: ReportingPeriod | None = None):
    qs = UnitReport.objects.select_related("unit", "period", "issuer")
    if period is not None:
        qs = qs.filter(period=period)
        return scope_on(qs, user, "reviews.view", period.end)
    return scope_on(qs, user, "reviews.view", None).order_by("-period__start", "unit__path")


def unit_for_code(code: str, on: dt.date) -> tuple[Unit, Unit | None]:
    """(administrative unit, issuing body) for a code as it was on `on`: "871" → (the district, None);
    "871-BDV" (a body of the district) → (the district, its Ban Dân vận)."""
    unit = Unit.objects.filter(code=code).valid_on(on).select_related("parent").first()
    if unit is None:
        raise DomainError(f"Không có đơn vị mã “{code}” vào ngày {on.strftime('%d/%m/%Y')}.", field="unit")
    if unit.kind in ADMIN_LEVEL:
        return unit, None
    if unit.parent is None:
        raise DomainError(f"{unit.name} không trực thuộc đơn vị hành chính nào.", field="unit")
    return unit.parent, unit


def find_report(code: str, period_text: str, on: dt.date | None = None) -> UnitReport:
    """The report of unit `code` (or of the unit its body `code` belongs to) for the period "2020-H1"."""
    b = parse_period(period_text)
    unit, issuer = unit_for_code(code, on or b.end)
    qs = UnitReport.objects.select_related("unit", "unit__parent", "period", "issuer").filter(
        unit=unit, period__start=b.start, period__end=b.end
    )
    if issuer is not None and qs.filter(issuer=issuer).exists():
        qs = qs.filter(issuer=issuer)
    report = qs.first()
    if report is None:
        raise DomainError(f"{unit.name} chưa có báo cáo sơ kết kỳ {b.title.lower()}.", field="period")
    return report
