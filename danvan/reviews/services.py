"""Writes of the review (M9): periods, reports and their workflow. One transaction and one audit record each.

- `period_ensure(actor, text, reporter_kind)`: the period "2020-H1" for a kind of reporting body (created with
  the usual cut-off day and deadline the first time);
- `report_create`: a unit's report, its narrative pre-filled with drafts that cite the live figures;
- `report_update` (narrative, number, date) and `manual_values_set` while it is a draft or returned;
- `report_submit`: the figures are frozen with their provenance ("tính ngày dd/mm/yyyy từ …");
- `report_return` (with a comment) and `report_approve`: by the parent unit (`reviews.approve` on it);
- `report_consolidate`: a parent's manual figures from its children's approved reports.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction

from danvan.access.policy import has_unit_perm
from danvan.audit.services import audit_record
from danvan.core import pagecache
from danvan.core.errors import DomainError
from danvan.core.formatting import format_date, local_today
from danvan.core.text import nfc
from danvan.units.models import ADMIN_LEVEL, Unit, UnitKind

from . import drafts, figures
from .models import (
    REPORTER_KINDS,
    ManualIndicator,
    ManualValue,
    ReportingPeriod,
    ReportStatus,
    UnitReport,
)
from .periods import parse_period

PREPARE, APPROVE = "reviews.prepare", "reviews.approve"
TEXT_MAX = 20000
EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _require(actor, perm: str, unit, message: str) -> None:
    if actor is not None and not has_unit_perm(actor, perm, unit):
        raise DomainError(message, code="forbidden")


def _audit(actor, action: str, report: UnitReport, changes: dict) -> None:
    audit_record(actor=_user(actor), action=action, obj=report, unit=report.unit, changes=changes)


def approver_unit(report: UnitReport) -> Unit:
    """The unit that approves `report`: its administrative parent (a top unit approves its own)."""
    return report.unit.parent or report.unit


# ---------------------------------------------------------------- periods


@transaction.atomic
def period_ensure(*, actor=None, text: str, reporter_kind: str = REPORTER_KINDS[0]) -> ReportingPeriod:
    if reporter_kind not in REPORTER_KINDS:
        raise DomainError("Cơ quan báo cáo không hợp lệ.", field="reporter_kind")
    b = parse_period(text)
    period, _created = ReportingPeriod.objects.get_or_create(
        reporter_kind=reporter_kind,
        start=b.start,
        end=b.end,
        defaults={"kind": b.kind, "title": b.title, "cutoff": b.cutoff, "deadline": b.deadline},
    )
    return period


# ---------------------------------------------------------------- reports


def live_figures(report: UnitReport) -> dict:
    """Computed figures over the unit's subtree from the period's start to its cut-off day, and the manual
    values entered on the report."""
    values = figures.computed(report.unit, report.period.start, report.period.cutoff)
    values.update(manual_values(report))
    return values


def manual_values(report: UnitReport) -> dict:
    return {
        mv.indicator.key: figures.plain(mv.value) for mv in report.manual_values.select_related("indicator")
    }


def default_issuer(unit: Unit, period: ReportingPeriod) -> Unit | None:
    """The body of `unit` that issues its report: one of the period's reporting kind, or — for a Ban Dân vận
    period in a commune, which has none — the commune's Party committee."""
    kinds = [period.reporter_kind]
    if period.reporter_kind == UnitKind.MOBILISATION_COMMISSION:
        kinds.append(UnitKind.PARTY_COMMITTEE)
    bodies = {
        u.kind: u
        for u in Unit.objects.filter(parent=unit, kind__in=kinds).valid_on(period.end).order_by("-path")
    }
    return next((bodies[k] for k in kinds if k in bodies), None)


@transaction.atomic
def report_create(*, actor, period: ReportingPeriod, unit: Unit, issuer: Unit | None = None) -> UnitReport:
    _require(actor, PREPARE, unit, "Bạn không có quyền lập báo cáo sơ kết của đơn vị này.")
    if unit.kind not in ADMIN_LEVEL:
        raise DomainError("Báo cáo sơ kết được lập cho một đơn vị hành chính.", field="unit")
    if not (unit.is_valid_on(period.start) or unit.is_valid_on(period.end)):
        raise DomainError(
            f"{unit.name} không tồn tại trong kỳ {period.title[:1].lower()}{period.title[1:]}.", field="unit"
        )
    if UnitReport.objects.filter(period=period, unit=unit).exists():
        raise DomainError(f"{unit.name} đã có báo cáo cho kỳ này.", field="unit", code="exists")
    report = UnitReport.objects.create(
        period=period,
        unit=unit,
        issuer=issuer or default_issuer(unit, period),
        created_by=_user(actor),
    )
    values = live_figures(report)
    report.sections = drafts.draft_sections(unit, period, values, figures.lines())
    report.save(update_fields=["sections"])
    _audit(actor, "review.report_create", report, {"period": [None, period.title]})
    return report


