"""The officers' reception API (/api/v1/reception/officer/…): scope, permissions, the same services as the
screens, JSON errors, in the OpenAPI schema."""

import datetime as dt
import json

import pytest
from django.test import Client

from danvan.access.models import RoleAssignment
from danvan.access.roles import Role
from danvan.cases.models import Case, Channel
from danvan.cases.tests.helpers import accepted
from danvan.core.formatting import local_today
from danvan.dialogues import services
from danvan.dialogues.models import CommitmentStatus, Dialogue, ReceptionVisit
from danvan.people.models import User

API = "/api/v1/reception/officer"


def post(client, url, body=None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _outsider(cast):
    u = User.objects.create_user(username="xa_khac", password=cast.password, full_name="Cán bộ xã khác")
    RoleAssignment.objects.create(
        user=u, role=Role.LEADER, unit=cast.far_commune, valid_from=dt.date(2019, 1, 1)
    )
    return u


def _dialogue(cast, days=0):
    return services.dialogue_create(
        actor=cast.minh,
        unit=cast.commune,
        day=local_today() + dt.timedelta(days=days),
        topic="Đối thoại về thủy lợi nội đồng",
        host_name="Phạm Anh Tuấn",
        host_role="Chủ tịch UBND xã",
        place="Hội trường xã",
    )


VISIT = {
    "receiver_name": "Phạm Anh Tuấn",
    "subject": "Ông Ba phản ánh cống Ba Mươi bị hư, nước không vào ruộng được.",
    "outcome": "new_case",
    "citizen_name": "Võ Văn Ba",
    "citizen_address": "Ấp Phú Hòa",
    "case_kind": "feedback",
    "case_title": "Cống Ba Mươi bị hư",
}


def test_the_schema_lists_the_officer_endpoints():
    schema = Client().get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths[f"{API}/visits"])
    assert {"get", "post"} <= set(paths[f"{API}/dialogues"])
    assert "get" in paths[f"{API}/dialogues/{{dialogue_id}}"]
    assert "post" in paths[f"{API}/agenda-items/{{item_id}}/answer"]
    assert "get" in paths[f"{API}/commitments"]
    assert "post" in paths[f"{API}/commitments/{{commitment_id}}/status"]
    assert "404" in paths[f"{API}/dialogues/{{dialogue_id}}"]["get"]["responses"]


def test_logging_a_visit_opens_a_case_like_the_screen_and_the_log_lists_it_without_names(cast):
    client = _client(cast.minh)
    r = post(client, f"{API}/visits", {**VISIT, "unit": cast.commune.code})
    assert r.status_code == 201, r.content
    body = r.json()
    case = Case.objects.get(pk=body["case_id"])
    assert case.channel == Channel.RECEPTION and body["case_code"] == case.code
    assert body["outcome"] == "new_case" and body["answer_due"]
    listing = client.get(f"{API}/visits?unit={cast.commune.code}").json()
    assert listing["count"] == 1 and listing["items"][0]["id"] == body["id"]
    assert "Võ Văn Ba" not in json.dumps(listing, ensure_ascii=False)
    # a refused case stores no visit
    bad = post(client, f"{API}/visits", {**VISIT, "unit": cast.commune.code, "case_kind": "complaint"})
    assert bad.status_code == 400 and "detail" in bad.json()
    assert ReceptionVisit.objects.count() == 1


def test_visits_scope_403_and_400(cast):
    post(_client(cast.minh), f"{API}/visits", {**VISIT, "unit": cast.commune.code})
    outsider = _client(_outsider(cast))
    assert outsider.get(f"{API}/visits").json()["count"] == 0
    r = post(outsider, f"{API}/visits", {**VISIT, "unit": cast.commune.code})
    assert r.status_code == 403 and r.json()["detail"]
    assert _client(cast.binh).get(f"{API}/visits").status_code == 403  # a citizen
    assert _client(cast.minh).get(f"{API}/visits?unit=KHONG").status_code == 400
    assert Client().get(f"{API}/visits").status_code == 401
    r = post(_client(cast.minh), f"{API}/visits", {**VISIT, "unit": cast.commune.code, "case_id": 999999})
    assert r.status_code == 400


def test_a_repeat_visit_links_an_existing_case_in_scope(cast):
    case = accepted(cast)
    r = post(
        _client(cast.minh),
        f"{API}/visits",
        {**VISIT, "unit": cast.commune.code, "outcome": "existing_case", "case_id": case.pk},
    )
    assert r.status_code == 201 and r.json()["case_id"] == case.pk


