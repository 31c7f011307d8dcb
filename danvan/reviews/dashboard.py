"""Reads of the review's dashboard: a unit's figures for a period beside the previous period and the same period a
year before, the same indicator over successive periods, the children side by side with their laggards, and the
charts of them (`charts.py`).

Where a period's figures come from: the unit's report for it — its frozen figures once submitted, the live ones
while it is a draft (`selectors.report_values`) —; without a report, the registry's figures computed now over
the unit's subtree from the period's start to its cut-off day, if the unit existed then; a period in which the
platform held nothing for the unit (every computed figure 0 or empty: before the platform, or before the unit)
has no figures, shown as "không có số liệu" rather than as zeros (a rate's denominator alone — the reception
days the law requires — is no sign of data).

Laggards (`laggards`) are judged only for an indicator with a direction (`indicators.better_of`: a rate and a
score higher, days lower; counts and amounts, which grow with a unit's size, not at all), among the children that
have a value: with four or more, those in the worst quartile — strictly below the first quartile when higher is
better, strictly above the third when lower (quartiles inclusive of the values), so that equal figures mark
nobody —; with two or three, those strictly worse than the median; with one, nobody.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from danvan.core import indicators as ind
from danvan.units.models import Unit

from . import charts, figures, selectors
from .models import PeriodKind, ReportingPeriod, UnitReport
from .periods import PeriodBounds, bounds
from .selectors import report_values

SERIES_LENGTH = 4  # periods on the "over periods" chart: two years of half-years, four years otherwise
KEY_MAX = 8


def label_of(line: figures.Line) -> str:
    return line.label_en if (get_language() or "vi").startswith("en") and line.label_en else line.label


def section_title(key: str) -> str:
    english = (get_language() or "vi").startswith("en")
    return next(en if english else vi for k, vi, en in ind.SECTIONS if k == key)


def better(line: figures.Line) -> str:
    own = "" if line.manual else getattr(ind.get(line.key), "better", "")
    return ind.better_of(line.measure, own)


# ---------------------------------------------------------------- periods


def span_of(period: ReportingPeriod) -> PeriodBounds:
    return PeriodBounds(
        period.kind, period.start.year, period.start, period.end, period.cutoff, period.deadline, period.title
    )


def previous_of(b: PeriodBounds) -> PeriodBounds | None:
    """The period before: the first half before the second, the second half of the year before before the
    first; nine months and years go back a year. None for a custom period."""
    if b.kind == PeriodKind.FIRST_HALF:
        return bounds(PeriodKind.SECOND_HALF, b.year - 1)
    if b.kind == PeriodKind.SECOND_HALF:
        return bounds(PeriodKind.FIRST_HALF, b.year)
    return year_before_of(b)


def year_before_of(b: PeriodBounds) -> PeriodBounds | None:
    if b.kind not in (PeriodKind.FIRST_HALF, PeriodKind.SECOND_HALF, PeriodKind.NINE_MONTHS, PeriodKind.YEAR):
        return None
    return bounds(b.kind, b.year - 1)


def short_title(b: PeriodBounds) -> str:
    """A period on a chart's axis, on two lines."""
    words = {
        PeriodKind.FIRST_HALF: _("6 tháng đầu"),
        PeriodKind.SECOND_HALF: _("6 tháng cuối"),
        PeriodKind.NINE_MONTHS: _("9 tháng"),
        PeriodKind.YEAR: _("Năm"),
    }.get(b.kind)
    return f"{words}\n{b.year}" if words else b.title


def series_of(b: PeriodBounds) -> list[PeriodBounds]:
    """`SERIES_LENGTH` periods ending with `b`, oldest first."""
    out = [b]
    while len(out) < SERIES_LENGTH:
        before = previous_of(out[0])
        if before is None:
            break
        out.insert(0, before)
    return out


# ---------------------------------------------------------------- figures of a period


@dataclass
class PeriodFigures:
    bounds: PeriodBounds
    values: dict | None  # None: no figures for the unit in that period
    report: UnitReport | None
    frozen: bool

    @property
    def label(self) -> str:
        return short_title(self.bounds)


