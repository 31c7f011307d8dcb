"""Screens of dialogue conferences: planning, the agenda from the officer's cases, conducting, holding, the
commitments board and the public page (no personal data, no denunciation)."""

import datetime as dt

from danvan.cases.models import CaseDialogue
from danvan.cases.tests.helpers import accepted
from danvan.core.formatting import local_today
from danvan.dialogues import services
from danvan.dialogues.models import Commitment, CommitmentStatus, Dialogue, DialogueStatus


def _login(client, cast, user):
    assert client.login(username=user.username, password=cast.password)


def test_an_officer_plans_conducts_and_holds_a_dialogue_through_the_screens(client, cast):
    _login(client, cast, cast.minh)
    case = accepted(cast, title="Đường liên ấp Phú Hòa ngập sâu")
    today = local_today()
    page = client.post(
        "/can-bo/tiep-cong-dan/doi-thoai/them/",
        {
            "topic": "Đối thoại về giao thông nông thôn",
            "host_name": "Phạm Anh Tuấn",
            "host_role": "Chủ tịch UBND xã",
            "co_organisers": "Ủy ban MTTQ Việt Nam xã",
            "day": today.isoformat(),
            "start_time": "08:00",
            "place": "Hội trường xã",
        },
    )
    d = Dialogue.objects.get()
    assert page.status_code == 302 and page["Location"].endswith(f"/doi-thoai/{d.pk}/")
    detail = client.get(f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/?q={case.code}")
    assert detail.status_code == 200 and case.code in detail.content.decode()
    client.post(f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/noi-dung/", {"case": case.pk})
    client.post(f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/noi-dung/", {"topic": "Nạo vét kênh"})
    assert d.items.count() == 2
    for item in d.items.all():
        page = client.post(
            f"/can-bo/tiep-cong-dan/doi-thoai/noi-dung/{item.pk}/tra-loi/",
            {"citizens_said": "Đường ngập.", "answer": "Sẽ nâng nền trong quý tới.", "outcome": ""},
        )
        assert page.status_code == 302
    empty = client.post(f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/ket-thuc/", {"held_on": today.isoformat()})
    assert empty.status_code == 400
    page = client.post(
        f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/ket-thuc/",
        {"held_on": today.isoformat(), "summary": "Thống nhất nâng nền đường.", "attendance": "45 hộ dân"},
    )
    assert page.status_code == 302
    d.refresh_from_db()
    assert d.status == DialogueStatus.HELD
    assert CaseDialogue.objects.filter(case=case).count() == 1
    page = client.post(
        f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/cam-ket/",
        {
            "content": "Nâng nền đường",
            "owner_unit": "Ban quản lý dự án xã",
            "owner_person": "Lê Văn Bình",
            "due": (today + dt.timedelta(days=30)).isoformat(),
        },
    )
    assert page.status_code == 302
    c = Commitment.objects.get()
    board = client.get("/can-bo/tiep-cong-dan/cam-ket/")
    assert board.status_code == 200 and "Ban quản lý dự án xã" in board.content.decode()
    page = client.post(
        f"/can-bo/tiep-cong-dan/cam-ket/{c.pk}/cap-nhat/", {"status": "done", "evidence": "Đã nghiệm thu."}
    )
    assert page.status_code == 302
    c.refresh_from_db()
    assert c.status == CommitmentStatus.DONE
    client.logout()
    public = client.get(f"/doi-thoai/hoi-nghi/{d.pk}/")
    body = public.content.decode()
    assert public.status_code == 200
    assert "Sẽ nâng nền trong quý tới." in body and "Đã nghiệm thu." in body
    assert "Lê Văn Bình" not in body  # no personal data
    month = client.get(f"/doi-thoai/?thang={today:%Y-%m}&don-vi={cast.commune.code}").content.decode()
    assert "Đối thoại về giao thông nông thôn" in month
    feed = client.get(f"/doi-thoai/{cast.commune.code}/lich.ics").content.decode()
    assert f"doi-thoai-{d.pk}@" in feed


def test_the_public_page_hides_denunciations_and_planned_dialogues(client, cast):
    denunciation = accepted(cast, "denunciation", title="Tố cáo cán bộ địa chính")
    d = services.dialogue_create(
        actor=cast.minh,
        unit=cast.commune,
        topic="Đối thoại đất đai",
        host_name="Phạm Anh Tuấn",
        host_role="Chủ tịch UBND xã",
        place="Hội trường xã",
        day=local_today(),
    )
    item = services.agenda_add(actor=cast.minh, dialogue=d, case_id=denunciation.pk)
    services.agenda_answer(actor=cast.minh, item=item, citizens_said="Bí mật ABC.", answer="Trả lời XYZ.")
    assert client.get(f"/doi-thoai/hoi-nghi/{d.pk}/").status_code == 404
    services.dialogue_hold(actor=cast.minh, dialogue=d, summary="Đã trao đổi.")
    body = client.get(f"/doi-thoai/hoi-nghi/{d.pk}/").content.decode()
    assert "Đã trao đổi." in body and "Bí mật ABC." not in body and "Tố cáo cán bộ" not in body


def test_officers_outside_the_unit_and_editors_cannot_reach_the_dialogue(client, cast):
    d = services.dialogue_create(
        actor=cast.minh,
        unit=cast.commune,
        topic="Đối thoại",
        host_name="A",
        host_role="Chủ tịch",
        place="Xã",
        day=local_today(),
    )
    _login(client, cast, cast.lan)
    assert client.get(f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/sua/").status_code in (403, 404)
