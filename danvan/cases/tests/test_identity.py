"""Denouncer protection on the screens, in the database, the search index, notifications, mail and logs."""

import logging

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from danvan.audit.models import AuditEvent
from danvan.cases import services
from danvan.cases.models import Case
from danvan.cases.protection import contact_digest, decrypt_identity, encrypt_identity
from danvan.core.errors import NotFoundOrForbidden
from danvan.notifications.models import Notification
from danvan.notifications.sms import MemorySmsGateway
from danvan.search.models import SearchDocument

from .helpers import DENOUNCER, submit

pytestmark = pytest.mark.django_db
SECRETS = (
    DENOUNCER["name"],
    DENOUNCER["phone"],
    DENOUNCER["address"],
    DENOUNCER["email"],
    "Lê Văn Tố",
    "le van to",
)


def _clean(text: str):
    for s in SECRETS:
        assert s not in text, f"{s!r} leaked"


@pytest.fixture
def memory_sms(settings):
    settings.DANVAN_SMS_BACKEND = "danvan.notifications.sms.MemorySmsGateway"
    MemorySmsGateway.outbox = []
    return MemorySmsGateway.outbox


@pytest.fixture
def den(cast, memory_sms, django_capture_on_commit_callbacks, caplog):
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        case = submit(cast, "denunciation", consent_publish=True, public_interest=True)
        services.case_assign(actor=cast.tuan, case=case, handler=cast.minh)
        case = services.case_accept(actor=cast.minh, case=case)
        case = services.case_resolve(
            actor=cast.tuan, case=case, answer="Đã kết luận nội dung tố cáo.", outcome="partly", publish=True
        )
    return case


def test_roundtrip_and_key_rotation(settings):
    token = encrypt_identity({"name": "A", "phone": "0912000111"})
    assert decrypt_identity(token) == {"name": "A", "phone": "0912000111"}
    from cryptography.fernet import Fernet

    new = Fernet.generate_key().decode()
    settings.DANVAN_PROTECTED_KEYS = [new, *settings.DANVAN_PROTECTED_KEYS]
    assert decrypt_identity(token)["name"] == "A"
    assert contact_digest("0912 000 111") == contact_digest("+84912000111") != ""


def test_rotate_command_reencrypts_with_first_key(cast, settings):
    from cryptography.fernet import Fernet
    from django.core.management import call_command

    case = submit(cast, "denunciation")
    old = settings.DANVAN_PROTECTED_KEYS
    new = Fernet.generate_key().decode()
    settings.DANVAN_PROTECTED_KEYS = [new, *old]
    call_command("rotate_protected_keys")
    case.refresh_from_db()
    settings.DANVAN_PROTECTED_KEYS = [new]
    assert decrypt_identity(case.protected_identity)["name"] == DENOUNCER["name"]
    assert case.contact_digest == contact_digest(DENOUNCER["phone"])


def test_db_row_holds_no_plaintext(den):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM cases_case WHERE id = %s", [den.pk])
        row = " ".join(str(v) for v in cursor.fetchone())
    _clean(row)
    assert den.submitter_name == den.submitter_phone == den.submitter_email == den.submitter_address == ""
    assert decrypt_identity(den.protected_identity)["phone"] == DENOUNCER["phone"]


def test_search_text_index_notifications_mail_logs_clean(den, memory_sms, caplog):
    _clean(den.search_text)
    _clean(
        " ".join(
            SearchDocument.objects.values_list("title", "summary", "norm_title", "norm_body").first() or ()
        )
    )
    assert not SearchDocument.objects.filter(object_id=den.pk, kind__startswith="Trả lời").exists()
    for n in Notification.objects.all():
        _clean(n.title + n.body)
    assert memory_sms and all(p == DENOUNCER["phone"] for p, _ in memory_sms)  # delivered to the denouncer …
    for _, text in memory_sms:
        _clean(text)  # … but the text never carries identity
    for m in mail.outbox:
        _clean(m.subject + m.body)
    _clean(caplog.text)
    for e in AuditEvent.objects.all():
        _clean(str(e.changes) + e.object_repr)


def test_inbox_detail_admin_and_tracking_pages_clean(client, den, cast, admin_user):
    client.force_login(cast.thu)
    _clean(client.get(reverse("cases:inbox")).content.decode())
    _clean(client.get(reverse("cases:detail", args=[den.pk])).content.decode())
    client.force_login(cast.minh)
    html = client.get(reverse("cases:detail", args=[den.pk])).content.decode()
    _clean(html)
    assert "Xem danh tính người tố cáo" in html
    client.force_login(admin_user)
    _clean(client.get(reverse("admin:cases_case_changelist")).content.decode())
    _clean(client.get(reverse("admin:cases_case_change", args=[den.pk])).content.decode())
    client.logout()
    response = client.post(
        reverse("cases:track"), {"code": den.code, "contact": DENOUNCER["phone"]}, follow=True
    )
    assert den.code in response.content.decode()
    _clean(response.content.decode())


