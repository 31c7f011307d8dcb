"""The review's figures the portal shows: the public indicators of a unit's latest *approved* report.

Only indicators the registry marks `public` (danvan/core/indicators.py), only the frozen figures of a report its
parent approved — never a draft's or a submitted report's numbers —, with the period they are for. The portal's
pages that show them declare the page-cache topic "reviews", which `services.report_approve` moves.
"""

from __future__ import annotations

from dataclasses import dataclass

from danvan.core import indicators as ind

from . import figures
from .dashboard import label_of, section_title
from .models import ReportStatus, UnitReport


@dataclass(frozen=True)
class PublicFigure:
    label: str
    text: str
    part: bool  # a part of the figure above it ("— trong đó …")


@dataclass(frozen=True)
class PublicSection:
    title: str
    figures: list[PublicFigure]


@dataclass(frozen=True)
class PublicFigures:
    report: UnitReport
    sections: list[PublicSection]


def latest_approved(unit) -> UnitReport | None:
    return (
        UnitReport.objects.filter(unit=unit, status=ReportStatus.APPROVED)
        .select_related("period", "unit")
        .order_by("-period__end", "-approved_on", "-pk")
        .first()
    )


def public_figures(unit) -> PublicFigures | None:
    """The public figures of `unit`'s latest approved report, by report section; None without one."""
    if unit is None:
        return None
    report = latest_approved(unit)
    if report is None or not report.figures:
        return None
    by_section: dict[str, list[PublicFigure]] = {}
    for line in figures.lines(manual=False):
        if not ind.get(line.key).public:
            continue
        value = report.figures.get(line.key)
        if value is None:
            continue
        label = label_of(line)
        by_section.setdefault(line.section, []).append(
            PublicFigure(label, figures.format_value(line.measure, value), label[:1] == "—")
        )
    sections = [PublicSection(section_title(k), by_section[k]) for k in ind.SECTION_KEYS if k in by_section]
    return PublicFigures(report, sections) if sections else None
