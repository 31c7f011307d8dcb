"""The officer's pages of the steps: the timeline on the decision page, one page per step whose refusals land
on the form, the confirmation before annulment, the DOCX downloads through the access gate, scope."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from docx import Document

from danvan.access.models import RoleAssignment
from danvan.access.roles import Role
from danvan.decisions import services, steps
from danvan.decisions.models import Decision, Status
from danvan.people.models import User
from tests.cast import EPOCH

from .helpers import households, meeting, opened

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def closed_decision(cast, matter="4", hamlet=None):
    hamlet = hamlet or cast.hamlet
    hh = households(cast, 10, hamlet=hamlet)
    d = opened(cast, matter, title="Bầu Trưởng ấp Phú Hòa", unit=hamlet)
    tally = meeting(cast, d, hh[:9], yes=7)
    steps.counting_record(
        actor=cast.hoa, tally=tally, board=["A Một", "B Hai", "C Ba"], witnesses=["D Bốn", "E Năm"]
    )
    d = services.voting_close(actor=cast.hoa, decision=d)
    Decision.objects.filter(pk=d.pk).update(closed_at=timezone.make_aware(dt.datetime(2026, 3, 16, 20)))
    d.refresh_from_db()
    return d, tally


def other_commune_leader():
    user = User.objects.create_user(
        username="an", password="x", full_name="Lý Văn An", kind=User.Kind.OFFICER
    )
    return user


def test_the_decision_page_shows_the_timeline_with_deadlines_and_the_next_steps(client, cast):
    d, tally = closed_decision(cast)
    client.force_login(cast.tuan)
    page = client.get(f"/can-bo/lay-y-kien/{d.pk}/").content.decode()
    assert "Tiến trình" in page and "Gửi biên bản đến UBND và Ủy ban MTTQ xã" in page
    assert "23/03/2026" in page and "Quá hạn" in page  # the minutes' deadline, passed today
    assert f"/can-bo/lay-y-kien/{d.pk}/buoc/gui-bien-ban/" in page
    assert f"/can-bo/lay-y-kien/{d.pk}/mau/bien-ban/" in page
    assert f"/can-bo/lay-y-kien/{d.pk}/mau/kiem-phieu/{tally.pk}/" in page
    assert "/buoc/huy-bo/" in page  # the leader may annul
    assert "/buoc/cong-nhan/" not in page  # not before the minutes are sent
    assert 'data-label="Thời hạn"' in page


def test_a_step_page_records_the_step_and_puts_refusals_on_the_form(client, cast):
    d, _ = closed_decision(cast)
    client.force_login(cast.tuan)
    url = f"/can-bo/lay-y-kien/{d.pk}/buoc/gui-bien-ban/"
    r = client.post(url, {"sent_on": "2026-03-10"})
    assert r.status_code == 200 and "không được trước ngày kết thúc biểu quyết" in r.content.decode()
    r = client.post(url, {"sent_on": "2026-03-18"})
    assert r.status_code == 302 and r["Location"].endswith(f"/can-bo/lay-y-kien/{d.pk}/")
    d.refresh_from_db()
    assert d.minutes_sent_on == dt.date(2026, 3, 18)
    r = client.post(
        f"/can-bo/lay-y-kien/{d.pk}/buoc/cong-nhan/",
        {"outcome": "refused", "decided_on": "2026-03-20", "number": "15/UBND-VP", "reason": ""},
    )
    assert "Vui lòng nhập lý do từ chối công nhận" in r.content.decode()
    client.post(
        f"/can-bo/lay-y-kien/{d.pk}/buoc/cong-nhan/",
        {"outcome": "recognised", "decided_on": "2026-03-20", "number": "12/QĐ-UBND"},
    )
    d.refresh_from_db()
    assert d.recognition == "recognised"
    page = client.get(f"/can-bo/lay-y-kien/{d.pk}/").content.decode()
    assert "Đã công nhận — 12/QĐ-UBND" in page and "/buoc/cong-khai/" in page
    assert client.get(f"/can-bo/lay-y-kien/{d.pk}/buoc/khong-co/").status_code == 404


def test_the_mobilisation_officer_cannot_open_the_recognition_or_annulment(client, cast):
    d, _ = closed_decision(cast)
    client.force_login(cast.hoa)  # decisions.manage, not decisions.recognise
    assert client.get(f"/can-bo/lay-y-kien/{d.pk}/buoc/gui-bien-ban/").status_code == 200
    assert client.get(f"/can-bo/lay-y-kien/{d.pk}/buoc/huy-bo/").status_code == 404
    assert "/buoc/huy-bo/" not in client.get(f"/can-bo/lay-y-kien/{d.pk}/").content.decode()


def test_annulment_asks_for_a_confirmation_first(client, cast):
    d, _ = closed_decision(cast, "1")
    client.force_login(cast.tuan)
    url = f"/can-bo/lay-y-kien/{d.pk}/buoc/huy-bo/"
    page = client.get(url).content.decode()
    assert "không thể hoàn tác" in page and 'name="confirm"' in page
    data = {"annulled_on": "2026-03-30", "number": "20/QĐ-UBND", "reason": "Trái quy định về mức đóng góp."}
    r = client.post(url, data)
    assert r.status_code == 200 and "Hãy đánh dấu xác nhận" in r.content.decode()
    d.refresh_from_db()
    assert not d.is_annulled
    r = client.post(url, {**data, "confirm": "on"})
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.is_annulled and d.annulment_number == "20/QĐ-UBND"
    page = client.get(f"/can-bo/lay-y-kien/{d.pk}/").content.decode()
    assert "Quyết định đã bị hủy bỏ ngày 30/03/2026" in page and "/buoc/huy-bo/" not in page


def test_an_amendment_page_creates_the_amending_decision(client, cast):
    d, _ = closed_decision(cast)
    client.force_login(cast.hoa)
    r = client.post(
        f"/can-bo/lay-y-kien/{d.pk}/buoc/sua-doi/",
        {
            "title": "Bầu lại Trưởng ấp",
            "content": "Bầu bổ sung.",
            "voting_on": "2026-05-10",
            "reason": "Từ chức",
        },
    )
    new = Decision.objects.get(amends=d)
    assert r["Location"].endswith(f"/can-bo/lay-y-kien/{new.pk}/")
    page = client.get(r["Location"]).content.decode()
    assert "Sửa đổi quyết định" in page and d.title in page


def test_the_forms_download_as_docx_with_the_tallies(client, cast):
    d, tally = closed_decision(cast)
    client.force_login(cast.thu)  # the supervisor reads (decisions.view)
    r = client.get(f"/can-bo/lay-y-kien/{d.pk}/mau/bien-ban/")
    assert r.status_code == 200 and r["Content-Type"] == DOCX and "attachment" in r["Content-Disposition"]
    text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    assert (
        "Số hộ gia đình có đại diện tham gia: 9" in text and "Số hộ tán thành: 7 trên tổng số 10 hộ" in text
    )
    r = client.get(f"/can-bo/lay-y-kien/{d.pk}/mau/kiem-phieu/{tally.pk}/")
    assert r.status_code == 200 and r["Content-Type"] == DOCX
    r = client.get(f"/can-bo/lay-y-kien/{d.pk}/mau/phieu-ho/{tally.pk}/")  # a meeting tally has no Form 04
    assert r.status_code == 302
    assert client.get(f"/can-bo/lay-y-kien/{d.pk}/mau/khac/").status_code == 404
    assert client.get(f"/can-bo/lay-y-kien/{d.pk}/mau/kiem-phieu/999999/").status_code == 404
    # the supervisor cannot write a step
    assert (
        client.post(f"/can-bo/lay-y-kien/{d.pk}/buoc/gui-bien-ban/", {"sent_on": "2026-03-18"}).status_code
        == 404
    )


def test_the_forms_download_as_pdf_through_the_same_gate(client, cast):
    from pypdf import PdfReader

    d, tally = closed_decision(cast)
    client.force_login(cast.thu)
    page = client.get(f"/can-bo/lay-y-kien/{d.pk}/").content.decode()
    assert f"/can-bo/lay-y-kien/{d.pk}/mau/bien-ban/pdf/" in page
    assert f"/can-bo/lay-y-kien/{d.pk}/mau/kiem-phieu/{tally.pk}/pdf/" in page
    r = client.get(f"/can-bo/lay-y-kien/{d.pk}/mau/bien-ban/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-") and f"bien-ban-ket-qua-viec-{d.pk}.pdf" in r["Content-Disposition"]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages).split())
    assert "Số hộ tán thành: 7 trên tổng số 10 hộ" in text
    r = client.get(f"/can-bo/lay-y-kien/{d.pk}/mau/kiem-phieu/{tally.pk}/pdf/")
    assert r.status_code == 200 and r.content.startswith(b"%PDF-")
    assert client.get(f"/can-bo/lay-y-kien/{d.pk}/mau/phieu-ho/{tally.pk}/pdf/").status_code == 302
    assert client.get(f"/can-bo/lay-y-kien/{d.pk}/mau/khac/pdf/").status_code == 404


def test_an_officer_of_another_commune_gets_404_everywhere(client, cast):
    d, tally = closed_decision(cast)
    other = other_commune_leader()
    RoleAssignment.objects.create(user=other, role=Role.LEADER, unit=cast.sibling_commune, valid_from=EPOCH)
    client.force_login(other)
    for url in (
        f"/can-bo/lay-y-kien/{d.pk}/",
        f"/can-bo/lay-y-kien/{d.pk}/buoc/gui-bien-ban/",
        f"/can-bo/lay-y-kien/{d.pk}/buoc/huy-bo/",
        f"/can-bo/lay-y-kien/{d.pk}/kiem-phieu/{tally.pk}/ban-kiem-phieu/",
        f"/can-bo/lay-y-kien/{d.pk}/mau/bien-ban/",
        f"/can-bo/lay-y-kien/{d.pk}/mau/kiem-phieu/{tally.pk}/",
        f"/can-bo/lay-y-kien/{d.pk}/mau/bien-ban/pdf/",
        f"/can-bo/lay-y-kien/{d.pk}/mau/kiem-phieu/{tally.pk}/pdf/",
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(f"/can-bo/lay-y-kien/{d.pk}/buoc/gui-bien-ban/", {"sent_on": "2026-03-18"}).status_code
        == 404
    )
    d.refresh_from_db()
    assert d.minutes_sent_on is None and d.status == Status.PASSED


def test_the_counting_board_page(client, cast):
    hh = households(cast, 10)
    d = opened(cast, "4")
    tally = meeting(cast, d, hh[:6], yes=4)
    client.force_login(cast.hoa)
    url = f"/can-bo/lay-y-kien/{d.pk}/kiem-phieu/{tally.pk}/ban-kiem-phieu/"
    r = client.post(url, {"board": "A\nB", "witnesses": "C\nD"})
    assert r.status_code == 200 and "từ 3 đến 5 thành viên" in r.content.decode()
    r = client.post(url, {"board": "A Một\nB Hai\nC Ba", "witnesses": "D Bốn\nE Năm"})
    assert r.status_code == 302
    tally.refresh_from_db()
    assert tally.board_names == ["A Một", "B Hai", "C Ba"]


def test_the_steps_read_in_words_on_the_decisions_trail(client, cast):
    from danvan.audit.tests.test_trail_in_words import assert_in_words, trail_html

    d, _ = closed_decision(cast)
    steps.minutes_send(actor=cast.tuan, decision=d, sent_on=dt.date(2026, 3, 30))  # late
    steps.recognition_record(
        actor=cast.tuan,
        decision=d,
        outcome="recognised",
        decided_on=dt.date(2026, 3, 31),
        number="12/QĐ-UBND",
    )
    steps.decision_disclose(actor=cast.tuan, decision=d, posting_start=dt.date(2026, 4, 1), forms=["posting"])
    steps.decision_annul(
        actor=cast.tuan, decision=d, annulled_on=dt.date(2026, 4, 2), number="20/QĐ-UBND", reason="Trái luật"
    )
    client.force_login(cast.tuan)
    section = trail_html(client.get(f"/can-bo/lay-y-kien/{d.pk}/").content.decode())
    assert_in_words(section)
    for words in ("đã gửi biên bản", "trễ hạn", "Đã công nhận", "công khai kết quả", "ghi quyết định hủy bỏ"):
        assert words in section, words


def test_the_implementation_page_offers_the_communes_projects_only(client, cast):
    from danvan.communities.models import Project

    d, _ = closed_decision(cast, "1")
    steps.minutes_send(actor=cast.tuan, decision=d, sent_on=dt.date(2026, 3, 18))
    steps.decision_disclose(
        actor=cast.tuan, decision=d, posting_start=dt.date(2026, 3, 20), forms=["posting"]
    )
    ours = Project.objects.create(
        name="Đường liên tổ Phú Hòa",
        kind="road",
        place=cast.hamlet,
        commune=cast.commune,
        started_on=dt.date(2026, 4, 1),
    )
    theirs = Project.objects.create(
        name="Cầu An Thạnh",
        kind="bridge",
        place=cast.sibling_hamlet,
        commune=cast.sibling_commune,
        started_on=dt.date(2026, 4, 1),
    )
    client.force_login(cast.tuan)
    url = f"/can-bo/lay-y-kien/{d.pk}/buoc/thuc-hien/"
    page = client.get(url).content.decode()
    assert ours.name in page and theirs.name not in page
    r = client.post(url, {"implemented_on": "2026-04-02", "note": "Khởi công", "project": theirs.pk})
    assert r.status_code == 200
    r = client.post(url, {"implemented_on": "2026-04-02", "note": "Khởi công", "project": ours.pk})
    assert r.status_code == 302
    d.refresh_from_db()
    assert (d.implemented_on, d.project) == (dt.date(2026, 4, 2), ours)
    assert "Công trình: Đường liên tổ Phú Hòa" in client.get(f"/can-bo/lay-y-kien/{d.pk}/").content.decode()


def test_the_public_page_tells_a_refusal_and_an_annulment(client, cast):
    d, _ = closed_decision(cast)
    steps.minutes_send(actor=cast.tuan, decision=d, sent_on=dt.date(2026, 3, 18))
    steps.recognition_record(
        actor=cast.tuan,
        decision=d,
        outcome="refused",
        decided_on=dt.date(2026, 3, 20),
        number="15/UBND-VP",
        reason="Người trúng cử chưa đủ tiêu chuẩn.",
    )
    page = client.get(f"/lay-y-kien/{d.pk}/").content.decode()
    assert "Từ chối công nhận" in page and "15/UBND-VP" in page and "chưa đủ tiêu chuẩn" in page
    d2, _ = closed_decision(cast, "1", hamlet=cast.other_hamlet)
    steps.decision_annul(
        actor=cast.tuan,
        decision=d2,
        annulled_on=dt.date(2026, 3, 30),
        number="20/QĐ-UBND",
        reason="Trái luật.",
    )
    page = client.get(f"/lay-y-kien/{d2.pk}/").content.decode()
    assert "Quyết định đã bị hủy bỏ ngày 30/03/2026 (quyết định số 20/QĐ-UBND)." in page