@pytest.mark.parametrize("who", ["minh", "tuan"])
def test_reveal_for_handler_and_leader_is_audited(client, den, cast, who):
    client.force_login(getattr(cast, who))
    response = client.post(reverse("cases:reveal", args=[den.pk]))
    assert response.status_code == 200 and DENOUNCER["name"] in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(action="case.identity_view", object_id=str(den.pk)).count() == 1
    assert services.reveal_identity(actor=getattr(cast, who), case=den)["phone"] == DENOUNCER["phone"]
    assert AuditEvent.objects.filter(action="case.identity_view").count() == 2


def test_reveal_refused_for_other_officer_supervisor_sysadmin_and_superuser(
    client, den, cast, admin_user, django_user_model
):
    from danvan.access.models import RoleAssignment

    other = django_user_model.objects.create_user(
        username="nga", password="x", full_name="Cán bộ Nga", kind="officer"
    )
    RoleAssignment.objects.create(
        user=other, role="case_officer", unit=cast.commune, valid_from=cast.commune.valid_from
    )
    for user in (other, cast.thu, cast.son, admin_user):
        client.force_login(user)
        assert client.post(reverse("cases:reveal", args=[den.pk])).status_code == 404
        with pytest.raises(NotFoundOrForbidden):
            services.reveal_identity(actor=user, case=den)
        assert (
            "Xem danh tính người tố cáo"
            not in client.get(reverse("cases:detail", args=[den.pk])).content.decode()
        )
    assert not AuditEvent.objects.filter(action="case.identity_view").exists()
    client.force_login(cast.minh)
    assert client.get(reverse("cases:reveal", args=[den.pk])).status_code == 405


def test_search_index_lists_only_consented_public_answers(cast):
    ok = submit(cast, consent_publish=True)
    ok = services.case_accept(actor=cast.minh, case=ok)
    ok = services.case_resolve(actor=cast.tuan, case=ok, answer="Đã nạo vét", publish=True)
    assert SearchDocument.objects.filter(object_id=ok.pk, kind="Trả lời phản ánh, kiến nghị").exists()
    assert Case.objects.count() == 1


# ---------------------------------------------------------------- identity written inside the letter

SIGNED_TITLE = "Lê Văn Tố tố cáo cán bộ địa chính nhận tiền"
SIGNED_CONTENT = (
    "Tôi là LÊ VĂN TỐ, ở số 12 ấp Phú Hòa, số điện thoại 0987 654 321.\n"
    "Cán bộ địa chính xã nhận tiền khi làm thủ tục cấp giấy chứng nhận cho gia đình tôi.\n"
    "Ký tên: le van to. Liên hệ +84987654321 hoặc TO.CAO@example.vn, 0987.654.321."
)
LETTER_SECRETS = (
    *SECRETS,
    "LÊ VĂN TỐ",
    "le van to",
    "0987 654 321",
    "+84987654321",
    "0987.654.321",
    "TO.CAO@example.vn",
    "số 12 ấp Phú Hòa",
)


