"""The Django admin of the rulebook writes through the services: overlap refused on the form, audit written."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.audit.models import AuditEvent
from danvan.rulebook.models import DaySwap, LegalRule

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="quantri", password="mat-khau-quan-tri-2026", full_name="Quản trị hệ thống"
    )
    client.force_login(user)
    client.user = user
    return client


def _rule_form(**overrides):
    data = {
        "key": "complaint.accept",
        "title": "Thời hạn thụ lý giải quyết khiếu nại",
        "value": "5",
        "unit": "working_days",
        "comparator": "",
        "valid_from": "2027-01-01",
        "valid_to": "",
        "citation": "Văn bản thử nghiệm",
        "source_status": "unverified",
        "note": "",
    }
    data.update(overrides)
    return data


def test_the_changelists_render(admin_client):
    assert admin_client.get(reverse("admin:rulebook_legalrule_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:rulebook_dayswap_changelist")).status_code == 200
    rule = LegalRule.objects.get(key="supervision.answer")
    assert admin_client.get(reverse("admin:rulebook_legalrule_change", args=[rule.pk])).status_code == 200


def test_an_overlapping_version_is_refused_on_the_form(admin_client):
    response = admin_client.post(reverse("admin:rulebook_legalrule_add"), _rule_form())
    assert response.status_code == 200
    assert "không được trùng thời gian hiệu lực" in response.content.decode()
    assert not LegalRule.objects.filter(key="complaint.accept", valid_from=D(2027, 1, 1)).exists()


def test_adding_a_rule_in_admin_goes_through_the_service_and_is_audited(admin_client):
    response = admin_client.post(
        reverse("admin:rulebook_legalrule_add"), _rule_form(key="test.new_rule", title="Quy định mới")
    )
    assert response.status_code == 302
    rule = LegalRule.objects.get(key="test.new_rule")
    event = AuditEvent.objects.get(action="rule.create", object_id=str(rule.pk))
    assert event.actor == admin_client.user


def test_editing_a_rule_in_admin_is_audited_and_keeps_the_key(admin_client):
    rule = LegalRule.objects.get(key="supervision.answer")
    data = _rule_form(
        key="doi.ma",
        title=rule.title,
        value="20",
        unit="calendar_days",
        valid_from="2023-07-01",
        citation=rule.citation,
        source_status="verified",
    )
    response = admin_client.post(reverse("admin:rulebook_legalrule_change", args=[rule.pk]), data)
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.key, rule.value) == ("supervision.answer", 20)
    assert AuditEvent.objects.filter(action="rule.update", object_id=str(rule.pk)).exists()


def test_rules_cannot_be_deleted_in_admin(admin_client):
    rule = LegalRule.objects.get(key="supervision.answer")
    response = admin_client.get(reverse("admin:rulebook_legalrule_delete", args=[rule.pk]))
    assert response.status_code == 403


def test_a_swap_day_on_a_weekday_marked_worked_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:rulebook_dayswap_add"),
        {"date": "2027-05-05", "kind": "worked", "paired_date": "", "citation": "", "note": ""},
    )
    assert response.status_code == 200
    assert "thứ Bảy, Chủ nhật hoặc một ngày lễ" in response.content.decode()


def test_swap_days_added_and_deleted_in_admin_are_audited(admin_client):
    response = admin_client.post(
        reverse("admin:rulebook_dayswap_add"),
        {
            "date": "2027-05-08",
            "kind": "worked",
            "paired_date": "2027-05-03",
            "citation": "Thông báo thử nghiệm",
            "note": "",
        },
    )
    assert response.status_code == 302
    swap = DaySwap.objects.get(date=D(2027, 5, 8))
    swap_id = str(swap.pk)
    assert AuditEvent.objects.filter(action="swap.set", object_id=swap_id).exists()
    response = admin_client.post(reverse("admin:rulebook_dayswap_delete", args=[swap.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not DaySwap.objects.filter(date=D(2027, 5, 8)).exists()
    assert AuditEvent.objects.filter(action="swap.delete", object_id=swap_id).exists()
