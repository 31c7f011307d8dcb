"""The officers' API for the rest of the workflow: entry, assignment, verification, dialogue, extension,
reopening, merging, second-instance complaints and the timeline — each through the services, scoped by the
access gate, refused in Vietnamese, and never answering with a denouncer's identity."""

import datetime as dt
import json

import pytest

from danvan.access.roles import Role
from danvan.cases import services
from danvan.cases.models import Case, Channel, Kind, Status
from danvan.cases.tests.test_api_identity import assert_clean, denounce
from danvan.core.formatting import format_date, local_today
from tests.cast import _grant, _user

from .helpers import IDENTITY_KEYS, accepted, submit

pytestmark = pytest.mark.django_db

CASES = "/api/v1/cases"
NEW_PATHS = (
    "/api/v1/cases/",
    "/api/v1/cases/{case_id}/events",
    "/api/v1/cases/{case_id}/assign",
    "/api/v1/cases/{case_id}/verify",
    "/api/v1/cases/{case_id}/dialogue",
    "/api/v1/cases/{case_id}/extend",
    "/api/v1/cases/{case_id}/reopen",
    "/api/v1/cases/{case_id}/merge",
    "/api/v1/cases/{case_id}/appeal",
)


def post(client, url, body=None, **extra):
    return client.post(url, json.dumps(body or {}), content_type="application/json", **extra)


def entry(**extra):
    data = {
        "kind": "feedback",
        "channel": "letter",
        "title": "Đơn thư gửi qua bưu điện về lấn chiếm đất công",
        "content": "Hộ dân lấn chiếm đất công ven kênh Phú Hòa để xây chuồng trại.",
        "unit": "30025",
        "hamlet": "30025-01",
        "field": "dat-dai",
        "place_address": "ven kênh Phú Hòa",
        "name": "Trần Thị Thư",
        "phone": "0913555666",
        "received_on": (local_today() - dt.timedelta(days=2)).isoformat(),
    }
    data.update(extra)
    return data


def resolved_complaint(cast):
    case = accepted(cast, "complaint")
    services.case_resolve(
        actor=cast.tuan, case=Case.objects.get(pk=case.pk), answer="Giữ nguyên quyết định", outcome="wrong"
    )
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def an_long_officer(cast):
    return _grant(_user("nam", "Đỗ Văn Nam"), Role.CASE_OFFICER, cast.sibling_commune)


@pytest.fixture
def an_long_leader(cast):
    return _grant(_user("phuong", "Lý Thị Phương"), Role.LEADER, cast.sibling_commune)


# ---------------------------------------------------------------- POST / (officer entry)


def test_an_officer_enters_a_case_received_by_letter(client, cast):
    client.force_login(cast.minh)
    response = post(client, f"{CASES}/", entry(multi_site=True, public_interest=True, consent_publish=True))
    assert response.status_code == 201, response.content
    data = response.json()
    case = Case.objects.get()
    assert data["id"] == case.pk and data["code"] == case.code and data["status"] == "received"
    assert (data["channel"], data["field_code"], data["hamlet_name"]) == ("letter", "dat-dai", "Ấp Phú Hòa")
    assert data["received_on"] == (local_today() - dt.timedelta(days=2)).isoformat()
    assert data["accept_due"] == case.accept_due.isoformat()
    assert data["multi_site"] is False  # only a denunciation is multi-site
    assert data["public_interest"] is True and data["consent_publish"] is True
    assert case.channel == Channel.LETTER and case.created_by == cast.minh and case.unit == cast.commune
    assert case.submitter_name == "Trần Thị Thư"  # stored for the handler, never echoed
    assert not IDENTITY_KEYS & set(data)
    body = response.content.decode()
    assert "Trần Thị Thư" not in body and "0913555666" not in body
    assert case.events.get().actor == cast.minh