def _row_text(table: str, where: str, pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE {where} = %s", [pk])
        return " ".join(str(v) for row in cursor.fetchall() for v in row)


@pytest.fixture
def signed(cast, memory_sms):
    case = submit(cast, "denunciation", title=SIGNED_TITLE, content=SIGNED_CONTENT)
    return services.case_assign(actor=cast.tuan, case=case, handler=cast.minh)


def test_identity_written_in_the_letter_is_in_no_plain_column(signed):
    stored = _row_text("cases_case", "id", signed.pk) + _row_text("cases_caseevent", "case_id", signed.pk)
    for secret in LETTER_SECRETS:
        assert secret.lower() not in stored.lower(), f"{secret!r} leaked"
    assert "can bo dia chinh xa nhan tien" in signed.search_text
    for words in ("le van to", "0987 654 321", "84987654321", "to cao example vn", "so 12 ap phu hoa"):
        assert words not in signed.search_text
    signed.refresh_from_db()
    assert signed.title == "[đã che] tố cáo cán bộ địa chính nhận tiền"
    assert signed.content.startswith("Tôi là [đã che], ở [đã che], số điện thoại [đã che].\nCán bộ địa chính")
    assert signed.content.endswith("Ký tên: [đã che]. Liên hệ [đã che] hoặc [đã che], [đã che].")


def test_reveal_returns_the_original_letter(client, signed, cast):
    revealed = services.reveal_identity(actor=cast.minh, case=signed)
    assert revealed["original_title"] == SIGNED_TITLE
    assert revealed["original_content"] == SIGNED_CONTENT
    assert "original_place_address" not in revealed
    assert revealed["name"] == DENOUNCER["name"]
    client.force_login(cast.tuan)
    html = client.post(reverse("cases:reveal", args=[signed.pk])).content.decode()
    assert "Đơn gốc của người tố cáo" in html and "Tôi là LÊ VĂN TỐ, ở số 12 ấp Phú Hòa" in html


def test_letter_without_identity_keeps_its_text_and_payload(cast):
    case = submit(cast, "denunciation")
    assert "[đã che]" not in case.content + case.title
    assert set(decrypt_identity(case.protected_identity)) == {"name", "phone", "address", "email"}
    assert "original_content" not in services.reveal_identity(actor=cast.tuan, case=case)


def test_feedback_and_complaint_letters_are_not_redacted(cast):
    feedback = submit(cast, name=DENOUNCER["name"], phone=DENOUNCER["phone"], content=SIGNED_CONTENT)
    complaint = submit(cast, "complaint", name=DENOUNCER["name"], content=SIGNED_CONTENT)
    for case in (feedback, complaint):
        assert case.content == SIGNED_CONTENT and "[đã che]" not in case.search_text


def test_anonymous_denunciation_received_as_feedback_is_not_redacted(cast):
    case = submit(cast, "denunciation", address="", content=SIGNED_CONTENT)
    assert case.kind == "feedback" and case.content == SIGNED_CONTENT


def test_old_tokens_without_the_original_letter_still_decrypt(settings, cast):
    import json

    from cryptography.fernet import Fernet

    old = Fernet(settings.DANVAN_PROTECTED_KEYS[0].encode()).encrypt(
        json.dumps({"name": "Lê Văn Tố", "phone": "0987654321"}, ensure_ascii=False).encode()
    )
    assert decrypt_identity(old.decode()) == {"name": "Lê Văn Tố", "phone": "0987654321"}
    case = submit(cast, "denunciation")
    Case.objects.filter(pk=case.pk).update(protected_identity=old.decode())
    case.refresh_from_db()
    assert services.reveal_identity(actor=cast.tuan, case=case) == {
        "name": "Lê Văn Tố",
        "address": "",
        "phone": "0987654321",
        "email": "",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tôi là Nguyễn Văn An.", "Tôi là [đã che]."),
        ("tôi là NGUYEN VAN AN", "tôi là [đã che]"),
        ("nguyễn  văn\nan ký tên", "[đã che] ký tên"),
        ("Nguyễn Văn Anh không phải tôi", "Nguyễn Văn Anh không phải tôi"),
        ("Gọi 0912 345 678 hoặc (+84) 912.345.678", "Gọi [đã che] hoặc [đã che]"),
        ("+84 (0) 912-345-678; 84912345678", "[đã che]; [đã che]"),
        ("Số khác: 0912345679, 10912345678", "Số khác: 0912345679, 10912345678"),
        ("Thư: An.Nguyen@EXAMPLE.vn.", "Thư: [đã che]."),
        ("Nhà ở Số 12 ẤP PHÚ HOÀ, xã Phú Cường", "Nhà ở [đã che], xã Phú Cường"),
        ("", ""),
    ],
)
def test_redact_identity(text, expected):
    from danvan.cases.protection import redact_identity

    identity = {
        "name": "Nguyễn Văn An",
        "phone": "0912345678",
        "email": "an.nguyen@example.vn",
        "address": "Số 12, ấp Phú Hòa",
    }
    assert redact_identity(text, identity) == expected


def test_redact_identity_decomposed_text_and_empty_or_short_values():
    import unicodedata

    from danvan.cases.protection import redact_identity

    decomposed = unicodedata.normalize("NFD", "Tôi là Nguyễn Văn An, ở ấp Một")
    assert redact_identity(decomposed, {"name": "Nguyễn Văn An"}) == unicodedata.normalize(
        "NFD", "Tôi là "
    ) + ("[đã che]" + unicodedata.normalize("NFD", ", ở ấp Một"))
    empty = {"name": "", "phone": "", "email": "", "address": ""}
    assert redact_identity("Ấp 1, ấp 2", empty) == "Ấp 1, ấp 2"
    # an address shorter than 6 characters is not redacted; from 6 characters it is
    assert redact_identity("Ấp 1, ấp 2", {**empty, "address": "Ấp 1"}) == "Ấp 1, ấp 2"
    assert redact_identity("Ấp Một, ấp Hai", {**empty, "address": "ấp một"}) == "[đã che], ấp Hai"