def period_figures(
    unit: Unit, spans: list[PeriodBounds], reporter_kind: str, known: dict | None = None
) -> list[PeriodFigures]:
    """The unit's figures for each span (see the module's docstring for where they come from); `known`: the
    values a caller has already read for some spans ({bounds: values}: the report's own, for its DOCX)."""
    known = known or {}
    starts = {b.start for b in spans}
    reports = {
        (r.period.start, r.period.end): r
        for r in UnitReport.objects.filter(
            unit=unit, period__reporter_kind=reporter_kind, period__start__in=starts
        ).select_related("unit", "period")
    }
    cutoffs = {
        (p.start, p.end): p.cutoff
        for p in ReportingPeriod.objects.filter(reporter_kind=reporter_kind, start__in=starts)
    }
    out = []
    for b in spans:
        report = reports.get((b.start, b.end))
        if report is not None:
            values = known[b] if b in known else report_values(report)
            out.append(PeriodFigures(b, values, report, report.frozen))
            continue
        values = None
        cutoff = cutoffs.get((b.start, b.end), b.cutoff)
        if unit.is_valid_on(b.start) or unit.is_valid_on(b.end):
            computed = figures.computed(unit, b.start, cutoff)
            values = computed if figures.has_work(computed) else None
        else:  # a unit formed later (the 2025 merges): the units it then was, by share, as the report page does
            from .history import span_values

            preds, mapped = span_values(unit, b.start, b.end, cutoff)
            values = mapped if any(p.frozen for p in preds) or figures.has_work(mapped) else None
        out.append(PeriodFigures(b, values, None, False))
    return out


# ---------------------------------------------------------------- changes


@dataclass(frozen=True)
class Delta:
    arrow: str  # ▲ ▼ =
    words: str  # "tăng 5 (+20%)", the arrow's meaning in words
    tone: str  # "good", "bad" or "" (no direction, or no change)


def delta(line: figures.Line, now, before) -> Delta | None:
    """How `now` compares with `before`, in words (an arrow is never the only sign)."""
    if now is None or before is None:
        return None
    now, before = float(now), float(before)
    diff = now - before
    if abs(diff) < 1e-9:
        return Delta("=", _("không đổi"), "")
    amount = figures.format_value(line.measure, abs(diff))
    if line.measure == ind.PERCENT:
        amount = figures.format_value(ind.COUNT, round(abs(diff), 1)) + " " + _("điểm %")
    elif before:
        share = figures.format_value(ind.PERCENT, round(100 * abs(diff) / abs(before), 1))
        amount = f"{amount} ({'+' if diff > 0 else '−'}{share})"
    words = (_("tăng %(amount)s") if diff > 0 else _("giảm %(amount)s")) % {"amount": amount}
    way = better(line)
    tone = ""
    if way != ind.NEUTRAL:
        good = (diff > 0) == (way == ind.HIGHER)
        tone = "good" if good else "bad"
        words += " — " + (_("tốt hơn") if good else _("kém hơn"))
    return Delta("▲" if diff > 0 else "▼", words, tone)


@dataclass(frozen=True)
class IndicatorRow:
    line: figures.Line
    label: str
    now: str
    previous: str
    year_before: str
    vs_previous: Delta | None
    vs_year_before: Delta | None


@dataclass(frozen=True)
class SectionRows:
    key: str
    title: str
    rows: list[IndicatorRow]


# ---------------------------------------------------------------- children


@dataclass(frozen=True)
class ChildFigure:
    unit: Unit
    value: object
    text: str
    laggard: bool
    frozen: bool


def laggards(values: dict, way: str) -> tuple[set, float | None]:
    """(the keys of `values` that lag, the median) — see the module's docstring for the rule."""
    present = {k: float(v) for k, v in values.items() if v is not None}
    if len(present) < 2:
        return set(), (next(iter(present.values())) if present else None)
    numbers = sorted(present.values())
    median = statistics.median(numbers)
    if way == ind.NEUTRAL:
        return set(), median
    if len(numbers) >= 4:
        q1, _q2, q3 = statistics.quantiles(numbers, n=4, method="inclusive")
        if way == ind.HIGHER:
            lag = {k for k, v in present.items() if v < q1}
        else:
            lag = {k for k, v in present.items() if v > q3}
    elif way == ind.HIGHER:
        lag = {k for k, v in present.items() if v < median}
    else:
        lag = {k for k, v in present.items() if v > median}
    return lag, median


