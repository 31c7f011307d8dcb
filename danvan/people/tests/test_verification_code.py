import datetime as dt
import re

import pytest
from django.utils import timezone

from danvan.audit.models import AuditEvent
from danvan.core.errors import DomainError
from danvan.people import services
from danvan.people.models import User, VerificationCode

from .helpers import make_household

pytestmark = pytest.mark.django_db


class Outbox(list):
    def __call__(self, phone, message):
        self.append((phone, message))

    @property
    def code(self):
        return re.search(r"\b(\d{6})\b", self[-1][1]).group(1)


def send_code(cast, household, capture):
    outbox = Outbox()
    with capture(execute=True):
        services.citizen_code_send(actor=cast.binh, household=household, send=outbox)
    return outbox


def test_a_citizen_verifies_with_the_code_sent_to_the_household_phone(
    cast, django_capture_on_commit_callbacks
):
    household = make_household(cast, phone="0987 111 222")
    outbox = send_code(cast, household, django_capture_on_commit_callbacks)

    assert [phone for phone, _ in outbox] == ["0987111222"]
    row = VerificationCode.objects.get()
    assert outbox.code not in row.code_hash and len(row.code_hash) == 64
    assert abs(row.expires_at - row.created_at - dt.timedelta(minutes=10)) < dt.timedelta(seconds=1)

    services.citizen_code_confirm(actor=cast.binh, code=f" {outbox.code[:3]} {outbox.code[3:]} ")
    binh = User.objects.get(pk=cast.binh.pk)
    assert binh.household == household and binh.is_verified and binh.verified_by is None
    assert AuditEvent.objects.filter(action="citizen.verify_code", object_id=str(household.pk)).exists()
    with pytest.raises(DomainError, match="Chưa có mã"):  # a code works once
        services.citizen_code_confirm(actor=cast.binh, code=outbox.code)


def test_the_code_goes_through_the_configured_sms_gateway(cast, django_capture_on_commit_callbacks, settings):
    from danvan.notifications.sms import MemorySmsGateway

    settings.DANVAN_SMS_BACKEND = "danvan.notifications.sms.MemorySmsGateway"
    MemorySmsGateway.outbox.clear()
    household = make_household(cast, phone="0987111222")
    with django_capture_on_commit_callbacks(execute=True):
        services.citizen_code_send(actor=cast.binh, household=household)
    assert [phone for phone, _ in MemorySmsGateway.outbox] == ["0987111222"]


def test_five_wrong_attempts_kill_the_code(cast, django_capture_on_commit_callbacks):
    household = make_household(cast, phone="0987111222")
    outbox = send_code(cast, household, django_capture_on_commit_callbacks)
    wrong = "000000" if outbox.code != "000000" else "111111"
    for left in (4, 3, 2, 1):
        with pytest.raises(DomainError, match=f"Còn {left} lần thử"):
            services.citizen_code_confirm(actor=cast.binh, code=wrong)
    with pytest.raises(DomainError, match="Đã nhập sai 5 lần"):
        services.citizen_code_confirm(actor=cast.binh, code=wrong)
    with pytest.raises(DomainError, match="quá 5 lần"):
        services.citizen_code_confirm(actor=cast.binh, code=outbox.code)
    assert not User.objects.get(pk=cast.binh.pk).is_verified


def test_an_expired_code_is_refused(cast, django_capture_on_commit_callbacks):
    household = make_household(cast, phone="0987111222")
    outbox = send_code(cast, household, django_capture_on_commit_callbacks)
    VerificationCode.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(DomainError, match="hết hạn"):
        services.citizen_code_confirm(actor=cast.binh, code=outbox.code)


def test_a_new_code_waits_a_minute_and_replaces_the_old_one(cast, django_capture_on_commit_callbacks):
    household = make_household(cast, phone="0987111222")
    first = send_code(cast, household, django_capture_on_commit_callbacks)
    with pytest.raises(DomainError, match="chờ"):
        send_code(cast, household, django_capture_on_commit_callbacks)
    VerificationCode.objects.update(created_at=timezone.now() - dt.timedelta(minutes=2))
    second = send_code(cast, household, django_capture_on_commit_callbacks)
    if first.code != second.code:
        with pytest.raises(DomainError):
            services.citizen_code_confirm(actor=cast.binh, code=first.code)
    services.citizen_code_confirm(actor=cast.binh, code=second.code)


def test_no_code_without_a_registered_phone_or_for_an_officer(cast, django_capture_on_commit_callbacks):
    household = make_household(cast)
    with pytest.raises(DomainError, match="chưa đăng ký số điện thoại"):
        send_code(cast, household, django_capture_on_commit_callbacks)
    household.phone = "0987111222"
    with pytest.raises(DomainError, match="công dân"):
        services.citizen_code_send(actor=cast.minh, household=household)


def test_an_account_gets_at_most_five_codes_a_day(cast, django_capture_on_commit_callbacks):
    household = make_household(cast, phone="0987111222")
    for _ in range(5):
        send_code(cast, household, django_capture_on_commit_callbacks)
        VerificationCode.objects.update(created_at=timezone.now() - dt.timedelta(minutes=2))
    with pytest.raises(DomainError, match="24 giờ"):
        send_code(cast, household, django_capture_on_commit_callbacks)