# ---------------------------------------------------------------- attachments of a denunciation

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def _pdf(name="don-to-cao.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_denunciation_attachment_only_for_who_may_reveal(client, cast, django_user_model):
    from danvan.access.models import RoleAssignment
    from danvan.cases.access import access_attachment_by_id

    verifier = django_user_model.objects.create_user(
        username="nga", password="x", full_name="Cán bộ Nga", kind="officer"
    )
    RoleAssignment.objects.create(
        user=verifier, role="case_officer", unit=cast.commune, valid_from=cast.commune.valid_from
    )
    den = submit(cast, "denunciation", attachments=[_pdf()])
    den = services.case_assign(actor=cast.tuan, case=den, handler=cast.minh)
    feedback = submit(cast, attachments=[_pdf("anh-hien-truong.pdf")])
    a, b = den.attachments.get(), feedback.attachments.get()
    for user in (verifier, cast.thu):
        client.force_login(user)
        assert client.get(reverse("cases:detail", args=[den.pk])).status_code == 200
        assert client.get(reverse("cases:attachment", args=[a.pk])).status_code == 404
        with pytest.raises(NotFoundOrForbidden):
            access_attachment_by_id(user, a.pk)
    client.force_login(verifier)
    assert client.get(reverse("cases:attachment", args=[b.pk])).status_code == 200
    for user in (cast.minh, cast.tuan):
        client.force_login(user)
        response = client.get(reverse("cases:attachment", args=[a.pk]))
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_every_download_of_a_denunciation_attachment_is_audited_like_a_reveal(client, cast):
    den = services.case_assign(
        actor=cast.tuan, case=submit(cast, "denunciation", attachments=[_pdf()]), handler=cast.minh
    )
    a = den.attachments.get()
    for user in (cast.minh, cast.tuan, cast.minh):
        client.force_login(user)
        response = client.get(reverse("cases:attachment", args=[a.pk]))
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    events = AuditEvent.objects.filter(action="case.attachment_download", object_id=str(den.pk)).order_by(
        "pk"
    )
    assert [e.actor for e in events] == [cast.minh, cast.tuan, cast.minh]
    assert events[0].changes == {"attachment": [None, a.pk]}
    client.force_login(cast.thu)  # refused: nothing downloaded, nothing recorded
    assert client.get(reverse("cases:attachment", args=[a.pk])).status_code == 404
    assert events.count() == 3


# ---------------------------------------------------------------- a denouncer who gave only an e-mail


@pytest.fixture
def by_email(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = submit(cast, "denunciation", phone="", email=DENOUNCER["email"])
        services.case_accept(actor=cast.minh, case=case)
    return case


def test_an_email_only_denunciation_does_not_open_with_its_code_alone(client, by_email):
    track = reverse("cases:track")
    assert by_email.contact_digest
    assert client.get(track, {"ma": by_email.code}).context["case"] is None
    for wrong in ("", "khac@example.vn", "0912345678"):
        response = client.post(track, {"code": by_email.code, "contact": wrong})
        assert response.status_code == 400 and response.context["case"] is None
    response = client.post(track, {"code": by_email.code, "contact": " TO.CAO@example.vn "}, follow=True)
    assert response.status_code == 200 and "Đã thụ lý" in response.content.decode()
    _clean(response.content.decode())


def test_an_email_only_feedback_is_followed_with_its_email(client, cast):
    case = submit(cast, phone="", email="ban.doc@example.vn", name="Võ Thị Mai")
    track = reverse("cases:track")
    assert client.get(track, {"ma": case.code}).context["case"] is None
    client.post(track, {"code": case.code, "contact": "ban.doc@example.vn"})
    assert client.get(track, {"ma": case.code}).context["case"] == case


def test_the_console_mail_of_a_notice_masks_the_denouncers_address(settings, cast, capsys, caplog):
    """`make run`'s worker prints e-mails to its log: the default backend writes the recipient masked."""
    import config.settings as base

    settings.EMAIL_BACKEND = base.EMAIL_BACKEND
    caplog.set_level(logging.DEBUG)
    case = submit(cast, "denunciation", phone="", email=DENOUNCER["email"])
    assert services.deliver_notice(case.pk, services.notice_text(case)) == 1
    printed = capsys.readouterr().out + caplog.text
    assert case.code in printed and "t***@e***.vn" in printed
    assert DENOUNCER["email"] not in printed


def test_a_clear_text_mail_backend_is_flagged_by_a_system_check(settings):
    from danvan.notifications.checks import clear_text_email_backend

    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert [w.id for w in clear_text_email_backend(None)] == ["danvan.notifications.W001"]
    settings.EMAIL_BACKEND = "danvan.notifications.mail.MaskedConsoleEmailBackend"
    assert clear_text_email_backend(None) == []
