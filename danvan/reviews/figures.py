"""The figures of a report: computed ones from the indicator registry, manual ones entered by the unit, how
they print, and how children's figures add up into a parent's (the registry's aggregation rules).

A value dict is {indicator key: number or None}. Rates are never added: `aggregate` sums the parts and
derives the rate (`indicators.value_of`), an average is weighted by its `weight` indicator.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from danvan.core import indicators as ind
from danvan.core.formatting import format_vnd, group_thousands

from .models import ManualIndicator


@dataclass(frozen=True)
class Line:
    """One indicator as a report shows it."""

    key: str
    label: str
    label_en: str
    measure: str
    section: str
    aggregation: str
    manual: bool
    numerator: str = ""
    denominator: str = ""
    weight: str = ""


def lines(*, manual: bool = True) -> list[Line]:
    """Every indicator of a report in report order: the registry's computed ones, then the manual ones of each
    section after them (`manual=False`: the computed ones only, without a query)."""
    rank = {key: n for n, key in enumerate(ind.SECTION_KEYS)}
    out = [
        Line(
            i.key,
            i.label,
            i.label_en,
            i.measure,
            i.section,
            i.aggregation,
            False,
            i.numerator,
            i.denominator,
            i.weight,
        )
        for i in ind.all_indicators()
        if not i.manual
    ]
    if manual:
        out += [
            Line(m.key, m.label, m.label_en, m.measure, m.section, m.aggregation, True)
            for m in ManualIndicator.objects.filter(active=True)
        ]
    return sorted(out, key=lambda line: (rank.get(line.section, 99), line.manual))


def plain(value):
    """A JSON-safe number (Decimal → int or float)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and value.is_integer():
        return value
    return value


def computed(unit, start, end) -> dict:
    keys = {i.key for i in ind.all_indicators() if not i.manual}
    return {k: plain(v) for k, v in ind.compute(unit, start, end).items() if k in keys}


def computed_many(units, start, end, parent_values: dict | None = None) -> dict:
    """`computed` for each of sibling `units` at once ({unit pk: values}; see `indicators.compute_many`)."""
    keys = {i.key for i in ind.all_indicators() if not i.manual}
    found = ind.compute_many(units, start, end, parent_values=parent_values)
    return {pk: {k: plain(v) for k, v in values.items() if k in keys} for pk, values in found.items()}


def _number(value, decimals=1) -> str:
    if isinstance(value, float) and not value.is_integer():
        whole = f"{value:,.{decimals}f}"
        return whole.replace(",", "\u00a0").replace(".", ",").replace("\u00a0", ".")
    return group_thousands(int(value))


UNIT_WORDS = {
    ind.PEOPLE: "người",
    ind.SQUARE_METRES: "m²",
    ind.LABOUR_DAYS: "ngày công",
    ind.DAYS: "ngày",
    ind.SCORE: "điểm",
}
MEASURE_LABELS = {
    ind.COUNT: "Số lượng",
    ind.PEOPLE: "Người",
    ind.VND: "Đồng",
    ind.SQUARE_METRES: "m²",
    ind.LABOUR_DAYS: "Ngày công",
    ind.DAYS: "Ngày",
    ind.PERCENT: "%",
    ind.SCORE: "Điểm",
}


def format_value(measure: str, value, *, bare: bool = False) -> str:
    """`1.234.567 đ`, `85,5%`, `1.200 m²`, `36 ngày công`; "—" when there is no value. `bare`: the number
    without its unit word (table cells with a unit column)."""
    if value is None or value == "":
        return "—"
    if measure == ind.VND:
        return group_thousands(round(Decimal(str(value)))) if bare else format_vnd(Decimal(str(value)))
    if measure == ind.PERCENT:
        return _number(float(value)) + ("" if bare else "%")
    text = _number(value)
    word = UNIT_WORDS.get(measure)
    return f"{text} {word}" if word and not bare else text


def aggregate(children: list[dict], lines_: list[Line] | None = None) -> dict:
    """A parent's values from its children's: sums (and stocks) added, rates from the summed parts,
    averages weighted."""
    lines_ = lines_ if lines_ is not None else lines()
    out: dict = {}
    for line in lines_:
        if line.aggregation in (ind.SUM, ind.LATEST):
            present = [c[line.key] for c in children if c.get(line.key) is not None]
            out[line.key] = plain(sum(Decimal(str(v)) for v in present)) if present else None
    for line in lines_:
        if line.aggregation == ind.RATE:
            num, den = out.get(line.numerator), out.get(line.denominator)
            if not den or num is None:
                out[line.key] = None
            else:
                out[line.key] = round(100 * num / den, 1) if line.measure == ind.PERCENT else num / den
        elif line.aggregation == ind.AVERAGE:
            pairs = [
                (c[line.key], c.get(line.weight) or 0)
                for c in children
                if c.get(line.key) is not None and c.get(line.weight)
            ]
            total = sum(w for _v, w in pairs)
            out[line.key] = round(sum(v * w for v, w in pairs) / total, 2) if total else None
    return out


def has_work(values: dict, lines_: list[Line] | None = None) -> bool:
    """Whether `values` record any work done: a figure other than 0 that is neither a rate nor only a rate's
    denominator (the reception days a rule requires are counted for any period, data or not). A period
    without it is "no figure", not zeros (the dashboard's periods, the earlier years of a merged unit)."""
    lines_ = lines() if lines_ is None else lines_
    bases = {ln.denominator for ln in lines_ if ln.aggregation == ind.RATE}
    return any(
        values.get(ln.key) not in (None, 0)
        for ln in lines_
        if ln.aggregation != ind.RATE and ln.key not in bases
    )
