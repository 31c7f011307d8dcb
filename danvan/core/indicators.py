"""The indicator registry: what each module contributes to the periodic review (M9), declared in its own
`indicators.py`, computed over a unit's subtree and a date range.

An app declares its indicators and one *source* that computes them together (a few grouped queries, never a
query per indicator):

    from danvan.core import indicators as ind

    ind.register_source(
        "cases",
        compute=case_figures,                # (unit | None, start, end) -> {key: value}
        compute_by_unit=case_figures_by_unit,  # optional: ([units], start, end) -> {unit_id: {key: value}}
        indicators=[
            ind.Indicator("cases.received", "Đơn thư tiếp nhận", "Cases received",
                          measure=ind.COUNT, section=ind.SECTION_CITIZEN_CASES, public=True),
            ind.Indicator("cases.resolved_on_time_rate", "Tỉ lệ giải quyết đúng hạn", "Resolved on time",
                          measure=ind.PERCENT, aggregation=ind.RATE,
                          numerator="cases.resolved_on_time", denominator="cases.resolved",
                          section=ind.SECTION_CITIZEN_CASES),
        ],
    )

`compute(unit, start, end)` of a source returns a value for each of its non-rate keys (a rate is derived
from its numerator and denominator by `value_of`, so consolidation up the tree adds the parts, never the
percentages). `unit` None means the whole installation. `compute_by_unit`, when given, returns the same
figures for several sibling units at once (grouped by the unit-path prefix, `sibling_parts`, or by the stored
commune/province columns — ARCHITECTURE.md), for the per-unit comparison tables, the dashboard and the DOCX
(`compute_many`; cases, reception and communities declare it); without it `compute` runs once per unit.

Aggregation (`aggregation`): SUM adds the children and the periods; RATE recomputes numerator/denominator from
the summed parts; LATEST is a stock at the end of the period (active groups, members, models recognised so
far): the children are added, but across periods the last one is taken, never a sum; AVERAGE is a mean
weighted by the indicator named in `weight` (average days to resolve, weighted by the cases resolved). Manual indicators (`manual=True`) have no
source: a unit enters their values for a period in the reporting module (work not yet in the platform:
"Dân vận khéo" models, study sessions, supervisions…).

Report sections follow the usual structure of a six-month review report (reference/legal-and-domain.md §7.1):
the keys below, in this order. `public=True` marks the indicators that the portal's public statistics may
show. This module is a mechanism: it imports no domain app; `autodiscover()` imports each installed app's
`indicators` module, which registers itself.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps

# measures (what the number counts); the reporting module formats each (VND as `1.234.567 đ`, m², %)
COUNT = "count"
PEOPLE = "people"
VND = "vnd"
SQUARE_METRES = "m2"
LABOUR_DAYS = "labour_days"
DAYS = "days"
PERCENT = "percent"
SCORE = "score"
MEASURES = {COUNT, PEOPLE, VND, SQUARE_METRES, LABOUR_DAYS, DAYS, PERCENT, SCORE}

# how a parent's value comes from its children's
SUM = "sum"
RATE = "rate"
LATEST = "latest"
AVERAGE = "average"
AGGREGATIONS = {SUM, RATE, LATEST, AVERAGE}

# which way is better, for the dashboard's laggards among a parent's children. By measure: a rate (%) and a
# score are better higher, a number of days (to resolve) lower; a count, a number of people, an amount of VND,
# m² or labour days is not judged (it grows with a unit's size, so a small commune is no laggard for having
# fewer cases or members). An indicator may say otherwise with `better` (a pass rate is no merit: NEUTRAL).
HIGHER = "higher"
LOWER = "lower"
NEUTRAL = "neutral"
BETTER_BY_MEASURE = {PERCENT: HIGHER, SCORE: HIGHER, DAYS: LOWER}


def better_of(measure: str, better: str = "") -> str:
    """HIGHER, LOWER or NEUTRAL: the indicator's own `better`, else its measure's."""
    return better or BETTER_BY_MEASURE.get(measure, NEUTRAL)


# sections of the review report, in report order (key, Vietnamese title, English title)
SECTION_LEADERSHIP = "leadership"
SECTION_GOVERNMENT = "government"
SECTION_CITIZEN_CASES = "citizen_cases"
SECTION_RECEPTION_DIALOGUE = "reception_dialogue"
SECTION_DISCLOSURE = "disclosure"
SECTION_DELIBERATION = "deliberation"
SECTION_SELF_GOVERNANCE = "self_governance"
SECTION_FRONT = "front_and_organisations"
SECTION_MODELS = "models"
SECTION_SUPERVISION = "supervision"
SECTION_AGENCIES = "agencies"
SECTIONS = [
    (
        SECTION_LEADERSHIP,
        "Công tác lãnh đạo, chỉ đạo; học tập, quán triệt",
        "Leadership and study of directives",
    ),
    (SECTION_GOVERNMENT, "Công tác dân vận chính quyền, cải cách hành chính", "Government mobilisation"),
    (SECTION_RECEPTION_DIALOGUE, "Tiếp công dân, đối thoại trực tiếp", "Citizen reception and dialogue"),
    (
        SECTION_CITIZEN_CASES,
        "Tiếp nhận, giải quyết phản ánh, kiến nghị, khiếu nại, tố cáo",
        "Feedback, petitions, complaints and denunciations",
    ),
    (
        SECTION_DISCLOSURE,
        "Thực hiện dân chủ ở cơ sở: công khai (dân biết)",
        "Grassroots democracy: disclosure",
    ),
    (
        SECTION_DELIBERATION,
        "Thực hiện dân chủ ở cơ sở: dân bàn, dân quyết",
        "Grassroots democracy: deliberation and decisions",
    ),
    (
        SECTION_SELF_GOVERNANCE,
        "Hội quán, tổ tự quản; đóng góp xây dựng nông thôn mới, đô thị văn minh",
        "Self-governing groups and contributions",
    ),
    (
        SECTION_FRONT,
        "Hoạt động của Mặt trận Tổ quốc, các đoàn thể; cuộc vận động, phong trào",
        "Front and mass organisations",
    ),
    (
        SECTION_MODELS,
        "Mô hình, điển hình \u201cDân vận khéo\u201d",
        "\u201cSkilful mobilisation\u201d models",
    ),
    (SECTION_SUPERVISION, "Giám sát, phản biện xã hội", "Supervision"),
    (
        SECTION_AGENCIES,
        "Dân chủ trong cơ quan, đơn vị, doanh nghiệp",
        "Democracy in agencies and enterprises",
    ),
]
SECTION_KEYS = [key for key, _vi, _en in SECTIONS]


@dataclass(frozen=True)
class Indicator:
    key: str  # "<app>.<name>", stable: stored with frozen report figures
    label: str  # Vietnamese, as the report prints it
    label_en: str
    measure: str = COUNT
    section: str = SECTION_GOVERNMENT
    aggregation: str = SUM
    numerator: str = ""  # RATE: the keys of the parts
    denominator: str = ""
    weight: str = ""  # AVERAGE: the key of the weight (e.g. the number of rated cases)
    public: bool = False
    better: str = ""  # HIGHER, LOWER or NEUTRAL; empty: by the measure (`better_of`)
    manual: bool = False
    order: int = 0
    help: str = ""  # how it is counted, shown beside the figure (Vietnamese)

    def __post_init__(self):
        if self.measure not in MEASURES:
            raise ValueError(f"{self.key}: unknown measure {self.measure!r}")
        if self.aggregation not in AGGREGATIONS:
            raise ValueError(f"{self.key}: unknown aggregation {self.aggregation!r}")
        if self.better not in ("", HIGHER, LOWER, NEUTRAL):
            raise ValueError(f"{self.key}: unknown direction {self.better!r}")
        if self.section not in SECTION_KEYS:
            raise ValueError(f"{self.key}: unknown section {self.section!r}")
        if self.aggregation == RATE and not (self.numerator and self.denominator):
            raise ValueError(f"{self.key}: a rate needs its numerator and denominator")
        if self.aggregation == AVERAGE and not self.weight:
            raise ValueError(f"{self.key}: an average needs its weight")


Compute = Callable[[object, dt.date, dt.date], dict]
ComputeByUnit = Callable[[list, dt.date, dt.date], dict]


@dataclass
class Source:
    name: str
    compute: Compute | None
    compute_by_unit: ComputeByUnit | None = None
    indicators: list[Indicator] = field(default_factory=list)
    signed: bool = False


_sources: dict[str, Source] = {}
_indicators: dict[str, Indicator] = {}
_discovered = False


def register_source(
    name: str,
    *,
    indicators: Iterable[Indicator],
    compute: Compute | None = None,
    compute_by_unit: ComputeByUnit | None = None,
    signed: bool = False,
) -> Source:
    """Declare `indicators` and the function that computes them (None for manual indicators only).
    Registering the same source again replaces it (module reloads in development).

    `signed`: a value of the source can be negative (a ledger's net over a period, with reversing entries
    dated the day they are made), so the parent's nought may be children that cancel out — `compute_many`
    then asks each child even when the parent has nothing. Left False, the source promises counts and sums
    that are never negative: nothing in a subtree means nothing in each part of it."""
    items = list(indicators)
    for item in items:
        other = _indicators.get(item.key)
        if other is not None and _owner(item.key) not in (None, name):
            raise ValueError(f"indicator {item.key} is already declared by {_owner(item.key)}")
        if compute is None and not item.manual and item.aggregation != RATE:
            raise ValueError(f"{item.key}: a computed indicator needs its source's compute function")
    old = _sources.pop(name, None)
    if old is not None:
        for item in old.indicators:
            _indicators.pop(item.key, None)
    source = Source(
        name=name, compute=compute, compute_by_unit=compute_by_unit, indicators=items, signed=signed
    )
    _sources[name] = source
    for item in items:
        _indicators[item.key] = item
    return source


def _owner(key: str) -> str | None:
    for source in _sources.values():
        if any(i.key == key for i in source.indicators):
            return source.name
    return None


def autodiscover() -> None:
    """Import the `indicators` module of every installed app (each registers its source)."""
    global _discovered
    if _discovered:
        return
    for config in apps.get_app_configs():
        try:
            importlib.import_module(f"{config.name}.indicators")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.indicators":
                raise
    _discovered = True


def sources() -> list[Source]:
    autodiscover()
    return list(_sources.values())


def all_indicators() -> list[Indicator]:
    """Every declared indicator, in report order (section, then `order`, then key)."""
    autodiscover()
    rank = {key: n for n, key in enumerate(SECTION_KEYS)}
    return sorted(_indicators.values(), key=lambda i: (rank[i.section], i.order, i.key))


def get(key: str) -> Indicator:
    autodiscover()
    return _indicators[key]


def value_of(indicator: Indicator, values: dict):
    """The value of `indicator` from a dict of raw values: a rate from its parts (None when the denominator is
    0 or missing), anything else as stored."""
    if indicator.aggregation == RATE:
        num, den = values.get(indicator.numerator), values.get(indicator.denominator)
        if not den or num is None:
            return None
        return round(100 * num / den, 1) if indicator.measure == PERCENT else num / den
    return values.get(indicator.key)


def compute(unit, start: dt.date, end: dt.date, *, sources_wanted: Iterable[str] | None = None) -> dict:
    """Raw values of every computed indicator over `unit`'s subtree (None: everything) from `start` to `end`
    inclusive, rates included (derived from their parts)."""
    wanted = set(sources_wanted) if sources_wanted is not None else None
    values: dict = {}
    for source in sources():
        if source.compute is None or (wanted is not None and source.name not in wanted):
            continue
        values.update(source.compute(unit, start, end))
    for item in all_indicators():
        if item.aggregation == RATE and item.key not in values:
            values[item.key] = value_of(item, values)
    return values


def _empty(source: Source, values: dict) -> bool:
    return all(values.get(i.key) in (0, None) for i in source.indicators if i.aggregation != RATE)


def compute_many(units, start: dt.date, end: dt.date, *, parent_values: dict | None = None) -> dict:
    """`compute` for each of `units` (siblings: the children of a report's unit): {unit pk: values}. A source
    with `compute_by_unit` answers for all of them at once; the others once per unit. With `parent_values` —
    the parent's own live figures over the same range —, a source with nothing in the parent's subtree (every
    count nought) is not asked for each child: its children have nothing either, so they take those noughts
    (not for a `signed` source, whose children's figures may cancel out in the parent's)."""
    units = list(units)
    out: dict = {u.pk: {} for u in units}
    for source in sources():
        if source.compute is None or not units:
            continue
        if parent_values is not None and not source.signed and _empty(source, parent_values):
            same = {i.key: parent_values.get(i.key) for i in source.indicators if i.aggregation != RATE}
            for values in out.values():
                values.update(same)
        elif source.compute_by_unit is not None:
            for pk, values in source.compute_by_unit(units, start, end).items():
                out[pk].update(values)
        else:
            for u in units:
                out[u.pk].update(source.compute(u, start, end))
    rates = [i for i in all_indicators() if i.aggregation == RATE]
    for values in out.values():
        for item in rates:
            if item.key not in values:
                values[item.key] = value_of(item, values)
    return out


def sibling_parts(units, field: str = "unit__path"):
    """For a source's `compute_by_unit` over sibling units (their paths equally long: the children of one
    unit): (the condition narrowing rows to the units' subtrees, the expression naming the unit each row
    counts for — the prefix of `field` as long as their paths —), or None when the units are not siblings.
    One grouped query then serves every unit: `qs.filter(where).annotate(_part=part).values("_part")…`."""
    import os

    from django.db.models import Q
    from django.db.models.functions import Substr

    lengths = {len(u.path) for u in units}
    if len(lengths) != 1:
        return None
    common = os.path.commonprefix([u.path for u in units])
    return Q(**{f"{field}__startswith": common}), Substr(field, 1, lengths.pop())