def laggard_rule(way: str) -> str:
    if way == ind.HIGHER:
        return _(
            "Đơn vị chậm: thuộc nhóm một phần tư thấp nhất của các đơn vị trực thuộc (từ 4 đơn vị trở lên), "
            "hoặc thấp hơn trung vị (2–3 đơn vị); chỉ tiêu càng cao càng tốt."
        )
    if way == ind.LOWER:
        return _(
            "Đơn vị chậm: thuộc nhóm một phần tư cao nhất của các đơn vị trực thuộc (từ 4 đơn vị trở lên), "
            "hoặc cao hơn trung vị (2–3 đơn vị); chỉ tiêu càng thấp càng tốt."
        )
    return _("Chỉ tiêu này phụ thuộc quy mô của đơn vị nên không xếp đơn vị chậm; đường đứt nét là trung vị.")


# ---------------------------------------------------------------- the page


@dataclass
class Dashboard:
    unit: Unit
    period: ReportingPeriod
    this: PeriodFigures
    previous: PeriodFigures | None
    year_before: PeriodFigures | None
    series: list[PeriodFigures]
    sections: list[SectionRows]
    lines: list[figures.Line]  # the indicators with a value in one of the three periods
    key_lines: list[figures.Line]
    focus: figures.Line | None
    children: list[ChildFigure]
    focus_median: float | None
    focus_rule: str

    # the charts, as specs (the template asks for their SVG, the DOCX for their PNG)
    def key_chart(self, wide: bool = False) -> charts.Chart | None:
        if not self.key_lines:
            return None
        spans = [p for p in (self.year_before, self.previous, self.this) if p is not None]
        rows = tuple(
            (
                label_of(ln),
                ln.measure,
                tuple((p.label, (p.values or {}).get(ln.key)) for p in spans),
            )
            for ln in self.key_lines
        )
        return charts.Chart(
            charts.KEY_INDICATORS,
            _("Chỉ tiêu chính: kỳ này, kỳ trước và cùng kỳ năm trước"),
            rows=rows,
            wide=wide,
        )

    def over_periods_chart(self) -> charts.Chart | None:
        if self.focus is None:
            return None
        rows = tuple((p.label, (p.values or {}).get(self.focus.key)) for p in self.series)
        return charts.Chart(
            charts.OVER_PERIODS,
            _("%(label)s qua các kỳ") % {"label": label_of(self.focus)},
            self.focus.measure,
            rows,
        )

    def three_periods_chart(self) -> charts.Chart | None:
        if self.focus is None:
            return None
        spans = [p for p in (self.year_before, self.previous, self.this) if p is not None]
        rows = tuple((p.label, (p.values or {}).get(self.focus.key)) for p in spans)
        return charts.Chart(
            charts.THREE_PERIODS,
            _("%(label)s: so với kỳ trước và cùng kỳ năm trước") % {"label": label_of(self.focus)},
            self.focus.measure,
            rows,
        )

    def children_chart(self, wide: bool = False, most: int | None = None) -> charts.Chart | None:
        """The children side by side on the focus indicator; with `most` (the DOCX: a bar a unit of a
        province's 330 drew a picture 119 inches tall), the `most` that do worst, worst first."""
        if self.focus is None or not self.children:
            return None
        shown, note = self.children, self.focus_rule
        if most is not None and len(shown) > most:
            way = better(self.focus)
            present = [c for c in shown if c.value is not None]
            present.sort(key=lambda c: float(c.value), reverse=way == ind.LOWER)
            shown = (present + [c for c in shown if c.value is None])[:most]
            note = " ".join(
                part
                for part in (
                    _("%(n)s trong số %(total)s đơn vị trực thuộc có kết quả kém nhất.")
                    % {"n": most, "total": len(self.children)},
                    note,
                )
                if part
            )
        return charts.Chart(
            charts.CHILDREN,
            _("%(label)s theo đơn vị trực thuộc") % {"label": label_of(self.focus)},
            self.focus.measure,
            tuple((c.unit.name, c.value, c.laggard) for c in shown),
            median=self.focus_median,
            note=note,
            wide=wide,
        )

    @property
    def children_laggards(self) -> list[ChildFigure]:
        return [c for c in self.children if c.laggard]


