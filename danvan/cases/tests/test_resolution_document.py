"""The resolution records the law's document (number, date, signer, file); the dialogue its day, participants
and minutes — on the service, the screens, the API and, where appropriate, for the citizen."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.audit.models import AuditEvent
from danvan.cases import services
from danvan.core.errors import DomainError
from danvan.core.formatting import local_today

from .helpers import accepted

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def pdf(name="quyet-dinh-125.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def three_days_ago():
    return local_today() - dt.timedelta(days=3)


def test_a_complaint_is_resolved_with_its_decision_number_date_signer_and_file(cast):
    case = accepted(cast, "complaint", received_on=three_days_ago(), accepted_on=three_days_ago())
    done = services.case_resolve(
        actor=cast.tuan,
        case=case,
        answer="Khiếu nại đúng một phần.",
        outcome="partly",
        document_number="125/QĐ-UBND",
        document_date=local_today(),
        document_signer="Phạm Anh Tuấn, Chủ tịch UBND xã",
        document_file=pdf(),
    )
    done.refresh_from_db()
    assert (done.resolution_number, done.resolution_date, done.resolution_signer) == (
        "125/QĐ-UBND",
        local_today(),
        "Phạm Anh Tuấn, Chủ tịch UBND xã",
    )
    assert done.resolution_file_name == "quyet-dinh-125.pdf" and done.resolution_file.read() == PDF
    assert done.resolution_document_label == "Quyết định giải quyết khiếu nại"


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"document_number": "125/QĐ-UBND", "document_date": None}, "document_date"),
        ({"document_number": "125/QĐ-UBND", "document_signer": ""}, "document_signer"),
        ({"document_signer": "Phạm Anh Tuấn"}, "document_number"),
        ({"document_file": SimpleUploadedFile("qd.pdf", PDF)}, "document_number"),
        ({"document_number": "1/QĐ", "document_date": dt.date(2999, 1, 1)}, "document_date"),
        ({"document_file": SimpleUploadedFile("qd.pdf", b"MZ\x90\x00 not a pdf")}, "document_file"),
    ],
)
def test_a_half_given_or_wrong_document_is_refused_and_nothing_is_saved(cast, extra, field):
    case = accepted(cast, "complaint", received_on=three_days_ago(), accepted_on=three_days_ago())
    data = {
        "document_number": "",
        "document_date": local_today(),
        "document_signer": "Phạm Anh Tuấn",
        **extra,
    }
    with pytest.raises(DomainError) as exc:
        services.case_resolve(actor=cast.tuan, case=case, answer="Trả lời.", outcome="right", **data)
    assert exc.value.field == field
    case.refresh_from_db()
    assert case.status == "accepted" and case.resolution_number == ""


def test_a_dialogue_records_the_day_typed_participants_and_minutes(cast):
    case = accepted(cast, "complaint", received_on=three_days_ago(), accepted_on=three_days_ago())
    held = local_today() - dt.timedelta(days=1)
    services.case_hold_dialogue(
        actor=cast.minh,
        case=case,
        note="Hai bên thống nhất đo đạc lại.",
        held_on=held,
        participants="Trần Văn Minh (chủ trì), người khiếu nại",
        place="Trụ sở UBND xã",
        minutes=pdf("bien-ban.pdf"),
    )
    (record,) = case.dialogues.all()
    assert (record.held_on, record.place, record.minutes_name) == (held, "Trụ sở UBND xã", "bien-ban.pdf")
    assert record.event.action == "dialogue" and f"ngày {held:%d/%m/%Y}" in record.event.public_note
    with pytest.raises(DomainError) as exc:
        services.case_hold_dialogue(
            actor=cast.minh, case=case, note="x", held_on=three_days_ago() - dt.timedelta(1)
        )
    assert exc.value.field == "held_on" and "ngày thụ lý" in exc.value.message


def test_the_screens_record_the_dialogue_and_the_decision_and_the_citizen_downloads_it(client, cast):
    case = accepted(
        cast, "complaint", received_on=three_days_ago(), accepted_on=three_days_ago(), phone="0911222333"
    )
    client.force_login(cast.minh)
    url = lambda name: reverse("cases:action", args=[case.pk, name])  # noqa: E731
    client.post(
        url("dialogue"),
        {
            "held_on": str(local_today() - dt.timedelta(days=1)),
            "participants": "Trần Văn Minh, người khiếu nại",
            "note": "Đã đối thoại.",
            "minutes": pdf("bien-ban.pdf"),
        },
    )
    client.force_login(cast.tuan)
    client.post(
        url("resolve"),
        {
            "answer": "Khiếu nại đúng.",
            "outcome": "right",
            "document_number": "126/QĐ-UBND",
            "document_date": str(local_today()),
            "document_signer": "Phạm Anh Tuấn, Chủ tịch UBND xã",
            "document_file": pdf(),
        },
    )
    case.refresh_from_db()
    assert case.status == "resolved" and case.resolution_number == "126/QĐ-UBND"
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Số 126/QĐ-UBND" in html and "bien-ban.pdf" in html and "Trần Văn Minh, người khiếu nại" in html
    download = client.get(reverse("cases:resolution_file", args=[case.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert AuditEvent.objects.filter(action="case.resolution_download", actor=cast.tuan).exists()

    citizen = client.__class__()
    tracked = citizen.post("/phan-anh/tra-cuu/", {"code": case.code, "contact": "0911222333"}, follow=True)
    page = tracked.content.decode()
    assert "Quyết định giải quyết khiếu nại số 126/QĐ-UBND" in page and "Tải văn bản" in page
    assert citizen.get(reverse("cases:track_resolution_file", args=[case.code])).status_code == 200
    stranger = client.__class__()
    assert stranger.get(reverse("cases:track_resolution_file", args=[case.code])).status_code == 404


def test_the_api_takes_the_document_and_the_dialogue_and_answers_them(client, cast):
    case = accepted(cast, "complaint", received_on=three_days_ago(), accepted_on=three_days_ago())
    client.force_login(cast.tuan)
    post = lambda path, body: client.post(path, json.dumps(body), content_type="application/json")  # noqa: E731
    dialogue = post(
        f"/api/v1/cases/{case.pk}/dialogue",
        {
            "note": "Đối thoại.",
            "held_on": str(local_today()),
            "participants": "Phạm Anh Tuấn",
            "place": "UBND xã",
        },
    )
    assert dialogue.status_code == 200 and dialogue.json()["dialogues"][0]["participants"] == "Phạm Anh Tuấn"
    resolved = post(
        f"/api/v1/cases/{case.pk}/resolve",
        {
            "answer": "Khiếu nại sai.",
            "outcome": "wrong",
            "document_number": "127/QĐ-UBND",
            "document_date": str(local_today()),
            "document_signer": "Phạm Anh Tuấn",
        },
    )
    body = resolved.json()
    assert resolved.status_code == 200 and body["resolution_number"] == "127/QĐ-UBND"
    assert (
        body["resolution_document"] == "Quyết định giải quyết khiếu nại"
        and body["has_resolution_file"] is False
    )


def test_the_forms_default_date_alone_asks_for_no_document(cast):
    case = accepted(cast, "complaint", received_on=three_days_ago(), accepted_on=three_days_ago())
    done = services.case_resolve(
        actor=cast.tuan, case=case, answer="Khiếu nại đúng.", outcome="right", document_date=local_today()
    )
    assert done.status == "resolved" and done.resolution_number == "" and done.resolution_date is None