def _expect_editable(report: UnitReport) -> None:
    if report.status not in EDITABLE:
        raise DomainError("Báo cáo đã gửi; chỉ sửa được khi đang soạn hoặc bị trả lại.", code="state")


@transaction.atomic
def report_update(
    *, actor, report: UnitReport, sections: dict, number: int | None = None, issued_on: dt.date | None = None
) -> UnitReport:
    _require(actor, PREPARE, report.unit, "Bạn không có quyền sửa báo cáo sơ kết của đơn vị này.")
    report = UnitReport.objects.select_for_update().get(pk=report.pk)
    _expect_editable(report)
    known = {s.key: s for s in drafts.narrative_sections()}
    changed = []
    new = dict(report.sections)
    for key, text in sections.items():
        if key not in known:
            continue
        text = nfc(str(text or "")).replace("\r\n", "\n").strip()
        if len(text) > TEXT_MAX:
            raise DomainError(
                f"Mục “{known[key].title}” không được dài quá {TEXT_MAX} ký tự.", field=f"s_{key}"
            )
        if new.get(key, "") != text:
            changed.append(known[key].title)
            new[key] = text
    changes = {}
    if changed:
        changes["sections"] = [None, ", ".join(changed)]
    if number != report.number:
        changes["number"] = [report.number, number]
    if issued_on != report.issued_on:
        changes["issued_on"] = [report.issued_on, issued_on]
    report.sections, report.number, report.issued_on = new, number, issued_on
    report.save(update_fields=["sections", "number", "issued_on"])
    if changes:
        _audit(actor, "review.report_update", report, changes)
    return report


def _decimal(raw, label: str, key: str) -> Decimal | None:
    if raw is None or str(raw).strip() == "":
        return None
    try:
        value = Decimal(str(raw).strip().replace(".", "").replace(",", "."))
    except InvalidOperation:
        raise DomainError(f"“{label}”: vui lòng nhập một số.", field=f"m_{key}")
    if value < 0 or value >= Decimal("1e15"):
        raise DomainError(f"“{label}”: số không hợp lệ.", field=f"m_{key}")
    return value


@transaction.atomic
def manual_values_set(*, actor, report: UnitReport, values: dict) -> UnitReport:
    """`values`: {manual indicator key: number, text as typed ("1.200", "3,5") or None to clear}."""
    _require(actor, PREPARE, report.unit, "Bạn không có quyền sửa báo cáo sơ kết của đơn vị này.")
    report = UnitReport.objects.select_for_update().get(pk=report.pk)
    _expect_editable(report)
    indicators = {m.key: m for m in ManualIndicator.objects.filter(active=True)}
    existing = {mv.indicator.key: mv for mv in report.manual_values.select_related("indicator")}
    changed = []
    for key, raw in values.items():
        indicator = indicators.get(key)
        if indicator is None:
            continue
        value = raw if isinstance(raw, Decimal) else _decimal(raw, indicator.label, key)
        old = existing.get(key)
        if value is None:
            if old is not None:
                old.delete()
                changed.append(indicator.label)
        elif old is None:
            ManualValue.objects.create(report=report, indicator=indicator, value=value)
            changed.append(indicator.label)
        elif old.value != value:
            old.value = value
            old.save(update_fields=["value"])
            changed.append(indicator.label)
    if changed:
        _audit(actor, "review.manual_set", report, {"indicators": [None, ", ".join(changed)]})
    return report


def provenance_text(report: UnitReport, on: dt.date) -> str:
    sources = ", ".join(
        s for s in ("đơn thư", "tiếp công dân và đối thoại", "hội quán, tổ tự quản", "công khai", "tin tức")
    )
    return (
        f"Số liệu tính ngày {format_date(on)} từ dữ liệu của nền tảng ({sources}) của {report.unit.name} "
        f"và các đơn vị trực thuộc, từ ngày {format_date(report.period.start)} đến ngày "
        f"{format_date(report.period.cutoff)}; chỉ tiêu nhập tay do đơn vị báo cáo."
    )


@transaction.atomic
def report_submit(*, actor, report: UnitReport, today: dt.date | None = None) -> UnitReport:
    _require(actor, PREPARE, report.unit, "Bạn không có quyền gửi báo cáo sơ kết của đơn vị này.")
    report = UnitReport.objects.select_for_update().select_related("unit", "period").get(pk=report.pk)
    _expect_editable(report)
    today = today or local_today()
    report.figures = live_figures(report)
    report.figures_on = today
    report.provenance = provenance_text(report, today)
    report.status = ReportStatus.SUBMITTED
    report.submitted_on = today
    report.save(update_fields=["figures", "figures_on", "provenance", "status", "submitted_on"])
    late = " (quá hạn)" if today > report.period.deadline else ""
    _audit(actor, "review.report_submit", report, {"submitted_on": [None, today], "late": [None, late]})
    return report


def _require_approver(actor, report: UnitReport) -> None:
    _require(
        actor,
        APPROVE,
        approver_unit(report),
        "Chỉ đơn vị cấp trên trực tiếp mới duyệt hoặc trả lại báo cáo sơ kết.",
    )


