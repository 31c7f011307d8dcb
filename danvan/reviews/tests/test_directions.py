"""The next period's directions as structured items: what, which units of the report's subtree, by when;
editable with the report, frozen with it on submission, listed in section II of the DOCX."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from danvan.audit.models import AuditEvent
from danvan.core.errors import DomainError
from danvan.reviews import directions, services
from danvan.reviews.documents import report_docx
from danvan.reviews.models import Direction

D = dt.date


@pytest.fixture
def district_report(cast, period, district_leader):
    return services.report_create(actor=district_leader, period=period, unit=cast.district)


def _add(actor, report, units, **extra):
    data = {"title": "Tổ chức đối thoại với Nhân dân về giải phóng mặt bằng", "due": D(2026, 9, 30)}
    data.update(extra)
    return directions.direction_add(actor=actor, report=report, units=units, **data)


def test_a_direction_is_added_edited_and_removed_with_an_audit_record_each(
    cast, district_report, district_leader
):
    d = _add(
        district_leader, district_report, [cast.commune, cast.sibling_commune], note="Ưu tiên ấp Phú Hòa"
    )
    assert d.as_task_dict() == {
        "title": "Tổ chức đối thoại với Nhân dân về giải phóng mặt bằng",
        "due": "2026-09-30",
        "note": "Ưu tiên ấp Phú Hòa",
        "units": [
            {"id": cast.sibling_commune.pk, "code": "30022", "name": "Xã An Long"},
            {"id": cast.commune.pk, "code": "30025", "name": "Xã Phú Cường"},
        ],
        "source": {"report": district_report.pk, "unit": "871", "period": "6 tháng đầu năm 2026"},
    }
    directions.direction_update(
        actor=district_leader,
        report=district_report,
        direction=d,
        title=d.title,
        units=[cast.commune],
        due=D(2026, 10, 15),
        note="",
    )
    d.refresh_from_db()
    assert d.due == D(2026, 10, 15) and list(d.units.all()) == [cast.commune]
    directions.direction_remove(actor=district_leader, report=district_report, direction=d)
    assert not Direction.objects.exists()
    actions = set(
        AuditEvent.objects.filter(object_id=str(district_report.pk)).values_list("action", flat=True)
    )
    assert {"review.direction_add", "review.direction_update", "review.direction_remove"} <= actions
    update = AuditEvent.objects.get(action="review.direction_update")
    assert update.changes["units"] == ["Xã An Long, Xã Phú Cường", "Xã Phú Cường"]


def test_validation_due_after_the_period_units_in_scope(cast, district_report, district_leader):
    with pytest.raises(DomainError) as exc:
        _add(district_leader, district_report, [cast.commune], due=D(2026, 6, 30))
    assert exc.value.message == "Thời hạn phải sau ngày kết thúc kỳ báo cáo (30/06/2026)."
    with pytest.raises(DomainError) as exc:
        _add(district_leader, district_report, [cast.far_commune])  # another district's commune
    assert exc.value.message == "Xã Tân Phú không thuộc Huyện Tam Nông."
    with pytest.raises(DomainError) as exc:
        _add(district_leader, district_report, [])
    assert exc.value.message == "Vui lòng chọn ít nhất một đơn vị thực hiện."
    with pytest.raises(DomainError) as exc:
        _add(district_leader, district_report, [cast.commune], title="  ")
    assert exc.value.message == "Vui lòng nhập nội dung nhiệm vụ."
    with pytest.raises(DomainError):  # a case officer of a commune does not write the district's report
        _add(cast.minh, district_report, [cast.commune])
    assert not Direction.objects.exists()


def test_directions_are_frozen_with_the_report_and_editable_again_when_returned(
    cast, period, district_leader
):
    report = services.report_create(actor=cast.tuan, period=period, unit=cast.commune)
    d = _add(cast.tuan, report, [cast.hamlet.parent])
    services.report_submit(actor=cast.tuan, report=report, today=D(2026, 7, 2))
    for attempt in (
        lambda: _add(cast.tuan, report, [cast.commune]),
        lambda: directions.direction_remove(actor=cast.tuan, report=report, direction=d),
        lambda: directions.direction_update(
            actor=cast.tuan, report=report, direction=d, title="Khác", units=[cast.commune], due=D(2026, 8, 1)
        ),
    ):
        with pytest.raises(DomainError) as exc:
            attempt()
        assert exc.value.code == "state"
    assert Direction.objects.get().title == d.title
    services.report_return(actor=district_leader, report=report, comment="Bổ sung nhiệm vụ.")
    _add(cast.tuan, report, [cast.commune], title="Củng cố hội quán ấp Phú Lợi")
    assert report.directions.count() == 2


def test_section_ii_of_the_docx_lists_the_directions(cast, district_report, district_leader):
    _add(district_leader, district_report, [cast.commune, cast.sibling_commune], note="báo cáo kết quả")
    _add(
        district_leader,
        district_report,
        [cast.district],
        title="Sơ kết mô hình “Dân vận khéo”",
        due=D(2026, 12, 15),
    )
    texts = [p.text for p in Document(io.BytesIO(report_docx(district_report))).paragraphs]
    first = (
        "1. Tổ chức đối thoại với Nhân dân về giải phóng mặt bằng — đơn vị thực hiện: Xã An Long, "
        "Xã Phú Cường; thời hạn: 30/09/2026 (báo cáo kết quả)."
    )
    heading = next(i for i, t in enumerate(texts) if t.startswith("II. PHƯƠNG HƯỚNG, NHIỆM VỤ"))
    assert texts.index(first) > heading
    assert texts[texts.index(first) + 1].startswith(
        "2. Sơ kết mô hình “Dân vận khéo” — đơn vị thực hiện: Huyện"
    )
    assert texts.index(first) < next(i for i, t in enumerate(texts) if t.startswith("III."))


def test_the_screens_add_edit_and_confirm_before_removing(client, cast, district_report, district_leader):
    client.login(username=district_leader.username, password=cast.password)
    add = reverse("reviews:ws_direction_add", args=[district_report.pk])
    page = client.get(add).content.decode()
    assert "Xã Phú Cường" in page and "Xã Tân Phú" not in page
    r = client.post(
        add, {"title": "Giải quyết đơn thư tồn đọng", "units": [cast.commune.pk], "due": "2026-06-01"}
    )
    assert "Thời hạn phải sau ngày kết thúc kỳ báo cáo (30/06/2026)." in r.content.decode()
    r = client.post(
        add, {"title": "Giải quyết đơn thư tồn đọng", "units": [cast.commune.pk], "due": "2026-08-31"}
    )
    assert r.status_code == 302
    d = Direction.objects.get()
    page = client.get(reverse("reviews:ws_report", args=[district_report.pk])).content.decode()
    assert 'data-label="Thời hạn">31/08/2026' in page and "Giải quyết đơn thư tồn đọng" in page
    edit = reverse("reviews:ws_direction_edit", args=[district_report.pk, d.pk])
    r = client.post(
        edit,
        {"title": "Giải quyết dứt điểm đơn thư tồn đọng", "units": [cast.commune.pk], "due": "2026-09-30"},
    )
    assert r.status_code == 302 and Direction.objects.get().due == D(2026, 9, 30)
    remove = reverse("reviews:ws_direction_remove", args=[district_report.pk, d.pk])
    assert "Bạn có chắc muốn xoá nhiệm vụ này" in client.get(remove).content.decode()
    assert Direction.objects.exists()
    assert client.post(remove).status_code == 302 and not Direction.objects.exists()
    client.logout()
    client.login(username=cast.minh.username, password=cast.password)  # no reviews.prepare on the district
    assert client.get(add).status_code in (403, 404)
