import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.cases import services
from danvan.cases.models import Case, CaseAttachment, Kind, Status
from danvan.cases.views import NOT_FOUND
from danvan.core.formatting import local_today

from .helpers import D, accepted, field, submit

pytestmark = pytest.mark.django_db
SUBMIT = reverse("cases:submit")
TRACK = reverse("cases:track")
INBOX = reverse("cases:inbox")
OVERDUE = reverse("cases:overdue")
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def form_data(cast, kind="feedback", **extra):
    data = {
        "kind": kind,
        "title": "Nhà máy xay lúa gây ồn",
        "content": "Nhà máy xay lúa chạy cả đêm.",
        "commune": str(cast.commune.pk),
        "hamlet": str(cast.hamlet.pk),
        "field": str(field("moi-truong").pk),
        "place_address": "Gần chợ Phú Cường",
        "token": "tok-" + kind,
    }
    data.update(extra)
    return data


def test_form_page_explains_the_four_kinds_and_rules(client, cast):
    response = client.get(SUBMIT)
    html = response.content.decode()
    assert response.status_code == 200 and response.context["nav_active"] == "cases"
    for word in ("Phản ánh", "Kiến nghị", "Khiếu nại", "Tố cáo", "90 ngày", "giữ bí mật", "sai sự thật"):
        assert word in html
    # a small site lists its communes; the hamlets come once a commune is chosen (test_submit_form.py)
    assert 'name="token"' in html and cast.commune.name in html and cast.hamlet.name not in html
    assert "style=" not in html.split("<main")[-1]


def test_feedback_submit_redirects_to_code_page(client, cast):
    response = client.post(SUBMIT, form_data(cast, phone="0912 000 111"))
    assert response.status_code == 302 and response.url == reverse("cases:submitted")
    case = Case.objects.get()
    assert case.hamlet == cast.hamlet and case.kind == Kind.FEEDBACK
    page = client.get(response.url).content.decode()
    assert case.code in page


def test_double_submit_makes_one_case(client, cast):
    client.post(SUBMIT, form_data(cast))
    client.post(SUBMIT, form_data(cast))
    assert Case.objects.count() == 1


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("complaint", {"name", "address", "decision_ref", "act_known_on"}),
        ("denunciation", {"address", "phone"}),
    ],
)
def test_required_fields_per_kind(client, cast, kind, fields):
    extra = {"name": "Nguyễn Văn A"} if kind == "denunciation" else {}
    response = client.post(SUBMIT, form_data(cast, kind, **extra))
    assert response.status_code == 400 and Case.objects.count() == 0
    assert set(response.context["form"].errors) == fields


@pytest.mark.parametrize("known", ["0001-01-01", "2012-06-29"])
def test_complaint_with_an_ancient_date_is_refused_on_the_field_and_nothing_stored(client, cast, known):
    data = form_data(cast, "complaint", name="A", address="B", decision_ref="QĐ 1", act_known_on=known)
    response = client.post(reverse("cases:submit"), data)
    assert response.status_code == 400 and not Case.objects.exists()
    message = " ".join(response.context["form"].errors["act_known_on"])
    assert "nhập nhầm năm" in message or "thời hiệu" in message


def test_complaint_past_filing_limit_message_on_field(client, cast):
    data = form_data(cast, "complaint", name="A", address="B", decision_ref="QĐ 1", act_known_on="2020-01-01")
    response = client.post(SUBMIT, data)
    assert response.status_code == 400
    assert "thời hiệu" in " ".join(response.context["form"].errors["act_known_on"])


def test_anonymous_denunciation_becomes_feedback_with_notice(client, cast):
    response = client.post(SUBMIT, form_data(cast, "denunciation"), follow=True)
    assert Case.objects.get().kind == Kind.FEEDBACK
    assert "Điều 25" in response.content.decode()


def test_oversized_or_disguised_attachment_refused_nothing_stored(client, cast, settings):
    disguised = SimpleUploadedFile("anh.png", PDF, content_type="image/png")
    response = client.post(SUBMIT, {**form_data(cast), "attachments": [disguised]})
    assert response.status_code == 400 and "không khớp" in " ".join(
        response.context["form"].errors["attachments"]
    )
    settings.DANVAN_UPLOAD_MAX_BYTES = 20
    big = SimpleUploadedFile("don.pdf", PDF, content_type="application/pdf")
    response = client.post(SUBMIT, {**form_data(cast), "attachments": [big]})
    assert response.status_code == 400 and "vượt giới hạn" in " ".join(
        response.context["form"].errors["attachments"]
    )
    assert Case.objects.count() == 0 and CaseAttachment.objects.count() == 0


