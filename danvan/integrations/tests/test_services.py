"""Integrators' API keys: issued by a system administrator, one per organisation, scoped to units, with their
own hourly quota; only a hash is stored; issuing, changing and revoking are audited."""

import pytest

from danvan.audit.models import AuditEvent
from danvan.core.errors import DomainError
from danvan.integrations import selectors, services
from danvan.integrations.models import ApiKey


def issue(cast, **extra):
    data = {"actor": cast.son, "organisation": "Tổng đài 1022 Đồng Tháp", "units": [cast.district]}
    data.update(extra)
    return services.api_key_create(**data)


def test_the_secret_is_returned_once_and_only_its_hash_is_stored(cast):
    key, secret = issue(cast, hourly_quota=50)
    assert secret.startswith(f"dv_{key.prefix}_") and len(secret) > 40
    row = ApiKey.objects.filter(pk=key.pk).values().get()
    assert secret not in str(row) and row["secret_hash"] == services.hash_secret(secret)
    assert selectors.api_key_by_secret(secret) == key
    assert selectors.api_key_by_secret(f"  {secret} ") == key
    for wrong in (None, "", secret[:-1], key.prefix, row["secret_hash"]):
        assert selectors.api_key_by_secret(wrong) is None
    # a second key of the same organisation gets its own secret
    services.api_key_revoke(actor=cast.son, key=key, reason="Đổi khoá.")
    _again, other = issue(cast)
    assert other != secret


def test_issuing_is_audited_without_the_secret(cast):
    key, secret = issue(cast)
    event = AuditEvent.objects.get(action="integrations.key_create", object_id=str(key.pk))
    assert event.actor == cast.son and event.unit == cast.district
    assert event.changes["organisation"] == [None, "Tổng đài 1022 Đồng Tháp"]
    assert event.changes["units"] == [None, ["871"]] and event.changes["hourly_quota"] == [None, 100]
    assert secret not in str(event.changes) and services.hash_secret(secret) not in str(event.changes)


def test_revoking_is_audited_and_the_key_stops_authenticating(cast):
    key, secret = issue(cast)
    services.api_key_revoke(actor=cast.son, key=key, reason="Hết hợp đồng tích hợp.")
    key.refresh_from_db()
    assert key.revoked_at is not None and key.revoked_by == cast.son and not key.is_active
    assert selectors.api_key_by_secret(secret) is None
    event = AuditEvent.objects.get(action="integrations.key_revoke", object_id=str(key.pk))
    assert event.changes["revoke_reason"] == ["", "Hết hợp đồng tích hợp."]
    with pytest.raises(DomainError):
        services.api_key_update(actor=cast.son, key=key, hourly_quota=5)


def test_one_key_in_use_per_organisation(cast):
    key, _ = issue(cast)
    for name in ("Tổng đài 1022 Đồng Tháp", "tong dai 1022 dong thap", "  Tổng  đài 1022 Đồng Tháp "):
        with pytest.raises(DomainError) as exc:
            issue(cast, organisation=name)
        assert "đã có một khoá đang dùng" in exc.value.message
    services.api_key_revoke(actor=cast.son, key=key)
    issue(cast)  # after the old one is revoked
    assert ApiKey.objects.count() == 2


def test_only_a_system_administrator_issues_keys_and_only_in_their_scope(cast):
    for officer in (cast.minh, cast.tuan, cast.khoa, cast.hoa):
        with pytest.raises(DomainError) as exc:
            issue(cast, actor=officer, units=[cast.commune])
        assert exc.value.code == "forbidden"
    with pytest.raises(DomainError):
        issue(cast, actor=None)
    assert ApiKey.objects.count() == 0 and not AuditEvent.objects.filter(action__startswith="integrations")


@pytest.mark.parametrize(
    "change, words",
    [
        ({"organisation": "  "}, "tên tổ chức"),
        ({"units": []}, "ít nhất một đơn vị"),
        ({"hourly_quota": 0}, "từ 1 đến 100.000"),
        ({"hourly_quota": 100_001}, "từ 1 đến 100.000"),
        ({"hourly_quota": "nhiều"}, "số nguyên dương"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(cast, change, words):
    with pytest.raises(DomainError) as exc:
        issue(cast, **change)
    assert words in exc.value.message
    assert ApiKey.objects.count() == 0


def test_a_key_is_scoped_to_administrative_units(cast):
    from danvan.units.models import UnitKind
    from danvan.units.services import unit_create

    front = unit_create(
        actor=None,
        code="871-MT",
        name="Ủy ban MTTQ huyện",
        kind=UnitKind.FATHERLAND_FRONT,
        parent=cast.district,
    )
    with pytest.raises(DomainError) as exc:
        issue(cast, units=[front])
    assert "không phải đơn vị hành chính" in exc.value.message


def test_updating_scope_and_quota_is_audited(cast):
    key, _ = issue(cast)
    services.api_key_update(actor=cast.son, key=key, units=[cast.commune, cast.far_commune], hourly_quota=10)
    key.refresh_from_db()
    assert key.hourly_quota == 10 and set(key.units.all()) == {cast.commune, cast.far_commune}
    event = AuditEvent.objects.get(action="integrations.key_update")
    assert event.changes["hourly_quota"] == [100, 10]
    assert event.changes["units"] == [["871"], ["30025", "30130"]]


def test_admit_checks_the_scope_then_counts_the_hourly_quota(cast):
    key, _ = issue(cast, units=[cast.commune], hourly_quota=2)
    key = ApiKey.objects.prefetch_related("units").get(pk=key.pk)
    with pytest.raises(DomainError) as exc:
        services.api_key_admit(key=key, unit=cast.sibling_commune)
    assert exc.value.code == "out_of_scope" and services.api_key_used(key) == 0
    services.api_key_admit(key=key, unit=cast.commune)
    services.api_key_admit(key=key, unit=cast.commune, hamlet=cast.other_hamlet)
    with pytest.raises(services.QuotaExceeded) as exc:
        services.api_key_admit(key=key, unit=cast.commune)
    assert 0 < exc.value.retry_after <= 3600 and "phút" in exc.value.message
    services.api_key_release(key=key)
    assert services.api_key_used(key) == 2
