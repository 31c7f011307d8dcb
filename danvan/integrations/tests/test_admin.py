"""The API keys in the Django admin: a system administrator issues a key and sees its secret once; the list
and the key's page never show it again; revoking is an action; other officers do not see the keys."""

import re

from django.urls import reverse

from danvan.audit.models import AuditEvent
from danvan.integrations import selectors, services
from danvan.integrations.models import ApiKey
from danvan.people.models import User

ADD = reverse("admin:integrations_apikey_add")
LIST = reverse("admin:integrations_apikey_changelist")


def admin_client(client, cast):
    root = User.objects.create_superuser(username="quantri", password=cast.password, full_name="Quản trị")
    client.force_login(root)
    return root


def test_a_system_administrator_issues_a_key_and_sees_its_secret_once(client, cast):
    root = admin_client(client, cast)
    page = client.get(ADD)
    assert page.status_code == 200
    response = client.post(
        ADD,
        {
            "organisation": "Ứng dụng Tổng đài 1022",
            "contact": "Phòng CNTT tỉnh",
            "units": [cast.commune.pk, cast.sibling_commune.pk],
            "hourly_quota": "60",
            "note": "",
        },
    )
    assert response.status_code == 200, response.content
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    [secret] = re.findall(r'value="(dv_[^"]+)"', html)
    key = ApiKey.objects.get()
    assert selectors.api_key_by_secret(secret) == key
    assert set(key.units.all()) == {cast.commune, cast.sibling_commune} and key.hourly_quota == 60
    assert AuditEvent.objects.get(action="integrations.key_create").actor == root
    # never shown again: not in the list, not on the key's page
    for url in (LIST, reverse("admin:integrations_apikey_change", args=[key.pk])):
        body = client.get(url).content.decode()
        assert secret not in body and f"dv_{key.prefix}_…" in body


def test_a_refused_key_shows_the_reason_and_stores_nothing(client, cast):
    admin_client(client, cast)
    services.api_key_create(actor=cast.son, organisation="Ứng dụng Tổng đài 1022", units=[cast.commune])
    response = client.post(
        ADD,
        {"organisation": "ung dung tong dai 1022", "units": [cast.commune.pk], "hourly_quota": "5"},
        follow=True,
    )
    assert "đã có một khoá đang dùng" in response.content.decode()
    assert ApiKey.objects.count() == 1


def test_changing_and_revoking_go_through_the_services(client, cast):
    admin_client(client, cast)
    key, secret = services.api_key_create(
        actor=cast.son, organisation="Cổng dịch vụ công", units=[cast.commune]
    )
    change = reverse("admin:integrations_apikey_change", args=[key.pk])
    response = client.post(
        change, {"contact": "", "units": [cast.district.pk], "hourly_quota": "7", "note": ""}
    )
    assert response.status_code == 302, response.content
    key.refresh_from_db()
    assert key.hourly_quota == 7 and list(key.units.all()) == [cast.district]
    assert AuditEvent.objects.get(action="integrations.key_update").changes["units"] == [["30025"], ["871"]]
    client.post(LIST, {"action": "revoke_selected", "_selected_action": [key.pk]})
    key.refresh_from_db()
    assert not key.is_active and selectors.api_key_by_secret(secret) is None
    assert AuditEvent.objects.filter(action="integrations.key_revoke").count() == 1
    assert "Đã thu hồi" in client.get(LIST).content.decode()


def test_officers_other_than_the_system_administrator_do_not_see_the_keys(client, cast):
    for officer in (cast.minh, cast.tuan, cast.khoa):
        officer.is_staff = True
        officer.save()
        client.force_login(officer)
        assert client.get(LIST).status_code == 403
        assert client.get(ADD).status_code == 403
    services.api_key_create(actor=cast.son, organisation="Cổng dịch vụ công", units=[cast.commune])
    cast.son.is_staff = True
    cast.son.save()
    client.force_login(cast.son)  # the system administrator role (not a superuser)
    assert client.get(LIST).status_code == 200