def test_form_rate_limit_message(client, cast):
    for i in range(services.SUBMIT_LIMIT_PER_IP[0]):
        assert client.post(SUBMIT, form_data(cast, token=f"t{i}")).status_code == 302
    response = client.post(SUBMIT, form_data(cast, token="last"))
    assert response.status_code == 400 and "phút" in response.content.decode()


def test_tracking_needs_matching_phone_same_message_for_missing_and_mismatch(client, cast):
    case = submit(cast, name="Mai", phone="0912000111")
    wrong = client.post(TRACK, {"code": case.code, "contact": "0912000999"})
    missing = client.post(TRACK, {"code": "PA26-ZZZZZZ", "contact": "0912000111"})
    no_phone = client.post(TRACK, {"code": case.code})
    for response in (wrong, missing, no_phone):
        assert NOT_FOUND in response.content.decode()
    assert case.title not in client.get(TRACK, {"ma": case.code}).content.decode()
    ok = client.post(TRACK, {"code": case.code.lower(), "contact": "+84 912 000 111"}, follow=True)
    html = ok.content.decode()
    assert case.title in html and "Mai" not in html and "0912000111" not in html


def test_anonymous_case_tracked_by_code_alone(client, cast):
    case = submit(cast)
    html = client.get(TRACK, {"ma": case.code}).content.decode()
    assert case.title in html and "Đã tiếp nhận" in html


def test_tracking_shows_public_notes_answer_and_rating(client, cast):
    case = accepted(cast, name="Mai", phone="0912000111")
    services.case_start_verification(actor=cast.minh, case=case, note="Ghi chú nội bộ bí mật")
    services.case_resolve(actor=cast.tuan, case=Case.objects.get(pk=case.pk), answer="Đã nạo vét cống")
    client.post(TRACK, {"code": case.code, "contact": "0912000111"})
    html = client.get(TRACK, {"ma": case.code}).content.decode()
    assert "Đã nạo vét cống" in html and "Ghi chú nội bộ bí mật" not in html and 'name="rating"' in html
    response = client.post(TRACK, {"action": "rate", "code": case.code, "rating": "5", "comment": "Tốt"})
    assert response.status_code == 302 and Case.objects.get(pk=case.pk).rating == 5
    other = Case.objects.get(pk=accepted(cast, phone="0912000222", name="B").pk)
    assert client.post(TRACK, {"action": "rate", "code": other.code, "rating": "5"}).status_code == 404


def test_tracking_rate_limited(client, cast):
    for _ in range(services.TRACK_LIMIT_PER_IP[0]):
        client.post(TRACK, {"code": "PA26-AAAAAA", "contact": "0912000111"})
    assert "phút" in client.post(TRACK, {"code": "PA26-AAAAAA", "contact": "0912000111"}).content.decode()


# ---------------------------------------------------------------- officers


def test_inbox_scoped_filtered_and_searched(client, cast):
    a = submit(cast, title="Sạt lở bờ kênh Đồng Tiến")
    submit(cast, "complaint", title="Khiếu nại thu hồi đất")
    far = submit(cast, unit=cast.far_commune, title="Ở huyện khác")
    client.force_login(cast.minh)
    codes = lambda **p: [c.code for c in client.get(INBOX, p).context["page"].object_list]  # noqa: E731
    assert far.code not in codes() and len(codes()) == 2
    assert codes(q="sat lo") == [a.code] and codes(q="SẠT LỞ") == [a.code]
    assert codes(kind="complaint") != [a.code] and len(codes(kind="complaint")) == 1
    assert codes(status="accepted") == []
    client.force_login(cast.son)
    assert far.code in codes()
    client.force_login(cast.lan)
    assert client.get(INBOX).status_code == 404


def test_inbox_overdue_filter_and_red_due(client, cast):
    late = accepted(cast, received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 3))
    submit(cast)
    client.force_login(cast.minh)
    response = client.get(INBOX, {"han": "qua-han"})
    assert [c.code for c in response.context["page"].object_list] == [late.code]
    html = response.content.decode()
    assert "case-overdue" in html and late.resolve_due.strftime("%d/%m/%Y") in html


def test_inbox_query_count_is_constant(client, cast, django_assert_max_num_queries):
    for _ in range(3):
        submit(cast, "denunciation")
        accepted(cast)
    client.force_login(cast.minh)
    client.get(INBOX)
    with django_assert_max_num_queries(12):
        first = client.get(INBOX)
    for _ in range(10):
        submit(cast, "complaint")
    with django_assert_max_num_queries(12):
        second = client.get(INBOX)
    assert len(second.context["page"].object_list) > len(first.context["page"].object_list)


