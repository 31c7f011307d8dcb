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
