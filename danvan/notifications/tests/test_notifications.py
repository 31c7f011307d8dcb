from django.core import mail

from danvan.notifications.models import Notification
from danvan.notifications.services import notify
from danvan.notifications.sms import MemorySmsGateway


def test_notify_stores_in_app_and_sends_email_and_sms_after_commit(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.DANVAN_SMS_BACKEND = "danvan.notifications.sms.MemorySmsGateway"
    MemorySmsGateway.outbox.clear()
    cast.tuan.email = "tuan@phucuong.gov.vn"
    cast.tuan.phone = "0987654321"
    cast.tuan.save()
    with django_capture_on_commit_callbacks(execute=True):
        note = notify(
            user=cast.tuan,
            title="Có hồ sơ mới",
            body="Hồ sơ cần xử lý.",
            url="/can-bo/",
            channels=("inapp", "email", "sms"),
        )
    note.refresh_from_db()
    assert note.emailed_at and note.sms_sent_at
    assert mail.outbox[0].subject == "Có hồ sơ mới"
    assert MemorySmsGateway.outbox == [("0987654321", "Co ho so moi. Ho so can xu ly.")]  # GSM-7, one segment


def test_notification_list_shows_only_own_and_marks_read(client, cast, django_assert_max_num_queries):
    for i in range(30):
        notify(user=cast.tuan, title=f"Việc số {i}", channels=("inapp",))
    notify(user=cast.minh, title="Riêng của Minh", channels=("inapp",))
    client.force_login(cast.tuan)
    with django_assert_max_num_queries(12):
        html = client.get("/can-bo/thong-bao/").content.decode()
    assert "Việc số 29" in html and "Riêng của Minh" not in html
    client.post("/can-bo/thong-bao/da-doc/")
    assert not Notification.objects.filter(user=cast.tuan, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=cast.minh, read_at__isnull=True).exists()