def test_overdue_board_per_unit_and_query_count(client, cast, django_assert_max_num_queries):
    accepted(cast, received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 3))
    accepted(
        cast, unit=cast.sibling_commune, actor=cast.son, received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 3)
    )
    client.force_login(cast.thu)
    client.get(OVERDUE)
    with django_assert_max_num_queries(10):
        response = client.get(OVERDUE)
    rows = response.context["rows"]
    assert {r.unit_name for r in rows} == {cast.commune.name, cast.sibling_commune.name}
    assert all(r.overdue == 1 and len(r.cases) == 1 for r in rows)
    client.force_login(cast.minh)
    assert [r.unit_name for r in client.get(OVERDUE).context["rows"]] == [cast.commune.name]


def test_detail_shows_due_citations_duplicates_and_actions(client, cast):
    first = submit(
        cast, title="Cống thoát nước ấp Phú Hòa bị nghẹt", content="Cống nghẹt gây ngập đường ấp Phú Hòa"
    )
    dup = submit(
        cast, title="Cống thoát nước ấp Phú Hòa nghẹt", content="Cống nghẹt làm ngập đường ấp Phú Hòa"
    )
    client.force_login(cast.minh)
    html = client.get(reverse("cases:detail", args=[dup.pk])).content.decode()
    assert first.code in html and dup.accept_citation in html and "Thụ lý" in html
    assert "Lưu kết quả giải quyết" not in html  # cases.resolve is the leader's
    response = client.post(reverse("cases:action", args=[dup.pk, "merge"]), {"primary": first.code})
    assert Case.objects.get(pk=dup.pk).status == Status.RECEIVED  # confirmation required
    client.post(reverse("cases:action", args=[dup.pk, "merge"]), {"primary": first.code, "confirm": "1"})
    assert Case.objects.get(pk=dup.pk).merged_into == first
    assert response.status_code == 302


def test_workflow_through_the_screens(client, cast):
    case = submit(cast, "complaint")
    client.force_login(cast.minh)
    url = lambda name: reverse("cases:action", args=[case.pk, name])  # noqa: E731
    client.post(url("assign"), {"handler": str(cast.minh.pk)})
    client.post(url("accept"), {"is_complex": "on"})
    case.refresh_from_db()
    assert (
        case.handler == cast.minh
        and case.status == Status.ACCEPTED
        and case.resolve_rule_key == "complaint.resolve_first_complex"
    )
    client.post(url("verify"), {"note": "Xác minh thực địa"})
    client.post(
        url("dialogue"),
        {
            "note": "Đối thoại",
            "held_on": str(local_today()),
            "participants": "Trần Văn Minh, người khiếu nại",
        },
    )
    client.post(url("resolve"), {"answer": "x", "outcome": "right"})  # minh lacks cases.resolve
    assert Case.objects.get(pk=case.pk).status == Status.DIALOGUE
    client.force_login(cast.tuan)
    client.post(url("resolve"), {"answer": "Khiếu nại đúng, huỷ quyết định.", "outcome": "right"})
    client.post(url("close"), {})
    assert Case.objects.get(pk=case.pk).status == Status.RESOLVED  # close needs confirmation
    client.post(url("close"), {"confirm": "1"})
    assert Case.objects.get(pk=case.pk).status == Status.CLOSED


def test_decline_needs_reason_and_confirmation_and_transfer_by_code(client, cast):
    case = submit(cast)
    client.force_login(cast.minh)
    url = lambda name: reverse("cases:action", args=[case.pk, name])  # noqa: E731
    client.post(url("decline"), {"reason": "Không thuộc thẩm quyền"})
    assert Case.objects.get(pk=case.pk).status == Status.RECEIVED
    response = client.post(url("transfer"), {"to_unit": cast.sibling_commune.code})
    assert Case.objects.get(pk=case.pk).unit == cast.sibling_commune and response.url == INBOX
    other = submit(cast)
    client.post(
        reverse("cases:action", args=[other.pk, "decline"]), {"reason": "Điều 11 khoản 1", "confirm": "1"}
    )
    assert Case.objects.get(pk=other.pk).status == Status.DECLINED


def test_other_units_case_is_404(client, cast):
    far = submit(cast, unit=cast.far_commune)
    client.force_login(cast.minh)
    assert client.get(reverse("cases:detail", args=[far.pk])).status_code == 404
    assert client.post(reverse("cases:action", args=[far.pk, "accept"])).status_code == 404