def test_entry_with_the_same_idempotency_key_makes_one_case(client, cast):
    client.force_login(cast.minh)
    key = {"HTTP_IDEMPOTENCY_KEY": "tiep-dan-2026-05-01-so-3"}
    first = post(client, f"{CASES}/", entry(), **key)
    again = post(client, f"{CASES}/", entry(), **key)
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["id"] == again.json()["id"] and Case.objects.count() == 1
    # the body field works too, and is a different key from the header's
    by_body = post(client, f"{CASES}/", entry(idempotency_key="so-4"))
    assert post(client, f"{CASES}/", entry(idempotency_key="so-4")).json()["id"] == by_body.json()["id"]
    assert Case.objects.count() == 2
    # a key is the officer's own: the leader using the same key enters a new case
    client.force_login(cast.tuan)
    other = post(client, f"{CASES}/", entry(), **key)
    assert other.status_code == 201 and other.json()["id"] != first.json()["id"]
    assert Case.objects.count() == 3


def test_entry_is_refused_with_403_outside_the_officers_units(client, cast, an_long_officer):
    client.force_login(cast.binh)  # a citizen
    refused = post(client, f"{CASES}/", entry())
    assert refused.status_code == 403 and "không có quyền tiếp nhận" in refused.json()["detail"]
    client.force_login(cast.lan)  # an editor: views nothing, handles nothing
    assert post(client, f"{CASES}/", entry()).status_code == 403
    client.force_login(cast.thu)  # a supervisor views cases but does not receive them
    assert post(client, f"{CASES}/", entry()).status_code == 403
    client.force_login(an_long_officer)  # a case officer of another commune
    refused = post(client, f"{CASES}/", entry())
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Bạn không có quyền tiếp nhận hồ sơ cho đơn vị này."
    client.logout()
    assert post(client, f"{CASES}/", entry()).status_code == 401
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    "change, status, words",
    [
        ({"unit": "99999"}, 400, "Không có đơn vị mã 99999"),
        ({"unit": "30025-01", "hamlet": None}, 400, "ấp, khu phố ghi ở trường hamlet"),
        ({"hamlet": "30022-01"}, 400, "Ấp, khu phố không thuộc xã đã chọn"),
        ({"hamlet": "30025"}, 400, "Không có ấp, khu phố mã 30025"),
        ({"field": "khong-co"}, 400, "Không có lĩnh vực mã khong-co"),
        ({"title": "  "}, 400, "Vui lòng nhập tiêu đề"),
        ({"kind": "complaint"}, 400, "Đơn khiếu nại phải ghi rõ địa chỉ"),
        ({"received_on": (local_today() + dt.timedelta(days=1)).isoformat()}, 400, "sau hôm nay"),
        ({"phone": "12ab"}, 400, "Số điện thoại"),
        ({"title": None}, 422, None),
        ({"kind": "thu-tay"}, 422, None),
        ({"channel": "bo-cau"}, 422, None),
    ],
)
def test_entry_bad_input_is_refused_and_stores_nothing(client, cast, change, status, words):
    client.force_login(cast.minh)
    data = {k: v for k, v in entry(**change).items() if v is not None}
    response = post(client, f"{CASES}/", data)
    assert response.status_code == status, response.content
    if words:
        assert words in response.json()["detail"]
    assert Case.objects.count() == 0


def test_a_district_officer_enters_for_a_commune_of_the_district(client, cast):
    client.force_login(cast.son)  # system admin of the province
    response = post(client, f"{CASES}/", entry(unit="30130", hamlet=None, channel="phone"))
    assert response.status_code == 201 and response.json()["unit_name"] == "Xã Tân Phú"


# ---------------------------------------------------------------- GET /{id}/events


def test_events_are_the_timeline_with_officer_names(client, cast, an_long_officer):
    case = submit(cast)  # from the public form: no actor
    services.case_accept(actor=cast.minh, case=case, note="Giao tổ công tác.")
    client.force_login(cast.minh)
    response = client.get(f"{CASES}/{case.pk}/events")
    assert response.status_code == 200
    events = response.json()
    assert [e["action"] for e in events] == ["submit", "accept"]
    assert events[0]["actor_name"] is None and events[0]["to_status"] == "received"
    assert events[1]["actor_name"] == "Trần Văn Minh"
    assert (events[1]["from_status"], events[1]["to_status"]) == ("received", "accepted")
    assert events[1]["internal_note"] == "Giao tổ công tác." and events[1]["at"]
    for user in (an_long_officer, cast.binh, cast.lan):
        client.force_login(user)
        assert client.get(f"{CASES}/{case.pk}/events").status_code == 404
    client.force_login(cast.minh)
    assert client.get(f"{CASES}/999999/events").status_code == 404


