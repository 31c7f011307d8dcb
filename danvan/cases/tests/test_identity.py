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
        reverse("cases:track"), {"code": den.code, "phone": DENOUNCER["phone"]}, follow=True
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