def _key_lines(lines_: list[figures.Line], values: dict) -> list[figures.Line]:
    """The first public indicator of each section that has a value other than 0 (report order), at most
    `KEY_MAX`."""
    out, seen = [], set()
    for line in lines_:
        if line.section in seen or line.manual or values.get(line.key) in (None, 0):
            continue
        if ind.get(line.key).public:
            out.append(line)
            seen.add(line.section)
    return out[:KEY_MAX]


def build(
    unit: Unit,
    period: ReportingPeriod,
    focus_key: str | None = None,
    *,
    series: bool = True,
    values: dict | None = None,
) -> Dashboard:
    """Everything the dashboard shows for `unit` and `period` (the focus indicator: `focus_key` if it is one,
    else the first with a direction and a value). For a report's DOCX: `series=False` reads only the period, the
    previous one and a year before (what its charts draw), and `values` are the report's own, already read."""
    here = span_of(period)
    spans = series_of(here) if series else [here]
    prev_b, year_b = previous_of(here), year_before_of(here)
    wanted = list(spans)
    for extra in (prev_b, year_b):
        if extra is not None and extra not in wanted:
            wanted.insert(0, extra)
    known = {here: values} if values is not None else None
    found = {pf.bounds: pf for pf in period_figures(unit, wanted, period.reporter_kind, known)}
    this = found[here]
    previous = found.get(prev_b) if prev_b else None
    year_before = found.get(year_b) if year_b else None
    now = this.values or {}
    before = previous.values if previous and previous.values else {}
    year = year_before.values if year_before and year_before.values else {}
    lines_ = [ln for ln in figures.lines() if any(v.get(ln.key) is not None for v in (now, before, year))]
    sections = []
    for key in ind.SECTION_KEYS:
        rows = [
            IndicatorRow(
                ln,
                label_of(ln),
                figures.format_value(ln.measure, now.get(ln.key)),
                figures.format_value(ln.measure, before.get(ln.key)),
                figures.format_value(ln.measure, year.get(ln.key)),
                delta(ln, now.get(ln.key), before.get(ln.key)),
                delta(ln, now.get(ln.key), year.get(ln.key)),
            )
            for ln in lines_
            if ln.section == key
        ]
        if rows:
            sections.append(SectionRows(key, section_title(key), rows))
    by_key = {ln.key: ln for ln in lines_}
    focus = by_key.get(focus_key or "")
    if focus is None:
        # the first indicator with a direction and a figure, one that is not nought if there is any (a rate
        # that is 0 everywhere — no reception day recorded yet — draws charts that say nothing)
        directional = [ln for ln in lines_ if better(ln) != ind.NEUTRAL and now.get(ln.key) is not None]
        focus = next((ln for ln in directional if now.get(ln.key)), None) or next(iter(directional), None)
        focus = focus or (lines_[0] if lines_ else None)
    children, median, rule = [], None, ""
    # the children spared the sources with nothing in the unit's subtree, when its figures are today's
    kids = selectors.children_figures(unit, period, parent_values=None if this.frozen else this.values)
    if focus is not None and kids:
        way = better(focus)
        lag, median = laggards({c.pk: vals.get(focus.key) for c, vals, _f in kids}, way)
        rule = laggard_rule(way)
        children = [
            ChildFigure(
                c,
                vals.get(focus.key),
                figures.format_value(focus.measure, vals.get(focus.key)),
                c.pk in lag,
                frozen,
            )
            for c, vals, frozen in kids
        ]
    return Dashboard(
        unit=unit,
        period=period,
        this=this,
        previous=previous,
        year_before=year_before,
        series=[found[b] for b in spans],
        sections=sections,
        lines=lines_,
        key_lines=_key_lines(lines_, now),
        focus=focus,
        children=children,
        focus_median=median,
        focus_rule=rule,
    )


# ---------------------------------------------------------------- the DOCX


DOCX_CHILDREN_MAX = 30  # bars of the DOCX's children chart: a page's height


def report_charts(report: UnitReport, values: dict | None = None) -> list[tuple[str, bytes]]:
    """The annex's pictures (title, PNG): the key indicators against the previous period and a year before,
    and for a parent the children side by side on the first indicator with a direction."""
    board = build(report.unit, report.period, series=False, values=values)
    drawn = [
        c
        for c in (board.key_chart(wide=True), board.children_chart(wide=True, most=DOCX_CHILDREN_MAX))
        if c is not None
    ]
    return [(chart.title, charts.png(chart, dpi=200)) for chart in drawn]