# ---------------------------------------------------------------- assign


def test_assign_a_handler_of_the_unit(client, cast, an_long_officer):
    case = submit(cast)
    client.force_login(cast.tuan)
    response = post(client, f"{CASES}/{case.pk}/assign", {"handler": cast.minh.pk})
    assert response.status_code == 200 and response.json()["handler_id"] == cast.minh.pk
    case.refresh_from_db()
    assert case.handler == cast.minh and case.events.last().action == "assign"
    # only an officer who handles cases of this unit, in force today, like the screen's picker
    for user in (an_long_officer, cast.lan, cast.thu, cast.old_hung, cast.binh):
        refused = post(client, f"{CASES}/{case.pk}/assign", {"handler": user.pk})
        assert refused.status_code == 400
        assert refused.json()["detail"] == "Người được phân công phải là cán bộ xử lý đơn thư của đơn vị."
    assert post(client, f"{CASES}/{case.pk}/assign", {"handler": 999999}).status_code == 400
    assert post(client, f"{CASES}/{case.pk}/assign").status_code == 422
    case.refresh_from_db()
    assert case.handler == cast.minh
    client.force_login(an_long_officer)
    assert post(client, f"{CASES}/{case.pk}/assign", {"handler": an_long_officer.pk}).status_code == 404


def test_assign_refused_on_a_finished_case(client, cast):
    case = submit(cast)
    services.case_decline(actor=cast.minh, case=case, reason="Không thuộc thẩm quyền.")
    services.case_close(actor=cast.tuan, case=Case.objects.get(pk=case.pk))
    client.force_login(cast.tuan)
    response = post(client, f"{CASES}/{case.pk}/assign", {"handler": cast.minh.pk})
    assert response.status_code == 400 and "Hồ sơ đã kết thúc" in response.json()["detail"]


# ---------------------------------------------------------------- verify, dialogue


def test_verify_then_dialogue(client, cast, an_long_officer):
    received = submit(cast)
    three_days_ago = local_today() - dt.timedelta(days=3)
    case = accepted(cast, received_on=three_days_ago, accepted_on=three_days_ago)
    client.force_login(cast.minh)
    early = post(client, f"{CASES}/{received.pk}/verify")
    assert early.status_code == 400 and "Chỉ xác minh được hồ sơ đã thụ lý" in early.json()["detail"]
    response = post(client, f"{CASES}/{case.pk}/verify", {"note": "Xuống hiện trường."})
    assert response.status_code == 200 and response.json()["status"] == "verifying"
    assert response.json()["events"][-1]["internal_note"] == "Xuống hiện trường."
    assert post(client, f"{CASES}/{case.pk}/dialogue").status_code == 422
    blank = post(client, f"{CASES}/{case.pk}/dialogue", {"note": " "})
    assert blank.status_code == 400 and "Vui lòng nhập nội dung đối thoại" in blank.json()["detail"]
    held_on = local_today() - dt.timedelta(days=1)
    response = post(
        client, f"{CASES}/{case.pk}/dialogue", {"note": "Đối thoại tại UBND xã.", "held_on": str(held_on)}
    )
    assert response.status_code == 200 and response.json()["status"] == "dialogue"
    assert format_date(held_on) in response.json()["events"][-1]["public_note"]
    dialogue_on_received = post(client, f"{CASES}/{received.pk}/dialogue", {"note": "x"})
    assert dialogue_on_received.status_code == 400
    assert "Chỉ đối thoại được với hồ sơ đang giải quyết" in dialogue_on_received.json()["detail"]
    client.force_login(an_long_officer)
    assert post(client, f"{CASES}/{case.pk}/verify").status_code == 404
    assert post(client, f"{CASES}/{case.pk}/dialogue", {"note": "x"}).status_code == 404


# ---------------------------------------------------------------- extend, reopen