@transaction.atomic
def report_return(*, actor, report: UnitReport, comment: str) -> UnitReport:
    _require_approver(actor, report)
    report = UnitReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise DomainError("Chỉ trả lại được báo cáo đã gửi và chưa duyệt.", code="state")
    comment = nfc(str(comment or "")).strip()
    if not comment:
        raise DomainError("Vui lòng ghi ý kiến để đơn vị sửa báo cáo.", field="comment", code="required")
    if len(comment) > 4000:
        raise DomainError("Ý kiến không được dài quá 4000 ký tự.", field="comment")
    report.status = ReportStatus.RETURNED
    report.return_comment = comment
    report.save(update_fields=["status", "return_comment"])
    _audit(actor, "review.report_return", report, {"return_comment": [None, comment]})
    return report


@transaction.atomic
def report_approve(*, actor, report: UnitReport, today: dt.date | None = None) -> UnitReport:
    _require_approver(actor, report)
    report = UnitReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise DomainError("Chỉ duyệt được báo cáo đã gửi.", code="state")
    report.status = ReportStatus.APPROVED
    report.approved_on = today or local_today()
    report.save(update_fields=["status", "approved_on"])
    _audit(actor, "review.report_approve", report, {"approved_on": [None, report.approved_on]})
    pagecache.changed("reviews")  # the portal shows the public figures of the latest approved report
    return report


@transaction.atomic
def report_consolidate(*, actor, report: UnitReport) -> UnitReport:
    """Fill the parent's manual figures with the aggregation of its children's approved reports (computed
    figures need nothing: they are always computed over the parent's whole subtree)."""
    from .selectors import child_reports

    _require(actor, PREPARE, report.unit, "Bạn không có quyền tổng hợp báo cáo của đơn vị này.")
    _expect_editable(report)
    approved = [r for r in child_reports(report) if r.status == ReportStatus.APPROVED]
    if not approved:
        raise DomainError("Chưa có báo cáo nào của đơn vị trực thuộc được duyệt.", code="empty")
    manual_lines = [line for line in figures.lines() if line.manual]
    totals = figures.aggregate([r.figures for r in approved], manual_lines)
    manual_values_set(
        actor=actor,
        report=report,
        values={k: Decimal(str(v)) for k, v in totals.items() if v is not None},
    )
    _audit(actor, "review.report_consolidate", report, {"reports": [None, len(approved)]})
    return report


# ---------------------------------------------------------------- the conference and its article


def _guests(guests) -> list[dict]:
    out = []
    for g in guests or []:
        name = nfc(str(g.get("name", ""))).strip()
        title = nfc(str(g.get("title", ""))).strip()
        if not name:
            continue
        if len(name) > 160 or len(title) > 255:
            raise DomainError("Họ tên hoặc chức vụ khách mời quá dài.", field="guests")
        out.append({"name": name, "title": title})
    return out


@transaction.atomic
def conference_record(
    *,
    actor,
    report: UnitReport,
    day: dt.date,
    chair: str,
    place: str = "",
    guests=(),
    commendations: str = "",
):
    """The review conference where `report` is presented (one per report; recording again corrects it)."""
    from .models import Conference

    _require(actor, PREPARE, report.unit, "Bạn không có quyền ghi hội nghị sơ kết của đơn vị này.")
    chair = nfc(str(chair or "")).strip()
    if not chair:
        raise DomainError("Vui lòng nhập người chủ trì hội nghị.", field="chair", code="required")
    if day < report.period.start:
        raise DomainError("Hội nghị sơ kết phải sau ngày bắt đầu kỳ báo cáo.", field="day")
    conference, created = Conference.objects.update_or_create(
        report=report,
        defaults={
            "day": day,
            "chair": chair[:255],
            "place": nfc(str(place or "")).strip()[:255],
            "guests": _guests(guests),
            "commendations": nfc(str(commendations or "")).strip()[:4000],
        },
    )
    audit_record(
        actor=_user(actor),
        action="review.conference_record",
        obj=conference,
        unit=report.unit,
        changes={"day": [None, day], "chair": [None, chair]},
    )
    return conference


@transaction.atomic
def conference_send_article(*, actor, conference):
    """The generated article as a draft of the news app (the editor's workflow takes it from there)."""
    from danvan.publishing.services import article_create

    from .article import draft_article

    if conference.article_id:
        raise DomainError("Bài viết về hội nghị đã được gửi sang mục tin tức.", code="exists")
    draft = draft_article(conference)
    article = article_create(
        actor=actor,
        unit=conference.report.unit,
        title=draft.title,
        summary=draft.summary,
        body=draft.html(),
    )
    conference.article = article
    conference.save(update_fields=["article"])
    audit_record(
        actor=_user(actor),
        action="review.article_send",
        obj=conference,
        unit=conference.report.unit,
        changes={"article": [None, article.title]},
    )
    return article
