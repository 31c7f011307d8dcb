"""Citizens' notices and stored notifications stay Vietnamese when an officer works in English; the
officers' screens and the API labels follow the chosen language."""

import pytest
from django.utils import translation

from danvan.cases import services
from danvan.cases.models import Case
from danvan.notifications.models import Notification

from .helpers import submit

pytestmark = pytest.mark.django_db


def test_notice_and_notification_in_vietnamese_under_english(cast):
    case = submit(cast, name="Mai", phone="0912000111")
    with translation.override("en"):
        text = services.notice_text(case)
        services.case_assign(actor=cast.minh, case=Case.objects.get(pk=case.pk), handler=cast.minh)
        assert case.get_status_display() == "Received"
    assert "Đã tiếp nhận" in text and "Received" not in text
    assert Notification.objects.filter(user=cast.minh).latest("pk").body.startswith("Phản ánh:")


def test_officer_screens_follow_english(client, cast):
    case = submit(cast)
    client.force_login(cast.minh)
    client.cookies["django_language"] = "en"
    html = client.get(f"/can-bo/don-thu/{case.pk}/").content.decode()
    assert "Feedback" in html and "Received" in html