def test_extend_a_denunciation(client, cast, an_long_leader):
    den = accepted(cast, "denunciation")
    first_due = den.resolve_due
    client.force_login(cast.minh)  # a case officer may not extend: that is the leader's
    assert post(client, f"{CASES}/{den.pk}/extend", {"reason": "x"}).status_code == 404
    client.force_login(cast.tuan)
    assert post(client, f"{CASES}/{den.pk}/extend").status_code == 422
    assert post(client, f"{CASES}/{den.pk}/extend", {"reason": "x", "complexity": "de"}).status_code == 422
    response = post(client, f"{CASES}/{den.pk}/extend", {"reason": "Cần xác minh thêm hồ sơ đất."})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["extensions"] == 1 and data["complexity"] == "complex" and data["is_complex"] is True
    assert data["resolve_due"] > first_due.isoformat()
    again = post(client, f"{CASES}/{den.pk}/extend", {"reason": "Thêm lần nữa."})
    assert again.status_code == 400 and "chỉ được gia hạn tối đa 1 lần" in again.json()["detail"]
    feedback = accepted(cast)
    refused = post(client, f"{CASES}/{feedback.pk}/extend", {"reason": "x"})
    assert refused.status_code == 400 and "Chỉ gia hạn giải quyết tố cáo" in refused.json()["detail"]
    client.force_login(an_long_leader)
    assert post(client, f"{CASES}/{den.pk}/extend", {"reason": "x"}).status_code == 404


def test_reopen_a_finished_case(client, cast, an_long_leader):
    case = accepted(cast)
    client.force_login(cast.tuan)
    early = post(client, f"{CASES}/{case.pk}/reopen", {"reason": "Người dân phản ánh lại."})
    assert early.status_code == 400 and "Chỉ mở lại được hồ sơ đã kết thúc" in early.json()["detail"]
    services.case_resolve(actor=cast.tuan, case=Case.objects.get(pk=case.pk), answer="Đã sửa.")
    assert post(client, f"{CASES}/{case.pk}/reopen").status_code == 422
    client.force_login(cast.minh)  # reopening is the leader's
    assert post(client, f"{CASES}/{case.pk}/reopen", {"reason": "x"}).status_code == 404
    client.force_login(an_long_leader)
    assert post(client, f"{CASES}/{case.pk}/reopen", {"reason": "x"}).status_code == 404
    client.force_login(cast.tuan)
    response = post(client, f"{CASES}/{case.pk}/reopen", {"reason": "Người dân phản ánh lại."})
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    assert response.json()["resolved_on"] is None


# ---------------------------------------------------------------- merge