def test_dialogues_create_detail_answer_and_scope(cast):
    client = _client(cast.minh)
    r = post(
        client,
        f"{API}/dialogues",
        {
            "unit": cast.commune.code,
            "topic": "Đối thoại về giao thông nông thôn",
            "host_name": "Phạm Anh Tuấn",
            "host_role": "Chủ tịch UBND xã",
            "day": local_today().isoformat(),
            "place": "Hội trường xã",
        },
    )
    assert r.status_code == 201, r.content
    d = Dialogue.objects.get(pk=r.json()["id"])
    assert r.json()["status"] == "planned" and r.json()["items"] == []
    item = services.agenda_add(actor=cast.minh, dialogue=d, topic="Nạo vét kênh")
    r = post(
        client, f"{API}/agenda-items/{item.pk}/answer", {"citizens_said": "Kênh cạn.", "answer": "Tháng tới."}
    )
    assert r.status_code == 200 and r.json()["answer"] == "Tháng tới."
    assert (
        post(client, f"{API}/agenda-items/{item.pk}/answer", {"citizens_said": "x", "answer": ""}).status_code
        == 400
    )
    detail = client.get(f"{API}/dialogues/{d.pk}").json()
    assert detail["items"][0]["citizens_said"] == "Kênh cạn."
    assert client.get(f"{API}/dialogues").json()["count"] == 1
    outsider = _client(_outsider(cast))
    assert outsider.get(f"{API}/dialogues/{d.pk}").status_code == 404
    assert (
        post(
            outsider, f"{API}/agenda-items/{item.pk}/answer", {"citizens_said": "a", "answer": "b"}
        ).status_code
        == 404
    )
    assert outsider.get(f"{API}/dialogues").json()["count"] == 0
    assert client.get(f"{API}/dialogues/999999").status_code == 404
    # an editor sees nothing and may not write: reception.view/manage only
    editor = _client(cast.lan)
    assert editor.get(f"{API}/dialogues").status_code == 403
    assert (
        post(
            editor, f"{API}/agenda-items/{item.pk}/answer", {"citizens_said": "a", "answer": "b"}
        ).status_code
        == 404
    )


def test_commitments_board_and_status(cast):
    d = _dialogue(cast)
    today = local_today()
    late = services.commitment_create(
        actor=cast.minh, dialogue=d, content="Nâng nền đường", owner_unit="Ban quản lý dự án xã", due=today
    )
    later = services.commitment_create(
        actor=cast.minh,
        dialogue=d,
        content="Nạo vét kênh",
        owner_unit="Hợp tác xã",
        due=today + dt.timedelta(days=30),
    )
    client = _client(cast.minh)
    board = client.get(f"{API}/commitments").json()
    assert [c["id"] for c in board["items"]] == [late.pk, later.pk]
    r = post(client, f"{API}/commitments/{late.pk}/status", {"status": "done"})
    assert r.status_code == 400 and "minh chứng" in r.json()["detail"]
    r = post(client, f"{API}/commitments/{late.pk}/status", {"status": "done", "evidence": "Đã nghiệm thu."})
    assert r.status_code == 200 and r.json()["status"] == CommitmentStatus.DONE
    assert client.get(f"{API}/commitments?active=true").json()["count"] == 1
    assert post(client, f"{API}/commitments/{late.pk}/status", {"status": "bogus"}).status_code == 422
    outsider = _client(_outsider(cast))
    assert (
        post(
            outsider, f"{API}/commitments/{later.pk}/status", {"status": "in_progress", "note": "x"}
        ).status_code
        == 404
    )
    assert outsider.get(f"{API}/commitments").json()["count"] == 0


def test_the_lists_cost_the_same_queries_for_many(cast, django_assert_max_num_queries):
    for i in range(8):
        d = _dialogue(cast, days=i)
        services.commitment_create(actor=cast.minh, dialogue=d, content="Việc", owner_unit="Xã", due=d.day)
    client = _client(cast.minh)
    for url in (f"{API}/dialogues", f"{API}/commitments", f"{API}/visits"):
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200


def test_a_case_typed_by_its_code_is_found_only_in_the_officers_scope(cast):
    """The reception screens link a visit or an invitee to a case by the code an officer types
    (`cases.access.access_case_by_code`): any capitals, and a case out of scope reads as no such case."""
    from danvan.cases.access import access_case_by_code
    from danvan.core.errors import NotFoundOrForbidden

    body = post(_client(cast.minh), f"{API}/visits", {**VISIT, "unit": cast.commune.code}).json()
    code = body["case_code"]
    assert access_case_by_code(cast.minh, f"  {code.lower()} ").pk == body["case_id"]
    assert (
        access_case_by_code(cast.thu, code).pk == body["case_id"]
    )  # the supervisor of the district above it
    for user, typed in ((_outsider(cast), code), (cast.binh, code), (cast.minh, "KHONG-CO")):
        with pytest.raises(NotFoundOrForbidden):
            access_case_by_code(user, typed)
