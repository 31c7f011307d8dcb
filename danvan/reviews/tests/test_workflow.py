"""A unit report's life: pre-filled, edited, submitted (figures frozen), returned, corrected, approved; the
parent consolidates its children."""

import datetime as dt
from decimal import Decimal

import pytest

from danvan.audit.models import AuditEvent
from danvan.core import indicators as ind
from danvan.core.errors import DomainError
from danvan.reviews import figures, selectors, services
from danvan.reviews.models import ReportStatus

from .conftest import case

D = dt.date


@pytest.fixture
def data(cast):
    """Phú Cường: 3 cases (2 resolved, 1 late); An Long: 2 cases (1 resolved on time); one outside the period."""
    case(cast, cast.commune, D(2026, 1, 10), D(2026, 1, 20))
    case(cast, cast.commune, D(2026, 2, 10), D(2026, 4, 20), late=True)
    case(cast, cast.hamlet, D(2026, 3, 1))
    case(cast, cast.sibling_commune, D(2026, 2, 1), D(2026, 2, 5))
    case(cast, cast.sibling_commune, D(2026, 5, 2))
    case(cast, cast.sibling_commune, D(2026, 6, 20))  # after the cut-off day (15 June)
    return cast


def test_a_new_report_is_prefilled_with_figures_and_drafts_citing_them(data, period):
    report = services.report_create(actor=data.hoa, period=period, unit=data.commune)
    values = selectors.report_values(report)
    assert values["cases.received"] == 3 and values["cases.resolved"] == 2
    assert values["cases.resolved_on_time_rate"] == 50.0
    text = report.sections["area.citizen_cases"]
    assert "đơn thư tiếp nhận: 3 (phản ánh: 3;" in text and "50%" in text
    assert "; —" not in text  # a figure's parts in brackets after it, not as dashed items inside the sentence
    # the unit's level inside a sentence is a common noun: "xã Phú Cường", never "Xã Phú Cường"
    assert f"trên địa bàn {data.commune.name_in_sentence} " in report.sections["situation"]
    assert data.commune.name_in_sentence.startswith("xã ")
    assert report.sections["directions"].startswith("Trong 6 tháng cuối năm 2026")
    assert "còn 1 đơn thư quá hạn" in report.sections["limitations"]  # the March case, unresolved today
    assert AuditEvent.objects.filter(action="review.report_create", object_id=str(report.pk)).exists()


def test_only_officers_who_prepare_may_create_and_edit(data, period):
    with pytest.raises(DomainError):
        services.report_create(actor=data.minh, period=period, unit=data.commune)  # case officer
    with pytest.raises(DomainError):
        services.report_create(actor=data.hoa, period=period, unit=data.far_commune)  # other district
    services.report_create(actor=data.hoa, period=period, unit=data.commune)
    with pytest.raises(DomainError):
        services.report_create(actor=data.hoa, period=period, unit=data.commune)  # one per period


def test_parent_equals_the_aggregation_of_its_children_for_sums_and_rates(data, period):
    lines = figures.lines()
    children = [
        figures.computed(u, period.start, period.cutoff) for u in (data.commune, data.sibling_commune)
    ]
    parent = figures.computed(data.district, period.start, period.cutoff)
    summed = figures.aggregate(children, lines)
    for line in lines:
        if line.manual or line.aggregation == ind.AVERAGE:
            continue
        assert parent.get(line.key) == summed.get(line.key), line.key
    assert parent["cases.received"] == 5 and parent["cases.resolved"] == 3
    assert parent["cases.resolved_on_time_rate"] == round(100 * 2 / 3, 1)  # not the mean of 50% and 100%


def test_submission_freezes_the_figures_and_recomputation_shows_what_changed(data, period):
    report = services.report_create(actor=data.hoa, period=period, unit=data.commune)
    services.manual_values_set(actor=data.hoa, report=report, values={"manual.supervisions": "4"})
    report = services.report_submit(actor=data.hoa, report=report, today=D(2026, 7, 3))
    assert report.status == ReportStatus.SUBMITTED
    assert report.figures["cases.received"] == 3 and report.figures["manual.supervisions"] == 4
    assert report.provenance.startswith("Số liệu tính ngày 03/07/2026 từ")
    assert selectors.recompute_diff(report) == []
    case(data, data.other_hamlet, D(2026, 6, 1))  # entered late, inside the period
    report.refresh_from_db()
    assert selectors.report_values(report)["cases.received"] == 3  # frozen
    diff = {c.line.key: (c.frozen, c.now) for c in selectors.recompute_diff(report)}
    assert diff["cases.received"] == (3, 4)
    with pytest.raises(DomainError):
        services.report_update(actor=data.hoa, report=report, sections={"situation": "x"})