def test_attachments_kept_outside_media_under_random_names(client, cast, settings):
    upload = SimpleUploadedFile("don_to_cao_Le_Van_To.pdf", PDF, content_type="application/pdf")
    case = submit(cast, "denunciation", attachments=[upload])
    a = case.attachments.get()
    path = a.file.path
    assert path.startswith(str(settings.PRIVATE_ROOT)) and not path.startswith(str(settings.MEDIA_ROOT))
    assert (
        "Le_Van_To" not in a.file.name and a.file.name.endswith(".pdf") and f"/{case.pk}/" not in a.file.name
    )
    assert a.original_name == "tep-dinh-kem-1.pdf"  # a denouncer's file name is not kept
    assert client.get(settings.MEDIA_URL + a.file.name).status_code == 404
    client.force_login(cast.tuan)  # the unit's leader may reveal, so may download
    response = client.get(reverse("cases:attachment", args=[a.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_detail_timeline_reads_in_words_not_codes(client, cast):
    case = accepted(cast)
    client.force_login(cast.minh)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert (
        "Trần Văn Minh: <strong>Thụ lý</strong> (chuyển sang “Đã thụ lý”)" in html
        and "<code>accept</code>" not in html
    )


def test_handlers_named_by_full_name_and_system_admin_not_offered(client, cast):
    case = submit(cast)
    client.force_login(cast.minh)
    client.post(reverse("cases:action", args=[case.pk, "assign"]), {"handler": str(cast.minh.pk)})
    response = client.get(reverse("cases:detail", args=[case.pk]))
    html = response.content.decode()
    offered = {label for _value, label in response.context["assign_form"].fields["handler"].choices}
    assert cast.minh.full_name in offered and cast.son.display_name not in offered
    timeline = html.split('class="case-timeline"')[1]
    assert cast.minh.full_name in timeline
    assert html.count('id="id_confirm"') <= 1


def test_overdue_board_caps_units_and_sums_the_rest(cast):
    from danvan.cases import selectors

    for unit, actor in ((cast.commune, cast.minh), (cast.sibling_commune, cast.son)):
        for _ in range(3):
            accepted(cast, unit=unit, actor=actor, received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 3))
    board = selectors.overdue_board(cast.son, unit=cast.district, per_unit=2, max_units=1)
    assert len(board.rows) == 1 and len(board.rows[0].cases) == 2 and board.rows[0].overdue == 3
    assert board.other_units == 1 and board.other_overdue == 3


def test_inbox_count_capped_for_large_scopes(client, cast, monkeypatch):
    from danvan.cases import views

    monkeypatch.setattr(views, "INBOX_COUNT_LIMIT", 2)
    for i in range(4):
        submit(cast, title=f"Phản ánh {i}")
    client.force_login(cast.minh)
    response = client.get(INBOX)
    page = response.context["page"]
    assert page.paginator.capped and page.paginator.count == 3
    monkeypatch.setattr(views, "INBOX_COUNT_LIMIT", 10)
    response = client.get(INBOX)
    assert not response.context["page"].paginator.capped and response.context["page"].paginator.count == 4


def test_dashboard_counts_open_cases_and_links_to_the_lists(client, cast):
    submit(cast)
    late = accepted(cast, received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 3))
    services.case_assign(actor=cast.minh, case=Case.objects.get(pk=late.pk), handler=cast.minh)
    submit(cast, unit=cast.far_commune)
    client.force_login(cast.minh)
    response = client.get(reverse("web:workspace"))
    summary = response.context["cases"]
    assert (summary.waiting, summary.in_progress, summary.overdue, summary.mine) == (1, 1, 1, 1)
    html = response.content.decode()
    assert "?han=qua-han" in html and "mine=on" in html
    mine = client.get(INBOX, {"status": "open", "mine": "on"}).context["page"].object_list
    assert [c.code for c in mine] == [late.code]
    client.force_login(cast.lan)  # no case permission: no figures
    assert client.get(reverse("web:workspace")).context["cases"] is None


def test_list_rows_render_link_labels_and_due_as_the_templates_did(client, cast):
    """The inbox and the overdue board compute each row's link and labels once per page (views._list_rows)
    instead of per row in the template: the rows say the same as `{% url %}`, `get_kind_display`,
    `get_status_display`, the translated data-labels and `cases/_due.html` said."""
    from django.template.loader import render_to_string

    late = accepted(cast, "complaint", received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 3))
    client.force_login(cast.minh)
    for url in (INBOX, OVERDUE):
        html = client.get(url).content.decode()
        row = html[html.rindex("<tr>", 0, html.index(late.code)) :]
        row = row[: row.index("</tr>")]
        assert f'<a href="{reverse("cases:detail", args=[late.pk])}">{late.code}</a>' in row
        assert f">{late.get_kind_display()}<" in row and f"{late.get_status_display()}<" in row
        for label in ("Mã", "Loại", "Tiêu đề", "Trạng thái", "Hạn"):
            assert f'data-label="{label}"' in row
        due = render_to_string("cases/_due.html", {"due": late.resolve_due, "today": local_today()})
        assert due.strip() in row and "Quá hạn" in due


@pytest.mark.parametrize("title", ["Ngắn", "x" * 80, "y" * 81, "Đường " * 30, "e\u0301" * 85])
def test_short_title_is_truncatechars(title):
    from django.template.defaultfilters import truncatechars

    from danvan.cases.views import _short

    assert _short(title, 80) == truncatechars(title, 80)