def test_merge_a_duplicate_into_a_primary_case(client, cast, an_long_officer):
    primary, duplicate = submit(cast), submit(cast)
    theirs = submit(cast, unit=cast.sibling_commune)
    petition = submit(cast, "petition")
    client.force_login(cast.minh)
    assert post(client, f"{CASES}/{duplicate.pk}/merge").status_code == 422
    for code, words in (
        (theirs.code, "Không tìm thấy hồ sơ chính với mã này."),  # outside the officer's scope
        ("PA26-KHONGCO", "Không tìm thấy hồ sơ chính với mã này."),
        (duplicate.code, "Không gộp được hồ sơ vào chính nó."),
        (petition.code, "Chỉ gộp được các hồ sơ cùng loại đơn."),
    ):
        refused = post(client, f"{CASES}/{duplicate.pk}/merge", {"primary": code})
        assert refused.status_code == 400 and refused.json()["detail"] == words
    response = post(
        client, f"{CASES}/{duplicate.pk}/merge", {"primary": primary.code.lower(), "note": "Cùng sự việc."}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "merged" and response.json()["merged_into_code"] == primary.code
    assert Case.objects.get(pk=duplicate.pk).merged_into == primary
    assert [e.action for e in Case.objects.get(pk=primary.pk).events.all()] == ["submit", "merge_in"]
    again = post(client, f"{CASES}/{duplicate.pk}/merge", {"primary": primary.code})
    assert again.status_code == 400 and "Chỉ gộp được hồ sơ đang mở" in again.json()["detail"]
    client.force_login(an_long_officer)
    assert post(client, f"{CASES}/{petition.pk}/merge", {"primary": theirs.code}).status_code == 404


# ---------------------------------------------------------------- appeal


def test_an_officer_receives_a_second_instance_complaint(client, cast, an_long_officer):
    first = resolved_complaint(cast)
    client.force_login(cast.minh)
    assert post(client, f"{CASES}/{first.pk}/appeal").status_code == 422
    key = {"HTTP_IDEMPOTENCY_KEY": "khieu-nai-lan-hai-1"}
    body = {"content": "Công dân trình bày tại buổi tiếp: không đồng ý quyết định.", "channel": "reception"}
    response = post(client, f"{CASES}/{first.pk}/appeal", body, **key)
    assert response.status_code == 201, response.content
    appeal = Case.objects.get(first_instance=first)
    assert response.json() == {
        "id": appeal.pk,
        "code": appeal.code,
        "status": "received",
        "status_label": "Đã tiếp nhận",
        "unit_code": "871",
        "unit_name": "Huyện Tam Nông",
        "first_instance_id": first.pk,
        "first_instance_code": first.code,
        "received_on": local_today().isoformat(),
        "accept_due": appeal.accept_due.isoformat() if appeal.accept_due else None,
    }
    assert appeal.instance == 2 and appeal.unit == cast.district and appeal.created_by == cast.minh
    assert appeal.channel == Channel.RECEPTION
    # a retry is the same case; a second appeal is refused
    again = post(client, f"{CASES}/{first.pk}/appeal", body, **key)
    assert again.status_code == 200 and again.json()["id"] == appeal.pk
    other = post(client, f"{CASES}/{first.pk}/appeal", body, HTTP_IDEMPOTENCY_KEY="khac")
    assert other.status_code == 400 and appeal.code in other.json()["detail"]
    assert Case.objects.filter(first_instance=first).count() == 1
    # the new case lies at the district, outside the commune officer's scope
    assert client.get(f"{CASES}/{appeal.pk}").status_code == 404
    client.force_login(an_long_officer)
    assert post(client, f"{CASES}/{first.pk}/appeal", body).status_code == 404


def test_appeal_refused_before_a_decision_and_for_other_kinds(client, cast):
    open_complaint = accepted(cast, "complaint")
    feedback = accepted(cast)
    client.force_login(cast.minh)
    body = {"content": "Không đồng ý."}
    early = post(client, f"{CASES}/{open_complaint.pk}/appeal", body)
    assert early.status_code == 400 and "Chỉ khiếu nại lần hai khi đã có quyết định" in early.json()["detail"]
    other = post(client, f"{CASES}/{feedback.pk}/appeal", body)
    assert other.status_code == 400 and "Chỉ khiếu nại lần hai được" in other.json()["detail"]
    assert Case.objects.filter(instance=2).count() == 0


# ---------------------------------------------------------------- a citizen, the docs


def test_a_signed_in_citizen_is_refused_everywhere(client, cast):
    first = resolved_complaint(cast)
    case = accepted(cast)
    client.force_login(cast.binh)
    assert post(client, f"{CASES}/", entry()).status_code == 403
    assert client.get(f"{CASES}/{case.pk}/events").status_code == 404
    for action, body in (
        ("assign", {"handler": cast.minh.pk}),
        ("verify", {}),
        ("dialogue", {"note": "x"}),
        ("extend", {"reason": "x"}),
        ("reopen", {"reason": "x"}),
        ("merge", {"primary": first.code}),
    ):
        assert post(client, f"{CASES}/{case.pk}/{action}", body).status_code == 404, action
    assert post(client, f"{CASES}/{first.pk}/appeal", {"content": "x"}).status_code == 404
    assert Case.objects.count() == 2 and Case.objects.get(pk=case.pk).status == Status.ACCEPTED


def test_openapi_documents_the_new_workflow_endpoints(client, cast):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in NEW_PATHS:
        assert path in paths, path
    assert paths["/api/v1/cases/"]["post"]["summary"].startswith("Cán bộ tiếp nhận hồ sơ")
    assert set(paths["/api/v1/cases/"]["post"]["responses"]) >= {"201", "400", "403"}
    assert paths["/api/v1/cases/{case_id}/events"]["get"]["summary"].startswith("Diễn biến")
    for action in ("assign", "verify", "dialogue", "extend", "reopen", "merge"):
        op = paths[f"/api/v1/cases/{{case_id}}/{action}"]["post"]
        assert set(op["responses"]) >= {"200", "400", "404"} and op["summary"]
    appeal = paths["/api/v1/cases/{case_id}/appeal"]["post"]
    assert set(appeal["responses"]) >= {"201", "400", "404"}
    # no input or output schema carries an identity field back
    for name in ("CaseOut", "AppealOut", "TimelineEventOut"):
        assert not IDENTITY_KEYS & set(schema["components"]["schemas"][name]["properties"])
    assert client.get("/api/docs").status_code == 200


# ---------------------------------------------------------------- denouncer protection


def test_a_denunciation_entered_through_the_api_answers_without_the_identity(client, cast):
    from danvan.cases.tests.test_api_identity import ADDRESS, EMAIL, NAME, PHONE

    client.force_login(cast.minh)
    data = entry(
        kind="denunciation",
        channel="reception",
        title=f"Tố cáo của {NAME}",
        content=f"Tôi là {NAME}, số điện thoại {PHONE}, tố cáo cán bộ địa chính nhận tiền.",
        name=NAME,
        phone=PHONE,
        email=EMAIL,
        address=ADDRESS,
        multi_site=True,
    )
    response = post(client, f"{CASES}/", data, HTTP_IDEMPOTENCY_KEY="tc-1")
    assert response.status_code == 201
    assert_clean(response)
    case = Case.objects.get()
    assert case.kind == Kind.DENUNCIATION and case.multi_site and case.submitter_name == ""
    assert response.json()["multi_site"] is True
    assert_clean(post(client, f"{CASES}/", data, HTTP_IDEMPOTENCY_KEY="tc-1"))  # the 200 replay
    assert_clean(client.get(f"{CASES}/{case.pk}/events"))
    assert_clean(client.get(f"{CASES}/{case.pk}"))
    assert Case.objects.count() == 1


def test_every_new_workflow_endpoint_answers_without_the_identity(client, cast):
    den, dup = denounce(cast), denounce(cast)
    client.force_login(cast.tuan)  # the unit's leader: may reveal the identity on the screen, never here
    responses = [
        post(client, f"{CASES}/{den.pk}/assign", {"handler": cast.minh.pk}),
        post(client, f"{CASES}/{den.pk}/assign", {"handler": cast.lan.pk}),  # 400
        post(client, f"{CASES}/{den.pk}/verify"),  # 400: not accepted yet
        post(client, f"{CASES}/{den.pk}/accept", {"note": "Thụ lý tố cáo."}),
        post(client, f"{CASES}/{den.pk}/verify", {"note": "Xác minh tại ấp Phú Lợi."}),
        post(client, f"{CASES}/{den.pk}/dialogue", {"note": "Làm việc với người bị tố cáo."}),
        post(client, f"{CASES}/{den.pk}/extend", {"reason": "Cần thêm thời gian xác minh."}),
        post(client, f"{CASES}/{den.pk}/extend", {"reason": "Lần nữa."}),  # 400
        post(client, f"{CASES}/{den.pk}/appeal", {"content": "x"}),  # 400: not a complaint
        post(client, f"{CASES}/{dup.pk}/merge", {"primary": den.code, "note": "Cùng nội dung."}),
        post(client, f"{CASES}/{dup.pk}/merge", {"primary": den.code}),  # 400: already merged
        post(client, f"{CASES}/{den.pk}/resolve", {"answer": "Tố cáo đúng một phần.", "outcome": "partly"}),
        post(client, f"{CASES}/{den.pk}/reopen", {"reason": "Có tình tiết mới."}),
        post(client, f"{CASES}/{den.pk}/reopen", {"reason": "Lần nữa."}),  # 400
        client.get(f"{CASES}/{den.pk}/events"),
        client.get(f"{CASES}/{dup.pk}/events"),
        client.get(f"{CASES}/{den.pk}"),
        client.get(f"{CASES}/{dup.pk}"),
    ]
    assert [r.status_code for r in responses] == [
        200, 400, 400, 200, 200, 200, 200, 400, 400, 200, 400, 200, 200, 400, 200, 200, 200, 200,
    ]  # fmt: skip
    for response in responses:
        assert_clean(response)
    events = responses[14].json()
    assert [e["action"] for e in events][:2] == ["submit", "assign"]
    assert all(not IDENTITY_KEYS & set(e) for e in events)
    client.force_login(cast.minh)  # the assigned handler
    assert_clean(client.get(f"{CASES}/{den.pk}/events"))