def test_return_with_comment_then_correct_and_approve_by_the_parent(data, period, district_leader):
    report = services.report_create(actor=data.tuan, period=period, unit=data.commune)
    services.report_submit(actor=data.tuan, report=report, today=D(2026, 7, 8))
    with pytest.raises(DomainError):  # the commune's own leader does not approve its report
        services.report_approve(actor=data.tuan, report=report)
    with pytest.raises(DomainError):
        services.report_return(actor=district_leader, report=report, comment=" ")
    services.report_return(actor=district_leader, report=report, comment="Bổ sung số cuộc giám sát.")
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.return_comment == "Bổ sung số cuộc giám sát."
    services.manual_values_set(actor=data.tuan, report=report, values={"manual.supervisions": "2"})
    services.report_update(
        actor=data.tuan, report=report, sections={"proposals": "Đề nghị hỗ trợ."}, number=12
    )
    services.report_submit(actor=data.tuan, report=report, today=D(2026, 7, 9))
    services.report_approve(actor=district_leader, report=report, today=D(2026, 7, 10))
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.figures["manual.supervisions"] == 2
    actions = list(
        AuditEvent.objects.filter(object_id=str(report.pk), action__startswith="review.").values_list(
            "action", flat=True
        )
    )
    assert {
        "review.report_return",
        "review.report_approve",
        "review.manual_set",
        "review.report_update",
    } <= set(actions)


def test_the_parent_sees_who_submitted_is_late_or_was_returned_and_consolidates(
    data, period, district_leader
):
    a = services.report_create(actor=data.hoa, period=period, unit=data.commune)
    b = services.report_create(actor=data.hoa, period=period, unit=data.sibling_commune)
    services.manual_values_set(
        actor=data.hoa, report=a, values={"manual.supervisions": "3", "manual.models_recognised": "2"}
    )
    services.manual_values_set(
        actor=data.hoa, report=b, values={"manual.supervisions": "1,5", "manual.models_recognised": "5"}
    )
    for r, day in ((a, D(2026, 7, 2)), (b, D(2026, 7, 9))):
        services.report_submit(actor=data.hoa, report=r, today=day)
        services.report_approve(actor=district_leader, report=r)
    parent = services.report_create(actor=district_leader, period=period, unit=data.district)
    status = {s.unit.pk: s for s in selectors.children_status(parent, today=D(2026, 7, 20))}
    assert status[data.commune.pk].label == "Đã duyệt" and not status[data.commune.pk].late
    assert status[data.sibling_commune.pk].late  # submitted after the 5 July deadline
    services.report_consolidate(actor=district_leader, report=parent)
    values = selectors.report_values(parent)
    assert values["manual.supervisions"] == 4.5 and values["manual.models_recognised"] == 7
    assert values["cases.received"] == 5
    table = selectors.comparison(parent)
    assert [u.name for u in table.units] == ["Xã An Long", "Xã Phú Cường"]
    assert table.values[(data.commune.pk, "cases.received")] == 3
    assert table.own["cases.received"] == 5
    units, cells = table.table()[0]
    rate = next(i for i, ln in enumerate(table.lines) if ln.measure == "percent")
    assert units.name == "Xã An Long" and cells[rate][1].endswith("%")  # the page's cells carry their unit
    assert table.total_row()[rate][1].endswith("%")


def test_a_draft_not_started_is_late_after_the_deadline(data, period, district_leader):
    parent = services.report_create(actor=district_leader, period=period, unit=data.district)
    rows = selectors.children_status(parent, today=D(2026, 7, 6))
    assert all(r.label == "Chưa lập báo cáo" and r.late for r in rows)
    assert not any(r.late for r in selectors.children_status(parent, today=D(2026, 7, 1)))


def test_bad_manual_values_are_refused(data, period):
    report = services.report_create(actor=data.hoa, period=period, unit=data.commune)
    with pytest.raises(DomainError) as exc:
        services.manual_values_set(actor=data.hoa, report=report, values={"manual.supervisions": "bốn"})
    assert exc.value.field == "m_manual.supervisions"
    services.manual_values_set(actor=data.hoa, report=report, values={"manual.study_attendance": "1.250"})
    assert services.manual_values(report)["manual.study_attendance"] == 1250
    assert Decimal("1250") == report.manual_values.get().value


def test_a_communes_hamlets_file_no_report_so_none_is_listed_as_late(data, period):
    """A commune's report covers its hamlets: they are not children that report (the district's communes are)."""
    report = services.report_create(actor=data.hoa, period=period, unit=data.commune)
    assert selectors.children_status(report, today=D(2026, 7, 20)) == []
    assert selectors.comparison(report).units == []
    parent = services.report_create(actor=data.hoa, period=period, unit=data.district)
    units = [s.unit for s in selectors.children_status(parent, today=D(2026, 7, 20))]
    assert data.commune in units and data.hamlet not in units
