import pytest

from danvan.integrations import services as key_services


@pytest.fixture
def integrator(cast):
    """An integrator's API key issued by the system administrator for Xã Phú Cường: (key, secret)."""
    return key_services.api_key_create(
        actor=cast.son,
        organisation="Ứng dụng Tổng đài 1022 Đồng Tháp",
        units=[cast.commune],
        hourly_quota=20,
        contact="Phòng CNTT, 0277 3851 234",
    )


@pytest.fixture(autouse=True)
def _quota_clock_inside_one_hour(monkeypatch):
    """Keys count their posts per clock hour: hold the clock in the middle of the current hour, so that no
    test sees a key's count start again because the hour turned while it ran."""
    import time

    middle = (time.time() // 3600) * 3600 + 1800
    monkeypatch.setattr(key_services, "_clock", lambda: middle)
